import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync, rmSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openUnitKey, unitKeyPath } from '../signing/unit-key';
import { bundledTemplatesDir, loadTemplateLibrary } from './library';
import { exportPack, PACK_MANIFEST, PACK_SIGNATURE, verifyPack } from './pack';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `caselens-${name}-`));
const UTO = path.join(bundledTemplatesDir()!, 'uto-rp-2024');
const PASS = 'correct horse battery';

async function signedPack() {
  const dataDir = tmp('key');
  const key = await openUnitKey(dataDir, PASS);
  const pack = path.join(tmp('pack'), 'utopia-pack');
  await exportPack([UTO], pack, key);
  return { key, pack, dataDir };
}

describe('unit key', () => {
  it('is made once, kept encrypted with mode 0600, and reopens with the same fingerprint', async () => {
    const dataDir = tmp('key');
    const first = await openUnitKey(dataDir, PASS);
    expect(first.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    const pem = readFileSync(unitKeyPath(dataDir), 'utf8');
    expect(pem).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(statSync(unitKeyPath(dataDir)).mode & 0o777).toBe(0o600);
    expect((await openUnitKey(dataDir, PASS)).fingerprint).toBe(first.fingerprint);
    await expect(openUnitKey(dataDir, 'wrong passphrase!')).rejects.toThrow(/wrong passphrase/);
    await expect(openUnitKey(tmp('key'), 'short')).rejects.toThrow(/at least 8/);
  });
});

describe('template packs', () => {
  it('exports a signed pack that verifies and loads as signed, with its signer', async () => {
    const { key, pack } = await signedPack();
    const verified = await verifyPack(pack);
    expect(verified).toMatchObject({ status: 'signed', signer: key.fingerprint, problems: [] });
    expect(verified.templates.map((t) => t.id)).toEqual(['uto-rp-2024']);
    const library = await loadTemplateLibrary([path.dirname(pack)]);
    const fromPack = library.templates.find((t) => t.source === 'pack')!;
    expect(fromPack.template.id).toBe('uto-rp-2024');
    expect(fromPack.trust).toMatchObject({ status: 'signed', signer: key.fingerprint });
    // The template.json in the pack is byte-identical to the source: the same SHA-256 is cited.
    expect(fromPack.sha256).toBe(library.templates.find((t) => t.source === 'bundled')!.sha256);
  });

  it('names every changed, missing or extra file and a broken signature, and still loads the templates with the warning', async () => {
    const changed = await signedPack();
    const png = path.join(changed.pack, 'uto-rp-2024', 'front.png');
    const bytes = readFileSync(png);
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 1;
    writeFileSync(png, bytes);
    expect(await verifyPack(changed.pack)).toMatchObject({ status: 'invalid', problems: ['uto-rp-2024/front.png: changed (SHA-256 or size differs from the manifest)'] });
    const library = await loadTemplateLibrary([path.dirname(changed.pack)]);
    expect(library.templates.find((t) => t.source === 'pack')!.trust.status).toBe('invalid');

    const extra = await signedPack();
    writeFileSync(path.join(extra.pack, 'uto-rp-2024', 'extra.txt'), 'x');
    expect((await verifyPack(extra.pack)).problems).toEqual(['uto-rp-2024/extra.txt: not listed in the manifest']);

    const missing = await signedPack();
    rmSync(path.join(missing.pack, 'uto-rp-2024', 'front.png'));
    expect((await verifyPack(missing.pack)).problems).toEqual(['uto-rp-2024/front.png: missing']);

    const manifest = await signedPack();
    appendFileSync(path.join(manifest.pack, PACK_MANIFEST), ' ');
    expect((await verifyPack(manifest.pack)).problems).toEqual([`${PACK_SIGNATURE}: the signature does not verify over ${PACK_MANIFEST}`]);

    // A signature made by another key, over the same manifest, is refused too.
    const other = await signedPack();
    const stranger = await openUnitKey(tmp('key'), PASS);
    writeFileSync(path.join(other.pack, PACK_SIGNATURE), stranger.sign(readFileSync(path.join(other.pack, PACK_MANIFEST))).toString('base64'));
    expect((await verifyPack(other.pack)).status).toBe('invalid');
  });

  it('marks unsigned packs, refuses manifest paths that leave the pack, and never exports into a full folder', async () => {
    const unsigned = path.join(tmp('pack'), 'p');
    await exportPack([UTO], unsigned, null);
    expect(await verifyPack(unsigned)).toMatchObject({ status: 'unsigned', signer: null, problems: [] });

    const hostile = path.join(tmp('pack'), 'h');
    cpSync(unsigned, hostile, { recursive: true });
    const m = JSON.parse(readFileSync(path.join(hostile, PACK_MANIFEST), 'utf8')) as { files: { path: string }[] };
    m.files.push({ path: '../../etc/passwd', size: 1, sha256: '0' } as never);
    writeFileSync(path.join(hostile, PACK_MANIFEST), JSON.stringify(m));
    expect((await verifyPack(hostile)).problems).toContain('../../etc/passwd: path leaves the pack');
    await expect(exportPack([UTO], unsigned, null)).rejects.toThrow(/not empty/);
    expect((await verifyPack(tmp('nothing'))).problems).toEqual([`${PACK_MANIFEST} is missing`]);
  });
});
