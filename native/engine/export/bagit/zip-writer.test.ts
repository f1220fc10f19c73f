/**
 * The in-place zip writer (zip-writer.ts), read back by two independent readers: yauzl (through
 * checkZipStructure, which also compares every local header) and Python's zipfile (CRC-32 of every entry checked
 * where the data is real). ZIP64 is exercised where it is needed: an entry over 4 GiB (a sparse file of zeros, so
 * the test writes almost nothing), an entry whose header lies past 4 GiB, and more than 65,535 entries.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs, truncateSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { pageAlignedSharedMemory, WASM_PAGE } from './aligned-memory';
import { checkZipStructure } from './bag-output';
import { COPY_CHUNK, copyOne, type CopyBuffers } from './copy-job';
import { pseudoRandomBytes, tempDir } from './test-helpers';
import { ZipWriter } from './zip-writer';

const dir = tempDir('zip-writer');
afterAll(() => fs.rm(dir, { recursive: true, force: true }));
const hasPython = spawnSync('python3', ['--version']).status === 0;
const when = new Date(2026, 11, 7, 14, 30, 22);

function buffers(): CopyBuffers {
  const memory = pageAlignedSharedMemory(COPY_CHUNK + WASM_PAGE);
  return { chunk: Buffer.from(memory, 0, COPY_CHUNK), block: Buffer.from(memory, COPY_CHUNK, 4096) };
}

/** What Python's zipfile reads: every entry's name, size, header offset, CRC-32 and date; `test` also checks every CRC. */
function pythonReads(zip: string, test: boolean): { names: string[]; sizes: number[]; offsets: number[]; crcs: number[]; date: number[]; bad: string | null; last: string } {
  const script = `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
infos = z.infolist()
print(json.dumps({
  "names": [i.filename for i in infos], "sizes": [i.file_size for i in infos], "offsets": [i.header_offset for i in infos],
  "crcs": [i.CRC for i in infos], "date": list(infos[0].date_time), "bad": z.testzip() if sys.argv[2] == "1" else None,
  "last": z.read(infos[-1]).hex()}))`;
  const run = spawnSync('python3', ['-c', script, zip, test ? '1' : '0'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as ReturnType<typeof pythonReads>;
}

describe('ZipWriter', () => {
  it('writes entries copied into their places, aligned where large, that both readers accept with their CRC-32s', async () => {
    const file = path.join(dir, 'small.zip');
    const zip = await ZipWriter.create(file, when);
    const entries = [0, 1, 4095, 64 * 1024, COPY_CHUNK + 3, 70_000].map((size, i) => ({ name: `BAG/data/${i} file ščž.bin`, bytes: pseudoRandomBytes(size, i + 1) }));
    const b = buffers();
    for (const e of entries) {
      const offset = zip.reserve(e.name, e.bytes.length);
      if (e.bytes.length >= 64 * 1024) expect(offset % 4096).toBe(0);
      const result = copyOne({ bagPath: e.name, source: { bytes: e.bytes }, size: e.bytes.length, target: file, mode: 'region', offset, durable: false }, b, () => false, () => undefined);
      await zip.written(e.name, result.crc32);
    }
    await zip.finish(true);
    await checkZipStructure(file, zip);
    if (!hasPython) return;
    const read = pythonReads(file, true);
    expect(read.bad).toBeNull();
    expect(read.names).toEqual(entries.map((e) => e.name));
    expect(read.crcs).toEqual(entries.map((e) => crc32(e.bytes)));
    expect(read.date).toEqual([2026, 12, 7, 14, 30, 22]);
    expect(read.last).toBe((entries.at(-1) as { bytes: Buffer }).bytes.toString('hex'));
  });

  it('refuses to finish with an entry reserved but not written, and a name reserved twice', async () => {
    const zip = await ZipWriter.create(path.join(dir, 'unfinished.zip'), when);
    zip.reserve('a', 10);
    expect(() => zip.reserve('a', 10)).toThrow(/reserved twice/);
    await expect(zip.finish(false)).rejects.toThrow(/a was reserved but not written/);
    await zip.abandon();
  });

  it.runIf(process.platform === 'linux')('uses ZIP64 for an entry over 4 GiB and for a header past 4 GiB', async () => {
    const file = path.join(dir, 'big.zip');
    const zip = await ZipWriter.create(file, when);
    const big = 4 * 1024 ** 3 + 12_345;
    const bigAt = zip.reserve('BAG/data/big.bin', big);
    // The big entry's bytes are zeros: a hole in a sparse file, nothing written. Its CRC-32, computed in pieces:
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    let crc = 0;
    for (let left = big; left > 0; left -= zeros.length) crc = crc32(zeros.subarray(0, Math.min(left, zeros.length)), crc);
    const small = pseudoRandomBytes(5000, 9);
    const smallAt = zip.reserve('BAG/data/after.bin', small.length);
    expect(smallAt).toBeGreaterThan(2 ** 32);
    truncateSync(file, bigAt + big);
    const result = copyOne({ bagPath: 'after', source: { bytes: small }, size: small.length, target: file, mode: 'region', offset: smallAt, durable: false }, buffers(), () => false, () => undefined);
    await zip.written('BAG/data/big.bin', crc);
    await zip.written('BAG/data/after.bin', result.crc32);
    await zip.finish(false);
    await checkZipStructure(file, zip);
    if (!hasPython) return;
    const read = pythonReads(file, false);
    expect(read.sizes).toEqual([big, small.length]);
    expect(read.offsets[1]).toBeGreaterThan(2 ** 32);
    expect(read.crcs).toEqual([crc, crc32(small)]);
    expect(read.last).toBe(small.toString('hex'));
  }, 120_000);

  it('uses the ZIP64 end records for more than 65,535 entries', async () => {
    const file = path.join(dir, 'many.zip');
    const zip = await ZipWriter.create(file, when);
    const count = 70_000;
    const handle = await fs.open(file, 'r+');
    for (let i = 0; i < count; i++) {
      const name = `BAG/data/${i}.txt`;
      const bytes = Buffer.from(`${i}\n`);
      const at = zip.reserve(name, bytes.length);
      await handle.write(bytes, 0, bytes.length, at);
      await zip.written(name, crc32(bytes));
    }
    await handle.close();
    await zip.finish(false);
    await checkZipStructure(file, zip);
    if (!hasPython) return;
    const read = pythonReads(file, true);
    expect(read.names.length).toBe(count);
    expect(read.bad).toBeNull();
    expect(Buffer.from(read.last, 'hex').toString()).toBe(`${count - 1}\n`);
  }, 120_000);
});
