/**
 * Where a bag is written while it is made: a temporary sibling folder, or a temporary sibling zip (yazl, entries
 * stored uncompressed: evidence is mostly already-compressed media, and stored bytes stay bit-visible). Only a
 * complete, verified bag is renamed to its final name; anything else is removed.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import yazl from 'yazl';
import { BagPlanError } from './paths';

/** One file being written. */
export interface FileSink {
  write(chunk: Buffer): Promise<void>;
  /** Finish the file (flushed to disk for a folder when `durable`). */
  end(): Promise<void>;
  /** Give the file up after a failure (its handle closed; the scratch is removed by discard). */
  abandon(): Promise<void>;
}

/** A bag being written. */
export interface BagOutput {
  readonly container: 'folder' | 'zip';
  /** The temporary path being written (a folder or a zip). */
  readonly scratch: string;
  /** Path of a written file on disk, for reading it back (folders only). */
  diskPath(bagPath: string): string | null;
  file(bagPath: string, size: number): Promise<FileSink>;
  /** Complete the container (zip: central directory written and the file closed). */
  finish(): Promise<void>;
  /** Rename the scratch to the final path. */
  commit(): Promise<void>;
  /** Remove the scratch (after a failure or an abort). */
  discard(): Promise<void>;
}

/** Folder or zip, as a target path is given. */
export interface BagTarget {
  readonly container: 'folder' | 'zip';
  /** The bag's final path: a folder that must not exist yet, or a `.zip` file that must not exist yet. */
  readonly path: string;
}

/**
 * File flushes (fdatasync) allowed at once: each holds one of libuv's 4 threads, and reads and writes need the others.
 */
const MAX_PENDING_SYNCS = 2;

async function refuseExisting(target: string): Promise<void> {
  if (await fs.lstat(target).then(() => true, () => false)) throw new BagPlanError(`${target} already exists; a bag is written to a new path`);
  const parent = await fs.stat(path.dirname(target)).catch(() => null);
  if (!parent?.isDirectory()) throw new BagPlanError(`the folder ${path.dirname(target)} does not exist`);
}

const scratchName = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.partial-${randomUUID().slice(0, 8)}`);

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** A folder bag, written into `.<name>.partial-<id>` beside the target. */
export async function folderOutput(target: string, durable: boolean): Promise<BagOutput> {
  await refuseExisting(target);
  const scratch = scratchName(target);
  await fs.mkdir(scratch);
  const made = new Set<string>([scratch]);
  const syncing = new Set<Promise<void>>();
  let syncFailure: Error | null = null;
  const diskPath = (bagPath: string) => path.join(scratch, ...bagPath.split('/'));
  return {
    container: 'folder',
    scratch,
    diskPath,
    async file(bagPath) {
      const file = diskPath(bagPath);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        await fs.mkdir(dir, { recursive: true });
        made.add(dir);
      }
      const handle = await fs.open(file, 'wx', 0o644);
      let position = 0;
      return {
        async write(chunk) {
          let done = 0;
          while (done < chunk.length) {
            const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, position);
            done += bytesWritten;
            position += bytesWritten;
          }
        },
        async end() {
          if (!durable) return handle.close();
          // Flushed in the background while the next file is copied; commit waits for every flush.
          while (syncing.size >= MAX_PENDING_SYNCS) await Promise.race(syncing);
          const sync: Promise<void> = handle
            .datasync()
            .finally(() => handle.close())
            .catch((e: Error) => void (syncFailure ??= e))
            .finally(() => syncing.delete(sync));
          syncing.add(sync);
        },
        abandon: () => handle.close().catch(() => undefined),
      };
    },
    finish: async () => {
      await Promise.all(syncing);
      if (syncFailure) throw syncFailure;
      if (durable) for (const dir of made) await fsyncDir(dir);
    },
    async commit() {
      await refuseExisting(target);
      await fs.rename(scratch, target);
      if (durable) await fsyncDir(path.dirname(target));
    },
    async discard() {
      await Promise.all(syncing);
      await fs.rm(scratch, { recursive: true, force: true });
    },
  };
}

/** A zipped bag: entries under `<zip name without .zip>/`, written to `.<name>.partial-<id>` beside the target. */
export async function zipOutput(target: string, durable: boolean, mtime: Date): Promise<BagOutput> {
  await refuseExisting(target);
  const scratch = scratchName(target);
  const root = `${path.basename(target).replace(/\.zip$/i, '')}/`;
  const zip = new yazl.ZipFile();
  const out: WriteStream = createWriteStream(scratch, { flags: 'wx', mode: 0o644 });
  let failure: Error | null = null;
  /** Writers waiting for a drain, woken on failure too (a failed zip never drains). */
  const waiting = new Set<() => void>();
  const fail = (e: Error) => {
    failure ??= e;
    for (const wake of waiting) wake();
  };
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', (e) => {
      fail(e);
      reject(e);
    });
  });
  closed.catch(() => undefined);
  zip.on('error', (e: Error) => {
    fail(e);
    out.destroy(e);
  });
  zip.outputStream.pipe(out);
  return {
    container: 'zip',
    scratch,
    diskPath: () => null,
    async file(bagPath, size) {
      if (failure) throw failure;
      const pass = new PassThrough({ highWaterMark: 1024 * 1024 });
      zip.addReadStream(pass, root + bagPath, { compress: false, size, mtime, mode: 0o100644 });
      return {
        async write(chunk) {
          if (failure) throw failure;
          // A copy: the chunk's buffer is reused for the next read, while yazl may still hold this one.
          if (!pass.write(Buffer.from(chunk)))
            await new Promise<void>((resolve) => {
              const wake = () => {
                waiting.delete(wake);
                resolve();
              };
              waiting.add(wake);
              pass.once('drain', wake);
            });
          if (failure) throw failure;
        },
        async end() {
          pass.end();
        },
        async abandon() {
          pass.destroy();
        },
      };
    },
    async finish() {
      zip.end();
      await closed;
      if (failure) throw failure;
      if (durable) {
        const handle = await fs.open(scratch, 'r+');
        await handle.datasync();
        await handle.close();
      }
    },
    async commit() {
      await refuseExisting(target);
      await fs.rename(scratch, target);
      if (durable) await fsyncDir(path.dirname(target));
    },
    async discard() {
      out.destroy();
      await closed.catch(() => undefined);
      await fs.rm(scratch, { force: true });
    },
  };
}
