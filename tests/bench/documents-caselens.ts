/**
 * Child process of the documents benchmark: CaseLens find + read + parse (`checkImage`) on a list of
 * image files, one at a time, on one core.
 *
 *   UV_THREADPOOL_SIZE=1 tsx tests/bench/documents-caselens.ts <jobs.json> <out.json> [--dump <dir>]
 *
 * jobs.json: `[{ "id": "...", "file": "/abs/path" }, ...]`. Single core: the parent sets
 * UV_THREADPOOL_SIZE=1 (one libuv thread), this process sets sharp.concurrency(1) (one libvips thread);
 * OpenCV.js and the reader are single-threaded JavaScript/WebAssembly. Each image's process CPU time
 * (all threads, process.cpuUsage) is recorded beside its wall time so the report can show that the work
 * really ran on one core (CPU / wall ≤ 1).
 *
 * The first image is run once untimed (loads OpenCV.js, the reader model, JIT warm-up); every image is then
 * timed on its own run. `--dump <dir>` (untimed use only) also writes each found document's rectified
 * image as `<dir>/<id>-doc<k>.png`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { checkImage, type CheckTimings } from '../../native/engine/analysers/documents/check-image';
import { decodeRgb, encodePng } from '../../native/engine/imaging/decode';

sharp.concurrency(1);
sharp.cache(false);

export interface CaselensJob {
  readonly id: string;
  readonly file: string;
}

export interface CaselensFoundDocument {
  readonly quad: readonly (readonly [number, number])[];
  readonly sizeClass: string;
  readonly side: string;
  readonly method: string;
  readonly confidence: number;
  readonly mrz: {
    readonly format: string | null;
    readonly valid: boolean;
    readonly lines: readonly string[];
    readonly rawLines: readonly string[];
    readonly corrections: readonly { line: number; column: number; from: string; to: string; field: string }[];
  } | null;
}

export interface CaselensImageResult {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Original size (quads are in decoded coordinates: multiply by fullWidth / width). */
  readonly fullWidth: number;
  readonly fullHeight: number;
  readonly decodeMs: number;
  /** Wall time of checkImage (find + read + parse). */
  readonly checkMs: number;
  /** Process CPU time (all threads) during checkImage. */
  readonly checkCpuMs: number;
  readonly timings: CheckTimings;
  readonly documents: readonly CaselensFoundDocument[];
  readonly error?: string;
}

export interface CaselensRun {
  readonly uvThreadpoolSize: string | null;
  readonly sharpConcurrency: number;
  readonly warmUpMs: number | null;
  /** CPU time of this whole process (all threads, start-up included), for the parent's "other load". */
  readonly processCpuMs: number;
  readonly today: string;
  readonly images: readonly CaselensImageResult[];
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const [jobsFile, outFile, ...rest] = process.argv.slice(2);
  if (!jobsFile || !outFile) throw new Error('usage: documents-caselens.ts <jobs.json> <out.json> [--dump <dir>]');
  const dumpAt = rest.indexOf('--dump');
  const dumpDir = dumpAt >= 0 ? rest[dumpAt + 1] : undefined;
  if (dumpDir) await fs.mkdir(dumpDir, { recursive: true });
  const jobs = JSON.parse(await fs.readFile(jobsFile, 'utf8')) as CaselensJob[];
  const today = new Date().toISOString().slice(0, 10);

  let warmUpMs: number | null = null;
  if (jobs.length > 0) {
    const t0 = performance.now();
    const rgb = await decodeRgb(await fs.readFile(jobs[0]!.file), 4096);
    await checkImage(rgb, { today }, { findMs: 0, readMs: 0, parseMs: 0 });
    warmUpMs = performance.now() - t0;
  }

  const images: CaselensImageResult[] = [];
  for (const job of jobs) {
    const bytes = await fs.readFile(job.file);
    const timings: CheckTimings = { findMs: 0, readMs: 0, parseMs: 0 };
    try {
      const t0 = performance.now();
      const rgb = await decodeRgb(bytes, 4096);
      const t1 = performance.now();
      const c0 = cpuMs();
      const docs = await checkImage(rgb, { today }, timings);
      const checkCpuMs = cpuMs() - c0;
      const t2 = performance.now();
      images.push({
        id: job.id,
        width: rgb.width,
        height: rgb.height,
        fullWidth: rgb.fullWidth,
        fullHeight: rgb.fullHeight,
        decodeMs: t1 - t0,
        checkMs: t2 - t1,
        checkCpuMs,
        timings,
        documents: docs.map((d) => ({
          quad: d.quad.map((p) => [p[0], p[1]] as const),
          sizeClass: d.sizeClass,
          side: d.side,
          method: d.method,
          confidence: d.confidence,
          mrz: d.mrz
            ? {
                format: d.mrz.format,
                valid: d.mrz.valid,
                lines: [...d.mrz.lines],
                rawLines: [...d.mrz.rawLines],
                corrections: d.mrz.corrections.map((c) => ({ line: c.line, column: c.column, from: c.from, to: c.to, field: c.field })),
              }
            : null,
        })),
      });
      if (dumpDir) for (const [k, d] of docs.entries()) await fs.writeFile(path.join(dumpDir, `${job.id}-doc${k}.png`), await encodePng(d.rectified));
    } catch (e) {
      images.push({ id: job.id, width: 0, height: 0, fullWidth: 0, fullHeight: 0, decodeMs: 0, checkMs: 0, checkCpuMs: 0, timings, documents: [], error: e instanceof Error ? e.message : String(e) });
    }
    if (images.length % 20 === 0) process.stderr.write(`\r  caselens ${images.length}/${jobs.length}   `);
  }
  if (jobs.length >= 20) process.stderr.write('\n');
  const run: CaselensRun = { uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE ?? null, sharpConcurrency: sharp.concurrency(), warmUpMs, processCpuMs: cpuMs(), today, images };
  await fs.writeFile(outFile, JSON.stringify(run));
}

main().catch((err: unknown) => {
  process.stderr.write(`documents-caselens: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
