/**
 * One copy (copy-job.ts), in both modes: a file of its own (padded last block cut back) and a region of a shared
 * file (a zip entry: the bytes around it, which belong to other entries, must be untouched). Whatever the size,
 * the copy holds exactly the source's bytes, its digests are the source's, and where the temporary folder's file
 * system takes O_DIRECT the copy goes around the page cache; where the kernel refuses (EINVAL) everything goes
 * through the page cache instead, at the same offsets.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, promises as fs, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { pageAlignedSharedMemory, WASM_PAGE } from './aligned-memory';
import { COPY_CHUNK, copyOne, CopyStoppedError, O_DIRECT, SYSTEM_IO, type CopyBuffers, type CopyIo } from './copy-job';
import { pseudoRandomBytes, tempDir } from './test-helpers';

const dir = tempDir('copy-job');
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

function buffers(): CopyBuffers {
  const memory = pageAlignedSharedMemory(COPY_CHUNK + WASM_PAGE);
  return { chunk: Buffer.from(memory, 0, COPY_CHUNK), block: Buffer.from(memory, COPY_CHUNK, 4096) };
}

/** Whether the temporary folder's file system opens files with O_DIRECT (tmpfs does not). */
function takesDirectIo(): boolean {
  if (O_DIRECT === undefined) return false;
  const probe = path.join(dir, `.probe-${Math.random()}`);
  try {
    closeSync(openSync(probe, constants.O_WRONLY | constants.O_CREAT | O_DIRECT, 0o600));
    return true;
  } catch {
    return false;
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sizes = [0, 1, 4095, 64 * 1024, COPY_CHUNK, COPY_CHUNK + 1, 3 * COPY_CHUNK + 4095, 5 * COPY_CHUNK + 123];

describe('copyOne', () => {
  it.each(sizes)('copies %i bytes from a file into a file of its own, exactly, with the source digests', async (size) => {
    const bytes = pseudoRandomBytes(size, size + 1);
    const source = path.join(dir, `src-${size}`);
    const target = path.join(dir, `own-${size}`);
    await fs.writeFile(source, bytes);
    let progress = 0;
    const result = copyOne({ bagPath: `data/${size}`, source: { file: source }, size, target, mode: 'own', offset: 0, durable: true }, buffers(), () => false, (n) => (progress += n));
    expect(readFileSync(target).equals(bytes)).toBe(true);
    expect(result).toMatchObject({ size, sha256: sha256(bytes), sha512: createHash('sha512').update(bytes).digest('hex'), crc32: crc32(bytes) });
    expect(progress).toBe(size);
    if (takesDirectIo()) expect(result.direct).toBe(size >= 64 * 1024);
  });

  it.each(sizes)('copies %i bytes into a region of a shared file, leaving the bytes around it untouched', (size) => {
    const bytes = pseudoRandomBytes(size, size + 2);
    const target = path.join(dir, `region-${size}`);
    // Bytes of other entries before the region and after it (a next header written before this copy ends).
    const offset = 3 * 4096;
    writeFileSync(target, Buffer.alloc(offset + size + 100, 0xaa));
    const result = copyOne({ bagPath: `data/${size}`, source: { bytes }, size, target, mode: 'region', offset, durable: false }, buffers(), () => false, () => undefined);
    const after = readFileSync(target);
    expect(after.length).toBe(offset + size + 100);
    expect(after.subarray(offset, offset + size).equals(bytes)).toBe(true);
    expect(after.subarray(0, offset).every((b) => b === 0xaa)).toBe(true);
    expect(after.subarray(offset + size).every((b) => b === 0xaa)).toBe(true);
    expect(result.crc32).toBe(crc32(bytes));
    if (takesDirectIo()) expect(result.direct).toBe(size >= 64 * 1024);
  });

  it('writes and reads through the page cache where the kernel refuses direct I/O (EINVAL), at the same offsets', () => {
    const refusals: string[] = [];
    // A file system that opens O_DIRECT but refuses its aligned writes and reads, as some FUSE and network ones do.
    const refusing: CopyIo = {
      write(fd, buffer, offset, length, position) {
        if (length % 4096 === 0 && position % 4096 === 0 && isDirect(fd)) {
          refusals.push('write');
          throw Object.assign(new Error('EINVAL: invalid argument, write'), { code: 'EINVAL' });
        }
        return SYSTEM_IO.write(fd, buffer, offset, length, position);
      },
      read(fd, buffer, offset, length, position) {
        if (isDirect(fd)) {
          refusals.push('read');
          throw Object.assign(new Error('EINVAL: invalid argument, read'), { code: 'EINVAL' });
        }
        return SYSTEM_IO.read(fd, buffer, offset, length, position);
      },
    };
    const bytes = pseudoRandomBytes(2 * COPY_CHUNK + 9, 5);
    const target = path.join(dir, 'refused');
    const result = copyOne({ bagPath: 'data/refused', source: { bytes }, size: bytes.length, target, mode: 'own', offset: 0, durable: false }, buffers(), () => false, () => undefined, refusing);
    expect(readFileSync(target).equals(bytes)).toBe(true);
    expect(result.direct).toBe(false);
    if (takesDirectIo()) expect(refusals).toEqual(['write']);
  });

  it.runIf(process.platform === 'linux')('reads its source once: the digests, the CRC-32 and the copy come from the same read', async () => {
    const bytes = pseudoRandomBytes(2 * COPY_CHUNK + 5000, 8);
    const source = path.join(dir, 'src-once');
    await fs.writeFile(source, bytes);
    const readFrom = new Map<string, number>();
    const counting: CopyIo = {
      write: SYSTEM_IO.write,
      read(fd, buffer, offset, length, position) {
        const n = SYSTEM_IO.read(fd, buffer, offset, length, position);
        const file = readlinkSync(`/proc/self/fd/${fd}`);
        readFrom.set(file, (readFrom.get(file) ?? 0) + n);
        return n;
      },
    };
    const target = path.join(dir, 'copy-once');
    const result = copyOne({ bagPath: 'data/once', source: { file: source }, size: bytes.length, target, mode: 'own', offset: 0, durable: false }, buffers(), () => false, () => undefined, counting);
    expect(result.sha256).toBe(sha256(bytes));
    // The source once; the copy once more, by its read-back.
    expect(Object.fromEntries(readFrom)).toEqual({ [source]: bytes.length, [target]: bytes.length });
  });

  it('refuses to overwrite an existing file', () => {
    const target = path.join(dir, 'exists');
    writeFileSync(target, 'x');
    expect(() => copyOne({ bagPath: 'data/x', source: { bytes: Buffer.from('y') }, size: 1, target, mode: 'own', offset: 0, durable: false }, buffers(), () => false, () => undefined)).toThrow(/EEXIST/);
    expect(readFileSync(target, 'utf8')).toBe('x');
  });

  it('stops between chunks when told to', () => {
    const bytes = pseudoRandomBytes(3 * COPY_CHUNK, 6);
    let chunks = 0;
    const job = { bagPath: 'data/stopped', source: { bytes }, size: bytes.length, target: path.join(dir, 'stopped'), mode: 'own' as const, offset: 0, durable: false };
    expect(() => copyOne(job, buffers(), () => chunks >= 1, () => chunks++)).toThrow(CopyStoppedError);
    expect(chunks).toBe(1);
  });
});

/** Whether `fd` was opened with O_DIRECT (from /proc's record of its flags, Linux). */
function isDirect(fd: number): boolean {
  if (O_DIRECT === undefined) return false;
  try {
    const flags = /flags:\s*([0-7]+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & O_DIRECT) !== 0;
  } catch {
    return false;
  }
}
