/**
 * Ingest benchmark: CaseLens `ingest` against a baseline chain of standard tools doing the same three
 * jobs (hash, read metadata, make thumbnails) on the same photos.
 *
 *   npm run bench:ingest -- [--count N] [--mp M] [--keep] [--skip-baseline] [--skip-caselens] [--reference-in-place]
 *
 * Photos are generated once and cached in .cache/bench/photos-<N> (or photos-<N>-<W>x<H> for a non-default
 * --mp). Results go to .cache/bench/ingest-result.json; a Markdown block for docs/BENCHMARKS.md is printed.
 * Nothing here invents figures: every number printed is measured in this run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePhoto } from '../fixtures/image';
import type { PhotoExif } from '../fixtures/image';
import { Rng } from '../fixtures/prng';
import { machineBusySeconds, machineInfo } from './machine';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH_DIR = path.join(ROOT, '.cache', 'bench');
const CLI = path.join(ROOT, 'bin', 'caselens.js');
const GENERATOR_VERSION = 1;

const TARGETS = {
  imagesPerSecond: 60,
  /** 1 GB, decimal. */
  peakRssBytes: 1e9,
};

// ---------------------------------------------------------------------------------------------------
// Arguments

interface Args {
  count: number;
  width: number;
  height: number;
  keep: boolean;
  skipBaseline: boolean;
  skipCaselens: boolean;
  referenceInPlace: boolean;
}

function parseArgs(argv: string[]): Args {
  let count = 500;
  let mp: number | null = null;
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--count') count = Number(argv[++i]);
    else if (a.startsWith('--count=')) count = Number(a.slice(8));
    else if (a === '--mp') mp = Number(argv[++i]);
    else if (a.startsWith('--mp=')) mp = Number(a.slice(5));
    else if (['--keep', '--skip-baseline', '--skip-caselens', '--reference-in-place'].includes(a)) flags.add(a);
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: tsx tests/bench/ingest.bench.ts [--count N] [--mp M] [--keep] [--skip-baseline] [--skip-caselens] [--reference-in-place]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
  let width = 3504;
  let height = 2336; // 8.19 MP, 3:2
  if (mp !== null) {
    if (!(mp > 0 && mp <= 100)) throw new Error('--mp must be in (0, 100]');
    width = Math.round(Math.sqrt((mp * 1e6 * 3) / 2) / 16) * 16;
    height = Math.round((width * 2) / 3 / 16) * 16;
  }
  return {
    count,
    width,
    height,
    keep: flags.has('--keep'),
    skipBaseline: flags.has('--skip-baseline'),
    skipCaselens: flags.has('--skip-caselens'),
    referenceInPlace: flags.has('--reference-in-place'),
  };
}

// ---------------------------------------------------------------------------------------------------
// Photo set (cached)

interface PhotoSet {
  dir: string;
  files: string[];
  totalBytes: number;
  generatedNow: number;
  generationSeconds: number;
}

const DEVICES = [
  { make: 'samsung', model: 'SM-A525F', software: 'A525FXXU4CWB1' },
  { make: 'Xiaomi', model: 'M2101K6G', software: 'MIUI Global 14.0.2' },
  { make: 'Google', model: 'Pixel 7', software: 'HDR+ 1.0.540104767zd' },
] as const;

function photoPlan(i: number): { name: string; seed: number; noise: number; exif: PhotoExif } {
  const r = new Rng(90_000 + i);
  const t = new Date(Date.UTC(2024, 0, 1, 8, 0, 0) + i * 997_000 + r.int(0, 900) * 1000).toISOString().slice(0, 19);
  const exifTime = t.replace('T', ' ').replace(/-/g, ':');
  const device = DEVICES[i % DEVICES.length]!;
  const exif: PhotoExif = {
    ...device,
    dateTimeOriginal: exifTime,
    createDate: exifTime,
    modifyDate: exifTime,
    offsetTimeOriginal: '+01:00',
  };
  if (i % 2 === 0) exif.gps = { lat: Number(r.range(41.9, 43.5).toFixed(6)), lon: Number(r.range(18.4, 20.3).toFixed(6)) };
  const name = `IMG_${t.slice(0, 10).replace(/-/g, '')}_${t.slice(11).replace(/:/g, '')}_${String(i).padStart(5, '0')}.jpg`;
  return { name, seed: 1_000_000 + i, noise: r.range(8, 13), exif };
}

async function ensurePhotos(args: Args): Promise<PhotoSet> {
  const defaultSize = args.width === 3504 && args.height === 2336;
  const base = defaultSize ? `photos-${args.count}` : `photos-${args.count}-${args.width}x${args.height}`;
  const dir = path.join(BENCH_DIR, base);
  const markerPath = path.join(BENCH_DIR, `${base}.json`);
  await fs.mkdir(dir, { recursive: true });
  const plans = Array.from({ length: args.count }, (_, i) => photoPlan(i));
  const marker = existsSync(markerPath) ? (JSON.parse(readFileSync(markerPath, 'utf8')) as { version?: number; width?: number; height?: number }) : null;
  if (marker && (marker.version !== GENERATOR_VERSION || marker.width !== args.width || marker.height !== args.height)) {
    process.stderr.write(`cached photo set ${dir} is from another generator version: regenerating\n`);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(markerPath, { force: true });
    await fs.mkdir(dir, { recursive: true });
  }
  const present = new Set(await fs.readdir(dir));
  const missing = plans.filter((p) => !present.has(p.name));
  const t0 = performance.now();
  if (missing.length > 0) {
    process.stderr.write(`generating ${missing.length} JPEGs of ${args.width}x${args.height} (${((args.width * args.height) / 1e6).toFixed(2)} MP) into ${dir}\n`);
    const workers = Math.max(2, os.availableParallelism() + 1);
    let next = 0;
    let done = 0;
    const work = async () => {
      while (next < missing.length) {
        const p = missing[next++]!;
        const jpeg = await makePhoto({ seed: p.seed, width: args.width, height: args.height, quality: 90, noise: p.noise, exif: p.exif });
        const tmp = path.join(dir, `.${p.name}.tmp`);
        await fs.writeFile(tmp, jpeg);
        await fs.rename(tmp, path.join(dir, p.name)); // a killed run never leaves a half-written photo
        done++;
        if (done % 10 === 0 || done === missing.length) {
          const s = (performance.now() - t0) / 1000;
          const eta = ((missing.length - done) * s) / done;
          process.stderr.write(`\r  ${done}/${missing.length}  ${(done / s).toFixed(1)} img/s  ETA ${eta.toFixed(0)} s   `);
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, work));
    process.stderr.write('\n');
  }
  // Stray temp files from an interrupted run.
  for (const name of await fs.readdir(dir)) if (name.endsWith('.tmp')) await fs.rm(path.join(dir, name), { force: true });
  const files = plans.map((p) => path.join(dir, p.name));
  let totalBytes = 0;
  for (const f of files) totalBytes += (await fs.stat(f)).size;
  await fs.writeFile(markerPath, JSON.stringify({ version: GENERATOR_VERSION, count: args.count, width: args.width, height: args.height, totalBytes }, null, 2));
  return { dir, files, totalBytes, generatedNow: missing.length, generationSeconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------------
// Measuring processes

interface Measured {
  wallSeconds: number;
  exitCode: number | null;
  /** "Maximum resident set size" of /usr/bin/time -v: the largest single process of the tree. */
  maxRssSingleBytes: number | null;
  /** Peak of the sum of VmRSS over the whole process tree, sampled every 50 ms. */
  peakTreeRssBytes: number;
  /** User + system CPU seconds of the measured process tree (from /usr/bin/time -v). */
  cpuSeconds: number | null;
  /**
   * Share of the machine's CPU capacity used by *other* processes during the measurement:
   * (busy CPU time from /proc/stat − cpuSeconds) / (wall time × CPUs). 0 on an idle machine.
   */
  otherLoadShare: number | null;
  stdout: string;
  stderr: string;
}

const HAVE_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

function children(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return kids;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = kids.get(ppid) ?? [];
      list.push(Number(e));
      kids.set(ppid, list);
    } catch {
      // process gone
    }
  }
  return kids;
}

function treeRss(root: number): number {
  const kids = children();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
    stack.push(...(kids.get(pid) ?? []));
  }
  return total;
}

function measure(cmd: string, argv: string[]): Promise<Measured> {
  const [exe, exeArgs] = HAVE_TIME ? ['/usr/bin/time', ['-v', cmd, ...argv]] : [cmd, argv];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const busy0 = machineBusySeconds();
    const child = spawn(exe, exeArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRss(child.pid));
    }, 50);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallSeconds = (performance.now() - t0) / 1000;
      const busy1 = machineBusySeconds();
      const stderr = Buffer.concat(err).toString('utf8');
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const cpuSeconds = user && sys ? Number(user[1]) + Number(sys[1]) : null;
      const otherLoadShare =
        busy0 !== null && busy1 !== null && cpuSeconds !== null
          ? Math.max(0, (busy1 - busy0 - cpuSeconds) / (wallSeconds * os.availableParallelism()))
          : null;
      resolve({
        wallSeconds,
        exitCode: code,
        maxRssSingleBytes: m ? Number(m[1]) * 1024 : null,
        peakTreeRssBytes: peak,
        cpuSeconds,
        otherLoadShare,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
      });
    });
  });
}

/** Reads every file once so both contenders start with the photos in the page cache. */
async function warmCache(files: string[]): Promise<void> {
  for (const f of files) {
    await new Promise<void>((resolve, reject) => {
      const s = createReadStream(f, { highWaterMark: 1 << 20 });
      s.on('data', () => undefined);
      s.on('end', resolve);
      s.on('error', reject);
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Contenders

interface StepResult {
  name: string;
  command: string;
  wallSeconds: number;
  imagesPerSecond: number;
  maxRssSingleBytes: number | null;
  peakTreeRssBytes: number;
  cpuSeconds: number | null;
  otherLoadShare: number | null;
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function runBaseline(set: PhotoSet, work: string, cores: number): Promise<{ steps: StepResult[]; wallSeconds: number; imagesPerSecond: number }> {
  const thumbs = path.join(work, 'thumbs');
  await fs.mkdir(thumbs, { recursive: true });
  const n = set.files.length;
  const P = Math.max(1, cores);
  const steps: [string, string][] = [
    ['sha256sum', `set -o pipefail; find ${sh(set.dir)} -type f -name '*.jpg' -print0 | xargs -0 -n 50 -P ${P} sha256sum > ${sh(path.join(work, 'sha256.txt'))}`],
    ['exiftool -j -fast -r', `exiftool -j -fast -r ${sh(set.dir)} > ${sh(path.join(work, 'exif.json'))}`],
    ['vipsthumbnail -s 256', `set -o pipefail; find ${sh(set.dir)} -type f -name '*.jpg' -print0 | xargs -0 -n 25 -P ${P} vipsthumbnail -s 256 -o ${sh(thumbs)}/%s.jpg`],
  ];
  const results: StepResult[] = [];
  for (const [name, command] of steps) {
    await warmCache(set.files);
    process.stderr.write(`baseline: ${name} ...`);
    const m = await measure('bash', ['-c', command]);
    if (m.exitCode !== 0) throw new Error(`baseline step ${name} failed (${m.exitCode}): ${m.stderr.slice(-2000)}`);
    process.stderr.write(` ${m.wallSeconds.toFixed(2)} s\n`);
    results.push({ name, command, wallSeconds: m.wallSeconds, imagesPerSecond: n / m.wallSeconds, maxRssSingleBytes: m.maxRssSingleBytes, peakTreeRssBytes: m.peakTreeRssBytes, cpuSeconds: m.cpuSeconds, otherLoadShare: m.otherLoadShare });
  }
  // Sanity: the chain really did all the work.
  const hashes = (await fs.readFile(path.join(work, 'sha256.txt'), 'utf8')).split('\n').filter(Boolean).length;
  const exif = (JSON.parse(await fs.readFile(path.join(work, 'exif.json'), 'utf8')) as unknown[]).length;
  const thumbCount = (await fs.readdir(thumbs)).length;
  if (hashes !== n || exif !== n || thumbCount !== n) throw new Error(`baseline incomplete: ${hashes} hashes, ${exif} EXIF records, ${thumbCount} thumbnails for ${n} photos`);
  const wallSeconds = results.reduce((s, r) => s + r.wallSeconds, 0);
  return { steps: results, wallSeconds, imagesPerSecond: n / wallSeconds };
}

interface CaselensResult {
  command: string;
  wallSeconds: number;
  imagesPerSecond: number;
  maxRssSingleBytes: number | null;
  peakTreeRssBytes: number;
  peakRssBytes: number;
  cpuSeconds: number | null;
  otherLoadShare: number | null;
  summary: unknown;
}

function cliJson(args: string[]): unknown {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`caselens ${args.slice(0, 2).join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function runCaselens(set: PhotoSet, work: string, referenceInPlace: boolean): Promise<CaselensResult> {
  const caseDir = path.join(work, 'case');
  cliJson(['case', 'create', caseDir, '--title', 'Ingest benchmark (synthetic)', '--reference', 'BENCH']);
  cliJson(['exhibit', 'add', caseDir, '--label', 'BENCH-01', '--description', 'benchmark photo set']);
  await warmCache(set.files);
  const argv = [CLI, 'ingest', caseDir, set.dir, '--exhibit', 'BENCH-01', ...(referenceInPlace ? ['--reference-in-place'] : [])];
  process.stderr.write(`caselens: ingest ${set.files.length} photos${referenceInPlace ? ' (reference in place)' : ''} ...`);
  const m = await measure(process.execPath, argv);
  await fs.writeFile(path.join(BENCH_DIR, 'last-ingest.stderr.log'), m.stderr);
  if (m.exitCode !== 0) throw new Error(`caselens ingest failed (${m.exitCode}): ${m.stderr.slice(-2000)}`);
  process.stderr.write(` ${m.wallSeconds.toFixed(2)} s\n`);
  let summary: unknown = null;
  try {
    summary = JSON.parse(m.stdout);
  } catch {
    try {
      summary = JSON.parse(m.stdout.trim().split('\n').filter(Boolean).pop() ?? 'null');
    } catch {
      summary = m.stdout.slice(0, 2000);
    }
  }
  const s = summary as { added?: number; duplicates?: number; failed?: unknown[] } | null;
  if (s && typeof s.added === 'number' && s.added + (s.duplicates ?? 0) !== set.files.length) {
    process.stderr.write(`warning: ingest reports added=${s.added} duplicates=${s.duplicates ?? 0} for ${set.files.length} photos\n`);
  }
  return {
    command: `node bin/caselens.js ingest <fresh case> ${path.relative(ROOT, set.dir)} ${argv.slice(4).join(' ')}`,
    wallSeconds: m.wallSeconds,
    imagesPerSecond: set.files.length / m.wallSeconds,
    maxRssSingleBytes: m.maxRssSingleBytes,
    peakTreeRssBytes: m.peakTreeRssBytes,
    peakRssBytes: Math.max(m.maxRssSingleBytes ?? 0, m.peakTreeRssBytes),
    cpuSeconds: m.cpuSeconds,
    otherLoadShare: m.otherLoadShare,
    summary,
  };
}

// ---------------------------------------------------------------------------------------------------
// Reporting

interface Floor {
  files: number;
  decodeMs: number;
  hashesMs: number;
  caselensImageMs: number;
  /** Images/s on all cores if decode + hashes were the only work and cores scaled perfectly. */
  ceilingImagesPerSecond: number;
}

/** Single-core cost of the unavoidable work per photo (see ingest-floor.ts), and the ceiling it implies. */
function measureFloor(set: PhotoSet, cores: number): Floor {
  process.stderr.write('floor: single-core decode and hash cost ...');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests', 'bench', 'ingest-floor.ts'), set.dir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, UV_THREADPOOL_SIZE: '1' },
  });
  if (r.status !== 0) throw new Error(`ingest-floor failed (${r.status}): ${r.stderr}`);
  const f = JSON.parse(r.stdout) as Omit<Floor, 'ceilingImagesPerSecond'>;
  process.stderr.write(` ${(f.decodeMs + f.hashesMs).toFixed(1)} ms per photo\n`);
  return { ...f, ceilingImagesPerSecond: (cores * 1000) / (f.decodeMs + f.hashesMs) };
}

function machine() {
  const version = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] ?? null : null;
  };
  // `df` names ext4 correctly (`stat -f` reports every ext* as "ext2/ext3").
  const df = spawnSync('df', ['--output=fstype', BENCH_DIR], { encoding: 'utf8' });
  const fsType = df.status === 0 ? (df.stdout.trim().split('\n').pop()?.trim() ?? null) : version('stat', ['-f', '-c', '%T', BENCH_DIR]);
  return {
    ...machineInfo(),
    vipsthumbnail: version('vipsthumbnail', ['--version']),
    exiftool: version('exiftool', ['-ver']),
    sha256sum: version('sha256sum', ['--version']),
    benchFilesystem: fsType,
  };
}

const gb = (b: number | null | undefined) => (b == null ? 'n/a' : `${(b / 1e9).toFixed(2)} GB`);
const pct = (x: number | null | undefined) => (x == null ? 'n/a' : `${(x * 100).toFixed(0)} %`);
const mb = (b: number | null | undefined) => (b == null ? 'n/a' : `${(b / 1e6).toFixed(0)} MB`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await fs.mkdir(BENCH_DIR, { recursive: true });
  const info = machine();
  if ((info.loadAverageAtStart[0] ?? 0) > 0.5) {
    process.stderr.write(`warning: load average is ${info.loadAverageAtStart.join(' ')}: other processes are running; figures will be pessimistic\n`);
  }
  const set = await ensurePhotos(args);
  const mp = (args.width * args.height) / 1e6;
  process.stderr.write(`photo set: ${set.files.length} x ${args.width}x${args.height} (${mp.toFixed(2)} MP), ${(set.totalBytes / 1e9).toFixed(2)} GB, mean ${(set.totalBytes / set.files.length / 1e6).toFixed(2)} MB\n`);

  const work = path.join(BENCH_DIR, 'runs', new Date().toISOString().replace(/[:.]/g, '-'));
  await fs.mkdir(work, { recursive: true });
  let baseline: Awaited<ReturnType<typeof runBaseline>> | null = null;
  let caselens: CaselensResult | null = null;
  let caselensError: string | null = null;
  try {
    if (!args.skipBaseline) baseline = await runBaseline(set, path.join(work, 'baseline'), info.nproc);
    if (!args.skipCaselens) {
      if (!existsSync(CLI)) caselensError = `bin/caselens.js not found`;
      else {
        try {
          caselens = await runCaselens(set, work, args.referenceInPlace);
        } catch (e) {
          caselensError = e instanceof Error ? e.message : String(e);
        }
      }
    }
  } finally {
    if (!args.keep) await fs.rm(work, { recursive: true, force: true });
  }
  const floor = args.skipCaselens ? null : measureFloor(set, info.nproc);

  const verdict = caselens
    ? {
        imagesPerSecond: caselens.imagesPerSecond >= TARGETS.imagesPerSecond,
        fasterThanBaseline: baseline ? caselens.wallSeconds < baseline.wallSeconds : null,
        peakRss: caselens.peakRssBytes < TARGETS.peakRssBytes,
      }
    : null;
  const result = {
    date: new Date().toISOString(),
    machine: info,
    photos: { count: set.files.length, width: args.width, height: args.height, megapixels: Number(mp.toFixed(2)), totalBytes: set.totalBytes, meanBytes: Math.round(set.totalBytes / set.files.length), dir: path.relative(ROOT, set.dir) },
    mode: args.referenceInPlace ? 'reference-in-place' : 'copy',
    cache: 'warm (every file read once before each measured step)',
    targets: TARGETS,
    caselens,
    caselensError,
    baseline,
    floor,
    verdict,
    loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
  // A run that measured nothing (both contenders skipped, e.g. to pre-generate photos) keeps the last result.
  if (baseline || caselens) await fs.writeFile(path.join(BENCH_DIR, 'ingest-result.json'), JSON.stringify(result, null, 2));

  // Table.
  const rows: string[][] = [['step', 'wall s', 'images/s', 'CPU s', 'other load', 'peak RSS (tree / largest process)']];
  const cpu = (x: { cpuSeconds: number | null }) => (x.cpuSeconds == null ? 'n/a' : x.cpuSeconds.toFixed(1));
  if (baseline) {
    for (const s of baseline.steps) rows.push([`baseline: ${s.name}`, s.wallSeconds.toFixed(2), s.imagesPerSecond.toFixed(1), cpu(s), pct(s.otherLoadShare), `${mb(s.peakTreeRssBytes)} / ${mb(s.maxRssSingleBytes)}`]);
    rows.push(['baseline chain total', baseline.wallSeconds.toFixed(2), baseline.imagesPerSecond.toFixed(1), '', '', '']);
  }
  if (caselens) rows.push(['caselens ingest', caselens.wallSeconds.toFixed(2), caselens.imagesPerSecond.toFixed(1), cpu(caselens), pct(caselens.otherLoadShare), `${mb(caselens.peakTreeRssBytes)} / ${mb(caselens.maxRssSingleBytes)}`]);
  else rows.push(['caselens ingest', 'not run', '', '', '', caselensError ?? 'skipped']);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  process.stdout.write('\n' + rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n') + '\n\n');

  // Markdown block.
  const md: string[] = [];
  md.push(`### Ingest, ${result.date.slice(0, 10)}: ${set.files.length} JPEGs of ${args.width}x${args.height} (${mp.toFixed(2)} MP)`);
  md.push('');
  md.push(`Machine: ${info.nproc} CPUs (${info.cpuModel}), ${(info.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB RAM, ${info.os}, filesystem ${info.benchFilesystem ?? '?'}; Node ${info.node}, sharp ${info.sharp}, libvips ${info.libvips} (CaseLens); ${info.vipsthumbnail}, exiftool ${info.exiftool}, ${info.sha256sum}.`);
  const shares = [...(baseline?.steps ?? []), ...(caselens ? [caselens] : [])].map((x) => x.otherLoadShare ?? 0);
  const busy = Math.max(0, ...shares) > 0.1;
  md.push(
    `Load average (1 min) at start: ${info.loadAverageAtStart[0]}; other processes used up to ${pct(Math.max(0, ...shares))} of the CPUs during a step${busy ? ' — **the machine was not idle: figures are pessimistic for both contenders**' : ' (otherwise nearly idle)'}.`,
  );
  md.push(`Photos: ${set.files.length} files, ${(set.totalBytes / 1e9).toFixed(2)} GB (mean ${(set.totalBytes / set.files.length / 1e6).toFixed(2)} MB), half with GPS. Page cache warm. CaseLens mode: ${result.mode}.`);
  md.push('');
  md.push('| Run | Wall time (s) | Images/s | CPU time (s) | Other load | Peak RSS, tree (largest process) |');
  md.push('|---|---:|---:|---:|---:|---:|');
  if (caselens) md.push(`| CaseLens \`ingest\` | ${caselens.wallSeconds.toFixed(2)} | ${caselens.imagesPerSecond.toFixed(1)} | ${cpu(caselens)} | ${pct(caselens.otherLoadShare)} | ${mb(caselens.peakTreeRssBytes)} (${mb(caselens.maxRssSingleBytes)}) |`);
  else md.push(`| CaseLens \`ingest\` | not run: ${caselensError ?? 'skipped'} | | | | |`);
  if (baseline) {
    for (const s of baseline.steps) md.push(`| baseline: \`${s.name}\` | ${s.wallSeconds.toFixed(2)} | ${s.imagesPerSecond.toFixed(1)} | ${cpu(s)} | ${pct(s.otherLoadShare)} | ${mb(s.peakTreeRssBytes)} (${mb(s.maxRssSingleBytes)}) |`);
    const chainCpu = baseline.steps.every((s) => s.cpuSeconds != null) ? baseline.steps.reduce((n, s) => n + (s.cpuSeconds ?? 0), 0).toFixed(1) : 'n/a';
    md.push(`| **baseline chain (sum)** | **${baseline.wallSeconds.toFixed(2)}** | **${baseline.imagesPerSecond.toFixed(1)}** | ${chainCpu} | | |`);
  }
  md.push('');
  md.push('"Other load": share of the machine\'s CPU capacity used by processes other than the one measured, during that step (from /proc/stat).');
  md.push('');
  if (verdict && caselens) {
    const ok = (b: boolean | null) => (b === null ? 'n/a' : b ? 'met' : '**not met**');
    md.push(`Targets: ≥ ${TARGETS.imagesPerSecond} images/s: ${ok(verdict.imagesPerSecond)} (${caselens.imagesPerSecond.toFixed(1)}); faster than the baseline chain: ${ok(verdict.fasterThanBaseline)}${baseline ? ` (${(baseline.wallSeconds / caselens.wallSeconds).toFixed(2)}x)` : ''}; peak memory < 1 GB: ${ok(verdict.peakRss)} (${gb(caselens.peakRssBytes)}).`);
  }
  if (floor) {
    md.push('');
    md.push(
      `CPU floor (one core, mean of ${floor.files} photos, in memory): decoding at 1/8 scale to 256 px ${floor.decodeMs.toFixed(1)} ms + SHA-256, SHA-1 and MD5 ${floor.hashesMs.toFixed(1)} ms = ${(floor.decodeMs + floor.hashesMs).toFixed(1)} ms per photo, so at most **${floor.ceilingImagesPerSecond.toFixed(1)} images/s** on ${info.nproc} cores with perfect scaling and nothing else done (no EXIF, no database, no copy, no process start). CaseLens's whole image step (decode, thumbnail encode, perceptual hash) costs ${floor.caselensImageMs.toFixed(1)} ms.`,
    );
  }
  process.stdout.write('---- Markdown for docs/BENCHMARKS.md ----\n' + md.join('\n') + '\n---- end ----\n');
  if (baseline || caselens) process.stdout.write(`result written to ${path.relative(ROOT, path.join(BENCH_DIR, 'ingest-result.json'))}\n`);
  if (!args.skipCaselens && !caselens) process.exitCode = 2;
}

main().catch((err: unknown) => {
  process.stderr.write(`ingest bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
