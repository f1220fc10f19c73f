/**
 * The evidence package end to end on a real case (tests/fixtures/report-case.ts): export as a folder and as a zip,
 * checked by the independent BagIt oracle, by `verifyPackage`, the CASE graph against CASE 1.4 with SHACL; then
 * every kind of tampering on copies of the package, each named by the verifier; and `caselens export` /
 * `caselens verify` on the CLI.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPackage, libraryTemplateFiles, verifyPackage, ENTITIES_FORMAT } from '../../native/engine/export/package';
import { openUnitKey, type UnitKey } from '../../native/engine/signing/unit-key';
import { TemplateService } from '../../native/engine/templates/service';
import { makeReportCase, type ReportCase } from '../fixtures/report-case';
import { checkBagWithOracle, oracleBagInfo } from '../support/bagit-oracle';
import { describeProblems, validateCaseGraph } from '../support/case-shacl';
import { runCli } from './helpers';

const PASSPHRASE = 'correct horse battery';
const cover = { handling: 'H2', sourceReliability: 'B', informationAccuracy: 2, authorization: 'Prosecutor K. Test, order 12/2026', requestedAction: 'cross-check document numbers' } as const;

let dir = '';
let rc: ReportCase;
let key: UnitKey;
let dataDir = '';
let folder = '';
let zip = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'caselens-export-'));
  rc = await makeReportCase(path.join(dir, 'case-src'));
  dataDir = path.join(dir, 'data');
  key = await openUnitKey(dataDir, PASSPHRASE);
  const deps = { key, signer: 'Insp. Test', workstation: 'WS-TEST-01', templateFiles: libraryTemplateFiles(new TemplateService(dataDir)), now: new Date('2026-12-01T10:00:00Z') };
  folder = (await exportPackage(rc.store, { coverNote: cover, outDir: path.join(dir, 'out') }, deps)).path;
  zip = (await exportPackage(rc.store, { coverNote: cover, outDir: path.join(dir, 'out'), zip: true }, { ...deps, now: new Date('2026-12-01T10:05:00Z') })).path;
}, 600_000);

afterAll(async () => {
  await rc?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the folder package to tamper with. */
function copyOfPackage(name: string): string {
  const target = path.join(dir, 'tamper', name, path.basename(folder));
  cpSync(folder, target, { recursive: true });
  return target;
}

describe('an exported evidence package', () => {
  it('is a BagIt bag by an independent reading of RFC 8493, named and laid out as docs/EXPORT.md says', () => {
    expect(path.basename(folder)).toMatch(/^EXP_.+_20261201T100000Z$/);
    const oracle = checkBagWithOracle(folder);
    expect(oracle.errors).toEqual([]);
    expect(oracle.valid).toBe(true);
    for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt', 'tagmanifest-sha256.txt', 'signature.json', 'metadata/case.jsonld', 'metadata/custody-log.jsonl', 'metadata/cover-note.json', 'metadata/entities.json', 'data/report/report.pdf', 'data/report/report.html', 'data/report/findings.csv']) {
      expect(existsSync(path.join(folder, f)), f).toBe(true);
    }
    const info = oracleBagInfo(folder);
    expect(info.get('Handling-Code')).toEqual(['H2']);
    expect(info.get('Source-Reliability')).toEqual(['B']);
    expect(info.get('Information-Accuracy')).toEqual(['2']);
    expect(info.get('Authorization')).toEqual([cover.authorization]);
    expect(info.get('Signing-Key-Fingerprint')).toEqual([key.fingerprint]);
    // The signature file is outside the tag manifest.
    expect(readFileSync(path.join(folder, 'tagmanifest-sha256.txt'), 'utf8')).not.toContain('signature.json');
  });

  it('holds bit-exact copies of every item and the template versions cited', () => {
    const manifest = readFileSync(path.join(folder, 'manifest-sha256.txt'), 'utf8');
    for (const id of Object.values(rc.items)) {
      const sha = rc.store.items.get(id as never).sha256!;
      expect(manifest, `item ${id}`).toContain(sha);
    }
    expect(readdirSync(path.join(folder, 'metadata', 'templates'))).toContain('uto-rp-2024@1.0.0');
    expect(existsSync(path.join(folder, 'metadata', 'templates', 'uto-rp-2024@1.0.0', 'template.json'))).toBe(true);
    const entities = JSON.parse(readFileSync(path.join(folder, 'metadata', 'entities.json'), 'utf8')) as { format: string; documents: { documentNumber: string | null; bagPaths: string[] }[]; devices: unknown[]; links: { kind: string }[] };
    expect(entities.format).toBe(ENTITIES_FORMAT);
    expect(entities.devices).toHaveLength(2);
    expect(entities.documents.length).toBeGreaterThanOrEqual(2);
    for (const d of entities.documents) for (const p of d.bagPaths) expect(existsSync(path.join(folder, p)), p).toBe(true);
    expect(entities.links.some((l) => l.kind === 'same-file')).toBe(true);
  });

  it('verifies, folder and zip, with the signer and a custody chain that holds', async () => {
    for (const p of [folder, zip]) {
      const v = await verifyPackage(p);
      expect(v.problems, p).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.signature).toMatchObject({ status: 'valid', fingerprint: key.fingerprint, signer: 'Insp. Test', workstation: 'WS-TEST-01', matchesBagInfo: true });
      expect(v.custodyChain).toMatchObject({ valid: true });
      expect(v.custodyChain!.entries).toBeGreaterThan(3);
      expect(v.files.every((f) => f.status === 'ok')).toBe(true);
    }
    // The export itself is in the case's custody log.
    const page = rc.store.audit.page(0, 5);
    expect(page.entries.some((e) => e.action === 'package.exported' && e.details.fingerprint === key.fingerprint)).toBe(true);
  });

  it('carries a CASE graph that validates against CASE 1.4 and names every packaged file', async () => {
    const graph = JSON.parse(readFileSync(path.join(folder, 'metadata', 'case.jsonld'), 'utf8')) as { '@graph': Record<string, unknown>[] };
    const result = await validateCaseGraph(graph);
    expect(result.conforms, describeProblems(result.problems)).toBe(true);
    const text = JSON.stringify(graph);
    for (const line of readFileSync(path.join(folder, 'manifest-sha256.txt'), 'utf8').trim().split('\n')) expect(text, line).toContain(line.split(/\s+/)[0]!);
  }, 120_000);

  it('names every changed, added or removed byte', async () => {
    const evidence = readFileSync(path.join(folder, 'manifest-sha256.txt'), 'utf8').split('\n').find((l) => l.includes('data/evidence/'))!.split(/\s+/)[1]!;
    const cases: [string, (root: string) => void, RegExp][] = [
      ['evidence byte', (root) => { const f = path.join(root, evidence); const b = readFileSync(f); b[b.length >> 1] = (b[b.length >> 1] ?? 0) ^ 1; writeFileSync(f, b); }, new RegExp(evidence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
      ['manifest', (root) => appendFileSync(path.join(root, 'manifest-sha256.txt'), `${'0'.repeat(64)}  data/evidence/ghost.jpg\n`), /manifest-sha256\.txt/],
      ['case.jsonld', (root) => { const f = path.join(root, 'metadata', 'case.jsonld'); writeFileSync(f, readFileSync(f, 'utf8').replace('CaseLens', 'CaseLenz')); }, /metadata\/case\.jsonld/],
      ['removed file', (root) => unlinkSync(path.join(root, 'data', 'report', 'findings.csv')), /data\/report\/findings\.csv/],
      ['added file', (root) => writeFileSync(path.join(root, 'data', 'report', 'extra.txt'), 'planted'), /data\/report\/extra\.txt/],
      ['wrong signature', (root) => { const f = path.join(root, 'signature.json'); const s = JSON.parse(readFileSync(f, 'utf8')) as { signature: string }; const b = Buffer.from(s.signature, 'base64'); b[0] = (b[0] ?? 0) ^ 1; s.signature = b.toString('base64'); writeFileSync(f, JSON.stringify(s)); }, /signature/i],
      ['custody log', (root) => { const f = path.join(root, 'metadata', 'custody-log.jsonl'); writeFileSync(f, readFileSync(f, 'utf8').replace('"actor":"', '"actor":"X')); }, /custody-log\.jsonl/],
    ];
    for (const [name, tamper, named] of cases) {
      const copy = copyOfPackage(name.replace(/\W+/g, '-'));
      tamper(copy);
      const v = await verifyPackage(copy);
      expect(v.ok, name).toBe(false);
      expect(v.problems.join('\n'), name).toMatch(named);
    }
  }, 180_000);

  it('is exported and verified by the CLI, exit 0 only when everything holds', () => {
    const out = path.join(dir, 'cli-out');
    const env = { CASELENS_DATA_DIR: dataDir, CASELENS_KEY_PASSPHRASE: PASSPHRASE };
    const made = runCli(['export', rc.store.dir, '--out', out, '--zip', '--handling', 'H1', '--reliability', 'B', '--accuracy', '2', '--authorization', 'Head of unit'], env);
    expect(made.status, made.stderr).toBe(0);
    const view = JSON.parse(made.stdout) as { path: string; fingerprint: string };
    expect(view.fingerprint).toBe(key.fingerprint);
    const ok = runCli(['verify', view.path, '--json'], env);
    expect(ok.status, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as { ok: boolean }).ok).toBe(true);
    const copy = copyOfPackage('cli');
    writeFileSync(path.join(copy, 'data', 'report', 'findings.csv'), 'changed');
    const bad = runCli(['verify', copy, '--json'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toContain('data/report/findings.csv');
    const human = runCli(['verify', copy], env);
    expect(human.status).not.toBe(0);
    expect(human.stdout).toMatch(/changed\s+data\/report\/findings\.csv/);
  }, 300_000);
});
