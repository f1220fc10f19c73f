import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openUnitKey } from '../signing/unit-key';
import { bundledTemplatesDir } from './library';
import { exportPack } from './pack';
import { TemplateService } from './service';
import { normalizeFingerprint, readTrustedSigners, setTrustedSigner, TRUSTED_SIGNERS_FILE } from './signers';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `caselens-${name}-`));
const UTO = path.join(bundledTemplatesDir()!, 'uto-rp-2024');

/** A copy of the bundled template under another id, so a pack's template is told apart from the bundled one. */
function renamedTemplate(id: string): string {
  const dir = path.join(tmp('tpl'), id);
  const json = JSON.parse(readFileSync(path.join(UTO, 'template.json'), 'utf8')) as Record<string, unknown>;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'template.json'), JSON.stringify({ ...json, id }));
  writeFileSync(path.join(dir, 'front.png'), readFileSync(path.join(UTO, 'front.png')));
  return dir;
}

describe('trusted signers', () => {
  it('normalises fingerprints as typed and keeps a list that survives reopening', async () => {
    const hex = 'ab12'.repeat(16);
    expect(normalizeFingerprint(hex.toUpperCase())).toBe(('ab12 '.repeat(16)).trim());
    expect(normalizeFingerprint('ab12:'.repeat(15) + 'ab12')).toBe(('ab12 '.repeat(16)).trim());
    expect(normalizeFingerprint('ab12')).toBeNull();
    expect(normalizeFingerprint(`${hex}zz`)).toBeNull();
    const dataDir = tmp('signers');
    expect(await readTrustedSigners(dataDir)).toEqual([]);
    await setTrustedSigner(dataDir, hex, true);
    await setTrustedSigner(dataDir, hex, true);
    expect(await readTrustedSigners(dataDir)).toEqual([normalizeFingerprint(hex)]);
    expect(await setTrustedSigner(dataDir, hex, false)).toEqual([]);
    await expect(setTrustedSigner(dataDir, 'not a key', true)).rejects.toThrow(/not a signer fingerprint/);
  });

  it('refuses a damaged list instead of silently trusting nobody', async () => {
    const dataDir = tmp('signers');
    writeFileSync(path.join(dataDir, TRUSTED_SIGNERS_FILE), '{"signers": [');
    await expect(readTrustedSigners(dataDir)).rejects.toThrow(/not valid JSON/);
  });
});

describe('template service: pack import', () => {
  it('imports a signed pack: warned until its signer is trusted, then listed without warning', async () => {
    const key = await openUnitKey(tmp('key'), 'correct horse battery');
    const pack = path.join(tmp('pack'), 'partner-pack');
    await exportPack([renamedTemplate('partner-rp')], pack, key);
    const service = new TemplateService(tmp('data'));
    const imported = await service.importPack(pack);
    expect(imported).toMatchObject({ status: 'signed', signer: key.fingerprint, trustedSigner: false, templates: ['partner-rp@1.0.0'] });
    expect(imported.warning).toMatch(/not on this workstation's trusted list/);
    let listed = (await service.list()).templates.find((t) => t.id === 'partner-rp');
    expect(listed?.trust.warning).toMatch(/trusted list/);
    await service.trustSigner(key.fingerprint, true);
    service.invalidate();
    listed = (await service.list()).templates.find((t) => t.id === 'partner-rp');
    expect(listed?.trust).toMatchObject({ status: 'signed', trustedSigner: true, warning: null });
    // The bundled template is there too, without a warning.
    expect((await service.list()).templates.find((t) => t.id === 'uto-rp-2024')?.trust).toMatchObject({ status: 'bundled', warning: null });
  });

  it('imports an unsigned or altered pack only with a warning naming what is wrong', async () => {
    const unsigned = path.join(tmp('pack'), 'unsigned');
    await exportPack([renamedTemplate('loose-rp')], unsigned, null);
    const service = new TemplateService(tmp('data'));
    expect((await service.importPack(unsigned)).warning).toMatch(/Unsigned template pack/);
    const key = await openUnitKey(tmp('key'), 'correct horse battery');
    const altered = path.join(tmp('pack'), 'altered');
    const templateDir = renamedTemplate('altered-rp');
    await exportPack([templateDir], altered, key);
    appendFileSync(path.join(altered, 'altered-rp', 'template.json'), ' ');
    const result = await service.importPack(altered);
    expect(result.status).toBe('invalid');
    expect(result.warning).toMatch(/altered-rp\/template.json: changed/);
  });

  it('refuses a pack holding a symbolic link and leaves nothing behind', async () => {
    const pack = path.join(tmp('pack'), 'linked');
    await exportPack([renamedTemplate('linked-rp')], pack, null);
    symlinkSync('/etc/hostname', path.join(pack, 'linked-rp', 'extra.png'));
    const dataDir = tmp('data');
    const service = new TemplateService(dataDir);
    await expect(service.importPack(pack)).rejects.toThrow(/symbolic link/);
    expect((await service.list()).templates.map((t) => t.id)).toEqual(['uto-rp-2024']);
  });

  it('refuses a folder that is not a pack', async () => {
    await expect(new TemplateService(tmp('data')).importPack(tmp('empty'))).rejects.toThrow(/pack.json is missing/);
  });
});
