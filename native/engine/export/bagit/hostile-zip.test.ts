/** verifyBag refuses hostile zips with the reason and never crashes or writes anything. */
import { promises as fs, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip, type ZipEntryInput } from '../../../../tests/fixtures/zip';
import { tempDir } from './test-helpers';
import { verifyBag } from './verifier';

let root: string;
beforeAll(() => {
  root = tempDir('hostile');
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

const BAGIT = { name: 'bag/bagit.txt', data: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') };
const PAYLOAD = { name: 'bag/data/a.jpg', data: Buffer.from('payload bytes') };

/** Write a zip of these entries, then let `patch` edit central directory records (by entry index). */
async function zipFile(name: string, entries: ZipEntryInput[], patch?: (zip: Buffer, central: number[]) => void): Promise<string> {
  const zip = await makeZip(entries, { method: 'store' });
  const central: number[] = [];
  for (let i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) central.push(i);
  patch?.(zip, central);
  const file = path.join(root, name);
  writeFileSync(file, zip);
  return file;
}

async function refusal(file: string, limits?: { maxExpansion?: number }): Promise<string | null> {
  const before = readdirSync(root).sort();
  const report = await verifyBag(file, limits ? { zipLimits: limits } : {});
  expect(report.ok).toBe(false);
  expect(readdirSync(root).sort()).toEqual(before);
  return report.refused;
}

describe('hostile zips', () => {
  it('refuses path traversal and absolute entry names', async () => {
    expect(await refusal(await zipFile('traversal.zip', [BAGIT, PAYLOAD, { name: 'bag/../../escape.jpg', data: Buffer.from('x') }]))).toMatch(/escapes the archive/);
    expect(await refusal(await zipFile('absolute.zip', [BAGIT, PAYLOAD, { name: '/etc/x.jpg', data: Buffer.from('x') }]))).toMatch(/absolute path/);
    expect(await refusal(await zipFile('backslash.zip', [BAGIT, PAYLOAD, { name: 'bag\\data\\x.jpg', data: Buffer.from('x') }]))).toMatch(/backslash/);
  });

  it('refuses symbolic link entries', async () => {
    const file = await zipFile('symlink.zip', [BAGIT, { name: 'bag/data/link', data: Buffer.from('/etc/passwd') }], (zip, central) =>
      zip.writeUInt32LE((0o120777 << 16) >>> 0, (central[1] as number) + 38),
    );
    expect(await refusal(file)).toMatch(/"bag\/data\/link" is a symbolic link/);
  });

  it('refuses encrypted entries', async () => {
    const file = await zipFile('encrypted.zip', [BAGIT, { ...PAYLOAD, method: 'deflate' }], (zip, central) => zip.writeUInt16LE(0x1, (central[1] as number) + 8));
    expect(await refusal(file)).toMatch(/"bag\/data\/a\.jpg" is encrypted/);
  });

  it('refuses duplicate entries and entries differing only by case', async () => {
    expect(await refusal(await zipFile('dup.zip', [BAGIT, PAYLOAD, { ...PAYLOAD, data: Buffer.from('other bytes') }]))).toMatch(/duplicate entry "bag\/data\/a\.jpg"/);
    expect(await refusal(await zipFile('case.zip', [BAGIT, PAYLOAD, { name: 'bag/data/A.JPG', data: Buffer.from('x') }]))).toMatch(/differ only by case/);
  });

  it('refuses absurd declared sizes: over the expansion limit, a ratio deflate cannot reach, overlapping entries', async () => {
    const bomb = await zipFile('bomb.zip', [BAGIT, { name: 'bag/data/zeros.bin', zeros: 64 * 1024 * 1024 }]);
    expect(await refusal(bomb, { maxExpansion: 16 * 1024 * 1024 })).toMatch(/declare more than 16777216 bytes/);
    // The central directory lies: 3 GB from a few bytes.
    const liar = await zipFile('liar.zip', [BAGIT, { name: 'bag/data/x.bin', data: Buffer.from('tiny'), method: 'deflate' }], (zip, central) =>
      zip.writeUInt32LE(3_000_000_000, (central[1] as number) + 24),
    );
    expect(await refusal(liar)).toMatch(/a ratio deflate cannot reach/);
    // Two central entries pointing into the same local data (the overlapping-entries zip bomb).
    const overlap = await zipFile('overlap.zip', [BAGIT, PAYLOAD, { name: 'bag/data/b.jpg', data: Buffer.from('payload bytes') }], (zip, central) =>
      zip.writeUInt32LE(zip.readUInt32LE((central[1] as number) + 42), (central[2] as number) + 42),
    );
    expect(await refusal(overlap)).toMatch(/overlap/);
  });

  it('refuses an entry that inflates past its declared size, and garbage that is not a zip', async () => {
    const data = Buffer.alloc(200_000, 0x41);
    const file = await zipFile('short.zip', [BAGIT, { name: 'bag/manifest-sha256.txt', data: Buffer.from(`${'0'.repeat(64)}  data/x.bin\n`) }, { name: 'bag/data/x.bin', data, method: 'deflate' }], (zip, central) =>
      zip.writeUInt32LE(1000, (central[2] as number) + 24),
    );
    expect(await refusal(file)).toMatch(/zip refused: data\/x\.bin cannot be read/);
    writeFileSync(path.join(root, 'garbage.zip'), readFileSync(path.join(root, 'short.zip')).subarray(0, 100));
    expect(await refusal(path.join(root, 'garbage.zip'))).toMatch(/zip cannot be read/);
    expect(await refusal(path.join(root, 'missing.zip'))).toMatch(/cannot open the bag/);
  });

  it('refuses a zip with no bag in it', async () => {
    expect(await refusal(await zipFile('nobag.zip', [PAYLOAD]))).toMatch(/no bagit\.txt/);
  });
});
