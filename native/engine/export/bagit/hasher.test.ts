/** The hasher gives Node's digests whether chunks come from the shared pool or not, and fails (never hangs) without its worker. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Hasher } from './hasher';
import { pseudoRandomBytes, tempDir } from './test-helpers';

const dir = tempDir('hasher');
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('Hasher', () => {
  it('matches createHash for pooled file chunks and for in-memory chunks, with and without the worker', async () => {
    const data = pseudoRandomBytes(3 * 1024 * 1024 + 123, 3);
    const file = path.join(dir, 'f.bin');
    await fs.writeFile(file, data);
    const expected = { sha256: createHash('sha256').update(data).digest('hex'), sha512: createHash('sha512').update(data).digest('hex') };
    for (const threads of [true, false]) {
      const hasher = new Hasher(threads);
      try {
        const pooled = hasher.begin(['sha256', 'sha512']);
        const handle = await fs.open(file, 'r');
        expect(await hasher.pool.readFile(handle, (chunk) => pooled.update(chunk))).toBe(data.length);
        await handle.close();
        expect(await pooled.digest()).toEqual(expected);
        const inMemory = hasher.begin(['sha256', 'sha512'], true);
        for (let i = 0; i < data.length; i += 700_000) await inMemory.update(data.subarray(i, i + 700_000));
        expect(await inMemory.digest()).toEqual(expected);
      } finally {
        await hasher.close();
      }
    }
  });

  it('rejects instead of hanging when the worker dies, and gives its buffers back', async () => {
    const hasher = new Hasher(true);
    const job = hasher.begin(['sha512']);
    await job.update(Buffer.alloc(1024));
    await (hasher as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(job.digest()).rejects.toThrow(/hash worker stopped/);
    const handle = await fs.open(path.join(dir, 'f.bin'), 'r');
    const next = hasher.begin(['sha256']);
    // Main-thread algorithms still work and all eight buffers are free again.
    expect(await hasher.pool.readFile(handle, (chunk) => next.update(chunk))).toBeGreaterThan(0);
    await handle.close();
    expect(() => hasher.begin(['sha512'])).toThrow(/hash worker stopped/);
    await hasher.close();
  });
});
