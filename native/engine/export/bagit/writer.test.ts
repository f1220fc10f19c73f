/** writeBag: round trips through the verifier and an independent RFC 8493 checker; bad plans and aborts leave nothing. */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBagWithOracle, oracleBagInfo } from '../../../../tests/support/bagit-oracle';
import { pseudoRandomBytes, samplePlan, tempDir, testSigner } from './test-helpers';
import { verifyBag } from './verifier';
import { writeBag, type BagPlan } from './writer';

const dirs: string[] = [];
const dir = (label: string) => {
  const d = tempDir(label);
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

const sha = (alg: string, data: Buffer) => createHash(alg).update(data).digest('hex');

describe('writeBag', () => {
  it('writes a folder bag the independent RFC 8493 checker accepts, with bit-exact copies and both manifests', async () => {
    const d = dir('folder');
    const plan = await samplePlan(d);
    const signer = testSigner();
    const target = path.join(d, 'EXP_1');
    const result = await writeBag(plan, { container: 'folder', path: target }, { signer, now: new Date(2025, 2, 1, 12, 0, 0) });

    const oracle = checkBagWithOracle(target);
    expect(oracle.errors).toEqual([]);
    expect(oracle.valid).toBe(true);
    for (const entry of plan.payload) {
      const original = 'file' in entry.source ? readFileSync(entry.source.file) : 'bytes' in entry.source ? Buffer.from(entry.source.bytes) : Buffer.from(await entry.source.later);
      const copy = readFileSync(path.join(target, ...entry.path.split('/')));
      expect(copy.equals(original)).toBe(true);
      const written = result.payload.find((f) => f.path === entry.path);
      expect(written?.sha256).toBe(sha('sha256', original));
      expect(written?.sha512).toBe(sha('sha512', original));
    }
    expect(readFileSync(path.join(target, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const info = oracleBagInfo(target);
    const octets = result.payload.reduce((s, f) => s + f.size, 0);
    expect(info.get('Payload-Oxum')).toEqual([`${octets}.5`]);
    expect(info.get('Bagging-Date')).toEqual(['2025-03-01']);
    expect(info.get('Signing-Key-Fingerprint')).toEqual([signer.key.fingerprint]);
    expect(info.get('Authorization')).toEqual([plan.info?.[3]?.value]);
    for (const label of ['Source-Organization', 'External-Identifier', 'Bag-Software-Agent', 'Bag-Size', 'Handling-Code', 'Source-Reliability', 'Information-Accuracy'])
      expect(info.get(label)?.length, label).toBe(1);
    // Long values are folded to lines of at most 79 characters.
    expect(readFileSync(path.join(target, 'bag-info.txt'), 'utf8').split('\n').every((l) => l.length <= 79)).toBe(true);
    // CR/LF/% are percent-encoded in manifests.
    const manifest = readFileSync(path.join(target, 'manifest-sha256.txt'), 'utf8');
    expect(manifest).toContain('data/evidence/E2/line%0Abreak.txt');
    expect(manifest).toContain('data/evidence/E1/IMG 0001 100%25.jpg');
    // The tag manifest lists the tag files and not the signature; nothing is left beside the bag.
    const tagManifest = readFileSync(path.join(target, 'tagmanifest-sha256.txt'), 'utf8');
    for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt', 'metadata/case.jsonld', 'metadata/custody-log.jsonl']) expect(tagManifest).toContain(`  ${f}\n`);
    expect(tagManifest).not.toContain('signature.json');
    expect(result.tagManifestSha256).toBe(sha('sha256', Buffer.from(tagManifest)));
    expect(readdirSync(d).sort()).toEqual(['EXP_1', 'src']);

    const report = await verifyBag(target, { trustedFingerprints: [signer.key.fingerprint] });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.signature).toMatchObject({ status: 'valid', matchesBagInfo: true, trusted: true, signer: 'Insp. Test', workstation: 'WS-TEST' });
    // 5 payload files × 2 manifests + 6 tag files × 2 tag manifests, all ok.
    expect(report.lines).toHaveLength(22);
    expect(report.lines.every((l) => l.status === 'ok')).toBe(true);
  });

  it('writes a zip bag (one top-level folder) that verifies without extraction and holds the same bytes', async () => {
    const d = dir('zip');
    const plan = await samplePlan(d);
    const signer = testSigner();
    const target = path.join(d, 'EXP_2.zip');
    const folder = await writeBag(plan, { container: 'folder', path: path.join(d, 'EXP_2') }, { signer });
    const zipped = await writeBag(plan, { container: 'zip', path: target }, { signer });
    expect(zipped.payload).toEqual(folder.payload);
    const report = await verifyBag(target);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, container: 'zip', signature: { status: 'valid' } });
    expect(readdirSync(d).sort()).toEqual(['EXP_2', 'EXP_2.zip', 'src']);
    // Top-level folder named after the zip.
    const bytes = readFileSync(target);
    expect(bytes.includes(Buffer.from('EXP_2/bagit.txt'))).toBe(true);
  });

  it('reports progress up to the total and hashes the same on every run', async () => {
    const d = dir('progress');
    const plan = await samplePlan(d);
    const seen: number[] = [];
    const a = await writeBag(plan, { container: 'folder', path: path.join(d, 'a') }, { onProgress: (p) => seen.push(p.bytesDone / p.bytesTotal), durable: false });
    const b = await writeBag(plan, { container: 'folder', path: path.join(d, 'b') }, {});
    expect(a.payload).toEqual(b.payload);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((v, i) => i === 0 || v >= (seen[i - 1] as number))).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
    expect(a.fingerprint).toBeNull();
  });

  it('refuses a wrong expected SHA-256, naming the file, and leaves nothing behind', async () => {
    const d = dir('expected');
    const plan = await samplePlan(d);
    const good = sha('sha256', readFileSync((plan.payload[0]?.source as { file: string }).file));
    const wrong: BagPlan = {
      ...plan,
      payload: plan.payload.map((e, i) => (i === 0 ? { ...e, expectedSha256: good } : i === 1 ? { ...e, expectedSha256: '0'.repeat(64) } : e)),
    };
    for (const container of ['folder', 'zip'] as const) {
      const target = path.join(d, container === 'zip' ? 'bag.zip' : 'bag');
      await expect(writeBag(wrong, { container, path: target })).rejects.toThrow(/IMG 0001 100%\.jpg.*not the expected 0{64}/);
      expect(readdirSync(d)).toEqual(['src']);
    }
  });

  it('writes files still being made (`later`) once they are, and fails the bag with their error, leaving nothing', async () => {
    const d = dir('later');
    const plan = await samplePlan(d);
    const report = pseudoRandomBytes(70_000, 11);
    for (const container of ['folder', 'zip'] as const) {
      let resolveReport: (bytes: Uint8Array) => void = () => undefined;
      const made = new Promise<Uint8Array>((resolve) => (resolveReport = resolve));
      const withLater: BagPlan = { ...plan, payload: [...plan.payload, { path: 'data/report/report.pdf', source: { later: made } }], tags: [...(plan.tags ?? []), { path: 'metadata/late.json', source: { later: made.then(() => Buffer.from('{"late":true}\n')) } }] };
      const target = path.join(d, container === 'zip' ? 'later.zip' : 'later');
      const progress: number[] = [];
      // The late file is made once the copy has begun (its first progress event).
      const onProgress = (p: { bytesTotal: number }) => {
        progress.push(p.bytesTotal);
        resolveReport(report);
      };
      const writing = writeBag(withLater, { container, path: target }, { signer: testSigner(), onProgress });
      const result = await writing;
      expect(result.payload.find((f) => f.path === 'data/report/report.pdf')).toMatchObject({ size: report.length, sha256: sha('sha256', report) });
      expect((await verifyBag(target)).problems).toEqual([]);
      // The total grows by the late file once it exists.
      expect(Math.max(...progress) - Math.min(...progress)).toBe(report.length + '{"late":true}\n'.length);
      if (container === 'folder') expect(readFileSync(path.join(target, 'data', 'report', 'report.pdf')).equals(report)).toBe(true);
    }
    const failing: BagPlan = { ...plan, payload: [...plan.payload, { path: 'data/report/report.pdf', source: { later: Promise.reject(new Error('report PDF: out of fonts')) } }] };
    for (const container of ['folder', 'zip'] as const) {
      const target = path.join(d, container === 'zip' ? 'failing.zip' : 'failing');
      await expect(writeBag(failing, { container, path: target })).rejects.toThrow('report PDF: out of fonts');
      expect(existsSync(target)).toBe(false);
    }
    expect(readdirSync(d).sort()).toEqual(['later', 'later.zip', 'src']);
  });

  it('refuses absolute paths, "..", duplicates, case and Unicode-normalisation collisions, file/folder clashes and reserved names', async () => {
    const d = dir('paths');
    const base = await samplePlan(d);
    const bytes = { bytes: Buffer.from('x') };
    const cases: [BagPlan['payload'], BagPlan['tags'], RegExp][] = [
      [[{ path: '/data/x', source: bytes }], [], /absolute path/],
      [[{ path: 'data/../x', source: bytes }], [], /escapes the bag/],
      [[{ path: 'evidence/x', source: bytes }], [], /not under data\//],
      [[{ path: 'data/a\\b', source: bytes }], [], /backslash/],
      [[{ path: 'data/x', source: bytes }, { path: 'data/x', source: bytes }], [], /duplicate path.*data\/x/],
      [[{ path: 'data/E1/IMG.jpg', source: bytes }, { path: 'data/E1/img.JPG', source: bytes }], [], /img\.JPG.*collides with.*IMG\.jpg/],
      [[{ path: 'data/E1/a', source: bytes }, { path: 'data/e1/b', source: bytes }], [], /data\/e1\/b.*collides with.*data\/E1/],
      [[{ path: 'data/caf\u00e9.jpg', source: bytes }, { path: 'data/cafe\u0301.jpg', source: bytes }], [], /collides with/],
      [[{ path: 'data/a', source: bytes }, { path: 'data/a/b', source: bytes }], [], /both a file and a folder/],
      [[], [{ path: 'data/x', source: bytes }], /tag file refused.*payload folder/],
      [[], [{ path: 'Bag-Info.txt', source: bytes }], /a name the bag itself uses/],
      [[], [{ path: 'signature.json', source: bytes }], /a name the bag itself uses/],
      [[{ path: 'data/x', source: { file: path.join(d, 'no-such-file') } }], [], /data\/x: cannot read its source/],
    ];
    for (const [payload, tags, message] of cases) {
      await expect(writeBag({ ...base, payload, tags }, { container: 'folder', path: path.join(d, 'bag') }), String(message)).rejects.toThrow(message);
    }
    await expect(writeBag({ ...base, info: [{ label: 'Payload-Oxum', value: '1.1' }] }, { container: 'folder', path: path.join(d, 'bag') })).rejects.toThrow(/set by the writer/);
    await expect(writeBag({ ...base, info: [{ label: 'Note', value: 'two\nlines' }] }, { container: 'folder', path: path.join(d, 'bag') })).rejects.toThrow(/line break/);
    expect(readdirSync(d)).toEqual(['src']);
    // An existing target is never overwritten.
    await fs.mkdir(path.join(d, 'taken'));
    await expect(writeBag(base, { container: 'folder', path: path.join(d, 'taken') })).rejects.toThrow(/already exists/);
  });

  it('an abort while a file made later is awaited ends the bag at once, leaving nothing', async () => {
    const d = dir('abort-later');
    const plan = await samplePlan(d);
    // A file that is never made: only the abort can end the wait for it.
    const never = new Promise<Uint8Array>(() => undefined);
    const payloadBytes = plan.payload.reduce((sum, e) => sum + ('file' in e.source ? statSync(e.source.file).size : 'bytes' in e.source ? e.source.bytes.byteLength : 0), 0);
    for (const container of ['folder', 'zip'] as const) {
      const controller = new AbortController();
      const target = path.join(d, container === 'zip' ? 'never.zip' : 'never');
      const run = writeBag(
        { ...plan, payload: [...plan.payload, { path: 'data/report/never.pdf', source: { later: never } }] },
        { container, path: target },
        // Aborted once every payload file that exists is copied: then nothing is copying, the bag only waits.
        { signal: controller.signal, onProgress: (p) => p.bytesDone === payloadBytes && setTimeout(() => controller.abort(new Error('cancelled while the report was made')), 300) },
      );
      await expect(run).rejects.toThrow('cancelled while the report was made');
      expect(existsSync(target)).toBe(false);
    }
    expect(readdirSync(d)).toEqual(['src']);
  });

  it('an abort mid-copy leaves nothing at the target or beside it (folder and zip)', async () => {
    const d = dir('abort');
    const src = path.join(d, 'src');
    await fs.mkdir(src);
    const payload = [];
    for (let i = 0; i < 6; i++) {
      await fs.writeFile(path.join(src, `f${i}`), pseudoRandomBytes(1024 * 1024 + i, i + 1));
      payload.push({ path: `data/f${i}`, source: { file: path.join(src, `f${i}`) } });
    }
    for (const container of ['folder', 'zip'] as const) {
      const controller = new AbortController();
      const target = path.join(d, container === 'zip' ? 'bag.zip' : 'bag');
      const run = writeBag(
        { payload, sourceOrganization: 'U', externalIdentifier: 'X' },
        { container, path: target },
        { signal: controller.signal, onProgress: (p) => p.bytesDone > 3 * 1024 * 1024 && controller.abort(new Error('stopped by the user')) },
      );
      await expect(run).rejects.toThrow('stopped by the user');
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(d)).toEqual(['src']);
    }
  });
});
