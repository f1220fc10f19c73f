/**
 * Merge at a coordination centre (docs/EXPORT.md): two workstations (two data folders, two unit keys) export
 * packages of two real cases that share a byte-identical permit photo (hence its document number and holder)
 * and a photo re-encoded on the second phone (near-duplicate); a coordination case merges both. Then a tampered
 * package is refused while the other merges, a second merge of the same package adds nothing, and
 * `caselens merge` exits 0 / 1.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createAnalyserSet } from '../../native/engine/analysers/registry';
import type { MergeView } from '../../native/engine/contract';
import { mergePackages } from '../../native/engine/export/merge';
import { exportPackage, libraryTemplateFiles } from '../../native/engine/export/package';
import { runImport } from '../../native/engine/ingest/importer';
import { runAnalysis } from '../../native/engine/pipeline/runner';
import { openUnitKey, type UnitKey } from '../../native/engine/signing/unit-key';
import { CaseStore } from '../../native/engine/store/case-store';
import { TemplateService } from '../../native/engine/templates/service';
import { makeReportCase, type ReportCase } from '../fixtures/report-case';
import { runCli } from './helpers';

const PASSPHRASE = 'correct horse battery';
const cover = { handling: 'H2', sourceReliability: 'B', informationAccuracy: 2, authorization: 'Prosecutor K. Test, order 12/2026' } as const;

let dir = '';
let rc: ReportCase;
let caseB: CaseStore;
let keyA: UnitKey;
let keyB: UnitKey;
let pkgA = '';
let pkgB = '';
let coord: CaseStore;
let view: MergeView;

/** SHA-256 → bag path of a package's evidence files (read from its manifest). */
function evidenceOf(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(path.join(folder, 'manifest-sha256.txt'), 'utf8').split('\n')) {
    const [sha, p] = line.split(/\s+/);
    if (sha && p?.startsWith('data/evidence/')) out.set(sha, p);
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'caselens-merge-'));
  rc = await makeReportCase(path.join(dir, 'case-a'));
  const blob = (id: number) => readFileSync(rc.store.blobs.pathOf(rc.store.items.get(id as never).sha256!));

  // Workstation B: the same permit photo, byte for byte, and the spliced photo re-encoded by a messenger.
  const src = path.join(dir, 'case-b-src', 'phone');
  mkdirSync(src, { recursive: true });
  writeFileSync(path.join(src, 'received-permit.jpg'), blob(rc.items.genuine));
  writeFileSync(path.join(src, 'photo-forwarded.jpg'), await sharp(blob(rc.items.splice)).jpeg({ quality: 70 }).toBuffer());
  caseB = await CaseStore.create(path.join(dir, 'case-b'), { title: 'Operation Other', reference: 'BP-12/2026', examiner: 'Insp. B' });
  const exB = caseB.exhibits.create({ label: 'PHONE-B1', description: 'Phone of courier C', seizedBy: 'Sgt. B', sealNumber: 'SEAL-B-1', deviceMake: 'Apple', deviceModel: 'iPhone 12' });
  await runImport(caseB, { exhibitId: exB.id, paths: [src] });
  const set = createAnalyserSet({ forensics: false, templates: new TemplateService(path.join(dir, 'templates-b')) });
  try {
    await runAnalysis(caseB, { analysers: set.analysers });
  } finally {
    await set.close();
  }

  keyA = await openUnitKey(path.join(dir, 'data-a'), PASSPHRASE);
  keyB = await openUnitKey(path.join(dir, 'data-b'), PASSPHRASE);
  pkgA = (await exportPackage(rc.store, { coverNote: cover, outDir: path.join(dir, 'out-a') }, { key: keyA, signer: 'Insp. A', workstation: 'WS-A', templateFiles: libraryTemplateFiles(new TemplateService(path.join(dir, 'data-a'))) })).path;
  pkgB = (await exportPackage(caseB, { coverNote: cover, outDir: path.join(dir, 'out-b'), zip: true }, { key: keyB, signer: 'Insp. B', workstation: 'WS-B', templateFiles: libraryTemplateFiles(new TemplateService(path.join(dir, 'data-b'))) })).path;

  coord = await CaseStore.create(path.join(dir, 'coord'), { title: 'Coordination', reference: 'JIT-1', examiner: 'Coordinator' });
  view = await mergePackages(coord, [pkgA, pkgB]);
}, 600_000);

afterAll(async () => {
  coord?.close();
  caseB?.close();
  await rc?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('merging packages from two workstations', () => {
  it('accepts both, naming signer, workstation and key of each', () => {
    expect(view.packages.map((p) => [p.accepted, p.reason, p.workstation, p.signer, p.fingerprint])).toEqual([
      [true, null, 'WS-A', 'Insp. A', keyA.fingerprint],
      [true, null, 'WS-B', 'Insp. B', keyB.fingerprint],
    ]);
    expect(keyA.fingerprint).not.toBe(keyB.fingerprint);
  });

  it('imports every evidence file, one exhibit per source device with its collection record, bytes deduplicated', async () => {
    const a = evidenceOf(pkgA);
    // The zip's manifest, read through a folder copy the test makes itself would need extraction; case B's items instead.
    const bShas = new Set(caseB.items.query({}, { key: 'id', direction: 'asc' }, 0, 100).rows.map((r) => r.sha256));
    const union = new Set([...a.keys(), ...bShas]);
    const held = new Set(coord.items.query({}, { key: 'id', direction: 'asc' }, 0, 1000).rows.map((r) => r.sha256));
    expect(held).toEqual(union);
    expect(coord.db.prepare('SELECT count(DISTINCT sha256) AS n FROM items').get()).toEqual({ n: union.size });
    const [pa, pb] = view.packages;
    // Package A holds the forged permit twice (two phones); B's permit is A's genuine one.
    expect(pa!.itemsAdded).toBe(new Set(a.keys()).size);
    expect(pa!.itemsAdded + pa!.itemsAlreadyPresent).toBe([...readFileSync(path.join(pkgA, 'manifest-sha256.txt'), 'utf8').matchAll(/ data\/evidence\//g)].length);
    expect(pb!.itemsAlreadyPresent).toBe(1);
    expect(pb!.itemsAdded).toBe(1);
    const labels = coord.exhibits.list().map((e) => e.label).sort();
    expect(labels).toEqual(['BP-12/2026 · PHONE-B1', 'KT-77/2026 · EXH-01', 'KT-77/2026 · EXH-02']);
    const exh1 = coord.exhibits.findByLabel('KT-77/2026 · EXH-01')!;
    expect([exh1.sealNumber, exh1.deviceImei, exh1.seizedBy]).toEqual(['SEAL-000417', '354900012345671', 'Sgt. Ilija Primjerović']);
    // Nothing is left in the staging folder.
    expect(existsSync(path.join(coord.dir, 'merge-staging', 'KT-77-2026'))).toBe(false);
    // Originals in the coordination case are the packaged bytes.
    const genuineSha = rc.store.items.get(rc.items.genuine as never).sha256!;
    expect(readFileSync(coord.blobs.pathOf(genuineSha))).toEqual(readFileSync(rc.store.blobs.pathOf(genuineSha)));
  });

  it('keeps every finding of each package with its origin workstation and key', () => {
    const [idA, idB] = coord.mergedPackages.list().map((p) => p.id);
    const csvA = parse(readFileSync(path.join(pkgA, 'data/report/findings.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const findingsA = coord.mergedPackages.findingsOf(idA!);
    expect(findingsA).toHaveLength(csvA.length);
    expect(findingsA.length).toBeGreaterThan(10);
    expect(view.packages[0]!.findings).toBe(csvA.length);
    expect(findingsA.map((f) => f.kind).sort()).toEqual(csvA.map((r) => r.kind).sort());
    // Every finding on a file points to the coordination case's item with those bytes.
    for (const f of findingsA.filter((x) => x.sha256)) expect(coord.items.get(f.itemId as never).sha256).toBe(f.sha256);
    const origin = coord.db
      .prepare('SELECT DISTINCT p.fingerprint, p.workstation FROM merged_findings f JOIN merged_packages p ON p.id = f.package_id ORDER BY p.id')
      .all();
    expect(origin).toEqual([{ fingerprint: keyA.fingerprint, workstation: 'WS-A' }, ...(coord.mergedPackages.findingsOf(idB!).length ? [{ fingerprint: keyB.fingerprint, workstation: 'WS-B' }] : [])]);
    const actions = coord.audit.page(0, 1000).entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'package.merged')).toHaveLength(2);
  });

  it('finds every kind of share, each naming both workstations', () => {
    const kinds = new Set(view.shared.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['same-document-number', 'same-file', 'same-image', 'same-person']);
    const genuineSha = rc.store.items.get(rc.items.genuine as never).sha256!;
    const file = view.shared.find((s) => s.kind === 'same-file')!;
    expect(file.value).toBe(genuineSha);
    expect(view.shared.filter((s) => s.kind === 'same-file')).toHaveLength(1);
    for (const s of view.shared) {
      expect(s.occurrences.map((o) => [o.workstation, o.signer, o.fingerprint])).toEqual([
        ['WS-A', 'Insp. A', keyA.fingerprint],
        ['WS-B', 'Insp. B', keyB.fingerprint],
      ]);
    }
    const image = view.shared.find((s) => s.kind === 'same-image')!;
    expect(image.occurrences[1]!.label).toContain('photo-forwarded.jpg');
    const genuineDoc = caseB.documents.list()[0]!;
    expect(view.shared.find((s) => s.kind === 'same-document-number')!.value).toBe(genuineDoc.documentNumber!.replace(/[\s<-]/g, '').toUpperCase());
    expect(view.shared.find((s) => s.kind === 'same-person')!.value).toContain(genuineDoc.surname!);
  });

  it('adds nothing when the same package is merged again', async () => {
    const items = coord.items.count();
    const findings = coord.db.prepare('SELECT count(*) AS n FROM merged_findings').get();
    const again = await mergePackages(coord, [pkgA]);
    expect(again.packages[0]).toMatchObject({ accepted: true, alreadyMerged: true, itemsAdded: 0, findings: 0 });
    expect(coord.items.count()).toBe(items);
    expect(coord.db.prepare('SELECT count(*) AS n FROM merged_findings').get()).toEqual(findings);
    expect(coord.mergedPackages.list()).toHaveLength(2);
    expect(again.shared).toEqual(view.shared);
  });

  it('refuses a tampered package with its reason and still merges the other', async () => {
    const tampered = path.join(dir, 'tampered', path.basename(pkgA));
    cpSync(pkgA, tampered, { recursive: true });
    const [, victim] = [...evidenceOf(tampered).entries()][0]!;
    const bytes = readFileSync(path.join(tampered, victim));
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
    writeFileSync(path.join(tampered, victim), bytes);
    const fresh = await CaseStore.create(path.join(dir, 'coord-2'), { title: 'Coordination 2', examiner: 'Coordinator' });
    try {
      const result = await mergePackages(fresh, [tampered, pkgB]);
      const [bad, good] = result.packages;
      expect(bad!.accepted).toBe(false);
      expect(bad!.reason).toContain(victim);
      expect(bad!.fingerprint).toBe(keyA.fingerprint);
      expect(good!.accepted).toBe(true);
      expect(fresh.exhibits.list().map((e) => e.label)).toEqual(['BP-12/2026 · PHONE-B1']);
      expect(fresh.mergedPackages.list()).toHaveLength(1);
      expect(result.shared).toEqual([]);
      const refused = fresh.audit.page(0, 100).entries.filter((e) => e.action === 'package.refused');
      expect(refused).toHaveLength(1);
      expect(String(refused[0]!.details.reason)).toContain(victim);

      // caselens merge: exit 1 when any package is refused, 0 when all merge.
      fresh.close();
      const cli = runCli(['merge', path.join(dir, 'coord-2'), tampered, pkgB, '--json']);
      expect(cli.status).toBe(1);
      const cliView = JSON.parse(cli.stdout) as MergeView;
      expect(cliView.packages.map((p) => [p.accepted, p.alreadyMerged])).toEqual([[false, false], [true, true]]);
      const ok = runCli(['merge', path.join(dir, 'coord-2'), pkgA, '--json']);
      expect(ok.status, ok.stderr).toBe(0);
      const okView = JSON.parse(ok.stdout) as MergeView;
      expect(okView.packages[0]).toMatchObject({ accepted: true, alreadyMerged: false, workstation: 'WS-A' });
      expect(new Set(okView.shared.map((s) => s.kind)).size).toBe(4);
    } finally {
      try {
        fresh.close();
      } catch {
        /* closed above */
      }
    }
  });
});
