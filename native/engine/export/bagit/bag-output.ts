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
import { createDirectFile, openForReadBack } from './direct-file';
import { BagPlanError } from './paths';

/** One file being written. */
export interface FileSink {
  /**
   * Append a chunk. Folder sinks take the chunk's offset at the call, so several writes may be in flight (the
   * caller keeps each buffer unchanged until its promise settles, and awaits them all before `end`); zip sinks
   * copy the chunk and may be called again once this resolves.
   */
  write(chunk: Buffer): Promise<void>;
  /** Finish the file (flushed to disk for a folder when `durable`). */
  end(): Promise<void>;
  /** Give the file up after a failure (its handle closed; the scratch is removed by discard). */
  abandon(): Promise<void>;
}

/** A bag being written. */
export interface BagOutput {
  readonly container: 'folder' | 'zip';
  /** Writes a copy may keep in flight at once (a zip is one stream: one). */
  readonly writesInFlight: number;
  /** Files that may be copied at once (a zip is one stream: one). */
  readonly filesInFlight: number;
  /** The temporary path being written (a folder or a zip). */
  readonly scratch: string;
  /** Path of a written file on disk, for reading it back (folders only). */
  diskPath(bagPath: string): string | null;
  /** Open a written file for its read-back (folders only): with direct I/O where it was written so. */
  openWritten(bagPath: string): Promise<fs.FileHandle>;
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
 * Files from this size on are written with direct I/O (direct-file.ts): below it the saving is a few microseconds
 * and the padded last block and truncate cost more than they save. 64 KiB: one block-sized syscall's worth.
 */
const DIRECT_MIN_BYTES = 64 * 1024;

/**
 * Writes of one folder file in flight at once. A direct write returns only when the device has the bytes, so one
 * at a time leaves the device idle while the next chunk is read and hashed; 3 keeps it busy and leaves one of
 * libuv's 4 threads for the reads (measured in docs/BENCHMARKS.md "Evidence packages").
 */
const FOLDER_WRITES_IN_FLIGHT = 3;

/**
 * Folder files copied at once. Each file costs a chain of round trips to libuv's threads (open, read, write,
 * truncate, flush, close) during which a single copy leaves the CPU and the device idle; with thousands of small
 * files that chain, not the bytes, bounded the copy. Several copies overlap one's round trips with the others'
 * bytes: 2 took 8.3–8.9 s for 5,000 files / 2 GB, 3 took 7.9–8.2 s, 4 (with 2 writes each) 7.8–8.1 s (measured in
 * docs/BENCHMARKS.md "Evidence packages"); 3 keeps the chunk pool's 16 buffers enough for reads, writes, the
 * read-back and the hash worker.
 */
const FOLDER_FILES_IN_FLIGHT = 3;

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
  /** Files written (at least in part) with direct I/O, read back the same way. */
  const directlyWritten = new Set<string>();
  return {
    container: 'folder',
    writesInFlight: FOLDER_WRITES_IN_FLIGHT,
    filesInFlight: FOLDER_FILES_IN_FLIGHT,
    scratch,
    diskPath,
    async openWritten(bagPath) {
      return openForReadBack(diskPath(bagPath), directlyWritten.has(bagPath));
    },
    async file(bagPath, size) {
      const file = diskPath(bagPath);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        await fs.mkdir(dir, { recursive: true });
        made.add(dir);
      }
      const writer = size >= DIRECT_MIN_BYTES ? await createDirectFile(file, 0o644, size) : null;
      const handle = writer ? null : await fs.open(file, 'wx', 0o644);
      let position = 0;
      return {
        async write(chunk) {
          if (writer) return writer.write(chunk);
          const at = position;
          position += chunk.length;
          let done = 0;
          while (done < chunk.length) {
            const { bytesWritten } = await (handle as fs.FileHandle).write(chunk, done, chunk.length - done, at + done);
            done += bytesWritten;
          }
        },
        async end() {
          const finished = writer ? await writer.finish() : (handle as fs.FileHandle);
          if (writer?.direct) directlyWritten.add(bagPath);
          if (!durable) return finished.close();
          // Flushed in the background while the next file is copied; commit waits for every flush.
          while (syncing.size >= MAX_PENDING_SYNCS) await Promise.race(syncing);
          const sync: Promise<void> = finished
            .datasync()
            .finally(() => finished.close())
            .catch((e: Error) => void (syncFailure ??= e))
            .finally(() => syncing.delete(sync));
          syncing.add(sync);
        },
        abandon: () => (writer ? writer.abandon() : (handle as fs.FileHandle).close().catch(() => undefined)),
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
    writesInFlight: 1,
    filesInFlight: 1,
    scratch,
    diskPath: () => null,
    openWritten: () => Promise.reject(new Error('a zip entry is read back through the zip reader')),
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
