import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `caselens-${prefix}-`));

/** Every file under a folder with its SHA-256 and mtime, to prove originals were not modified. */
export function snapshot(root: string): Map<string, { sha256: string; mtimeMs: number; mode: number }> {
  const out = new Map<string, { sha256: string; mtimeMs: number; mode: number }>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else out.set(full, { sha256: createHash('sha256').update(readFileSync(full)).digest('hex'), mtimeMs: stat.mtimeMs, mode: stat.mode });
    }
  };
  walk(root);
  return out;
}

/** Path of the bundled CLI; builds it when a test runs before `npm run build`. */
export function cliPath(): string {
  const root = path.resolve(__dirname, '../..');
  const entry = path.join(root, 'bin', 'caselens.js');
  if (!existsSync(path.join(root, 'out', 'cli', 'caselens.js'))) execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  return entry;
}

/** Run the CLI to completion; returns exit code, stdout and stderr. */
export function runCli(args: string[], env: Readonly<Record<string, string>> = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath(), ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
