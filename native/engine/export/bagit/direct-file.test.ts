/**
 * Direct-I/O copies (direct-file.ts): whatever the chunks look like (page-aligned pool chunks, malloc'd buffers,
 * odd lengths, several writes in flight, a file system that refuses O_DIRECT) the file ends up holding exactly
 * the bytes written, and reads back the same through openForReadBack. Where the platform and the temporary
 * folder's file system take O_DIRECT, pool chunks must actually go around the page cache.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ChunkPool } from './chunk-pool';
import { createDirectFile, openForReadBack, platformHasDirectIo } from './direct-file';
import { pseudoRandomBytes, tempDir } from './test-helpers';

const dir = tempDir('direct');
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Whether `folder`'s file system opens files with O_DIRECT (tmpfs does not). */
async function takesDirectIo(folder: string): Promise<boolean> {
  const O_DIRECT = (constants as { O_DIRECT?: number }).O_DIRECT;
  if (O_DIRECT === undefined) return false;
  const probe = path.join(folder, `.probe-${Math.random()}`);
  try {
    const handle = await fs.open(probe, constants.O_WRONLY | constants.O_CREAT | O_DIRECT, 0o600);
    await handle.close();
    return true;
  } catch {
    return false;
  } finally {
    await fs.rm(probe, { force: true });
  }
}

/** Copy `source` into a new direct file through the pool's aligned chunks, `inFlight` writes at a time. */
async function copyThroughPool(pool: ChunkPool, source: string, target: string, inFlight: number) {
  const size = (await fs.stat(source)).size;
  const writer = await createDirectFile(target, 0o644, size);
  const pending = new Set<Promise<void>>();
  const handle = await fs.open(source, 'r');
  try {
    await pool.readFile(handle, async (chunk) => {
      const slot = pool.slotOf(chunk)!;
      pool.retain(slot);
      const write: Promise<void> = writer.write(chunk).finally(() => {
        pool.release(slot);
        pending.delete(write);
      });
      pending.add(write);
      while (pending.size >= inFlight) await Promise.race(pending);
    });
    await Promise.all(pending);
  } finally {
    await handle.close();
  }
  const finished = await writer.finish();
  await finished.close();
  return writer.direct;
}

async function crcOfReadBack(pool: ChunkPool, file: string, direct: boolean): Promise<number> {
  const handle = await openForReadBack(file, direct);
  let crc = 0;
  try {
    await pool.readFile(handle, async (chunk) => {
      crc = crc32(chunk, crc);
    });
  } finally {
    await handle.close();
  }
  return crc;
}

describe('direct-I/O copies', () => {
  const pool = new ChunkPool(8, 1024 * 1024);
  const sizes = [64 * 1024, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 + 4095, 5 * 1024 * 1024 + 123];

  it.each(sizes)('copies %i bytes exactly, with several writes in flight, and reads them back', async (size) => {
    const bytes = pseudoRandomBytes(size, size);
    const source = path.join(dir, `src-${size}`);
    const target = path.join(dir, `copy-${size}`);
    await fs.writeFile(source, bytes);
    const direct = await copyThroughPool(pool, source, target, 3);
    expect((await fs.readFile(target)).equals(bytes)).toBe(true);
    expect(await crcOfReadBack(pool, target, direct)).toBe(crc32(bytes));
    if (platformHasDirectIo && (await takesDirectIo(dir))) expect(direct).toBe(true);
  });

  it('falls back to ordinary writes for unaligned buffers and lengths, at the right offsets', async () => {
    const bytes = pseudoRandomBytes(300_000, 3);
    const target = path.join(dir, 'unaligned');
    const writer = await createDirectFile(target, 0o644, bytes.length);
    // Buffer.from copies into malloc'd memory (16-byte aligned at best); lengths of 4096, 1000 and the rest.
    const cuts = [0, 4096, 8192, 9192, 65536, bytes.length];
    await Promise.all(cuts.slice(1).map((end, k) => writer.write(Buffer.from(bytes.subarray(cuts[k], end)))));
    await (await writer.finish()).close();
    expect((await fs.readFile(target)).equals(bytes)).toBe(true);
  });

  it('writes and reads ordinarily where the file system refuses O_DIRECT (EINVAL, as older tmpfs)', async () => {
    const O_DIRECT = (constants as { O_DIRECT?: number }).O_DIRECT ?? 0;
    const realOpen = fs.open.bind(fs);
    const refused: string[] = [];
    const spy = vi.spyOn(fs, 'open').mockImplementation(async (file, flags, mode) => {
      if (typeof flags === 'number' && O_DIRECT && (flags & O_DIRECT) !== 0) {
        refused.push(String(file));
        throw Object.assign(new Error('EINVAL: invalid argument, open'), { code: 'EINVAL' });
      }
      return realOpen(file, flags, mode);
    });
    try {
      const bytes = pseudoRandomBytes(2 * 1024 * 1024 + 9, 5);
      const source = path.join(dir, 'src-refused');
      const target = path.join(dir, 'copy-refused');
      await fs.writeFile(source, bytes);
      expect(await copyThroughPool(pool, source, target, 3)).toBe(false);
      expect((await fs.readFile(target)).equals(bytes)).toBe(true);
      expect(await crcOfReadBack(pool, target, true)).toBe(crc32(bytes));
      // Both the copy and the read-back asked for direct I/O where the platform has it, and were refused.
      if (platformHasDirectIo) expect(refused).toEqual([target, target]);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses to overwrite an existing file', async () => {
    const target = path.join(dir, 'exists');
    await fs.writeFile(target, 'x');
    await expect(createDirectFile(target, 0o644, 10)).rejects.toMatchObject({ code: 'EEXIST' });
  });
});
