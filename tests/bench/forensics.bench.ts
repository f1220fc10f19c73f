/**
 * Forensics benchmark: speed of the full suite on a 12 MP JPEG (and per kernel), the native DCT reader
 * against its TypeScript fallback, and detection figures on a held-out synthetic tamper set and on the
 * CASIA samples of the shared corpus.
 *
 *   npm run bench:forensics -- [--runs N] [--per-kind N] [--skip-speed] [--skip-synthetic] [--skip-corpus] [--skip-zones]
 *
 * The synthetic samples use seeds from 1001 on, never seen by the calibration (seeds 1..). Results go to
 * .cache/bench/forensics-result.json; a Markdown block for docs/BENCHMARKS.md is printed. Every number
 * printed is measured in this run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { fusionCalibration } from '../../native/engine/forensics/fusion';
import { decodeForensicInput } from '../../native/engine/forensics/input';
import { dctReaderInUse, readDctCoefficientsNative, readDctCoefficientsTs, nativeDctAvailable } from '../../native/engine/forensics/jpeg-dct';
import { KERNELS } from '../../native/engine/forensics/kernels';
import { ForensicPool } from '../../native/engine/forensics/pool/pool';
import { quantizeMap } from '../../native/engine/forensics/stored-map';
import { runForensicSuite } from '../../native/engine/forensics/suite';
import { createAnalyserSet } from '../../native/engine/analysers/registry';
import { runImport } from '../../native/engine/ingest/importer';
import { runAnalysis } from '../../native/engine/pipeline/runner';
import { CaseStore } from '../../native/engine/store/case-store';
import { encodeJpeg, sceneRgb } from '../fixtures/forensic-scenes';
import { makeTamperSample, makeTamperSet, TAMPER_KINDS } from '../fixtures/tamper';
import { auc, evaluate, f1, pixelAuc, pixelCounts, primaryMap, type Evaluated, type Labelled } from './forensics-eval';
import { machineBusySeconds, machineInfo, otherLoad, selfCpuSeconds } from './machine';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH_DIR = path.join(ROOT, '.cache', 'bench');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'dev');
const TARGET_SUITE_MS = 1500;
/** The fused map's cells at or above this suspicion count as "manipulated" for pixel F1 (the map's midpoint). */
const MASK_THRESHOLD = 0.5;
/** The fused score at or above which an image counts as flagged: 0.5, the logistic model's even odds. */
const FLAG_SCORE = 0.5;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

function args() {
  const argv = process.argv.slice(2);
  const num = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return { runs: num('--runs', 5), perKind: num('--per-kind', 6), skip: new Set(argv.filter((a) => a.startsWith('--skip-'))) };
}

async function speed(pool: ForensicPool, runs: number) {
  const jpeg = await encodeJpeg(await sceneRgb(4242, 4000, 3000), 90);
  const decodeTimes: number[] = [];
  const totals: number[] = [];
  const perKernel = new Map<string, number[]>();
  const busy0 = machineBusySeconds();
  const cpu0 = selfCpuSeconds();
  const wall0 = performance.now();
  // One warm-up run starts the workers and loads their code; it is reported, not counted.
  let coldMs = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const input = await decodeForensicInput(jpeg);
    const t1 = performance.now();
    const suite = await runForensicSuite(pool, input);
    const t2 = performance.now();
    if (i === 0) {
      coldMs = t2 - t0;
      continue;
    }
    decodeTimes.push(t1 - t0);
    totals.push(t2 - t0);
    for (const k of suite.kernels) perKernel.set(k.kernel.id, [...(perKernel.get(k.kernel.id) ?? []), k.ms]);
  }
  const wall = (performance.now() - wall0) / 1000;
  const dct = { native: [] as number[], ts: [] as number[] };
  for (let i = 0; i < runs; i++) {
    if (nativeDctAvailable()) {
      const t = performance.now();
      readDctCoefficientsNative(jpeg);
      dct.native.push(performance.now() - t);
    }
    const t = performance.now();
    readDctCoefficientsTs(jpeg);
    dct.ts.push(performance.now() - t);
  }
  return {
    image: { width: 4000, height: 3000, bytes: jpeg.length, quality: 90 },
    runs,
    coldMs: r1(coldMs),
    medianTotalMs: r1(median(totals)),
    medianDecodeMs: r1(median(decodeTimes)),
    medianKernelMs: Object.fromEntries([...perKernel].map(([id, xs]) => [id, r1(median(xs))])),
    otherLoadShare: r3(otherLoad(busy0, machineBusySeconds(), selfCpuSeconds() - cpu0, wall)),
    dctReader: { inUse: dctReaderInUse(), nativeMedianMs: dct.native.length ? r1(median(dct.native)) : null, typescriptMedianMs: r1(median(dct.ts)) },
  };
}

function detection(evaluated: readonly Evaluated[]) {
  const labels = evaluated.map((e) => e.sample.manipulated);
  const fused = evaluated.map((e) => e.suite.fusion.score);
  const kernels = Object.fromEntries(
    KERNELS.map((k) => [k.id, r3(auc(evaluated.map((e) => e.suite.kernels.find((x) => x.kernel.id === k.id)?.result?.score ?? 0), labels))]),
  );
  const withMask = evaluated.filter((e) => e.sample.manipulated && e.sample.mask);
  const fusedF1 = withMask.map((e) => f1(pixelCounts(quantizeMap(e.suite.fusion.map), e.sample.mask!, e.sample.width, e.sample.height, MASK_THRESHOLD)));
  const fusedPixelAuc = withMask.flatMap((e) => {
    const a = pixelAuc(quantizeMap(e.suite.fusion.map), e.sample.mask!, e.sample.width, e.sample.height);
    return a === null ? [] : [a];
  });
  const mapPixelAuc = Object.fromEntries(
    KERNELS.map((k) => {
      const xs = withMask.flatMap((e) => {
        const m = primaryMap(e.suite, k.id);
        const a = m ? pixelAuc(m, e.sample.mask!, e.sample.width, e.sample.height) : null;
        return a === null ? [] : [a];
      });
      return [k.id, xs.length ? r3(xs.reduce((a, b) => a + b, 0) / xs.length) : null];
    }),
  );
  const byKind = Object.fromEntries(
    [...new Set(evaluated.map((e) => e.sample.kind))].map((kind) => {
      const of = evaluated.filter((e) => e.sample.kind === kind);
      return [kind, { n: of.length, flagged: of.filter((e) => e.suite.fusion.score >= FLAG_SCORE).length, medianScore: r3(median(of.map((e) => e.suite.fusion.score))) }];
    }),
  );
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    images: evaluated.length,
    manipulated: labels.filter(Boolean).length,
    fusedAuc: r3(auc(fused, labels)),
    kernelAuc: kernels,
    meanPixelF1AtHalf: r3(mean(fusedF1)),
    meanFusedPixelAuc: r3(mean(fusedPixelAuc)),
    mapPixelAuc,
    byKind,
    medianMsPerImage: r1(median(evaluated.map((e) => e.ms))),
  };
}

/** CASIA triptychs: [tampered | original | mask] side by side; the right third is the mask. */
async function casiaSamples(): Promise<Labelled[]> {
  const dir = path.join(CORPUS, 'namtpham+casia1groundtruth', 'Samples');
  if (!existsSync(dir)) return [];
  const out: Labelled[] = [];
  for (const group of readdirSync(dir)) {
    for (const name of readdirSync(path.join(dir, group)).filter((n) => n.endsWith('.png'))) {
      const file = path.join(dir, group, name);
      const meta = await sharp(file).metadata();
      const third = Math.floor((meta.width ?? 0) / 3);
      const height = meta.height ?? 0;
      const part = (i: number) => sharp(file).extract({ left: i * third, top: 0, width: third, height });
      const mask = await part(2).greyscale().raw().toBuffer();
      // The triptych is a PNG: each third is given to the suite as the PNG it is (no JPEG history to read).
      out.push({ id: `${group}/${name}:tampered`, kind: `casia-${group}`, manipulated: true, width: third, height, mask: new Uint8Array(mask), bytes: await part(0).png().toBuffer() });
      out.push({ id: `${group}/${name}:original`, kind: `casia-${group}-original`, manipulated: false, width: third, height, mask: null, bytes: await part(1).png().toBuffer() });
    }
  }
  return out;
}

/**
 * Per-zone forensics through the real pipeline (document finder, printed-field OCR, every kernel, zones) on
 * held-out cards: how often the manipulated zone gets a low-or-higher zone finding, and how often a clean
 * card gets any.
 */
async function zones(perKind: number) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'caselens-zones-bench-'));
  const src = path.join(root, 'src');
  mkdirSync(src);
  const kinds = ['card-clean', 'card-portrait', 'card-retyped'] as const;
  const truth = new Map<string, { kind: string; donorQuality: unknown }>();
  for (let i = 0; i < perKind; i++) {
    for (const kind of kinds) {
      const s = await makeTamperSample(1001 + i, kind);
      writeFileSync(path.join(src, `${s.id}.jpg`), s.jpeg);
      truth.set(`${s.id}.jpg`, { kind, donorQuality: s.recipe.donorQuality ?? null });
    }
  }
  const store = await CaseStore.create(path.join(root, 'case'), { title: 'zones bench' });
  const set = createAnalyserSet({ ocr: true });
  try {
    await runImport(store, { exhibitId: store.exhibits.create({ label: 'BENCH' }).id, paths: [src] });
    await runAnalysis(store, { analysers: set.analysers });
    const zonesAnalyser = set.analysers.find((a) => a.id === 'forensics.zones')!;
    const rows = store.items.analysisCandidates().map((item) => {
      const t = truth.get(item.name)!;
      const findings = store.analysis.storedResults(item.sha256, zonesAnalyser.id, zonesAnalyser.version)?.findings ?? [];
      const leads = findings.filter((f) => f.kind === 'forensics.zone-outlier' && f.severity !== 'info');
      const target = t.kind === 'card-portrait' ? 'portrait' : t.kind === 'card-retyped' ? 'field:surname' : null;
      return { ...t, documents: store.documents.storedFor(item.sha256).length, hit: target !== null && leads.some((f) => f.attributes.zone === target), wrongZone: leads.some((f) => f.attributes.zone !== target) };
    });
    const tally = (kind: string, donor?: 'jpeg' | 'none') => {
      const of = rows.filter((r) => r.kind === kind && (donor === undefined || (donor === 'none') === (r.donorQuality === 'none')));
      return { n: of.length, documentFound: of.filter((r) => r.documents > 0).length, zoneHit: of.filter((r) => r.hit).length, otherZoneLeads: of.filter((r) => r.wrongZone).length };
    };
    return {
      cards: rows.length,
      clean: tally('card-clean'),
      portraitFromJpeg: tally('card-portrait', 'jpeg'),
      portraitNeverCompressed: tally('card-portrait', 'none'),
      retypedFromJpeg: tally('card-retyped', 'jpeg'),
      retypedNeverCompressed: tally('card-retyped', 'none'),
    };
  } finally {
    await set.close();
    store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Measure the worker as it ships: the esbuild bundle (tsx slows hot loops that read imported constants). */
function useBundledWorker(): string {
  const worker = path.join(ROOT, 'out', 'cli', 'forensics-worker.js');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  process.env.CASELENS_FORENSICS_WORKER = worker;
  return path.relative(ROOT, worker);
}

async function main() {
  const { runs, perKind, skip } = args();
  const worker = useBundledWorker();
  const pool = new ForensicPool();
  const result: Record<string, unknown> = { machine: machineInfo(), calibration: fusionCalibration().version, kernels: KERNELS.map((k) => `${k.id}@${k.version}`), poolSize: pool.size, worker };
  if (!skip.has('--skip-speed')) {
    process.stderr.write('speed on a 12 MP JPEG...\n');
    result.speed = await speed(pool, runs);
  }
  if (!skip.has('--skip-synthetic')) {
    process.stderr.write(`synthetic held-out set (${perKind} x ${TAMPER_KINDS.length})...\n`);
    const samples = (await makeTamperSet(perKind, 1001)).map((s) => ({ id: s.id, kind: s.kind, manipulated: s.manipulated, width: s.width, height: s.height, mask: s.mask, bytes: s.jpeg }));
    result.synthetic = detection(await evaluate(pool, samples));
  }
  if (!skip.has('--skip-corpus')) {
    const casia = await casiaSamples();
    if (casia.length) {
      process.stderr.write(`CASIA samples (${casia.length} images)...\n`);
      result.casia = detection(await evaluate(pool, casia));
    }
  }
  await pool.close();
  if (!skip.has('--skip-zones')) {
    process.stderr.write(`per-zone forensics on ${perKind} x 3 held-out cards (with OCR)...\n`);
    result.zones = await zones(perKind);
  }
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(path.join(BENCH_DIR, 'forensics-result.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const s = result.speed as { medianTotalMs: number } | undefined;
  if (s) process.stdout.write(`\nfull suite median ${s.medianTotalMs} ms per 12 MP JPEG (target < ${TARGET_SUITE_MS} ms): ${s.medianTotalMs < TARGET_SUITE_MS ? 'met' : 'NOT met'}\n`);
}

await main();
