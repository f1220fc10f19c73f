import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineClient, type EngineClient } from '../contract';
import { createEngine, serveEngine, type Engine } from '../host/engine';
import { memoryTransportPair } from '../host/transports';
import { unitKeyPath } from '../signing/unit-key';
import { bundledTemplatesDir } from './library';
import { exportPack, PACK_MANIFEST, PACK_SIGNATURE, verifyPack } from './pack';
import { exportLibraryPack } from './pack-export';
import { TemplateService } from './service';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `caselens-${name}-`));
const PASS = 'correct horse battery';
const UTO = { id: 'uto-rp-2024', version: '1.0.0' };

const engines: Engine[] = [];
const clients: EngineClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const e of engines.splice(0)) await e.close();
});

/** An engine on a fresh data folder, called through the validating dispatcher as every host does. */
function workstation(): { api: EngineClient; dataDir: string } {
  const dataDir = tmp('data');
  const engine = createEngine({ dataDir, host: 'test' });
  const pair = memoryTransportPair();
  serveEngine(engine, pair.engine);
  const api = createEngineClient(pair.client);
  engines.push(engine);
  clients.push(api);
  return { api, dataDir };
}

describe('templates.exportPack and keys.unit', () => {
  it('exports a signed pack with the unit key made at first use; another workstation imports it as signed by that fingerprint', async () => {
    const unit = workstation();
    expect(await unit.api.call('keys.unit', {})).toEqual({ exists: false, fingerprint: null, path: unitKeyPath(unit.dataDir), minPassphraseLength: 8, passphraseKept: false });
    const dir = path.join(tmp('out'), 'utopia-pack');
    const exported = await unit.api.call('templates.exportPack', { templates: [UTO], dir, passphrase: PASS });
    const sourceFiles = readdirSync(path.join(bundledTemplatesDir()!, 'uto-rp-2024')).length;
    expect(exported).toMatchObject({ dir, templates: ['uto-rp-2024@1.0.0'], files: sourceFiles, keyCreated: true, warning: null });
    expect(exported.signer).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(exported.bytes).toBe(readdirSync(path.join(dir, 'uto-rp-2024')).reduce((sum, name) => sum + readFileSync(path.join(dir, 'uto-rp-2024', name)).length, 0));
    // The fingerprint shown before the next signing is the one that signed.
    expect(await unit.api.call('keys.unit', {})).toMatchObject({ exists: true, fingerprint: exported.signer });
    expect(await verifyPack(dir)).toMatchObject({ status: 'signed', signer: exported.signer, problems: [] });

    const partner = workstation();
    const imported = await partner.api.call('templates.importPack', { path: dir });
    expect(imported).toMatchObject({ status: 'signed', signer: exported.signer, trustedSigner: false, problems: [], templates: ['uto-rp-2024@1.0.0'] });
    // A second export reuses the same key.
    const again = await unit.api.call('templates.exportPack', { templates: [UTO], dir: path.join(tmp('out'), 'again'), passphrase: PASS });
    expect(again).toMatchObject({ signer: exported.signer, keyCreated: false });
  });

  it('refuses a wrong or short passphrase, and a folder that is not empty, before writing anything', async () => {
    const unit = workstation();
    await unit.api.call('templates.exportPack', { templates: [UTO], dir: path.join(tmp('out'), 'first'), passphrase: PASS });
    const target = path.join(tmp('out'), 'refused');
    await expect(unit.api.call('templates.exportPack', { templates: [UTO], dir: target, passphrase: 'wrong passphrase!' })).rejects.toMatchObject({ code: 'invalid-args', message: expect.stringMatching(/wrong passphrase/) });
    await expect(unit.api.call('templates.exportPack', { templates: [UTO], dir: target, passphrase: 'short' })).rejects.toMatchObject({ code: 'invalid-args', message: expect.stringMatching(/at least 8/) });
    expect(readdirSync(path.dirname(target))).toEqual([]);

    const full = tmp('full');
    writeFileSync(path.join(full, 'notes.txt'), 'x');
    await expect(unit.api.call('templates.exportPack', { templates: [UTO], dir: full, passphrase: PASS })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/not empty/) });
    expect(readdirSync(full)).toEqual(['notes.txt']);
    // A fresh workstation refusing a short passphrase makes no key.
    const fresh = workstation();
    await expect(fresh.api.call('templates.exportPack', { templates: [UTO], dir: target, passphrase: 'short' })).rejects.toMatchObject({ code: 'invalid-args' });
    expect(await fresh.api.call('keys.unit', {})).toMatchObject({ exists: false });
  });

  it('exports an unsigned pack without touching the key; it imports as unsigned with the warning', async () => {
    const unit = workstation();
    const dir = tmp('empty-target');
    const exported = await unit.api.call('templates.exportPack', { templates: [UTO], dir, passphrase: null });
    expect(exported).toMatchObject({ signer: null, keyCreated: false, templates: ['uto-rp-2024@1.0.0'] });
    expect(exported.warning).toMatch(/Unsigned template pack/);
    expect(readdirSync(dir).sort()).toEqual([PACK_MANIFEST, 'uto-rp-2024']);
    expect(readdirSync(dir)).not.toContain(PACK_SIGNATURE);
    expect(await unit.api.call('keys.unit', {})).toMatchObject({ exists: false });
    const imported = await workstation().api.call('templates.importPack', { path: dir });
    expect(imported).toMatchObject({ status: 'unsigned', signer: null });
    expect(imported.warning).toMatch(/Unsigned template pack/);
  });

  it('refuses unknown templates, relative paths, folders inside a template or the user template folder, and altered pack templates', async () => {
    const unit = workstation();
    await expect(unit.api.call('templates.exportPack', { templates: [{ id: 'no-such', version: '1.0.0' }], dir: path.join(tmp('out'), 'p'), passphrase: null })).rejects.toMatchObject({ code: 'not-found' });
    await expect(unit.api.call('templates.exportPack', { templates: [], dir: path.join(tmp('out'), 'p'), passphrase: null })).rejects.toMatchObject({ code: 'invalid-args' });
    await expect(unit.api.call('templates.exportPack', { templates: [UTO], dir: 'relative/pack', passphrase: null })).rejects.toMatchObject({ code: 'invalid-args', message: expect.stringMatching(/absolute/) });
    await expect(unit.api.call('templates.exportPack', { templates: [UTO, UTO], dir: path.join(tmp('out'), 'p'), passphrase: null })).rejects.toMatchObject({ code: 'invalid-args', message: expect.stringMatching(/more than once/) });
    // Inside a template's own folder (a template in a scratch root, so a broken check cannot write into resources/).
    const root = tmp('root');
    const own = path.join(root, 'own-rp');
    mkdirSync(own);
    writeFileSync(path.join(own, 'template.json'), JSON.stringify({ ...(JSON.parse(readFileSync(path.join(bundledTemplatesDir()!, 'uto-rp-2024', 'template.json'), 'utf8')) as object), id: 'own-rp' }));
    writeFileSync(path.join(own, 'front.png'), readFileSync(path.join(bundledTemplatesDir()!, 'uto-rp-2024', 'front.png')));
    const service = new TemplateService(tmp('data'), [root]);
    await expect(exportLibraryPack(service, { templates: [{ id: 'own-rp', version: '1.0.0' }], dir: path.join(own, 'pack'), passphrase: null })).rejects.toMatchObject({ code: 'invalid-args', message: expect.stringMatching(/inside the folder of own-rp/) });
    expect(readdirSync(own).sort()).toEqual(['front.png', 'template.json']);
    await expect(unit.api.call('templates.exportPack', { templates: [UTO], dir: path.join(unit.dataDir, 'templates', 'p'), passphrase: null })).rejects.toMatchObject({ message: expect.stringMatching(/template folder/) });

    // A pack altered after export imports as invalid; its template is not exported again (not even unsigned).
    const pack = path.join(tmp('out'), 'altered');
    const source = path.join(tmp('tpl'), 'altered-rp');
    mkdirSync(source);
    const uto = path.join(bundledTemplatesDir()!, 'uto-rp-2024');
    writeFileSync(path.join(source, 'template.json'), JSON.stringify({ ...(JSON.parse(readFileSync(path.join(uto, 'template.json'), 'utf8')) as object), id: 'altered-rp' }));
    writeFileSync(path.join(source, 'front.png'), readFileSync(path.join(uto, 'front.png')));
    await exportPack([source], pack, null);
    writeFileSync(path.join(pack, 'altered-rp', 'template.json'), `${readFileSync(path.join(pack, 'altered-rp', 'template.json'), 'utf8')} `);
    expect((await unit.api.call('templates.importPack', { path: pack })).status).toBe('invalid');
    await expect(unit.api.call('templates.exportPack', { templates: [{ id: 'altered-rp', version: '1.0.0' }], dir: path.join(tmp('out'), 'relaunder'), passphrase: null })).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/failed verification/) });
  });
});
