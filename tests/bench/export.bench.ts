/**
 * Export benchmark: writing a BagIt bag (copy + SHA-256 + SHA-512 + read-back check + manifests) against
 * `sha256sum` over the same files, in the same run. Target: export MB/s ≥ 80 % of sha256sum's.
 *
 *   tsx tests/bench/export.bench.ts [--files N] [--bytes B] [--rounds R] [--main-only] [--keep]
 *
 * Files are generated once (AES-CTR keystream from a fixed key: deterministic, incompressible, fast) into
 * $TMPDIR/caselens-bench-export-<N>-<B>; sizes are mixed (log-uniform 1 KB..40 MB, scaled to the total). Each
 * export (R rounds of the default folder export, then a zip unless --main-only) is timed right after
 * a sha256sum over the same files, all reading warm page cache; the ratio is sha256sum's time over the export's.
 * Every bag is kept until the end, so it needs (R + 2) × B of free temporary disk (10 GB by default).
 * Every figure printed is measured in this run; the rows also go to .cache/bench/export-result.json.
 */
import { spawnSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyBag } from '../../native/engine/export/bagit/verifier';
import { writeBag, type PayloadEntry, type WriteBagOptions } from '../../native/engine/export/bagit/writer';
import { Rng } from '../fixtures/prng';
import { machineBusySeconds, machineInfo, otherLoad, selfCpuSeconds } from './machine';

const TARGET_RATIO = 0.8;
const ROOT_CACHE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache', 'bench');

function parseArgs(argv: string[]) {
  let files = 5000;
  let bytes = 2e9;
  let keep = false;
  let rounds = 2;
  let mainOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--files') files = Number(argv[++i]);
    else if (a === '--bytes') bytes = Number(argv[++i]);
    else if (a === '--keep') keep = true;
    else if (a === '--rounds') rounds = Number(argv[++i]);
    else if (a === '--main-only') mainOnly = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!(files >= 1 && bytes >= files)) throw new Error('need --files ≥ 1 and --bytes ≥ --files');
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error('--rounds must be a positive integer');
  return { files, bytes, keep, rounds, mainOnly };
}

/** Mixed sizes summing exactly to `total`: log-uniform between 1 KB and 40 MB, then scaled. */
function sizes(count: number, total: number): number[] {
  const rng = new Rng(20250301);
  const raw = Array.from({ length: count }, () => Math.exp(rng.range(Math.log(1e3), Math.log(4e7))));
  const scale = total / raw.reduce((s, x) => s + x, 0);
  const out = raw.map((x) => Math.max(1, Math.floor(x * scale)));
  out[0] = (out[0] as number) + total - out.reduce((s, x) => s + x, 0);
  return out;
}

async function generate(dir: string, count: number, total: number): Promise<string[]> {
  const marker = path.join(dir, '.complete');
  const list = sizes(count, total);
  const files = list.map((_, i) => path.join(dir, `e${String(i % 50).padStart(2, '0')}`, `file-${String(i).padStart(5, '0')}.bin`));
  if (existsSync(marker)) return files;
  await fs.rm(dir, { recursive: true, force: true });
  const key = Buffer.alloc(16, 7);
  const zeros = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < count; i++) {
    const iv = Buffer.alloc(16);
    iv.writeUInt32BE(i, 0);
    const cipher = createCipheriv('aes-128-ctr', key, iv);
    await fs.mkdir(path.dirname(files[i] as string), { recursive: true });
    const handle = await fs.open(files[i] as string, 'w');
    for (let left = list[i] as number; left > 0; left -= zeros.length) await handle.write(cipher.update(zeros.subarray(0, Math.min(left, zeros.length))));
    await handle.close();
  }
  await fs.writeFile(marker, '');
  return files;
}

/** Wall seconds and CPU seconds (user + system, from bash's `times`) of sha256sum over the listed files. */
function sha256sum(listFile: string): { seconds: number; cpu: number } {
  const start = process.hrtime.bigint();
  const run = spawnSync('bash', ['-c', `xargs -0 -a '${listFile}' sha256sum > /dev/null && times`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sha256sum failed: ${run.stderr}`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // `times` prints the shell's, then its children's user and system times, e.g. "0m2.871s 0m0.135s".
  const children = (run.stdout.trim().split('\n')[1] ?? '').match(/(\d+)m([\d.]+)s/g) ?? [];
  const cpu = children.reduce((sum, t) => {
    const [, m, sec] = /(\d+)m([\d.]+)s/.exec(t) as RegExpExecArray;
    return sum + Number(m) * 60 + Number(sec);
  }, 0);
  return { seconds, cpu };
}

/** Wall time, peak RSS (sampled every 20 ms) and this process's CPU seconds of one async job. */
async function measure<T>(job: () => Promise<T>) {
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const busy0 = machineBusySeconds();
  const cpu0 = selfCpuSeconds();
  const start = process.hrtime.bigint();
  const result = await job();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  const cpu = selfCpuSeconds() - cpu0;
  return { result, seconds, rssBefore, rssPeak: Math.max(peak, process.memoryUsage.rss()), cpu, otherLoad: otherLoad(busy0, machineBusySeconds(), cpu, seconds) };
}

const mb = (bytes: number) => bytes / 1e6;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const info = machineInfo();
  const dir = path.join(os.tmpdir(), `caselens-bench-export-${args.files}-${args.bytes}`);
  process.stdout.write(`machine: ${info.cpuModel}, ${info.nproc} cores, node ${info.node}, load ${info.loadAverageAtStart.join(' ')}\n`);
  const t0 = Date.now();
  const files = await generate(dir, args.files, args.bytes);
  process.stdout.write(`files: ${files.length}, ${mb(args.bytes).toFixed(0)} MB in ${dir} (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  const listFile = path.join(dir, '.list');
  await fs.writeFile(listFile, `${files.join('\0')}\0`);
  const out = path.join(os.tmpdir(), `caselens-bench-export-out-${process.pid}`);
  await fs.mkdir(out, { recursive: true });
  const payload: PayloadEntry[] = files.map((file) => ({ path: `data/evidence/${path.relative(dir, file)}`, source: { file } }));
  const plan = { payload, sourceOrganization: 'Bench', externalIdentifier: 'EXP_BENCH' };

  sha256sum(listFile); // warm the page cache
  // Outputs are kept until the end: deleting thousands of files just before creating thousands more makes ext4's
  // inode allocator skip the recently deleted inodes (measured: twice the kernel time of the next export).
  let outputs = 0;
  const targetFor = (container: 'folder' | 'zip') => path.join(out, `bag-${outputs++}${container === 'zip' ? '.zip' : ''}`);
  const results: Record<string, unknown>[] = [];
  const shaRuns: { seconds: number; cpu: number }[] = [];
  const runExport = async (label: string, container: 'folder' | 'zip', options: WriteBagOptions, sha: { seconds: number; cpu: number }) => {
    const target = targetFor(container);
    const m = await measure(() => writeBag(plan, { container, path: target }, options));
    const rate = mb(args.bytes) / m.seconds;
    const row = {
      label,
      seconds: Number(m.seconds.toFixed(2)),
      mbPerSecond: Number(rate.toFixed(0)),
      sha256sumMbPerSecond: Number((mb(args.bytes) / sha.seconds).toFixed(0)),
      ratioToSha256sum: Number((sha.seconds / m.seconds).toFixed(2)),
      cpuSeconds: Number(m.cpu.toFixed(1)),
      /** CPU against sha256sum's: the ratio's floor were the cores shared with nobody and nothing overlapped. */
      cpuRatioToSha256sum: Number((m.cpu / sha.cpu).toFixed(2)),
      rssBeforeMB: Number(mb(m.rssBefore).toFixed(0)),
      rssPeakMB: Number(mb(m.rssPeak).toFixed(0)),
      otherLoad: m.otherLoad === null ? null : Number(m.otherLoad.toFixed(2)),
      loadAverage: Number(os.loadavg()[0]?.toFixed(2)),
    };
    results.push(row);
    process.stdout.write(
      `export (${label}): ${row.seconds} s, ${row.mbPerSecond} MB/s vs sha256sum ${row.sha256sumMbPerSecond} MB/s just before → ratio ${row.ratioToSha256sum}; ` +
        `cpu ${row.cpuSeconds} s (${row.cpuRatioToSha256sum}× sha256sum's), RSS ${row.rssBeforeMB} → peak ${row.rssPeakMB} MB, others' load ${row.otherLoad}, load avg ${row.loadAverage}\n`,
    );
    return target;
  };
  const shaLine = (r: { seconds: number; cpu: number }) => `sha256sum: ${r.seconds.toFixed(2)} s, ${(mb(args.bytes) / r.seconds).toFixed(0)} MB/s, cpu ${r.cpu.toFixed(1)} s\n`;
  let mainBag = '';
  for (let round = 0; round < args.rounds; round++) {
    const sha = sha256sum(listFile);
    shaRuns.push(sha);
    process.stdout.write(shaLine(sha));
    mainBag = await runExport(`folder, copy workers, fsync, round ${round + 1}`, 'folder', {}, sha);
  }
  const v = await measure(() => verifyBag(mainBag, { allowUnsigned: true }));
  if (!v.result.ok) throw new Error(`bench bag does not verify: ${v.result.problems.slice(0, 3).join('; ')}`);
  process.stdout.write(`verify folder: ${v.seconds.toFixed(2)} s, ${(mb(args.bytes) / v.seconds).toFixed(0)} MB/s, RSS peak ${mb(v.rssPeak).toFixed(0)} MB\n`);
  if (!args.mainOnly) {
    for (const [label, container, options] of [
      ['zip, copy workers, fsync', 'zip', {}],
    ] as const) {
      const sha = sha256sum(listFile);
      process.stdout.write(shaLine(sha));
      const target = await runExport(label, container, options, sha);
      if (container === 'zip') {
        const z = await measure(() => verifyBag(target, { allowUnsigned: true }));
        if (!z.result.ok) throw new Error(`bench zip does not verify: ${z.result.problems.slice(0, 3).join('; ')}`);
        process.stdout.write(`verify zip: ${z.seconds.toFixed(2)} s, ${(mb(args.bytes) / z.seconds).toFixed(0)} MB/s, RSS peak ${mb(z.rssPeak).toFixed(0)} MB\n`);
      }
    }
  }
  const mainRows = results.filter((r) => String(r.label).startsWith('folder, copy workers')) as { ratioToSha256sum: number }[];
  const ratios = mainRows.map((r) => r.ratioToSha256sum).sort((a, b) => a - b);
  const mid = ratios.length / 2;
  const median = Number((ratios.length % 2 ? (ratios[Math.floor(mid)] as number) : ((ratios[mid - 1] as number) + (ratios[mid] as number)) / 2).toFixed(2));
  process.stdout.write(`target: export ≥ ${TARGET_RATIO * 100} % of sha256sum → ratios ${ratios.join(', ')}, median ${median}: ${median >= TARGET_RATIO ? 'met' : 'NOT met'}\n`);
  process.stdout.write(`load average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; max RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  await fs.mkdir(ROOT_CACHE, { recursive: true });
  await fs.writeFile(path.join(ROOT_CACHE, 'export-result.json'), `${JSON.stringify({ machine: info, files: files.length, bytes: args.bytes, sha256sum: shaRuns, results }, null, 2)}\n`).catch(() => undefined);
  await fs.rm(out, { recursive: true, force: true });
  if (!args.keep) await fs.rm(dir, { recursive: true, force: true });
}
main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
