import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every npm dependency is classified; a new one fails this test until it is. Engine packages ship as
 * runtime dependencies (native modules, loaded by Node); renderer packages are bundled by Vite; tooling
 * never reaches a user's machine.
 */
const CLASSES = {
  engine: ['@techstark/opencv-js', 'better-sqlite3', 'csv-parse', 'dejavu-fonts-ttf', 'exifr', 'file-type', 'pdfkit', 'sharp', 'tesseract.js', 'yauzl', 'zod'],
  /** Headers the native addons compile against at install (scripts/build-addons.mjs): a runtime dependency so a production install builds them. */
  addonBuild: ['node-addon-api'],
  renderer: ['react', 'react-dom', '@tanstack/react-virtual'],
  electron: ['electron'],
  tooling: [
    '@playwright/test', '@tesseract.js-data/eng', '@types/better-sqlite3', '@types/node', '@types/react', '@types/react-dom', '@types/yauzl',
    '@types/jsonld', '@types/n3', '@types/pdfkit', 'jsonld', 'n3', 'shacl-engine',
    '@vitejs/plugin-react', 'electron-builder', 'electron-vite', 'esbuild', 'eslint', 'tsx', 'typescript',
    'typescript-eslint', 'vite', 'vitest',
  ],
} as const;

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function importedPackages(files: string[]): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const patterns = [/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms, /^\s*import\s+['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
    for (const match of patterns.flatMap((pattern) => [...text.matchAll(pattern)])) {
      const spec = match[1]!;
      if (spec.startsWith('node:') || spec.startsWith('.')) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return found;
}

describe('dependency classification', () => {
  it('classifies every declared dependency', () => {
    const classified = new Set<string>(Object.values(CLASSES).flat());
    const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    expect(declared.filter((name) => !classified.has(name))).toEqual([]);
  });

  it('ships exactly the engine packages as runtime dependencies', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...CLASSES.engine, ...CLASSES.addonBuild].sort());
  });

  it('keeps each layer to its own packages', () => {
    const engine = importedPackages(sources(path.join(ROOT, 'native')));
    expect([...engine]).toEqual(expect.arrayContaining(['sharp', 'better-sqlite3', 'exifr']));
    // tsx: the engine's worker threads (forensic kernels, report PDF) load their TypeScript through tsx only when
    // running from source (tests, `npx tsx`); builds load the bundled workers (native/engine/spawn-worker.ts).
    const fromSourceOnly = ['tsx'];
    expect([...engine].filter((name) => !(CLASSES.engine as readonly string[]).includes(name) && !fromSourceOnly.includes(name))).toEqual([]);
    const renderer = importedPackages(sources(path.join(ROOT, 'renderer/src')));
    expect([...renderer]).toContain('react');
    expect([...renderer].filter((name) => !(CLASSES.renderer as readonly string[]).includes(name))).toEqual([]);
    const shell = importedPackages(sources(path.join(ROOT, 'electron')));
    expect([...shell]).toContain('electron');
    expect([...shell].filter((name) => !(CLASSES.electron as readonly string[]).includes(name))).toEqual([]);
  });
});
