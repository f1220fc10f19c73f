/**
 * The forensic suite end to end: through the case pipeline (every kernel a stored, versioned run with its
 * maps and scores; fusion from what was stored) and through the `caselens check` contract (forensics
 * object, --maps, --mask-out).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyserSet, type AnalyserSet } from '../../native/engine/analysers/registry';
import { asItemId } from '../../native/engine/contract';
import { resolveAsset } from '../../native/engine/host/assets';
import { MANIPULATION_SCORE } from '../../native/engine/analysers/forensics';
import { decodeMapPng } from '../../native/engine/forensics/stored-map';
import { KERNELS } from '../../native/engine/forensics/kernels';
import { runImport } from '../../native/engine/ingest/importer';
import { runAnalysis } from '../../native/engine/pipeline/runner';
import { CaseStore } from '../../native/engine/store/case-store';
import { makeTamperSample, type TamperSample } from '../fixtures/tamper';
import { runCli, tempDir } from './helpers';

let samples: TamperSample[] = [];
let srcDir = '';
beforeAll(async () => {
  samples = [await makeTamperSample(1, 'clean'), await makeTamperSample(1, 'splice'), await makeTamperSample(2, 'card-portrait')];
  srcDir = tempDir('forensics-src');
  for (const s of samples) writeFileSync(path.join(srcDir, `${s.id}.jpg`), s.jpeg);
  // A PNG: the JPEG-history kernels do not apply and must say so.
  await sharp(samples[0]!.jpeg).png().toFile(path.join(srcDir, 'clean-as.png'));
});

describe('forensics in the case pipeline', () => {
  let store: CaseStore;
  let set: AnalyserSet;
  beforeAll(async () => {
    store = await CaseStore.create(path.join(tempDir('forensics-case'), 'case'), { title: 'Forensics' });
    const exhibit = store.exhibits.create({ label: 'PHONE-1' });
    await runImport(store, { exhibitId: exhibit.id, paths: [srcDir] });
    set = createAnalyserSet({ ocr: false });
  });
  afterAll(async () => {
    await set?.close();
    store?.close();
  });

  it('stores every kernel as a versioned run with findings, maps and scores, and fuses what was stored', async () => {
    const summary = await runAnalysis(store, { analysers: set.analysers });
    expect(summary.failed).toEqual([]);
    for (const s of samples) {
      const sha256 = (await import('node:crypto')).createHash('sha256').update(s.jpeg).digest('hex');
      for (const kernel of KERNELS) {
        const stored = store.analysis.storedResults(sha256, `forensics.${kernel.id}`, kernel.version);
        expect(stored?.status, `${s.id} ${kernel.id}`).toBe('ok');
        for (const artifact of stored!.artifacts) {
          const map = await decodeMapPng(await store.blobs.read(artifact.blobSha256), artifact.meta);
          // Maps cover the image in whole cells (a partial edge cell may be left out).
          expect(Math.abs(map.width * map.cellSize - s.width)).toBeLessThanOrEqual(map.cellSize);
          expect(Math.abs(map.height * map.cellSize - s.height)).toBeLessThanOrEqual(map.cellSize);
        }
      }
      const fusion = set.analysers.find((a) => a.id === 'forensics.fusion')!;
      const fused = store.analysis.storedResults(sha256, fusion.id, fusion.version)!;
      expect(fused.status).toBe('ok');
      expect(fused.scores[MANIPULATION_SCORE]).toBeGreaterThanOrEqual(0);
      expect(fused.scores[MANIPULATION_SCORE]).toBeLessThanOrEqual(1);
      expect(fused.artifacts.map((a) => a.name)).toEqual(['fused']);
      expect(fused.findings[0]!.kind).toBe('forensics.manipulation-indicators');
      expect(fused.findings[0]!.explanation).toMatch(/score \d\.\d\d/);
    }
  });

  it('runs per-zone forensics on the card it found, on the original pixels behind each zone', async () => {
    const card = samples.find((s) => s.kind === 'card-portrait')!;
    const sha256 = (await import('node:crypto')).createHash('sha256').update(card.jpeg).digest('hex');
    expect(store.documents.storedFor(sha256)).toHaveLength(1);
    const zonesAnalyser = set.analysers.find((a) => a.id === 'forensics.zones')!;
    const zones = store.analysis.storedResults(sha256, zonesAnalyser.id, zonesAnalyser.version)!;
    expect(zones.status).toBe('ok');
    const measured = (zones.parameters.metrics as { zones: { zone: string; auc: Record<string, number> }[] }).zones;
    const portrait = measured.find((z) => z.zone === 'portrait')!;
    // Every kernel with a map was read inside the portrait zone.
    expect(Object.keys(portrait.auc).length).toBeGreaterThanOrEqual(2);
    for (const auc of Object.values(portrait.auc)) expect(auc).toBeGreaterThanOrEqual(0);
    // The clean photo has no document: the zones analyser says so.
    const clean = (await import('node:crypto')).createHash('sha256').update(samples[0]!.jpeg).digest('hex');
    expect(store.analysis.storedResults(clean, zonesAnalyser.id, zonesAnalyser.version)!.status).toBe('skipped');
  });

  it('serves a stored map as an asset of its own item only', async () => {
    const [a, b] = store.items.analysisCandidates();
    const view = store.forensics.ofItem(asItemId(a!.itemId))!;
    const map = view.maps[0]!;
    const served = await resolveAsset(store, asItemId(a!.itemId), `artifact-${map.artifactId}`);
    expect(served?.mime).toBe('image/png');
    expect((await sharp(served!.path).metadata()).width).toBe(map.width);
    // The same artifact id asked for through another item's bytes is refused.
    expect(await resolveAsset(store, asItemId(b!.itemId), `artifact-${map.artifactId}`)).toBeNull();
    expect(await resolveAsset(store, asItemId(a!.itemId), 'artifact-999999')).toBeNull();
  });

  it('prints the stored forensic results of the case through `caselens forensics`', async () => {
    const result = runCli(['forensics', store.dir, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const items = JSON.parse(result.stdout) as { exhibitPath: string; score: number; analysers: { analyser: string; status: string }[]; findings: Record<string, unknown>[] }[];
    expect(items).toHaveLength(samples.length + 1);
    for (const item of items) {
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.analysers.map((a) => a.analyser)).toContain('forensics.fusion');
      for (const f of item.findings) for (const key of ['analyser', 'version', 'kind', 'severity', 'score', 'region', 'summary']) expect(f).toHaveProperty(key);
    }
    const top = Math.max(...items.map((i) => i.score));
    const filtered = JSON.parse(runCli(['forensics', store.dir, '--json', '--min-score', String(top)]).stdout) as unknown[];
    expect(filtered).toHaveLength(items.filter((i) => i.score >= top).length);
    expect(runCli(['forensics', store.dir, '--json', '--min-score', '2']).status).toBe(2);
  });

  it('skips the JPEG-history kernels on a PNG with the reason, and reuses everything on a second run', async () => {
    const png = store.items.analysisCandidates().find((i) => i.kind === 'png')!;
    const dct = KERNELS.find((k) => k.id === 'jpeg-structure')!;
    const stored = store.analysis.storedResults(png.sha256, `forensics.${dct.id}`, dct.version)!;
    expect(stored.status).toBe('skipped');
    const again = await runAnalysis(store, { analysers: set.analysers });
    expect(again.runs).toBe(0);
    expect(again.reused).toBeGreaterThan(0);
  });
});

describe('caselens check: forensics contract', () => {
  it('adds a forensics object to each image, writes maps and a full-size 8-bit mask per image', async () => {
    const maps = tempDir('forensics-maps');
    const masks = tempDir('forensics-masks');
    mkdirSync(maps, { recursive: true });
    const files = samples.map((s) => path.join(srcDir, `${s.id}.jpg`));
    const result = runCli(['check', ...files, '--json', '--no-viz', '--maps', maps, '--mask-out', masks]);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { file: string; forensics: { score: number; findings: Record<string, unknown>[]; analysers: { analyser: string; status: string }[] }; timings: { forensicsMs: number } }[];
    expect(out).toHaveLength(samples.length);
    for (const [i, image] of out.entries()) {
      const f = image.forensics;
      expect(f.score).toBeGreaterThanOrEqual(0);
      expect(f.score).toBeLessThanOrEqual(1);
      expect(f.analysers.map((a) => a.analyser)).toEqual(KERNELS.map((k) => `forensics.${k.id}`));
      for (const finding of f.findings) {
        for (const key of ['analyser', 'version', 'kind', 'severity', 'score', 'region', 'summary']) expect(finding, key).toHaveProperty(key);
      }
      expect(image.timings.forensicsMs).toBeGreaterThan(0);
      const base = path.basename(image.file);
      const mask = await sharp(readFileSync(path.join(masks, `${base}.mask.png`))).metadata();
      expect([mask.width, mask.height, mask.channels, mask.depth]).toEqual([samples[i]!.width, samples[i]!.height, 1, 'uchar']);
    }
    const written = readdirSync(maps);
    for (const s of samples) {
      expect(written).toContain(`${s.id}.jpg.fused.png`);
      expect(written).toContain(`${s.id}.jpg.ela.ela.png`);
    }
  });

  it('reports a forensic failure for that image only, and refuses --maps with --no-forensics', () => {
    const refused = runCli(['check', path.join(srcDir, `${samples[0]!.id}.jpg`), '--json', '--no-forensics', '--maps', tempDir('x')]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/--maps and --mask-out need the forensic suite/);
    const bad = path.join(tempDir('forensics-bad'), 'broken.jpg');
    writeFileSync(bad, samples[0]!.jpeg.subarray(0, 200));
    const result = runCli(['check', bad, path.join(srcDir, `${samples[0]!.id}.jpg`), '--json', '--no-viz']);
    const out = JSON.parse(result.stdout) as { error?: string; forensics?: { score: number } }[];
    expect(out[0]!.error ?? (out[0]!.forensics as { error?: string } | undefined)?.error).toBeTruthy();
    expect(out[1]!.forensics!.score).toBeGreaterThanOrEqual(0);
  });
});
