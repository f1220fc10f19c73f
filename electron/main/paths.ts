/**
 * Where the built app's pieces are, where the data lives, and whether we run against the
 * electron-vite dev server. Everything is derived from this bundle's own location (out/main/).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app } from 'electron';

const mainDir = fileURLToPath(new URL('.', import.meta.url));

export const paths = {
  /** out/main/engine.js: the utility-process entry. */
  engineEntry: join(mainDir, 'engine.js'),
  /** out/preload/index.cjs: the sandboxed preload. */
  preload: join(mainDir, '..', 'preload', 'index.cjs'),
  /** out/renderer/: everything the page may load from disk. */
  rendererDir: join(mainDir, '..', 'renderer'),
  rendererIndex: join(mainDir, '..', 'renderer', 'index.html'),
} as const;

export const rendererIndexUrl = pathToFileURL(paths.rendererIndex).href;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The electron-vite dev server URL, only when unpackaged and only on loopback: an environment
 * variable must never be able to point the app at a remote page.
 */
export function devServerUrl(): URL | null {
  const raw = process.env.ELECTRON_RENDERER_URL;
  if (app.isPackaged || !raw) return null;
  try {
    const url = new URL(raw);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) return url;
  } catch {
    // fall through
  }
  console.warn(`[caselens] ignoring ELECTRON_RENDERER_URL=${raw}: only loopback dev servers are allowed`);
  return null;
}

/** The data folder: $CASELENS_DATA_DIR, else <userData>/data. Created if missing. */
export function resolveDataDir(): string {
  const fromEnv = process.env.CASELENS_DATA_DIR;
  const dir = fromEnv && fromEnv.trim() !== '' ? resolve(fromEnv) : join(app.getPath('userData'), 'data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Must run before `ready` and before the single-instance lock: a stable profile folder however we
 * are launched (`electron .`, `electron out/main/index.js`, packaged), i.e. <appData>/CaseLens, or
 * $CASELENS_USER_DATA_DIR for isolated profiles (tests, side-by-side runs).
 */
export function configureAppPaths(): void {
  app.setName('CaseLens');
  const profile = process.env.CASELENS_USER_DATA_DIR;
  app.setPath('userData', profile && profile.trim() !== '' ? resolve(profile) : join(app.getPath('appData'), 'CaseLens'));
}
