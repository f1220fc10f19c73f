/**
 * Template checks end to end: through the case pipeline (the `templates` analyser stores recognition,
 * per-zone findings, the aligned image and the assessment; documents filter by level; the comparison view
 * reads it back with finding ids) and through `caselens check --json` (per-document `template` and
 * `assessment`, all known templates tried, another document type rejected).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyserSet, type AnalyserSet } from '../../native/engine/analysers/registry';
import { asDocumentId, asItemId } from '../../native/engine/contract';
import { resolveAsset } from '../../native/engine/host/assets';
import { runImport } from '../../native/engine/ingest/importer';
import { runAnalysis } from '../../native/engine/pipeline/runner';
import { CaseStore } from '../../native/engine/store/case-store';
import { TemplateService } from '../../native/engine/templates/service';
import { makeTemplateSample, REFERENCE_DATE, type TemplateSample } from '../fixtures/template-set';
import { blankPermit } from '../fixtures/action-day-set';
import { runCli, tempDir } from './helpers';

let srcDir = '';
let mrzFontScan = '';
/** A blank permit (no MRZ, no personal data): the finder keeps no outline on it, the template's print is located. */
let blankScan = '';
const samples: Record<'genuine' | 'number' | 'passport' | 'mrzfont', TemplateSample | null> = { genuine: null, number: null, passport: null, mrzfont: null };

beforeAll(async () => {
  samples.genuine = await makeTemplateSample({ class: 'genuine', capture: 'flat-jpeg', seed: 3 });
  samples.number = await makeTemplateSample({ class: 'forgery', kind: 'viz-number-changed', capture: 'flat-jpeg', seed: 4 });
  samples.passport = await makeTemplateSample({ class: 'other', kind: 'passport-td3', capture: 'flat-jpeg', seed: 5 });
  // A scan of a card whose MRZ is printed in another font: the finder's outline holds an MRZ band no reader reads.
  samples.mrzfont = await makeTemplateSample({ class: 'forgery', kind: 'mrz-font', capture: 'scanner', seed: 5 });
  srcDir = tempDir('templates-src');
  const cliDir = tempDir('templates-cli-src');
  writeFileSync(path.join(cliDir, 'mrzfont.png'), samples.mrzfont.image);
  mrzFontScan = path.join(cliDir, 'mrzfont.png');
  blankScan = path.join(cliDir, 'blank.png');
  writeFileSync(blankScan, await blankPermit());
  for (const [name, s] of Object.entries(samples).filter(([name]) => name !== 'mrzfont')) writeFileSync(path.join(srcDir, `${name}.${s!.format === 'png' ? 'png' : 'jpg'}`), s!.image);
}, 120_000);

describe('template checks in the case pipeline', () => {
  let store: CaseStore;
  let set: AnalyserSet;
  beforeAll(async () => {
    store = await CaseStore.create(path.join(tempDir('templates-case'), 'case'), { title: 'Templates' });
    const exhibit = store.exhibits.create({ label: 'PHONE-1' });
    await runImport(store, { exhibitId: exhibit.id, paths: [srcDir] });
    set = createAnalyserSet({ forensics: false, templates: new TemplateService(tempDir('templates-data')) });
    const summary = await runAnalysis(store, { analysers: set.analysers });
    expect(summary.failed).toEqual([]);
  }, 300_000);
  afterAll(async () => {
    await set?.close();
    store?.close();
  });

  const docOf = (name: string) => store.documents.list().find((d) => d.itemName.startsWith(name))!;

  it('recognises the genuine card and the forgery, assesses them, and leaves the passport unassessed', () => {
    const genuine = docOf('genuine');
    const forged = docOf('number');
    const passport = docOf('passport');
    expect(genuine).toMatchObject({ templateId: 'uto-rp-2024@1.0.0', assessmentLevel: 'no-indicators' });
    expect(forged.templateId).toBe('uto-rp-2024@1.0.0');
    expect(forged.assessmentLevel).not.toBe('no-indicators');
    expect(passport).toMatchObject({ templateId: null, assessmentLevel: null });
    expect(store.documents.list({ assessmentLevel: 'no-indicators' }).map((d) => d.id)).toEqual([genuine.id]);
    expect(store.documents.list({ assessmentLevel: forged.assessmentLevel! }).map((d) => d.id)).toEqual([forged.id]);
  });

  it('stores a finding on the number zone where the printed number departs from the MRZ, with provenance', () => {
    const forged = docOf('number');
    const detail = store.documents.get(forged.id)!;
    const mismatch = detail.findings.find((f) => f.kind === 'viz.mrz-mismatch' && f.attributes.zone === 'docno');
    expect(mismatch, JSON.stringify(detail.findings.map((f) => f.kind))).toBeDefined();
    expect(mismatch!.provenance).toMatchObject({ analyserId: 'templates', analyserVersion: '1.2.0' });
    expect(mismatch!.region).not.toBeNull();
    const assessment = detail.findings.find((f) => f.kind === 'template.assessment')!;
    expect(assessment.attributes.level).toBe(forged.assessmentLevel);
    const check = store.templateChecks.latestOf(asDocumentId(forged.id))!;
    expect(check.templateSha256).toMatch(/^[0-9a-f]{64}$/);
    const reasons = (check.details.assessment as { reasons: { code: string; zone: string | null }[] }).reasons;
    expect(reasons.some((r) => r.code === 'viz.mrz-mismatch' && r.zone === 'docno')).toBe(true);
  });

  it('keeps the aligned image as an artifact of the item, served as its asset', async () => {
    const genuine = docOf('genuine');
    const check = store.templateChecks.latestOf(asDocumentId(genuine.id))!;
    expect(check.alignedArtifactId).not.toBeNull();
    const asset = await resolveAsset(store, asItemId(genuine.itemId), `artifact-${check.alignedArtifactId!}`);
    expect(asset?.mime).toBe('image/png');
  });
});

describe('caselens check with templates', () => {
  it('adds template and assessment to each document, trying every known template', () => {
    const files = ['genuine', 'number', 'passport'].map((n) => path.join(srcDir, `${n}.${samples[n as 'genuine']!.format === 'png' ? 'png' : 'jpg'}`));
    const result = runCli(['check', ...files, '--json', '--no-forensics', '--today', REFERENCE_DATE]);
    expect(result.status, result.stderr).toBe(0);
    type Doc = { template: { id: string | null; matched: boolean; score: number }; assessment: { score: number; level: string; reasons: { code: string; zone: string | null; message: string }[] } | null };
    const [genuine, number, passport] = (JSON.parse(result.stdout) as { documents: Doc[] }[]).map((r) => r.documents[0]!);
    expect(genuine!.template).toMatchObject({ id: 'uto-rp-2024', matched: true });
    expect(genuine!.assessment!.level).toBe('no-indicators');
    expect(number!.assessment!.level).not.toBe('no-indicators');
    expect(number!.assessment!.reasons.find((r) => r.code === 'viz.mrz-mismatch')).toMatchObject({ zone: 'docno' });
    expect(passport!.template.matched).toBe(false);
    expect(passport!.assessment).toBeNull();
  }, 240_000);

  type Doc = { method: string; quad: number[][]; template: { id: string; matched: boolean }; assessment: { level: string; reasons: { code: string; zone: string | null }[] } };

  it('keeps a card whose MRZ no reader reads (another font) and names the MRZ font in the assessment', () => {
    const result = runCli(['check', mrzFontScan, '--json', '--no-forensics', '--today', REFERENCE_DATE]);
    expect(result.status, result.stderr).toBe(0);
    const [doc, ...more] = (JSON.parse(result.stdout) as { documents: Doc[] }[])[0]!.documents;
    expect(more).toEqual([]);
    expect(doc).toMatchObject({ method: 'edges', template: { id: 'uto-rp-2024', matched: true } });
    expect(doc!.assessment.level).not.toBe('no-indicators');
    expect(doc!.assessment.reasons.find((r) => r.code === 'template.mrz-font')).toMatchObject({ zone: 'mrz' });
  }, 240_000);

  it('locates a template in a whole image where no document outline was kept, and compares it', () => {
    const result = runCli(['check', blankScan, '--json', '--no-forensics', '--today', REFERENCE_DATE]);
    expect(result.status, result.stderr).toBe(0);
    const [doc, ...more] = (JSON.parse(result.stdout) as { documents: Doc[] }[])[0]!.documents;
    expect(more).toEqual([]);
    expect(doc).toMatchObject({ method: 'template-located', template: { id: 'uto-rp-2024', matched: true } });
    expect(doc!.quad).toHaveLength(4);
    expect(doc!.assessment).not.toBeNull();
  }, 240_000);
});
