import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { asItemId } from '../contract';
import { resolveAsset } from '../host/assets';
import { runImport } from '../ingest/importer';
import { CaseStore } from '../store/case-store';
import type { Analyser, AnalyserOutcome } from './analyser';
import { orderByRequirements, requirementWaves } from './analyser';
import { runAnalysis } from './runner';

const open: CaseStore[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

async function caseWithImages(count: number, duplicate = false): Promise<CaseStore> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'caselens-runner-'));
  const src = path.join(root, 'src');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(src);
  for (let i = 0; i < count; i++) {
    const png = await sharp({ create: { width: 64 + i, height: 48, channels: 3, background: { r: 40 * i, g: 90, b: 200 - 30 * i } } }).png().toBuffer();
    writeFileSync(path.join(src, `img-${i}.png`), png);
    if (duplicate && i === 0) writeFileSync(path.join(src, 'copy-of-0.png'), png);
  }
  const store = await CaseStore.create(path.join(root, 'case'), { title: 'Runner' });
  open.push(store);
  const exhibit = store.exhibits.create({ label: 'EXH' });
  await runImport(store, { exhibitId: exhibit.id, paths: [src] });
  return store;
}

/** A small real analyser for the runner's tests: measures the decoded image and reports it. */
function sizeAnalyser(version = '1.0.0', behaviour: (name: string) => 'ok' | 'fail' | 'hang' = () => 'ok'): Analyser & { calls: string[] } {
  const calls: string[] = [];
  return {
    id: 'size-probe',
    version,
    title: 'Measures the decoded size',
    requires: [],
    parameters: { unit: 'px' },
    resources: async () => ({ table: 'none' }),
    accepts: (item) => item.kind === 'png',
    calls,
    async run(item, ctx): Promise<AnalyserOutcome> {
      calls.push(item.name);
      const mode = behaviour(item.name);
      if (mode === 'fail') throw new Error(`cannot measure ${item.name}`);
      if (mode === 'hang') await new Promise((resolve) => setTimeout(resolve, 5_000));
      const image = await ctx.image();
      const rectifiedPng = await sharp({ create: { width: 20, height: 12, channels: 3, background: '#777' } }).png().toBuffer();
      return {
        status: 'ok',
        output: {
          findings: [{ kind: 'probe.size', severity: 'info', confidence: 1, attributes: { width: image.width }, explanation: `decoded ${image.width}x${image.height}` }],
          textLines: [{ source: 'ocr', text: `Đorđević ${item.name}`, confidence: 90, box: { x: 1, y: 2, width: 3, height: 4 }, space: 'item' }],
          documents: [
            {
              sizeClass: 'ID1',
              side: 'back',
              quad: [[0, 0], [10, 0], [10, 6], [0, 6]],
              method: 'edges',
              confidence: 0.9,
              rectifiedPng,
              rectifiedWidth: 20,
              rectifiedHeight: 12,
              mrz: null,
              keyFields: { documentNumber: `N${image.width}`, surname: 'ĐORĐEVIĆ', givenNames: null, birthDate: null, expiryDate: null, issuingState: null, nationality: null, sex: null },
              details: {},
              findings: [{ kind: 'probe.doc', severity: 'medium', confidence: null, attributes: {}, explanation: 'document-level finding' }],
              textLines: [{ source: 'mrz', text: 'I<UTOD231458907<<<<<<<<<<<<<<<', confidence: 99, box: null, space: 'document', searchText: 'D23145890' }],
            },
          ],
        },
      };
    },
  };
}

describe('analysis runner', () => {
  it('stores results with provenance, once per content, and indexes their text for search', async () => {
    const store = await caseWithImages(2, true);
    const analyser = sizeAnalyser();
    const summary = await runAnalysis(store, { analysers: [analyser] });
    expect(summary).toMatchObject({ contents: 2, runs: 2, reused: 0, documents: 2, findings: 4, failed: [], cancelled: false });
    // The exact duplicate is not analysed twice: one of the two copies of img-0, and img-1.
    expect(analyser.calls).toHaveLength(2);
    expect(analyser.calls).toContain('img-1.png');

    const docs = store.documents.list();
    expect(docs).toHaveLength(2);
    // Import order is not name order (ingest runs files concurrently): pick the document of the duplicated image.
    const details = docs.map((d) => store.documents.get(d.id)!);
    const first = details.find((d) => d.items.length === 2)!;
    expect(first.provenance).toMatchObject({ analyserId: 'size-probe', analyserVersion: '1.0.0', parameters: { unit: 'px' }, resources: { table: 'none' } });
    expect(first.findings.map((f) => f.kind)).toEqual(['probe.doc']);
    expect(first.items.map((i) => i.name).sort()).toEqual(['copy-of-0.png', 'img-0.png']);
    expect(await store.blobs.has(store.documents.rectifiedOf(first.id)!.sha256)).toBe(true);
    // The rectified image is served with an item holding those bytes, and refused with any other item.
    const other = details.find((d) => d.id !== first.id)!;
    expect(await resolveAsset(store, first.items[0]!.itemId, `document-${first.id}`)).toMatchObject({ mime: 'image/png' });
    expect(await resolveAsset(store, other.items[0]!.itemId, `document-${first.id}`)).toBeNull();

    // Diacritics- and script-insensitive search, on document and item text alike.
    for (const spelling of ['djordjevic', 'dordevic', 'Đorđević', 'ђорђевић']) expect(store.documents.search(spelling, 10)).toHaveLength(2);
    expect(store.documents.search('D23145890', 10)).toHaveLength(2);
    expect(store.documents.search('utod231458907', 10)).toHaveLength(2);
    expect(store.documents.search('ERIKSSON', 10)).toHaveLength(0);
    const item = store.items.query({ hasDocuments: true }, { key: 'id', direction: 'asc' }, 0, 10);
    expect(item.total).toBe(3); // both copies of the first image, and the second
    expect(store.documents.findingsOfItem(asItemId(item.rows[0]!.id)).map((f) => f.kind)).toEqual(['probe.size']);
    expect(store.audit.page(0, 1).entries[0]).toMatchObject({ action: 'analysis.finished' });
  });

  it('reuses stored results, and re-runs only what a version bump invalidates', async () => {
    const store = await caseWithImages(2);
    await runAnalysis(store, { analysers: [sizeAnalyser('1.0.0')] });
    const again = sizeAnalyser('1.0.0');
    expect(await runAnalysis(store, { analysers: [again] })).toMatchObject({ runs: 0, reused: 2 });
    expect(again.calls).toEqual([]);
    const bumped = sizeAnalyser('1.1.0');
    expect(await runAnalysis(store, { analysers: [bumped] })).toMatchObject({ runs: 2, reused: 0 });
  });

  it('records a failing item and carries on; a retry replaces the failed run', async () => {
    const store = await caseWithImages(3);
    const flaky = sizeAnalyser('1.0.0', (name) => (name === 'img-1.png' ? 'fail' : 'ok'));
    const summary = await runAnalysis(store, { analysers: [flaky] });
    expect(summary.failed).toEqual([expect.objectContaining({ name: 'img-1.png', analyser: 'size-probe', error: 'cannot measure img-1.png' })]);
    expect(summary.documents).toBe(2);
    const fixed = sizeAnalyser('1.0.0');
    expect(await runAnalysis(store, { analysers: [fixed] })).toMatchObject({ runs: 1, reused: 2, failed: [] });
    expect(fixed.calls).toEqual(['img-1.png']);
  });

  it('enforces the per-item time limit and stops on cancel without storing the interrupted item', async () => {
    const store = await caseWithImages(2);
    const slow = sizeAnalyser('1.0.0', (name) => (name === 'img-0.png' ? 'hang' : 'ok'));
    const summary = await runAnalysis(store, { analysers: [slow], itemTimeLimitMs: 200 });
    expect(summary.failed[0]?.error).toMatch(/time limit/);
    const controller = new AbortController();
    const hanging = sizeAnalyser('2.0.0', () => 'hang');
    const run = runAnalysis(store, { analysers: [hanging], signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await run).toMatchObject({ cancelled: true, runs: 0 });
    expect(store.analysis.findRun(store.items.analysisCandidates()[0]!.sha256, 'size-probe', '2.0.0')).toBeNull();
  });

  it('orders analysers by their requirements and refuses cycles', () => {
    const a = { ...sizeAnalyser(), id: 'a', requires: ['b'] };
    const b = { ...sizeAnalyser(), id: 'b', requires: [] };
    expect(orderByRequirements([a, b]).map((x) => x.id)).toEqual(['b', 'a']);
    expect(() => orderByRequirements([{ ...a }, { ...b, requires: ['a'] }])).toThrow(/cycle/);
    expect(() => orderByRequirements([{ ...a, requires: ['zzz'] }])).toThrow(/not registered/);
  });

  it('groups analysers in waves by requirement', () => {
    const make = (id: string, requires: string[]) => ({ ...sizeAnalyser(), id, requires });
    const waves = requirementWaves([make('fusion', ['k1', 'k2']), make('k1', []), make('k2', []), make('zones', ['docs', 'k1']), make('docs', [])]);
    expect(waves.map((w) => w.map((a) => a.id).sort())).toEqual([['docs', 'k1', 'k2'], ['fusion', 'zones']]);
  });

  it('runs independent analysers of an item concurrently, shares per-item values, and lets later waves read stored results', async () => {
    const store = await caseWithImages(2);
    let running = 0;
    let peak = 0;
    let made = 0;
    const kernel = (id: string, value: number): Analyser => ({
      ...sizeAnalyser(),
      id,
      async run(_item, ctx): Promise<AnalyserOutcome> {
        running++;
        peak = Math.max(peak, running);
        const shared = await ctx.shared('probe.input', async () => {
          made++;
          return (await ctx.image()).width;
        });
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        const png = await sharp({ create: { width: 4, height: 2, channels: 3, background: '#000' } }).png().toBuffer();
        return {
          status: 'ok',
          output: {
            scores: [{ name: `${id}.score`, value }],
            artifacts: [{ name: 'map', kind: 'map', png, width: 4, height: 2, meta: { shared } }],
            findings: [{ kind: `${id}.finding`, severity: 'low', confidence: value, region: { x: 1, y: 1, width: 2, height: 2 }, attributes: {}, explanation: 'probe' }],
          },
        };
      },
    });
    const seen: unknown[] = [];
    const reader: Analyser = {
      ...sizeAnalyser(),
      id: 'reader',
      requires: ['k1', 'k2'],
      async run(_item, ctx): Promise<AnalyserOutcome> {
        const k1 = ctx.stored('k1');
        const k2 = ctx.stored('k2');
        seen.push({ k1: k1?.scores['k1.score'], k2: k2?.scores['k2.score'], artifact: k1?.artifacts[0]?.meta, finding: k2?.findings[0]?.kind, unknown: ctx.stored('nope') });
        await ctx.blob(k1!.artifacts[0]!.blobSha256);
        return { status: 'ok', output: {} };
      },
    };
    const summary = await runAnalysis(store, { analysers: [reader, kernel('k1', 0.25), kernel('k2', 0.75)] });
    expect(summary.failed).toEqual([]);
    expect(peak).toBe(2);
    // One shared value per item, however many analysers asked for it.
    expect(made).toBe(2);
    expect(seen).toHaveLength(2);
    // caseWithImages makes images 64 and 65 px wide; each item's reader saw its own item's shared value.
    expect(seen).toEqual(
      expect.arrayContaining([64, 65].map((width) => ({ k1: 0.25, k2: 0.75, artifact: { shared: width }, finding: 'k2.finding', unknown: null }))),
    );
  });
});
