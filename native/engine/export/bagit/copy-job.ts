/**
 * One file's copy into a bag, done synchronously on a copy worker's thread (copy-worker.ts): the source read once
 * in 1 MiB chunks, SHA-256, SHA-512 and CRC-32 computed from the same chunks, the chunks written at their place in
 * the target (a file of its own, or a region of the bag's zip), the copy flushed where asked, then read back and
 * its CRC-32 compared with the source's.
 *
 * Why synchronously, on several workers: done on the main thread with fs promises, every chunk and every file cost
 * a chain of hops to libuv's threads and back, and SHA-256 and both CRC-32s ran on the main thread; for 5,000
 * files / 2 GB that chain, not the bytes, bounded the copy (docs/BENCHMARKS.md "Evidence packages"). A worker that
 * owns a whole file makes plain system calls and hashes in place; several workers overlap one's wait for the
 * device with another's hashing, and the main thread is free for the report.
 *
 * Direct I/O (direct-file.ts explains why): whole 4 KiB blocks of a target region that starts on a block go
 * around the page cache, from a page-aligned buffer; whatever the kernel refuses (EINVAL) goes through the page
 * cache at the same offset, so correctness never depends on it. A file's last partial block is padded and the file
 * cut back (a target of its own) or written through the page cache (a zip region, whose next bytes belong to the
 * next entry). The read-back reads what was written the same way, so a direct copy is checked against the device.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { crc32 } from 'node:zlib';

/** Bytes per read and write: the chunk the rest of the bag code uses (bag-reader.ts READ_CHUNK). */
export const COPY_CHUNK = 1024 * 1024;
/** Alignment of direct I/O buffers, offsets and lengths: 4096 covers 512- and 4096-byte sectors. */
export const BLOCK = 4096;
/**
 * Regions from this size on are written with direct I/O: below it the saving is a few microseconds and the padded
 * last block costs more than it saves. 64 KiB: one block-sized syscall's worth.
 */
export const DIRECT_MIN_BYTES = 64 * 1024;
/** Linux's O_DIRECT; undefined where Node does not define it (macOS, Windows: every write is an ordinary one). */
export const O_DIRECT: number | undefined = (fs.constants as { O_DIRECT?: number }).O_DIRECT;

/** Where a copy's bytes come from. */
export type CopySource = { readonly file: string } | { readonly bytes: Uint8Array };

/** One copy to make. */
export interface CopyJob {
  readonly bagPath: string;
  readonly source: CopySource;
  /** Bytes the source must have (a file source is checked against it while read). */
  readonly size: number;
  /** The file written: a new file of the copy's own (`own`), or the bag's zip, already created. */
  readonly target: string;
  /** `own`: create `target` (it must not exist) and make it exactly the copy; `region`: write at `offset` in it. */
  readonly mode: 'own' | 'region';
  /** Where the copy starts in `target` (0 for `own`). */
  readonly offset: number;
  /** fdatasync the copy before its read-back (`own` only; a zip is flushed once, whole). */
  readonly durable: boolean;
}

/** What a copy made. */
export interface CopyResult {
  readonly bagPath: string;
  readonly size: number;
  readonly sha256: string;
  readonly sha512: string;
  /** CRC-32 of the bytes as read from the source (and as read back from the copy). */
  readonly crc32: number;
  /** Whether any of it went around the page cache. */
  readonly direct: boolean;
}

/** A copy that does not read back as the bytes read from its source. */
export class CopyCheckError extends Error {
  override readonly name = 'CopyCheckError';
  /**
   * @param bagPath the file whose copy is wrong
   * @param what how the copy differs (its CRC-32 or its size against the source's)
   */
  constructor(
    readonly bagPath: string,
    what: string,
  ) {
    super(`${bagPath}: the written copy reads back ${what} as read from its source`);
  }
}

/** A source that is not what the plan listed (changed while being read). */
export class SourceChangedError extends Error {
  override readonly name = 'SourceChangedError';
}

/** The copy was stopped from outside (the bag aborted, or another file of it failed). */
export class CopyStoppedError extends Error {
  override readonly name = 'CopyStoppedError';
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
/** The CRC-32 mismatch error. */
export const crcMismatch = (bagPath: string, copied: number, read: number) => new CopyCheckError(bagPath, `with CRC-32 ${hex8(copied)}, not ${hex8(read)}`);

/** The system calls a copy makes (tests wrap `write` to inject faults into the write path). */
export interface CopyIo {
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
}
export const SYSTEM_IO: CopyIo = {
  write: (fd, buffer, offset, length, position) => fs.writeSync(fd, buffer, offset, length, position),
  read: (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
};

/** A copy worker's reusable page-aligned memory: one chunk and one block. */
export interface CopyBuffers {
  readonly chunk: Buffer;
  readonly block: Buffer;
}

const isEinval = (e: unknown) => (e as NodeJS.ErrnoException).code === 'EINVAL';

function writeAll(io: CopyIo, fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) {
    const written = io.write(fd, bytes, done, bytes.length - done, position + done);
    if (written === 0) throw new Error('the file system wrote 0 bytes');
    done += written;
  }
}

/** Read until `bytes` is full or the file ends; returns the bytes read. */
function readFull(io: CopyIo, fd: number, bytes: Uint8Array, position: number): number {
  let done = 0;
  while (done < bytes.length) {
    const read = io.read(fd, bytes, done, bytes.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}

function tryOpen(file: string, flags: number, mode?: number): number | null {
  try {
    return fs.openSync(file, flags, mode);
  } catch (e) {
    if (isEinval(e)) return null;
    throw e;
  }
}

/** The target's handles: a direct one where the kernel gives it, an ordinary one opened when first needed. */
class TargetFile {
  /** After the first write the kernel refused direct, everything goes ordinarily. */
  private refused: boolean;
  wentDirect = false;
  /** A padded last block was written past the copy's end (own targets: cut back after the copy). */
  padded = false;

  constructor(
    private readonly file: string,
    private readonly direct: number | null,
    private plain: number | null,
  ) {
    this.refused = direct === null;
  }

  get canGoDirect(): boolean {
    return !this.refused;
  }

  ordinary(): number {
    return (this.plain ??= fs.openSync(this.file, 'r+'));
  }

  /** Any open handle (a flush or a truncate applies to the file, whichever handle wrote it). */
  any(): number {
    return this.direct ?? this.ordinary();
  }

  /** Write whole blocks directly where possible, through the page cache otherwise. */
  writeBlocks(io: CopyIo, bytes: Uint8Array, position: number): void {
    if (!this.refused) {
      try {
        writeAll(io, this.direct as number, bytes, position);
        this.wentDirect = true;
        return;
      } catch (e) {
        if (!isEinval(e)) throw e;
        // Refused once (a file system without direct I/O, a misaligned buffer): the rest goes ordinarily too.
        this.refused = true;
      }
    }
    writeAll(io, this.ordinary(), bytes, position);
  }

  close(): void {
    for (const fd of [this.direct, this.plain]) if (fd !== null) fs.closeSync(fd);
  }
}

/** Open the target for the copy. */
function openTarget(job: CopyJob): TargetFile {
  const wantDirect = O_DIRECT !== undefined && job.size >= DIRECT_MIN_BYTES && job.offset % BLOCK === 0;
  const { O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
  if (job.mode === 'own') {
    const direct = wantDirect ? tryOpen(job.target, O_WRONLY | O_CREAT | O_EXCL | (O_DIRECT as number), 0o644) : null;
    return new TargetFile(job.target, direct, direct === null ? fs.openSync(job.target, 'wx', 0o644) : null);
  }
  const direct = wantDirect ? tryOpen(job.target, O_WRONLY | (O_DIRECT as number)) : null;
  return new TargetFile(job.target, direct, null);
}

/** Chunks of the source, into `buffers.chunk` (a file) or copied there from the bytes (so a direct write can take them). */
function* sourceChunks(job: CopyJob, buffers: CopyBuffers, io: CopyIo): Generator<Buffer> {
  if ('bytes' in job.source) {
    const bytes = Buffer.from(job.source.bytes.buffer, job.source.bytes.byteOffset, job.source.bytes.byteLength);
    for (let at = 0; at < bytes.length; at += COPY_CHUNK) yield buffers.chunk.subarray(0, bytes.copy(buffers.chunk, 0, at, Math.min(at + COPY_CHUNK, bytes.length)));
    return;
  }
  const fd = fs.openSync(job.source.file, 'r');
  try {
    // One chunk past the listed size is asked for, so a source that grew is noticed.
    for (let position = 0; ; ) {
      const n = readFull(io, fd, buffers.chunk, position);
      if (n === 0) return;
      position += n;
      yield buffers.chunk.subarray(0, n);
      if (n < buffers.chunk.length) return;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Make one copy. Throws SourceChangedError when the source's size is not the listed one, CopyCheckError when the
 * copy reads back otherwise than the source was read, CopyStoppedError when `stopped()` turns true, and any I/O
 * error; a failed copy's bytes are left for the caller to remove with the rest of the scratch.
 * @param stopped polled between chunks
 * @param onBytes told the bytes of each chunk copied (progress)
 * @param io the reads and writes (tests inject faults into the write path)
 */
export function copyOne(job: CopyJob, buffers: CopyBuffers, stopped: () => boolean, onBytes: (n: number) => void, io: CopyIo = SYSTEM_IO): CopyResult {
  const sha256 = createHash('sha256');
  const sha512 = createHash('sha512');
  let crc = 0;
  let read = 0;
  const target = openTarget(job);
  try {
    for (const chunk of sourceChunks(job, buffers, io)) {
      if (stopped()) throw new CopyStoppedError(`${job.bagPath}: stopped`);
      if (read + chunk.length > job.size) throw new SourceChangedError(`${job.bagPath}: its source grew while being read (${job.size} bytes listed)`);
      sha256.update(chunk);
      sha512.update(chunk);
      crc = crc32(chunk, crc);
      writeChunk(job, target, chunk, read, buffers, io);
      read += chunk.length;
      onBytes(chunk.length);
    }
    if (read !== job.size) throw new SourceChangedError(`${job.bagPath}: its source changed size while being read (${job.size} bytes listed, ${read} read)`);
    if (job.mode === 'own') {
      if (target.padded) fs.ftruncateSync(target.any(), read);
      if (job.durable) fs.fdatasyncSync(target.any());
    }
  } finally {
    target.close();
  }
  if (job.mode === 'own') {
    const size = fs.statSync(job.target).size;
    if (size !== read) throw new CopyCheckError(job.bagPath, `as ${size} bytes, not ${read}`);
  }
  const copied = readBack(job, target.wentDirect, buffers, stopped, io);
  if (copied !== crc) throw crcMismatch(job.bagPath, copied, crc);
  return { bagPath: job.bagPath, size: read, sha256: sha256.digest('hex'), sha512: sha512.digest('hex'), crc32: crc, direct: target.wentDirect };
}

/** Write one chunk at its place: whole blocks through `writeBlocks`; a last partial block padded (own) or written ordinarily (region). */
function writeChunk(job: CopyJob, target: TargetFile, chunk: Buffer, at: number, buffers: CopyBuffers, io: CopyIo): void {
  const position = job.offset + at;
  if (!target.canGoDirect) return writeAll(io, target.ordinary(), chunk, position);
  const whole = chunk.length - (chunk.length % BLOCK);
  if (whole > 0) target.writeBlocks(io, chunk.subarray(0, whole), position);
  if (whole === chunk.length) return;
  const tail = chunk.subarray(whole);
  // A region's next bytes belong to the next zip entry: its tail goes through the page cache, exactly.
  if (job.mode === 'region' || !target.canGoDirect) return writeAll(io, target.ordinary(), tail, position + whole);
  // The file's last piece: padded to a block here, cut back to the true length after the copy.
  buffers.block.fill(0);
  buffers.block.set(tail);
  target.writeBlocks(io, buffers.block, position + whole);
  target.padded = true;
}

/** Direct reads of whole blocks from `position` until `length` is read or the file ends (a short read is its end). */
function readDirect(io: CopyIo, fd: number, bytes: Uint8Array, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = io.read(fd, bytes, done, roundUp(length - done), position + done);
    done += n;
    if (n === 0 || n % BLOCK !== 0) break;
  }
  return Math.min(done, length);
}

/**
 * CRC-32 of the copy as it reads back: directly (from the device) where it was written so, through the page cache
 * otherwise, where the kernel refuses a direct read, and for a region's last partial block.
 */
function readBack(job: CopyJob, direct: boolean, buffers: CopyBuffers, stopped: () => boolean, io: CopyIo): number {
  const directFd = direct && O_DIRECT !== undefined ? tryOpen(job.target, fs.constants.O_RDONLY | O_DIRECT) : null;
  let plainFd: number | null = null;
  const plain = () => (plainFd ??= fs.openSync(job.target, 'r'));
  let useDirect = directFd !== null;
  let crc = 0;
  let done = 0;
  try {
    while (done < job.size) {
      if (stopped()) throw new CopyStoppedError(`${job.bagPath}: stopped`);
      const want = Math.min(COPY_CHUNK, job.size - done);
      const position = job.offset + done;
      // In an own file a direct read may ask past the end (it returns what there is); in a region it may not.
      const directLength = job.mode === 'own' ? want : want - (want % BLOCK);
      let n = 0;
      if (useDirect && directLength > 0) {
        try {
          n = readDirect(io, directFd as number, buffers.chunk, directLength, position);
        } catch (e) {
          if (!isEinval(e)) throw e;
          useDirect = false;
        }
      }
      if (n < want) n += readFull(io, plain(), buffers.chunk.subarray(n, want), position + n);
      if (n === 0) break;
      crc = crc32(buffers.chunk.subarray(0, n), crc);
      done += n;
      if (n < want) break;
    }
  } finally {
    for (const fd of [directFd, plainFd]) if (fd !== null) fs.closeSync(fd);
  }
  if (done !== job.size) throw new CopyCheckError(job.bagPath, `as ${done} bytes, not ${job.size}`);
  return crc;
}

const roundUp = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
