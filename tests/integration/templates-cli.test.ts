/** `caselens templates list` and the bundled template used by `caselens check --template` on its own specimen. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cliPath, runCli, tempDir } from './helpers';

const BUNDLED = path.resolve(__dirname, '../../resources/templates/uto-rp-2024');

describe('templates on the CLI', () => {
  it('lists the bundled templates with their template.json hash, and user folders when named', () => {
    const result = runCli(['templates', 'list', '--json', '--folder', tempDir('templates-empty')]);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { templates: { id: string; source: string; sha256: string; sides: { zones: number }[] }[]; problems: unknown[] };
    const uto = out.templates.find((t) => t.id === 'uto-rp-2024')!;
    expect(uto.source).toBe('bundled');
    expect(uto.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(uto.sides[0]!.zones).toBeGreaterThan(10);
    expect(out.problems).toEqual([]);
    expect(runCli(['templates', 'list']).status).toBe(2);
  });

  it('reads the specimen of the bundled template with a valid MRZ that meets the template expectations', () => {
    const result = runCli(['check', path.join(BUNDLED, 'front.png'), '--json', '--no-viz', '--no-forensics', '--template', BUNDLED, '--today', '2026-12-03']);
    expect(result.status, result.stderr).toBe(0);
    const [image] = JSON.parse(result.stdout) as { documents: { mrz: { valid: boolean; fields: { documentNumber: string; surname: string } } }[]; template: { id: string } }[];
    expect(image!.template.id).toBe('uto-rp-2024');
    expect(image!.documents).toHaveLength(1);
    expect(image!.documents[0]!.mrz.valid).toBe(true);
    expect(image!.documents[0]!.mrz.fields.documentNumber).toBe('RP0000001');
    expect(image!.documents[0]!.mrz.fields.surname).toBe('SPECIMEN');
  });

  it('exports a signed pack with the unit key, verifies it (exit 0), and names a changed file (exit 1)', () => {
    const data = tempDir('templates-data');
    const pack = path.join(tempDir('templates-pack'), 'pack');
    const env = { ...process.env, CASELENS_KEY_PASSPHRASE: 'pack passphrase 1' };
    const exported = spawnSync(process.execPath, [cliPath(), 'templates', 'export', pack, BUNDLED, '--data', data], { encoding: 'utf8', env });
    expect(exported.status, exported.stderr).toBe(0);
    const manifest = JSON.parse(exported.stdout) as { signer: { fingerprint: string }; files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(['uto-rp-2024/front.png', 'uto-rp-2024/template.json']);
    const ok = runCli(['templates', 'verify', pack, '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'signed', signer: manifest.signer.fingerprint, problems: [] });
    const json = path.join(pack, 'uto-rp-2024', 'template.json');
    writeFileSync(json, readFileSync(json, 'utf8').replace('RESIDENCE PERMIT', 'RESIDENCE PERMLT'));
    const bad = runCli(['templates', 'verify', pack]);
    expect(bad.status).toBe(1);
    // The signature over the manifest still holds (the signer is named), but a file no longer matches it.
    expect(bad.stdout).toMatch(/^invalid \(signer [0-9a-f ]+\)\n {2}uto-rp-2024\/template.json: changed/);
    const listed = JSON.parse(runCli(['templates', 'list', '--json', '--folder', path.dirname(pack)]).stdout) as { templates: { source: string; trust: { status: string } }[] };
    expect(listed.templates.find((t) => t.source === 'pack')!.trust.status).toBe('invalid');
    const noPassphrase = spawnSync(process.execPath, [cliPath(), 'templates', 'export', path.join(tempDir('p2'), 'x'), BUNDLED], { encoding: 'utf8', env: { ...process.env, CASELENS_KEY_PASSPHRASE: '' } });
    expect(noPassphrase.status).toBe(2);
    expect(noPassphrase.stderr).toMatch(/CASELENS_KEY_PASSPHRASE/);
  });
});
