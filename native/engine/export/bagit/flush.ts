/**
 * Making a finished folder bag durable before it is renamed into place. On Linux the whole file system is flushed
 * once (syncfs(2), through coreutils `sync --file-system`); elsewhere, or where that fails, every file is flushed on
 * its own (fdatasync), a few at a time, then every folder.
 *
 * Why once: the copies' bytes went to the device with direct I/O already (copy-job.ts), so what a flush still
 * does is commit the file system's journal (sizes, extents, names) and empty the device's write cache. One
 * fdatasync per file does that once per file: for 5,000 files that cost ≈4 s of a 12 s copy on this machine,
 * against one flush for all (docs/BENCHMARKS.md "Evidence packages").
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';

/** Flushes in flight in the per-file fallback: libuv's 4 threads, one left for anything else. */
const FALLBACK_FLUSHES = 3;

/** syncfs(2) on the file system holding `path`; false where it is not available or fails. */
function syncFileSystem(path: string): Promise<boolean> {
  if (process.platform !== 'linux') return Promise.resolve(false);
  return new Promise((resolve) => execFile('sync', ['--file-system', path], { timeout: 10 * 60_000 }, (error) => resolve(error === null)));
}

async function flushOne(path: string, directory: boolean): Promise<void> {
  const handle = await fs.open(path, 'r');
  try {
    // A folder's flush is refused on some platforms (Windows); its files' are not.
    if (directory) await handle.sync().catch(() => undefined);
    else await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * Flush `files` and `folders` (all inside `root`) to stable storage.
 * @returns how: `file-system` (one syncfs) or `each` (one flush per file and folder)
 */
export async function flushBag(root: string, files: readonly string[], folders: readonly string[]): Promise<'file-system' | 'each'> {
  if (await syncFileSystem(root)) return 'file-system';
  let next = 0;
  const lane = async () => {
    while (next < files.length) await flushOne(files[next++] as string, false);
  };
  await Promise.all(Array.from({ length: FALLBACK_FLUSHES }, lane));
  for (const folder of folders) await flushOne(folder, true);
  return 'each';
}
