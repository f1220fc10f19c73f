import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EngineError, type FsEntry, type FsListing } from '../contract';

/**
 * Browser mode's stand-in for the native open dialog: list one folder, folders first. Read-only: it
 * never opens a file, only reads the directory and file sizes.
 */
export async function listFolder(requested?: string): Promise<FsListing> {
  const dir = path.resolve(requested && requested.trim() ? requested : os.homedir());
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    throw new EngineError('not-found', `Cannot list ${dir}: ${(error as Error).message}`);
  }
  const entries: FsEntry[] = [];
  for (const name of names) {
    const full = path.join(dir, name);
    const stat = await fs.stat(full).catch(() => null);
    if (!stat) continue;
    entries.push({ name, path: full, kind: stat.isDirectory() ? 'dir' : 'file', size: stat.isDirectory() ? null : stat.size });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = path.dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries };
}
