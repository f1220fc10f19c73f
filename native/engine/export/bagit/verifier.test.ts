/** verifyBag names every kind of tampering: changed, removed and added bytes, forged and replaced signatures. */
import { cpSync, promises as fs, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../../../../tests/fixtures/zip';
import { makeSignatureFile } from './signature';
import { samplePlan, tempDir, testKey, testSigner } from './test-helpers';
import { verifyBag, type BagReport } from './verifier';
import { writeBag } from './writer';

let root: string;
let pristine: string;
const signer = testSigner();
let copies = 0;

beforeAll(async () => {
  root = tempDir('verify');
  pristine = path.join(root, 'pristine');
  await writeBag(await samplePlan(root), { container: 'folder', path: pristine }, { signer, durable: false });
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

/** A fresh copy of the pristine bag to tamper with. */
function copyBag(): string {
  const target = path.join(root, `copy-${copies++}`);
  cpSync(pristine, target, { recursive: true });
  return target;
}

function flipByte(file: string, at = 0): void {
  const bytes = readFileSync(file);
  bytes[at] = (bytes[at] as number) ^ 0x01;
  writeFileSync(file, bytes);
}

const statuses = (report: BagReport, file: string) => report.lines.filter((l) => l.path === file).map((l) => `${l.manifest}:${l.status}`);

describe('verifyBag', () => {
  it('passes the untouched bag with every line ok', async () => {
    const report = await verifyBag(pristine);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.payloadOxum.ok).toBe(true);
    expect(report.bagit).toEqual({ ok: true, version: '1.0', encoding: 'UTF-8' });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('names a changed byte in a payload file with expected and actual hashes', async () => {
    const bag = copyBag();
    flipByte(path.join(bag, 'data/evidence/E1/big.bin'), 2 * 1024 * 1024 + 5);
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(statuses(report, 'data/evidence/E1/big.bin')).toEqual(['manifest-sha256.txt:changed', 'manifest-sha512.txt:changed']);
    const line = report.lines.find((l) => l.path === 'data/evidence/E1/big.bin' && l.manifest === 'manifest-sha256.txt');
    expect(line?.expected).toMatch(/^[0-9a-f]{64}$/);
    expect(line?.actual).toMatch(/^[0-9a-f]{64}$/);
    expect(line?.actual).not.toBe(line?.expected);
    expect(report.lines.filter((l) => l.status !== 'ok')).toHaveLength(2);
    expect(report.signature.status).toBe('valid');
  });

  it('names a changed payload manifest through the signed tag manifest', async () => {
    const bag = copyBag();
    const file = path.join(bag, 'manifest-sha256.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0')));
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(statuses(report, 'manifest-sha256.txt')).toEqual(['tagmanifest-sha256.txt:changed', 'tagmanifest-sha512.txt:changed']);
    expect(report.lines.filter((l) => l.status === 'changed' && l.manifest === 'manifest-sha256.txt')).toHaveLength(1);
  });

  it('names a changed tag file (metadata/case.jsonld)', async () => {
    const bag = copyBag();
    flipByte(path.join(bag, 'metadata/case.jsonld'), 3);
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(statuses(report, 'metadata/case.jsonld')).toEqual(['tagmanifest-sha256.txt:changed', 'tagmanifest-sha512.txt:changed']);
    expect(report.problems.join('\n')).toContain('metadata/case.jsonld has changed');
  });

  it('names a removed payload file and a removed tag file', async () => {
    const bag = copyBag();
    await fs.rm(path.join(bag, 'data/report/findings.csv'));
    await fs.rm(path.join(bag, 'metadata/custody-log.jsonl'));
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(statuses(report, 'data/report/findings.csv')).toEqual(['manifest-sha256.txt:missing', 'manifest-sha512.txt:missing']);
    expect(statuses(report, 'metadata/custody-log.jsonl')).toEqual(['tagmanifest-sha256.txt:missing', 'tagmanifest-sha512.txt:missing']);
    expect(report.payloadOxum.ok).toBe(false);
  });

  it('names files added to the payload, to metadata/ and at the root', async () => {
    const bag = copyBag();
    await fs.writeFile(path.join(bag, 'data/evidence/E1/planted.jpg'), 'x');
    await fs.writeFile(path.join(bag, 'metadata/extra.json'), '{}');
    await fs.writeFile(path.join(bag, 'README.txt'), 'hello');
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(report.unlisted.map((u) => `${u.path}:${u.kind}:${u.status}`)).toEqual([
      'README.txt:tag:added',
      'data/evidence/E1/planted.jpg:payload:added',
      'metadata/extra.json:tag:added',
    ]);
    expect(report.unlisted.find((u) => u.kind === 'payload')?.absentFrom).toEqual(['manifest-sha256.txt', 'manifest-sha512.txt']);
  });

  it('names a file listed in one payload manifest but not the other', async () => {
    const bag = copyBag();
    const file = path.join(bag, 'manifest-sha512.txt');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').filter((l) => !l.endsWith('findings.csv')).join('\n'));
    const report = await verifyBag(bag);
    expect(report.unlisted).toEqual([{ path: 'data/report/findings.csv', kind: 'payload', absentFrom: ['manifest-sha512.txt'], status: 'partly-listed' }]);
  });

  it('detects a changed Payload-Oxum in bag-info.txt', async () => {
    const bag = copyBag();
    const file = path.join(bag, 'bag-info.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/Payload-Oxum: (\d+)\./, (_m, n: string) => `Payload-Oxum: ${Number(n) + 1}.`));
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(report.payloadOxum.ok).toBe(false);
    expect(report.payloadOxum.declared).not.toBe(report.payloadOxum.actual);
    expect(statuses(report, 'bag-info.txt')).toEqual(['tagmanifest-sha256.txt:changed', 'tagmanifest-sha512.txt:changed']);
    // The signed file is untouched: the change is caught by its line in the signed tag manifest.
    expect(report.signature.status).toBe('valid');
  });

  it('detects a wrong signature', async () => {
    const bag = copyBag();
    const file = path.join(bag, 'signature.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { signature: string };
    const sig = Buffer.from(json.signature, 'base64');
    sig[10] = (sig[10] as number) ^ 0x80;
    writeFileSync(file, JSON.stringify({ ...json, signature: sig.toString('base64') }));
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(report.signature.status).toBe('invalid');
    expect(report.lines.every((l) => l.status === 'ok')).toBe(true);
  });

  it('detects a changed signed tag manifest through the signature', async () => {
    const bag = copyBag();
    const file = path.join(bag, 'tagmanifest-sha256.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0')));
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(report.signature.status).toBe('invalid');
    expect(report.problems.join('\n')).toContain('does not verify over tagmanifest-sha256.txt');
    expect(report.lines.filter((l) => l.status === 'changed').map((l) => l.manifest)).toEqual(['tagmanifest-sha256.txt']);
  });

  it('detects a signature by another key over the same tag manifest (signature file replaced)', async () => {
    const bag = copyBag();
    const other = testSigner(testKey());
    writeFileSync(path.join(bag, 'signature.json'), makeSignatureFile(readFileSync(path.join(bag, 'tagmanifest-sha256.txt')), other, new Date()));
    const report = await verifyBag(bag, { trustedFingerprints: [signer.key.fingerprint] });
    expect(report.ok).toBe(false);
    // The signature itself verifies, but its key is not the one bag-info.txt (covered by the signature) names.
    expect(report.signature).toMatchObject({ status: 'valid', fingerprint: other.key.fingerprint, matchesBagInfo: false, trusted: false });
    expect(report.problems.join('\n')).toContain('not the one bag-info.txt names');
  });

  it('reports a missing signature, and an untrusted signer', async () => {
    const bag = copyBag();
    expect((await verifyBag(bag, { trustedFingerprints: [testKey().fingerprint] })).signature).toMatchObject({ status: 'valid', trusted: false });
    await fs.rm(path.join(bag, 'signature.json'));
    const report = await verifyBag(bag);
    expect(report).toMatchObject({ ok: false, signature: { status: 'missing' } });
    expect((await verifyBag(bag, { allowUnsigned: true })).ok).toBe(true);
  });

  it('names symbolic links in a folder bag and does not follow them', async () => {
    const bag = copyBag();
    await fs.symlink('/etc/passwd', path.join(bag, 'data/evidence/E1/link'));
    const report = await verifyBag(bag);
    expect(report.ok).toBe(false);
    expect(report.problems).toContain('data/evidence/E1/link is a symbolic link (not followed)');
  });

  it('verifies a zip bag and names a changed byte inside it', async () => {
    const zipPath = path.join(root, 'bag.zip');
    await writeBag(await samplePlan(path.join(root, 'zip-src')), { container: 'zip', path: zipPath }, { signer, durable: false });
    expect((await verifyBag(zipPath)).ok).toBe(true);
    // Rebuild the same bag as a zip with one payload byte changed (stored entries, CRCs correct for the new bytes).
    const entries: { name: string; data: Buffer; method: 'store' }[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      for (const name of (await fs.readdir(dir)).sort()) {
        const full = path.join(dir, name);
        if ((await fs.stat(full)).isDirectory()) await walk(full, `${rel}${name}/`);
        else entries.push({ name: `bag/${rel}${name}`, data: readFileSync(full), method: 'store' });
      }
    };
    await walk(pristine, '');
    const target = entries.find((e) => e.name === 'bag/data/evidence/E1/photo.jpg' || e.name.endsWith('100%.jpg'));
    if (!target) throw new Error('fixture entry missing');
    target.data = Buffer.from(target.data);
    target.data[0] = (target.data[0] as number) ^ 1;
    const tampered = path.join(root, 'tampered.zip');
    await makeZip(entries, { path: tampered });
    const report = await verifyBag(tampered);
    expect(report.ok).toBe(false);
    expect(report.container).toBe('zip');
    expect(report.lines.filter((l) => l.status !== 'ok').map((l) => l.path)).toEqual(['data/evidence/E1/IMG 0001 100%.jpg', 'data/evidence/E1/IMG 0001 100%.jpg']);
  });
});
