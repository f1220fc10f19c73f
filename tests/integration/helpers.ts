import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
