/**
 * writeBag's read-back check (CRC-32 of each written copy against the CRC-32 of the bytes read from the source):
 * faults injected into the write path (a byte flipped, a reused buffer written twice, a chunk dropped) must fail
 * the bag, naming the file, and leave nothing behind, for folders and zips. The digests in the manifests come from
 * the source bytes, so without this check such a bag would carry correct hashes of wrong copies.
 */
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type * as BagOutputModule from './bag-output';
import type { BagOutput, FileSink } from './bag-output';
import { pseudoRandomBytes, tempDir } from './test-helpers';
import { CopyCheckError, writeBag, type BagPlan } from './writer';

/** The fault the mocked outputs inject into the sink of `bagPath`, or none. */
const fault: { bagPath: string | null; kind: 'flip' | 'repeat' | 'drop' } = { bagPath: null, kind: 'flip' };

/** Wrap a sink so that its second chunk is corrupted as `fault.kind` says (the first is kept to repeat it). */
function faulty(sink: FileSink): FileSink {
  let index = 0;
  let first: Buffer | null = null;
  return {
    ...sink,
    async write(chunk) {
      index++;
      if (index === 1) first = Buffer.from(chunk);
      if (index !== 2) return sink.write(chunk);
      if (fault.kind === 'drop') return;
      if (fault.kind === 'repeat') return sink.write((first as Buffer).subarray(0, chunk.length));
      const bad = Buffer.from(chunk);
      bad[1000] = (bad[1000] as number) ^ 0x01;
      return sink.write(bad);
    },
  };
}

vi.mock('./bag-output', async (importOriginal) => {
  const real = await importOriginal<typeof BagOutputModule>();
  const wrap =
    <A extends unknown[]>(make: (...args: A) => Promise<BagOutput>) =>
    async (...args: A) => {
      const output = await make(...args);
      return {
        ...output,
        diskPath: (p: string) => output.diskPath(p),
        file: async (bagPath: string, size: number) => {
          const sink = await output.file(bagPath, size);
          return bagPath === fault.bagPath ? faulty(sink) : sink;
        },
        finish: () => output.finish(),
        commit: () => output.commit(),
        discard: () => output.discard(),
      };
    };
  return { ...real, folderOutput: wrap(real.folderOutput), zipOutput: wrap(real.zipOutput) };
});

const dirs: string[] = [];
afterEach(() => {
  fault.bagPath = null;
});
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

/** A plan of two files, the second three 1 MiB chunks and a bit (so it has a second chunk to corrupt). */
async function plan(d: string): Promise<BagPlan> {
  await fs.writeFile(path.join(d, 'small.bin'), pseudoRandomBytes(5000, 3));
  await fs.writeFile(path.join(d, 'large.bin'), pseudoRandomBytes(3 * 1024 * 1024 + 77, 4));
  return {
    payload: [
      { path: 'data/small.bin', source: { file: path.join(d, 'small.bin') } },
      { path: 'data/large.bin', source: { file: path.join(d, 'large.bin') } },
    ],
    sourceOrganization: 'Test',
    externalIdentifier: 'CRC',
  };
}

describe('writeBag read-back check', () => {
  for (const container of ['folder', 'zip'] as const)
    for (const kind of ['flip', 'repeat', 'drop'] as const)
      it(`fails a ${container} bag whose copy was corrupted in the write path (${kind}), naming the file, leaving nothing`, async () => {
        const d = tempDir(`crc-${container}-${kind}`);
        dirs.push(d);
        const p = await plan(d);
        const out = path.join(d, 'out');
        await fs.mkdir(out);
        const target = path.join(out, container === 'zip' ? 'EXP.zip' : 'EXP');
        fault.bagPath = 'data/large.bin';
        fault.kind = kind;
        const error = await writeBag(p, { container, path: target }, { durable: false }).catch((e: unknown) => e);
        // A dropped chunk in a zip is caught earlier by yazl (fewer bytes than the entry's size); either way the bag fails.
        if (container === 'zip' && kind === 'drop') expect(String(error)).toMatch(/unexpected number of bytes|CRC-32/);
        else {
          expect(error).toBeInstanceOf(CopyCheckError);
          expect((error as CopyCheckError).bagPath).toBe('data/large.bin');
          expect((error as Error).message).toMatch(kind === 'drop' ? /^data\/large\.bin: the written copy reads back as 2097229 bytes, not 3145805 as read/ : /^data\/large\.bin: the written copy reads back with CRC-32 [0-9a-f]{8}, not [0-9a-f]{8} as read/);
        }
        expect(existsSync(target)).toBe(false);
        expect(readdirSync(out)).toEqual([]);
      });

  it('passes the same plan through the same (mocked) outputs when nothing is injected', async () => {
    const d = tempDir('crc-clean');
    dirs.push(d);
    const p = await plan(d);
    for (const container of ['folder', 'zip'] as const) {
      const target = path.join(d, container === 'zip' ? 'EXP.zip' : 'EXP');
      const result = await writeBag(p, { container, path: target }, { durable: false });
      expect(result.payloadOxum).toBe(`${5000 + 3 * 1024 * 1024 + 77}.2`);
      expect(existsSync(target)).toBe(true);
    }
  });
});
