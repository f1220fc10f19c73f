/**
 * Documents benchmark: how often CaseLens reads an MRZ fully correctly (every character as printed), and
 * how long find + read + parse takes on one core; on the synthetic document set, on the corpus specimens
 * with a known MRZ, and against tesseract.js (English, and the `mrz.traineddata` yardstick) on the same
 * images.
 *
 *   npm run bench:documents -- [--count N] [--seed S] [--compare K] [--skip-tesseract] [--skip-corpus]
 *                              [--dump-failures [DIR]]
 *
 * The set is rendered once and cached in .cache/bench/documents-<N>/ (documents-<N>-seed<S>/ for a
 * non-default seed): <id>.jpg plus <id>.json (scene spec and ground truth). Results go to
 * .cache/bench/documents-result.json; a Markdown block for docs/BENCHMARKS.md is printed. Every number
 * printed is measured in this run.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { renderSyntheticScene, summariseSet, syntheticDocumentSet, verifyMrzChecks } from '../fixtures/documents/index';
import type { SceneTruth, SyntheticSceneSpec } from '../fixtures/documents/index';
import { CORPUS_MRZ, PASSPORTEYE_DIR } from './corpus-mrz';
import type { CaselensFoundDocument, CaselensImageResult, CaselensJob, CaselensRun } from './documents-caselens';
import { bestCharMatches, centroid, containsZone, insideConvex, linesFound, median, mrzCandidateLines, ms, pct, quantile, sameLines } from './documents-score';
import type { Pt } from './documents-score';
import { openTesseract, tesseractModel } from './documents-tesseract';
import type { TesseractModel } from './documents-tesseract';
import { machineBusySeconds, machineInfo, otherLoad, selfCpuSeconds } from './machine';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH_DIR = path.join(ROOT, '.cache', 'bench');
const SET_VERSION = 1;
const DEFAULT_SEED = 2024;

const TARGETS = {
  syntheticFullyCorrect: 0.98,
  corpusFullyCorrect: 0.9,
  medianMsPerDocument: 150,
} as const;

// ---------------------------------------------------------------------------------------------------
// Arguments

interface Args {
  count: number;
  seed: number;
  compare: number;
  skipTesseract: boolean;
  skipCorpus: boolean;
  dumpFailures: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { count: 200, seed: DEFAULT_SEED, compare: 40, skipTesseract: false, skipCorpus: false, dumpFailures: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (name: string) => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
      return n;
    };
    if (a === '--count' || a.startsWith('--count=')) args.count = value('--count');
    else if (a === '--seed' || a.startsWith('--seed=')) args.seed = value('--seed');
    else if (a === '--compare' || a.startsWith('--compare=')) args.compare = value('--compare');
    else if (a === '--skip-tesseract') args.skipTesseract = true;
    else if (a === '--skip-corpus') args.skipCorpus = true;
    else if (a === '--dump-failures' || a.startsWith('--dump-failures=')) {
      if (a.includes('=')) args.dumpFailures = path.resolve(a.slice(a.indexOf('=') + 1));
      else if (argv[i + 1] && !argv[i + 1]!.startsWith('--')) args.dumpFailures = path.resolve(argv[++i]!);
      else args.dumpFailures = path.join(BENCH_DIR, 'documents-failures');
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: tsx tests/bench/documents.bench.ts [--count N] [--seed S] [--compare K] [--skip-tesseract] [--skip-corpus] [--dump-failures [DIR]]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (args.count < 1) throw new Error('--count must be at least 1');
  args.compare = Math.min(args.compare, args.count);
  return args;
}

// ---------------------------------------------------------------------------------------------------
// Synthetic set (rendered once, cached)

interface CachedScene {
  spec: SyntheticSceneSpec;
  truth: SceneTruth;
  file: string;
}

/** Hash of the generator's sources: a changed generator re-renders the set. */
function generatorHash(): string {
  const dir = path.join(ROOT, 'tests', 'fixtures', 'documents');
  const files = [
    ...readdirSorted(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => path.join(dir, f)),
    path.join(ROOT, 'tests', 'fixtures', 'prng.ts'),
    path.join(ROOT, 'tests', 'fixtures', 'mrz-fixture.ts'),
  ].filter((f) => existsSync(f));
  const h = createHash('sha256');
  for (const f of files) h.update(path.basename(f)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

function readdirSorted(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

async function ensureSet(args: Args): Promise<{ dir: string; scenes: CachedScene[]; renderedNow: number; renderSeconds: number }> {
  const base = args.seed === DEFAULT_SEED ? `documents-${args.count}` : `documents-${args.count}-seed${args.seed}`;
  const dir = path.join(BENCH_DIR, base);
  const markerPath = path.join(dir, 'set.json');
  const specs = syntheticDocumentSet(args.count, args.seed);
  const hash = generatorHash();
  const marker = existsSync(markerPath) ? (JSON.parse(readFileSync(markerPath, 'utf8')) as { version?: number; generator?: string }) : null;
  if (marker && (marker.version !== SET_VERSION || marker.generator !== hash)) {
    process.stderr.write(`cached set ${path.relative(ROOT, dir)} was rendered by another generator version: re-rendering\n`);
    await fs.rm(dir, { recursive: true, force: true });
  }
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(markerPath, JSON.stringify({ version: SET_VERSION, generator: hash, count: args.count, seed: args.seed, complete: false }, null, 2));
  const fileOf = (spec: SyntheticSceneSpec) => path.join(dir, `${spec.id}.${spec.format === 'png' ? 'png' : 'jpg'}`);
  const missing = specs.filter((s) => !existsSync(fileOf(s)) || !existsSync(path.join(dir, `${s.id}.json`)));
  const t0 = performance.now();
  if (missing.length > 0) {
    process.stderr.write(`rendering ${missing.length} scenes into ${path.relative(ROOT, dir)}\n`);
    let next = 0;
    let done = 0;
    const work = async () => {
      while (next < missing.length) {
        const spec = missing[next++]!;
        const { image, truth } = await renderSyntheticScene(spec);
        const file = fileOf(spec);
        await fs.writeFile(`${file}.tmp`, image);
        await fs.writeFile(path.join(dir, `${spec.id}.json.tmp`), JSON.stringify({ spec, truth }));
        await fs.rename(`${file}.tmp`, file);
        await fs.rename(path.join(dir, `${spec.id}.json.tmp`), path.join(dir, `${spec.id}.json`)); // written last: marks the scene complete
        if (++done % 10 === 0 || done === missing.length) process.stderr.write(`\r  ${done}/${missing.length}   `);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism()) }, work));
    process.stderr.write('\n');
  }
  const scenes: CachedScene[] = [];
  for (const spec of specs) {
    const stored = JSON.parse(await fs.readFile(path.join(dir, `${spec.id}.json`), 'utf8')) as { spec: SyntheticSceneSpec; truth: SceneTruth };
    if (JSON.stringify(stored.spec) !== JSON.stringify(spec)) throw new Error(`${spec.id}: cached spec differs from the generated one; delete ${dir}`);
    scenes.push({ spec, truth: stored.truth, file: fileOf(spec) });
  }
  await fs.writeFile(markerPath, JSON.stringify({ version: SET_VERSION, generator: hash, count: args.count, seed: args.seed, complete: true }, null, 2));
  return { dir, scenes, renderedNow: missing.length, renderSeconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------------
// Machine and load

// ---------------------------------------------------------------------------------------------------
// CaseLens (child process, one core)

async function runCaselens(jobs: CaselensJob[], work: string, dumpDir?: string): Promise<{ run: CaselensRun; wallSeconds: number; otherLoadShare: number | null }> {
  const jobsFile = path.join(work, `jobs-${process.pid}-${Date.now()}.json`);
  const outFile = `${jobsFile}.out.json`;
  await fs.writeFile(jobsFile, JSON.stringify(jobs));
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests', 'bench', 'documents-caselens.ts'), jobsFile, outFile, ...(dumpDir ? ['--dump', dumpDir] : [])], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, UV_THREADPOOL_SIZE: '1' },
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  const busy1 = machineBusySeconds();
  if (code !== 0) throw new Error(`documents-caselens exited with ${code}`);
  const run = JSON.parse(await fs.readFile(outFile, 'utf8')) as CaselensRun;
  await fs.rm(jobsFile, { force: true });
  await fs.rm(outFile, { force: true });
  return { run, wallSeconds, otherLoadShare: otherLoad(busy0, busy1, run.processCpuMs / 1000, wallSeconds) };
}

// ---------------------------------------------------------------------------------------------------
// Scoring CaseLens on the synthetic set

type Bucket = Record<string, string>;

interface TruthDocScore {
  scene: string;
  index: number;
  format: string;
  printed: string[];
  buckets: Bucket;
  /** Some found document lies on this one (its centroid inside the truth outline), MRZ or not. */
  located: boolean;
  /** Largest corner distance between that document's outline and the true one, in % of the true width. */
  outlineErrorPct: number | null;
  /** A found document lies on this one and has an MRZ. */
  found: boolean;
  formatOk: boolean;
  fullyCorrect: boolean;
  /** Lines of the found document on this one (null when none has an MRZ). */
  read: string[] | null;
  /** Characters differing from the printed lines (position by position; missing ones count). */
  charErrors: number | null;
  broken: { kind: string; keptAsPrinted: boolean; restoredToOriginal: boolean; readValid: boolean | null; corrections: number } | null;
}

const rotationBucket = (r: number) => {
  const a = ((r % 360) + 360) % 360;
  const off = Math.min(...[0, 90, 180, 270, 360].map((k) => Math.abs(a - k)));
  if (a <= 5 || a >= 355) return 'upright (±5°)';
  return off <= 3 ? 'right angle (90/180/270 ±3°)' : 'other angle';
};

function bucketsOf(spec: SyntheticSceneSpec, truth: SceneTruth, doc: SceneTruth['documents'][number]): Bucket {
  const broken = doc.truth.broken;
  const defect = broken?.mrz ? (broken.mrz.kind === 'check-digit' ? 'wrong check digit' : broken.mrz.failingChecks.length === 0 ? 're-typed, check digits recomputed' : 're-typed character') : broken?.viz ? 'VIZ/MRZ mismatch (MRZ intact)' : 'none';
  return {
    format: doc.truth.format,
    background: truth.background,
    'tilt (camera)': doc.tilt === 0 ? 'none' : doc.tilt <= 7 ? 'mild (≤7°)' : 'strong (7-15°)',
    'document width': doc.widthPx < 450 ? '< 450 px' : doc.widthPx < 900 ? '450-899 px' : '≥ 900 px',
    'blur sigma': truth.blurSigma === 0 ? 'none' : truth.blurSigma < 1.2 ? 'light (0.5-1.2)' : 'heavy (1.2-2.5)',
    'JPEG quality': truth.quality >= 85 ? 'high (85-95)' : truth.quality >= 70 ? 'medium (70-84)' : 'low (50-69)',
    rotation: rotationBucket(doc.rotation),
    glare: doc.glare ? 'glare' : 'no glare',
    defect,
    names: spec.labels.script === 'cyrillic' ? 'Cyrillic (transliterated)' : 'Latin',
    'two documents': truth.documents.length === 2 ? 'pair' : 'single',
  };
}

/** Largest corner distance between two quads (best cyclic correspondence), in % of the true quad's top side. */
function outlineError(found: readonly Pt[], truth: readonly Pt[]): number {
  const width = Math.hypot(truth[1]![0] - truth[0]![0], truth[1]![1] - truth[0]![1]);
  let best = Infinity;
  for (let shift = 0; shift < 4; shift++) {
    let worst = 0;
    for (let k = 0; k < 4; k++) {
      const a = found[(k + shift) % 4]!;
      const b = truth[k]!;
      worst = Math.max(worst, Math.hypot(a[0] - b[0], a[1] - b[1]));
    }
    best = Math.min(best, worst);
  }
  return (100 * best) / width;
}

function charErrors(read: readonly string[], printed: readonly string[]): number {
  let n = 0;
  printed.forEach((line, i) => {
    const r = read[i] ?? '';
    for (let k = 0; k < Math.max(line.length, r.length); k++) if (r[k] !== line[k]) n++;
  });
  for (let i = printed.length; i < read.length; i++) n += read[i]!.length;
  return n;
}

interface FalseDocs {
  /** Found documents with an MRZ whose lines match no printed MRZ of the image. */
  total: number;
  /** ... lying on a document that has an MRZ (a misread). */
  onMrzDocument: number;
  /** ... lying on a document that has no MRZ (TD1 front). */
  onDocumentWithoutMrz: number;
  /** ... lying on no document at all. */
  offDocument: number;
}

function scoreScene(scene: CachedScene, image: CaselensImageResult): { docs: TruthDocScore[]; falseDocs: FalseDocs } {
  const sx = image.width > 0 ? image.fullWidth / image.width : 1;
  const sy = image.height > 0 ? image.fullHeight / image.height : 1;
  const truthDocs = scene.truth.documents;
  const owner = (d: CaselensFoundDocument): number => {
    const c = centroid(d.quad.map((p) => [p[0] * sx, p[1] * sy] as Pt));
    return truthDocs.findIndex((t) => insideConvex(c, t.quad as readonly Pt[]));
  };
  const owners = image.documents.map(owner);
  const withMrz = image.documents.filter((d) => d.mrz && d.mrz.lines.length > 0);
  const docs: TruthDocScore[] = [];
  truthDocs.forEach((t, index) => {
    const printed = t.truth.mrzLines;
    if (printed.length === 0) return;
    const mine = image.documents.filter((d, k) => owners[k] === index && d.mrz && d.mrz.lines.length > 0);
    const exact = withMrz.find((d) => sameLines(d.mrz!.lines, printed));
    const best = exact ?? mine.sort((a, b) => charErrors(a.mrz!.lines, printed) - charErrors(b.mrz!.lines, printed))[0];
    const read = best?.mrz ? [...best.mrz.lines] : null;
    const b = t.truth.broken?.mrz;
    const onIt = image.documents.filter((_, k) => owners[k] === index);
    const scaled = (d: CaselensFoundDocument) => d.quad.map((p) => [p[0] * sx, p[1] * sy] as Pt);
    const errors = onIt.map((d) => outlineError(scaled(d), t.quad as readonly Pt[]));
    docs.push({
      scene: scene.spec.id,
      index,
      format: t.truth.mrzFormat,
      printed,
      buckets: bucketsOf(scene.spec, scene.truth, t),
      located: onIt.length > 0 || !!exact,
      outlineErrorPct: best ? outlineError(scaled(best), t.quad as readonly Pt[]) : errors.length ? Math.min(...errors) : null,
      found: !!exact || mine.length > 0,
      formatOk: !!exact || mine.some((d) => d.mrz!.format === t.truth.mrzFormat),
      fullyCorrect: !!exact,
      read,
      charErrors: read ? charErrors(read, printed) : null,
      broken: b
        ? {
            kind: b.kind === 'check-digit' ? 'wrong check digit' : b.failingChecks.length === 0 ? 're-typed, check digits recomputed' : 're-typed character',
            keptAsPrinted: !!exact,
            restoredToOriginal: withMrz.some((d) => sameLines(d.mrz!.lines, b.originalLines)),
            readValid: best?.mrz ? best.mrz.valid : null,
            corrections: best?.mrz ? best.mrz.corrections.length : 0,
          }
        : null,
    });
  });
  const falseDocs: FalseDocs = { total: 0, onMrzDocument: 0, onDocumentWithoutMrz: 0, offDocument: 0 };
  image.documents.forEach((d, k) => {
    if (!d.mrz || d.mrz.lines.length === 0) return;
    if (truthDocs.some((t) => t.truth.mrzLines.length > 0 && sameLines(d.mrz!.lines, t.truth.mrzLines))) return;
    falseDocs.total++;
    const o = owners[k]!;
    if (o < 0) falseDocs.offDocument++;
    else if (truthDocs[o]!.truth.mrzLines.length > 0) falseDocs.onMrzDocument++;
    else falseDocs.onDocumentWithoutMrz++;
  });
  return { docs, falseDocs };
}

interface TimingSummary {
  images: number;
  imagesWithDocuments: number;
  documentsFound: number;
  medianPerImageMs: number | null;
  p90PerImageMs: number | null;
  medianPerDocumentMs: number | null;
  p90PerDocumentMs: number | null;
  /** Process CPU time (all threads) instead of wall time: less sensitive to other load on the machine. */
  medianCpuPerDocumentMs: number | null;
  medianCpuPerImageMs: number | null;
  medianFindMs: number | null;
  medianReadMs: number | null;
  medianParseMs: number | null;
  medianDecodeMs: number | null;
  medianCpuOverWall: number | null;
  maxCpuOverWall: number | null;
}

function timingSummary(images: readonly CaselensImageResult[]): TimingSummary {
  const ok = images.filter((i) => !i.error);
  const perDoc = ok.filter((i) => i.documents.length > 0).map((i) => i.checkMs / i.documents.length);
  const ratios = ok.filter((i) => i.checkMs > 20).map((i) => i.checkCpuMs / i.checkMs);
  return {
    images: ok.length,
    imagesWithDocuments: perDoc.length,
    documentsFound: ok.reduce((s, i) => s + i.documents.length, 0),
    medianPerImageMs: median(ok.map((i) => i.checkMs)),
    p90PerImageMs: quantile(ok.map((i) => i.checkMs), 0.9),
    medianPerDocumentMs: median(perDoc),
    p90PerDocumentMs: quantile(perDoc, 0.9),
    medianCpuPerDocumentMs: median(ok.filter((i) => i.documents.length > 0).map((i) => i.checkCpuMs / i.documents.length)),
    medianCpuPerImageMs: median(ok.map((i) => i.checkCpuMs)),
    medianFindMs: median(ok.map((i) => i.timings.findMs)),
    medianReadMs: median(ok.map((i) => i.timings.readMs)),
    medianParseMs: median(ok.map((i) => i.timings.parseMs)),
    medianDecodeMs: median(ok.map((i) => i.decodeMs)),
    medianCpuOverWall: median(ratios),
    maxCpuOverWall: ratios.length ? Math.max(...ratios) : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// tesseract.js comparisons

interface ComparisonImage {
  id: string;
  file: string;
  truths: string[][];
}

interface ComparisonResult {
  model: TesseractModel;
  description: string;
  available: boolean;
  missing?: string;
  initMs?: number;
  otherLoadShare?: number | null;
  perImage: { id: string; ms: number; candidates: string[]; correct: boolean[]; linesExact: number; error?: string }[];
}

async function runComparison(model: TesseractModel, images: readonly ComparisonImage[]): Promise<ComparisonResult> {
  const info = tesseractModel(model);
  if (!('file' in info)) {
    process.stderr.write(`tesseract ${model}: skipped (${info.missing})\n`);
    return { model, description: model, available: false, missing: info.missing, perImage: [] };
  }
  const runner = await openTesseract(info);
  const perImage: ComparisonResult['perImage'] = [];
  const busy0 = machineBusySeconds();
  const cpu0 = selfCpuSeconds();
  const t0 = performance.now();
  try {
    for (const [k, image] of images.entries()) {
      try {
        const { text, ms: t } = await runner.recognize(await fs.readFile(image.file));
        const candidates = mrzCandidateLines(text);
        perImage.push({ id: image.id, ms: t, candidates, correct: image.truths.map((tr) => containsZone(candidates, tr)), linesExact: image.truths.reduce((s, tr) => s + linesFound(candidates, tr), 0) });
      } catch (e) {
        perImage.push({ id: image.id, ms: 0, candidates: [], correct: image.truths.map(() => false), linesExact: 0, error: e instanceof Error ? e.message : String(e) });
      }
      process.stderr.write(`\r  tesseract ${model} ${k + 1}/${images.length}   `);
    }
    process.stderr.write('\n');
  } finally {
    await runner.terminate();
  }
  const wall = (performance.now() - t0) / 1000;
  return { model, description: info.description, available: true, initMs: runner.initMs, otherLoadShare: otherLoad(busy0, machineBusySeconds(), selfCpuSeconds() - cpu0, wall), perImage };
}

interface ComparisonRow {
  reader: string;
  images: number;
  truthMrzs: number;
  fullyCorrect: number;
  linesExact: number;
  truthLines: number;
  charsMatched: number | null;
  truthChars: number;
  medianPerImageMs: number | null;
  note: string;
}

function comparisonRows(images: readonly ComparisonImage[], caselens: ReadonlyMap<string, CaselensImageResult>, comparisons: readonly ComparisonResult[]): ComparisonRow[] {
  const truthMrzs = images.reduce((s, i) => s + i.truths.length, 0);
  const truthLines = images.reduce((s, i) => s + i.truths.reduce((n, t) => n + t.length, 0), 0);
  const truthChars = images.reduce((s, i) => s + i.truths.reduce((n, t) => n + t.join('').length, 0), 0);
  const rows: ComparisonRow[] = [];
  {
    let correct = 0;
    let lines = 0;
    let chars = 0;
    const times: number[] = [];
    for (const image of images) {
      const r = caselens.get(image.id);
      if (!r) continue;
      times.push(r.checkMs);
      const read = r.documents.flatMap((d) => (d.mrz ? [[...d.mrz.lines]] : []));
      const all = read.flat();
      for (const t of image.truths) {
        if (read.some((l) => sameLines(l, t))) correct++;
        lines += linesFound(all, t);
        chars += t.reduce((s, line) => s + bestCharMatches(all, line), 0);
      }
    }
    rows.push({ reader: 'CaseLens (find + read + parse)', images: times.length, truthMrzs, fullyCorrect: correct, linesExact: lines, truthLines, charsMatched: chars, truthChars, medianPerImageMs: median(times), note: 'one core, image decoded beforehand' });
  }
  for (const c of comparisons) {
    if (!c.available) {
      rows.push({ reader: `tesseract.js ${c.model}`, images: 0, truthMrzs, fullyCorrect: 0, linesExact: 0, truthLines, charsMatched: null, truthChars, medianPerImageMs: null, note: `not run: ${c.missing}` });
      continue;
    }
    const wanted = new Set(images.map((i) => i.id));
    const perImage = c.perImage.filter((p) => wanted.has(p.id));
    const byId = new Map(perImage.map((p) => [p.id, p]));
    let correct = 0;
    let lines = 0;
    let chars = 0;
    for (const image of images) {
      const p = byId.get(image.id);
      if (!p) continue;
      correct += p.correct.filter(Boolean).length;
      lines += p.linesExact;
      chars += image.truths.reduce((s, t) => s + t.reduce((n, line) => n + bestCharMatches(p.candidates, line), 0), 0);
    }
    const errors = perImage.filter((p) => p.error).length;
    rows.push({
      reader: `tesseract.js ${c.model === 'eng' ? 'eng (4.0.0_best_int)' : 'mrz.traineddata (yardstick)'}, whole image`,
      images: perImage.length,
      truthMrzs,
      fullyCorrect: correct,
      linesExact: lines,
      truthLines,
      charsMatched: chars,
      truthChars,
      medianPerImageMs: median(perImage.filter((p) => !p.error).map((p) => p.ms)),
      note: `includes its own JPEG decode; worker start ${ms(c.initMs ?? null)} not counted${errors ? `; ${errors} errors` : ''}`,
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Main

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n');
}

const share = (x: number | null | undefined) => (x == null ? 'n/a' : `${(x * 100).toFixed(0)} %`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await fs.mkdir(BENCH_DIR, { recursive: true });
  const info = machineInfo();
  if ((info.loadAverageAtStart[0] ?? 0) > 0.5) process.stderr.write(`warning: load average is ${info.loadAverageAtStart.join(' ')}: other processes are running; timings will be pessimistic\n`);

  const set = await ensureSet(args);
  const mix = summariseSet(set.scenes.map((s) => s.spec));
  process.stderr.write(`synthetic set: ${set.scenes.length} scenes (seed ${args.seed}) in ${path.relative(ROOT, set.dir)}${set.renderedNow ? `, ${set.renderedNow} rendered now in ${set.renderSeconds.toFixed(0)} s` : ', cached'}\n`);

  // Corpus tier.
  const corpusPresent = !args.skipCorpus && existsSync(PASSPORTEYE_DIR);
  const corpusNote = args.skipCorpus ? 'skipped (--skip-corpus)' : corpusPresent ? null : `skipped: ${PASSPORTEYE_DIR} not found (../shared/corpus absent)`;
  if (corpusNote) process.stderr.write(`corpus tier ${corpusNote}\n`);
  const corpus = corpusPresent ? CORPUS_MRZ.filter((c) => existsSync(path.join(PASSPORTEYE_DIR, c.path))) : [];
  const corpusChecks = corpus.map((c) => ({ path: c.path, failing: verifyMrzChecks(c.lines, c.format).filter((r) => !r.ok).map((r) => r.field) }));
  for (const c of corpusChecks) if (c.failing.length > 0) process.stderr.write(`warning: corpus transcription ${c.path} fails check digits ${c.failing.join(', ')}\n`);

  // CaseLens: one child, one core, every image.
  const jobs: CaselensJob[] = [...set.scenes.map((s) => ({ id: s.spec.id, file: s.file })), ...corpus.map((c) => ({ id: `corpus:${c.path}`, file: path.join(PASSPORTEYE_DIR, c.path) }))];
  process.stderr.write(`caselens: ${jobs.length} images in one child process (UV_THREADPOOL_SIZE=1, sharp.concurrency(1))\n`);
  const work = path.join(BENCH_DIR, 'runs');
  await fs.mkdir(work, { recursive: true });
  const caselens = await runCaselens(jobs, work);
  const byId = new Map(caselens.run.images.map((i) => [i.id, i]));
  const errors = caselens.run.images.filter((i) => i.error);
  for (const e of errors) process.stderr.write(`caselens error on ${e.id}: ${e.error}\n`);

  // Synthetic scoring.
  const truthDocs: TruthDocScore[] = [];
  const falseDocs: FalseDocs = { total: 0, onMrzDocument: 0, onDocumentWithoutMrz: 0, offDocument: 0 };
  for (const scene of set.scenes) {
    const r = byId.get(scene.spec.id);
    if (!r) continue;
    const s = scoreScene(scene, r);
    truthDocs.push(...s.docs);
    for (const k of Object.keys(falseDocs) as (keyof FalseDocs)[]) falseDocs[k] += s.falseDocs[k];
  }
  const synthTiming = timingSummary(set.scenes.map((s) => byId.get(s.spec.id)!).filter(Boolean));
  const nTruth = truthDocs.length;
  const nFound = truthDocs.filter((d) => d.found).length;
  const nFormat = truthDocs.filter((d) => d.formatOk).length;
  const nCorrect = truthDocs.filter((d) => d.fullyCorrect).length;
  const truthDocsAll = set.scenes.reduce((s, sc) => s + sc.truth.documents.length, 0);

  const breakdown: Record<string, Record<string, { docs: number; found: number; correct: number }>> = {};
  for (const d of truthDocs) {
    for (const [k, v] of Object.entries(d.buckets)) {
      const cell = ((breakdown[k] ??= {})[v] ??= { docs: 0, found: 0, correct: 0 });
      cell.docs++;
      if (d.found) cell.found++;
      if (d.fullyCorrect) cell.correct++;
    }
  }
  const stageOf = (d: TruthDocScore): string => {
    if (d.fullyCorrect) return 'fully correct';
    if (!d.located) return 'no document found on it';
    if (!d.found) return 'document found, no MRZ read';
    if (!d.formatOk) return 'MRZ read, wrong format';
    const e = d.charErrors ?? 0;
    return e <= 1 ? 'MRZ read, 1 character wrong' : e <= 5 ? 'MRZ read, 2-5 characters wrong' : 'MRZ read, more than 5 characters wrong';
  };
  const stages: Record<string, { docs: number; medianOutlineErrorPct: number | null; outlineWithin2Pct: number; withOutline: number }> = {};
  for (const stage of ['fully correct', 'no document found on it', 'document found, no MRZ read', 'MRZ read, wrong format', 'MRZ read, 1 character wrong', 'MRZ read, 2-5 characters wrong', 'MRZ read, more than 5 characters wrong']) {
    const docs = truthDocs.filter((d) => stageOf(d) === stage);
    if (docs.length === 0) continue;
    const errs = docs.flatMap((d) => (d.outlineErrorPct === null ? [] : [d.outlineErrorPct]));
    stages[stage] = { docs: docs.length, medianOutlineErrorPct: median(errs), outlineWithin2Pct: errs.filter((e) => e <= 2).length, withOutline: errs.length };
  }
  const brokenDocs = truthDocs.filter((d) => d.broken);
  const brokenByKind: Record<string, { docs: number; keptAsPrinted: number; restoredToOriginal: number; otherRead: number; notRead: number; readValid: number }> = {};
  for (const d of brokenDocs) {
    const b = d.broken!;
    const cell = (brokenByKind[b.kind] ??= { docs: 0, keptAsPrinted: 0, restoredToOriginal: 0, otherRead: 0, notRead: 0, readValid: 0 });
    cell.docs++;
    if (b.keptAsPrinted) cell.keptAsPrinted++;
    else if (b.restoredToOriginal) cell.restoredToOriginal++;
    else if (d.read) cell.otherRead++;
    else cell.notRead++;
    if (!b.keptAsPrinted && b.readValid) cell.readValid++;
  }

  // Corpus scoring.
  const corpusRows = corpus.map((c) => {
    const r = byId.get(`corpus:${c.path}`);
    const docs = r?.documents ?? [];
    const withMrz = docs.filter((d) => d.mrz && d.mrz.lines.length > 0);
    const exact = withMrz.some((d) => sameLines(d.mrz!.lines, c.lines));
    const best = withMrz.find((d) => sameLines(d.mrz!.lines, c.lines)) ?? [...withMrz].sort((a, b) => charErrors(a.mrz!.lines, c.lines) - charErrors(b.mrz!.lines, c.lines))[0];
    return {
      path: c.path,
      format: c.format,
      source: c.source,
      documentsFound: docs.length,
      found: withMrz.length > 0,
      formatOk: withMrz.some((d) => d.mrz!.format === c.format),
      fullyCorrect: exact,
      falseDocuments: withMrz.filter((d) => !sameLines(d.mrz!.lines, c.lines)).length,
      charErrors: best?.mrz ? charErrors(best.mrz.lines, c.lines) : null,
      read: best?.mrz ? [...best.mrz.lines] : null,
      checkMs: r?.checkMs ?? null,
      error: r?.error ?? null,
    };
  });
  const corpusTiming = timingSummary(corpus.map((c) => byId.get(`corpus:${c.path}`)!).filter(Boolean));
  const cCorrect = corpusRows.filter((r) => r.fullyCorrect).length;

  // Comparisons on the same images.
  const compareScenes = set.scenes.slice(0, args.compare);
  const synthCompareImages: ComparisonImage[] = compareScenes.map((s) => ({ id: s.spec.id, file: s.file, truths: s.truth.documents.filter((d) => d.truth.mrzLines.length > 0).map((d) => d.truth.mrzLines) }));
  const corpusCompareImages: ComparisonImage[] = corpus.map((c) => ({ id: `corpus:${c.path}`, file: path.join(PASSPORTEYE_DIR, c.path), truths: [[...c.lines]] }));
  const comparisons: ComparisonResult[] = [];
  if (!args.skipTesseract) {
    for (const model of ['eng', 'mrz'] as const) {
      process.stderr.write(`tesseract.js ${model}: ${synthCompareImages.length + corpusCompareImages.length} whole images\n`);
      comparisons.push(await runComparison(model, [...synthCompareImages, ...corpusCompareImages]));
    }
  }
  const synthCompareRows = comparisonRows(synthCompareImages, byId, comparisons);
  const corpusCompareRows = comparisonRows(corpusCompareImages, byId, comparisons);
  // tesseract by rotation on the synthetic subset (it has no orientation detection here).
  const uprightIds = new Set(compareScenes.filter((s) => s.truth.documents.every((d) => rotationBucket(d.rotation).startsWith('upright'))).map((s) => s.spec.id));
  const synthUprightRows = comparisonRows(synthCompareImages.filter((i) => uprightIds.has(i.id)), byId, comparisons);

  const synthRate = nTruth ? nCorrect / nTruth : 0;
  const corpusRate = corpus.length ? cCorrect / corpus.length : null;
  const verdict = {
    syntheticFullyCorrect: synthRate >= TARGETS.syntheticFullyCorrect,
    corpusFullyCorrect: corpusRate === null ? null : corpusRate >= TARGETS.corpusFullyCorrect,
    medianMsPerDocument: synthTiming.medianPerDocumentMs !== null && synthTiming.medianPerDocumentMs < TARGETS.medianMsPerDocument,
  };
  const loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  const failures = truthDocs.filter((d) => !d.fullyCorrect);

  const result = {
    date: new Date().toISOString(),
    machine: info,
    loadAverageAtEnd,
    targets: TARGETS,
    verdict,
    singleCore: {
      how: 'child process with UV_THREADPOOL_SIZE=1 and sharp.concurrency(1); OpenCV.js and the reader are single-threaded',
      uvThreadpoolSize: caselens.run.uvThreadpoolSize,
      sharpConcurrency: caselens.run.sharpConcurrency,
      medianCpuOverWall: synthTiming.medianCpuOverWall,
      maxCpuOverWall: synthTiming.maxCpuOverWall,
      warmUpMs: caselens.run.warmUpMs,
      otherLoadShare: caselens.otherLoadShare,
      childWallSeconds: caselens.wallSeconds,
    },
    synthetic: {
      dir: path.relative(ROOT, set.dir),
      count: set.scenes.length,
      seed: args.seed,
      mix,
      truthDocuments: truthDocsAll,
      truthMrzs: nTruth,
      mrzFound: nFound,
      formatCorrect: nFormat,
      fullyCorrect: nCorrect,
      fullyCorrectRate: synthRate,
      falseDocuments: falseDocs,
      timing: synthTiming,
      breakdown,
      brokenMrzs: brokenByKind,
      stages,
      failures: failures.map((f) => ({ scene: f.scene, index: f.index, buckets: f.buckets, printed: f.printed, read: f.read, charErrors: f.charErrors })),
    },
    corpus: { present: corpusPresent, note: corpusNote, dir: PASSPORTEYE_DIR, transcriptionChecks: corpusChecks, rows: corpusRows, fullyCorrect: cCorrect, fullyCorrectRate: corpusRate, timing: corpusTiming },
    comparisons: {
      syntheticSubset: { scenes: compareScenes.length, ids: `${compareScenes[0]?.spec.id ?? ''} .. ${compareScenes.at(-1)?.spec.id ?? ''}`, rows: synthCompareRows, uprightRows: synthUprightRows, uprightScenes: uprightIds.size },
      corpus: { rows: corpusCompareRows },
      runs: comparisons.map((c) => ({ model: c.model, description: c.description, available: c.available, missing: c.missing, initMs: c.initMs, otherLoadShare: c.otherLoadShare, perImage: c.perImage })),
      candidateRule: 'per text line: remove whitespace, upper-case, « → <<, ‹ → <; keep lines of ≥ 28 characters of which ≥ 90 % are A-Z 0-9 <; a truth MRZ counts when its lines appear as consecutive candidate lines, every character equal',
    },
  };
  await fs.writeFile(path.join(BENCH_DIR, 'documents-result.json'), JSON.stringify(result, null, 2));

  // ---- stdout table
  const rate = (n: number, d: number) => `${n}/${d} (${pct(n, d)})`;
  const out: string[] = [];
  out.push('');
  out.push(
    table([
      ['set', 'truth MRZs', 'MRZ found', 'format ok', 'fully correct', 'false docs', 'median/doc', 'p90/doc', 'median/image', 'p90/image'],
      ['synthetic', String(nTruth), rate(nFound, nTruth), rate(nFormat, nTruth), rate(nCorrect, nTruth), String(falseDocs.total), ms(synthTiming.medianPerDocumentMs), ms(synthTiming.p90PerDocumentMs), ms(synthTiming.medianPerImageMs), ms(synthTiming.p90PerImageMs)],
      ...(corpus.length
        ? [['corpus', String(corpus.length), rate(corpusRows.filter((r) => r.found).length, corpus.length), rate(corpusRows.filter((r) => r.formatOk).length, corpus.length), rate(cCorrect, corpus.length), String(corpusRows.reduce((s, r) => s + r.falseDocuments, 0)), ms(corpusTiming.medianPerDocumentMs), ms(corpusTiming.p90PerDocumentMs), ms(corpusTiming.medianPerImageMs), ms(corpusTiming.p90PerImageMs)]]
        : []),
    ]),
  );
  out.push('');
  const cmpTable = (title: string, rows: ComparisonRow[]) =>
    `${title}\n` + table([['reader', 'images', 'fully correct', 'lines exact', 'chars', 'median/image'], ...rows.map((r) => [r.reader, String(r.images), rate(r.fullyCorrect, r.truthMrzs), rate(r.linesExact, r.truthLines), r.charsMatched === null ? 'n/a' : pct(r.charsMatched, r.truthChars), ms(r.medianPerImageMs)])]);
  out.push(cmpTable(`comparison, synthetic ${compareScenes.length} first scenes:`, synthCompareRows));
  out.push('');
  if (corpus.length) out.push(cmpTable('comparison, corpus:', corpusCompareRows));
  process.stdout.write(out.join('\n') + '\n\n');

  // ---- Markdown
  const ok = (b: boolean | null) => (b === null ? 'n/a' : b ? 'met' : '**not met**');
  const md: string[] = [];
  md.push(`### Documents, ${result.date.slice(0, 10)}: ${set.scenes.length} synthetic scenes (seed ${args.seed}) and ${corpus.length} corpus specimens`);
  md.push('');
  md.push(`Machine: ${info.nproc} CPUs (${info.cpuModel}), ${(info.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB RAM, ${info.os}; Node ${info.node}, sharp ${info.sharp}, libvips ${info.libvips}; tesseract.js ${comparisons.find((c) => c.available) ? (await import('../../native/engine/analysers/ocr/tesseract-paths')).tesseractPaths().version : 'not run'}.`);
  const busy = (caselens.otherLoadShare ?? 0) > 0.1 || comparisons.some((c) => (c.otherLoadShare ?? 0) > 0.1);
  md.push(
    `Load average (1 min) at start ${info.loadAverageAtStart[0]}, at end ${loadAverageAtEnd[0]}; other processes used ${share(caselens.otherLoadShare)} of the CPUs during the CaseLens run${comparisons.length ? ` and ${comparisons.map((c) => `${share(c.otherLoadShare)} during tesseract ${c.model}`).join(', ')}` : ''}${busy ? ' — **the machine was not idle: timings are pessimistic**' : ' (nearly idle)'}.`,
  );
  md.push(
    `One core: CaseLens ran in a child process with UV_THREADPOOL_SIZE=${caselens.run.uvThreadpoolSize} and sharp concurrency ${caselens.run.sharpConcurrency}; process CPU time / wall time per image: median ${synthTiming.medianCpuOverWall?.toFixed(2) ?? 'n/a'}, max ${synthTiming.maxCpuOverWall?.toFixed(2) ?? 'n/a'}. One untimed warm-up image first (${ms(caselens.run.warmUpMs)}: OpenCV.js and model load).`,
  );
  md.push(`Synthetic set: ${set.scenes.length} scenes of 2000 x 1500 px JPEG, ${truthDocsAll} documents, of which ${nTruth} show an MRZ (the others are TD1 fronts).`);
  md.push('');
  md.push('| Set | Truth MRZs | MRZ found | Format correct | **Fully correct** | False documents | Per document, median (p90) | Per image, median (p90) |');
  md.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  md.push(
    `| Synthetic, ${set.scenes.length} scenes | ${nTruth} | ${rate(nFound, nTruth)} | ${rate(nFormat, nTruth)} | **${rate(nCorrect, nTruth)}** | ${falseDocs.total} | ${ms(synthTiming.medianPerDocumentMs)} (${ms(synthTiming.p90PerDocumentMs)}) | ${ms(synthTiming.medianPerImageMs)} (${ms(synthTiming.p90PerImageMs)}) |`,
  );
  if (corpus.length) {
    md.push(
      `| Corpus specimens | ${corpus.length} | ${rate(corpusRows.filter((r) => r.found).length, corpus.length)} | ${rate(corpusRows.filter((r) => r.formatOk).length, corpus.length)} | **${rate(cCorrect, corpus.length)}** | ${corpusRows.reduce((s, r) => s + r.falseDocuments, 0)} | ${ms(corpusTiming.medianPerDocumentMs)} (${ms(corpusTiming.p90PerDocumentMs)}) | ${ms(corpusTiming.medianPerImageMs)} (${ms(corpusTiming.p90PerImageMs)}) |`,
    );
  } else md.push(`| Corpus specimens | ${corpusNote} | | | | | | |`);
  md.push('');
  md.push(
    `Times are find + read + parse (\`checkImage\`), wall clock, one core; per document = image time / documents found (${synthTiming.imagesWithDocuments} of ${synthTiming.images} synthetic images had at least one; ${synthTiming.documentsFound} documents found in all). Process CPU time instead of wall time (less affected by other load): median ${ms(synthTiming.medianCpuPerDocumentMs)} per document, ${ms(synthTiming.medianCpuPerImageMs)} per image. Stage medians per synthetic image (wall): find ${ms(synthTiming.medianFindMs)}, read ${ms(synthTiming.medianReadMs)}, parse ${ms(synthTiming.medianParseMs)}. Decoding (\`decodeRgb\`, not part of the target) ${ms(synthTiming.medianDecodeMs)} median.`,
  );
  md.push(
    `False documents (found with an MRZ matching no printed MRZ of the image): ${falseDocs.total} = ${falseDocs.onMrzDocument} misreads of a real MRZ + ${falseDocs.onDocumentWithoutMrz} MRZs reported on a document without one + ${falseDocs.offDocument} off any document.`,
  );
  md.push('');
  md.push(
    `Targets: ≥ ${TARGETS.syntheticFullyCorrect * 100} % fully correct on the synthetic set: ${ok(verdict.syntheticFullyCorrect)} (${pct(nCorrect, nTruth)}); ≥ ${TARGETS.corpusFullyCorrect * 100} % on the corpus specimens: ${ok(verdict.corpusFullyCorrect)} (${corpus.length ? pct(cCorrect, corpus.length) : 'not run'}); median < ${TARGETS.medianMsPerDocument} ms per document on one core: ${ok(verdict.medianMsPerDocument)} (${ms(synthTiming.medianPerDocumentMs)}).`,
  );
  md.push('');
  md.push('Where the documents that were not fully correct were lost (outline error: largest corner distance between the found outline on that document and the true one, in % of the document width):');
  md.push('');
  md.push('| Outcome | Documents | Outline error, median | Outline within 2 % |');
  md.push('|---|---:|---:|---:|');
  for (const [stage, c] of Object.entries(stages)) md.push(`| ${stage} | ${c.docs} | ${c.medianOutlineErrorPct === null ? 'n/a' : `${c.medianOutlineErrorPct.toFixed(1)} %`} | ${c.withOutline ? `${c.outlineWithin2Pct}/${c.withOutline}` : 'n/a'} |`);
  md.push('');
  md.push('Deliberately broken MRZs (the printed lines are the truth):');
  md.push('');
  md.push('| Defect | Documents | Kept as printed | "Corrected" back to the original | Other reading | No MRZ read | Read differs and validates |');
  md.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const [kind, c] of Object.entries(brokenByKind)) md.push(`| ${kind} | ${c.docs} | ${c.keptAsPrinted} | ${c.restoredToOriginal} | ${c.otherRead} | ${c.notRead} | ${c.readValid} |`);
  md.push('');
  md.push('Fully correct by condition (synthetic, documents with an MRZ; found = an MRZ was read on that document):');
  md.push('');
  md.push('| Condition | Value | Documents | MRZ found | Fully correct |');
  md.push('|---|---|---:|---:|---:|');
  for (const [k, values] of Object.entries(breakdown)) {
    for (const [v, c] of Object.entries(values).sort((a, b) => a[0].localeCompare(b[0]))) md.push(`| ${k} | ${v} | ${c.docs} | ${pct(c.found, c.docs)} | ${pct(c.correct, c.docs)} |`);
  }
  md.push('');
  if (corpus.length) {
    md.push('Corpus specimens, one by one:');
    md.push('');
    md.push('| File | Format | Truth | Documents found | MRZ read | Fully correct | Characters wrong | Time |');
    md.push('|---|---|---|---:|---|---|---:|---:|');
    for (const r of corpusRows) md.push(`| \`${r.path.split('/').pop()}\` | ${r.format} | ${r.source} | ${r.documentsFound} | ${r.found ? (r.formatOk ? 'yes' : 'wrong format') : 'no'} | ${r.fullyCorrect ? 'yes' : '**no**'} | ${r.charErrors ?? 'n/a'} | ${ms(r.checkMs)} |`);
    const badTranscriptions = corpusChecks.filter((c) => c.failing.length > 0);
    md.push('');
    md.push(`Every transcription was re-verified against its check digits in this run (fixture verifier): ${badTranscriptions.length === 0 ? 'all hold' : `**${badTranscriptions.map((c) => c.path).join(', ')} fail**`}.`);
    md.push('');
  }
  const cmpMd = (rows: ComparisonRow[]) => {
    md.push('| Reader | Images | Fully correct | Lines exact | Characters in place | Median per image |');
    md.push('|---|---:|---:|---:|---:|---:|');
    for (const r of rows) md.push(`| ${r.reader} | ${r.images} | ${rate(r.fullyCorrect, r.truthMrzs)} | ${rate(r.linesExact, r.truthLines)} | ${r.charsMatched === null ? 'n/a' : pct(r.charsMatched, r.truthChars)} | ${r.medianPerImageMs === null ? r.note : ms(r.medianPerImageMs)} |`);
  };
  if (comparisons.length) {
    md.push(`Comparison on the same images: the first ${compareScenes.length} synthetic scenes (${result.comparisons.syntheticSubset.ids}, ${synthCompareImages.reduce((s, i) => s + i.truths.length, 0)} MRZs):`);
    md.push('');
    cmpMd(synthCompareRows);
    md.push('');
    md.push(`Of these, the ${uprightIds.size} scenes whose documents are all upright (±5°; tesseract is run without orientation detection):`);
    md.push('');
    cmpMd(synthUprightRows);
    md.push('');
    if (corpus.length) {
      md.push('Corpus specimens:');
      md.push('');
      cmpMd(corpusCompareRows);
      md.push('');
    }
    md.push(
      `tesseract.js: ${comparisons.map((c) => (c.available ? `${c.description}` : `${c.model} not run (${c.missing})`)).join('; ')}; local \`langPath\`, \`cacheMethod: 'none'\`, OEM 1 (LSTM), page segmentation 3 (auto), whole image as stored (its own decode is inside its time; CaseLens's is not). MRZ candidates from its text: ${result.comparisons.candidateRule}. "Characters in place": printed characters matched at the same position by the best candidate line.`,
    );
  } else md.push('tesseract.js comparisons: not run (--skip-tesseract).');
  process.stdout.write('---- Markdown for docs/BENCHMARKS.md ----\n' + md.join('\n') + '\n---- end ----\n');
  process.stdout.write(`result written to ${path.relative(ROOT, path.join(BENCH_DIR, 'documents-result.json'))}\n`);

  // ---- failure dump (untimed, separate child)
  if (args.dumpFailures) {
    const dir = args.dumpFailures;
    await fs.mkdir(dir, { recursive: true });
    const sceneIds = [...new Set(failures.map((f) => f.scene))].slice(0, 16);
    const corpusFailed = corpusRows.filter((r) => !r.fullyCorrect).map((r) => `corpus:${r.path}`);
    const dumpJobs = [...sceneIds.map((id) => ({ id, file: set.scenes.find((s) => s.spec.id === id)!.file })), ...corpusFailed.map((id) => ({ id: id.replace(/[:/]/g, '_'), file: path.join(PASSPORTEYE_DIR, id.slice(7)) }))];
    if (dumpJobs.length) {
      await runCaselens(dumpJobs, work, dir);
      const notes: string[] = [];
      for (const j of dumpJobs) {
        await sharp(j.file).png().toFile(path.join(dir, `${j.id}-scene.png`));
        const f = failures.filter((x) => x.scene === j.id);
        for (const x of f) notes.push(`${x.scene} doc ${x.index} ${JSON.stringify(x.buckets)}\n  printed ${x.printed.join(' / ')}\n  read    ${x.read?.join(' / ') ?? '(none)'}`);
        const c = corpusRows.find((r) => `corpus_${r.path.replace(/\//g, '_')}` === j.id);
        if (c) notes.push(`${c.path}\n  printed ${CORPUS_MRZ.find((x) => x.path === c.path)!.lines.join(' / ')}\n  read    ${c.read?.join(' / ') ?? '(none)'}`);
      }
      await fs.writeFile(path.join(dir, 'failures.txt'), notes.join('\n') + '\n');
      process.stdout.write(`failing scenes and rectified documents written to ${dir}\n`);
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`documents bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
