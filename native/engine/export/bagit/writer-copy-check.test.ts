/**
 * The read-back check of every copy (copy-job.ts: CRC-32 of the copy as it reads back against the CRC-32 of the
 * bytes read from the source): faults injected into the write path (a byte flipped, a reused buffer written twice,
 * a chunk dropped) must fail the copy, naming the file, for a file of its own and for a zip region; writeBag must
 * fail the whole bag when a copy fails, and leave nothing behind. The digests in the manifests come from the source
 * bytes, so without this check such a bag would carry correct hashes of wrong copies.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageAlignedSharedMemory, WASM_PAGE } from './aligned-memory';
import { copyOne, COPY_CHUNK, CopyCheckError, SourceChangedError, SYSTEM_IO, type CopyBuffers, type CopyIo, type CopyJob } from './copy-job';
import { pseudoRandomBytes, tempDir } from './test-helpers';
import { writeBag, type BagPlan } from './writer';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

function buffers(): CopyBuffers {
  const memory = pageAlignedSharedMemory(COPY_CHUNK + WASM_PAGE);
  return { chunk: Buffer.from(memory, 0, COPY_CHUNK), block: Buffer.from(memory, COPY_CHUNK, 4096) };
}

type Fault = 'flip' | 'repeat' | 'drop';

/**
 * System I/O whose second write of the copy goes wrong as `fault` says: its bytes flipped or replaced by the first
 * write's (a reused buffer written twice), in place, so the write still goes the way it would (direct where it
 * was), or dropped.
 */
function faultyIo(fault: Fault): CopyIo {
  let writes = 0;
  let first: Buffer | null = null;
  return {
    read: SYSTEM_IO.read,
    write(fd, buffer, offset, length, position) {
      writes++;
      if (writes === 1) first = Buffer.from(buffer.subarray(offset, offset + length));
      if (writes !== 2) return SYSTEM_IO.write(fd, buffer, offset, length, position);
      if (fault === 'drop') return length;
      if (fault === 'repeat') buffer.set((first as Buffer).subarray(0, length), offset);
      else buffer[offset + 1000] = (buffer[offset + 1000] as number) ^ 0x01;
      return SYSTEM_IO.write(fd, buffer, offset, length, position);
    },
  };
}

/** Three 1 MiB chunks and a bit, so there is a second chunk to corrupt and a partial last block. */
const LARGE = 3 * COPY_CHUNK + 77;

describe('copyOne read-back check', () => {
  for (const mode of ['own', 'region'] as const)
    for (const fault of ['flip', 'repeat', 'drop'] as const)
      it(`fails a copy (${mode === 'own' ? 'a file of its own' : 'a zip region'}) corrupted in the write path (${fault}), naming the file`, () => {
        const d = tempDir(`crc-${mode}-${fault}`);
        dirs.push(d);
        const bytes = pseudoRandomBytes(LARGE, 4);
        const target = path.join(d, 'copy.bin');
        if (mode === 'region') writeFileSync(target, Buffer.alloc(0));
        const job: CopyJob = { bagPath: 'data/large.bin', source: { bytes }, size: LARGE, target, mode, offset: mode === 'region' ? 8192 : 0, durable: false };
        let error: unknown = null;
        try {
          copyOne(job, buffers(), () => false, () => undefined, faultyIo(fault));
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(CopyCheckError);
        expect((error as CopyCheckError).bagPath).toBe('data/large.bin');
        expect((error as Error).message).toMatch(/^data\/large\.bin: the written copy reads back with CRC-32 [0-9a-f]{8}, not [0-9a-f]{8} as read from its source$/);
      });

  it('passes the same copy through the same I/O when nothing is injected, and reports its digests', () => {
    const d = tempDir('crc-clean');
    dirs.push(d);
    const bytes = pseudoRandomBytes(LARGE, 4);
    for (const mode of ['own', 'region'] as const) {
      const target = path.join(d, `copy-${mode}.bin`);
      if (mode === 'region') writeFileSync(target, Buffer.alloc(0));
      const offset = mode === 'region' ? 8192 : 0;
      const result = copyOne({ bagPath: 'data/large.bin', source: { bytes }, size: LARGE, target, mode, offset, durable: true }, buffers(), () => false, () => undefined);
      expect(result.size).toBe(LARGE);
      expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(readFileSync(target).subarray(offset)).toEqual(bytes);
    }
  });

  it('fails a copy whose source is not the size listed', async () => {
    const d = tempDir('crc-size');
    dirs.push(d);
    await fs.writeFile(path.join(d, 'src.bin'), pseudoRandomBytes(5000, 2));
    const job: CopyJob = { bagPath: 'data/src.bin', source: { file: path.join(d, 'src.bin') }, size: 4000, target: path.join(d, 'copy.bin'), mode: 'own', offset: 0, durable: false };
    expect(() => copyOne(job, buffers(), () => false, () => undefined)).toThrow(SourceChangedError);
    expect(() => copyOne({ ...job, size: 6000, target: path.join(d, 'copy2.bin') }, buffers(), () => false, () => undefined)).toThrow(/changed size while being read \(6000 bytes listed, 5000 read\)/);
  });
});

describe('writeBag when a copy fails', () => {
  for (const container of ['folder', 'zip'] as const)
    it.runIf(process.platform === 'linux')(`fails the ${container} bag, naming the file, and leaves nothing`, async () => {
      const d = tempDir(`bag-fail-${container}`);
      dirs.push(d);
      const small = path.join(d, 'small.bin');
      await fs.writeFile(small, pseudoRandomBytes(5000, 3));
      const plan: BagPlan = {
        payload: [
          { path: 'data/small.bin', source: { file: small } },
          // A regular file whose listed size (0) is not what reads from it: its copy fails on a copy worker.
          { path: 'data/status.txt', source: { file: '/proc/self/status' } },
          { path: 'data/made.bin', source: { later: Promise.resolve(pseudoRandomBytes(10, 1)) } },
        ],
        sourceOrganization: 'Test',
        externalIdentifier: 'FAIL',
      };
      const out = path.join(d, 'out');
      await fs.mkdir(out);
      const target = path.join(out, container === 'zip' ? 'EXP.zip' : 'EXP');
      const error = await writeBag(plan, { container, path: target }, { durable: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceChangedError);
      expect((error as Error).message).toBe('data/status.txt: its source grew while being read (0 bytes listed)');
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(out)).toEqual([]);
    });
});
