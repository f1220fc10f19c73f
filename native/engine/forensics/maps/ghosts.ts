/**
 * JPEG ghosts (Farid, "Exposing digital forgeries from JPEG ghosts", IEEE TIFS 4(1), 2009): re-compress
 * the image at a range of qualities and look for a region whose difference drops at one quality while
 * the rest of the image does not. Content that was once saved at quality q1 on the same 8x8 grid lies
 * on q1's quantisation lattice, so re-compressing at q1 changes it little: a "ghost" of its earlier
 * compression, visible when the file was later saved at a higher quality.
 *
 * Differences are computed in the DCT domain on luma (see ghost-differences.ts): equal to the squared
 * pixel difference of a real JPEG round trip before 8-bit rounding, at about half the cost of 10 sharp
 * round trips. Farid averages over R, G, B; luma carries the grid-aligned quantisation that makes
 * ghosts. The DC coefficient is left out (flat blocks otherwise dip by coincidence of their grey level).
 */
import type { ForensicIndicator, ForensicResult, GrayImage, RgbImage } from '../types';
import { cellsBox, cellsMean, connectedRegions, sampledQuantile } from './block-stats';
import { ghostDifferences, windowMeans } from './ghost-differences';
import { tooSmallResult } from './raster-input';

export interface GhostOptions {
  /** Qualities to re-compress at, ascending. Default 50, 55, ..., 95 (Farid's figures span 50..90). */
  readonly qualities?: readonly number[];
  /** Window side b in pixels over which differences are averaged (Farid's b = 16); rounded to whole 8x8 blocks. */
  readonly windowSize?: number;
}

const DEFAULT_QUALITIES: readonly number[] = [50, 55, 60, 65, 70, 75, 80, 85, 90, 95];

/**
 * A window is "dipped" at quality q when its mean squared difference at q is at most 0.5 of that at the
 * next finer quality, and at most 0.5 of the image's median such ratio at q. Normally the difference
 * grows as quality falls (ratio > 1: on generated single-compressed scenes the 1st percentile was 0.93);
 * at a ghost it falls (0.1-0.3 at the true earlier quality, about 0.3-0.45 at qualities whose table steps
 * divide it, e.g. q80 for q60). The second condition keeps an image saved twice as a whole (where every
 * window's ratio is irregular) from producing local dips everywhere.
 */
const DIP_RATIO = 0.5;
const DIP_RELATIVE = 0.5;
/**
 * Windows whose difference at the finer quality is below 0.5 squared levels are not judged: flat content,
 * or qualities at or above the file's own, change so little that the ratio is rounding noise.
 */
const FLOOR = 0.5;
/**
 * Hysteresis (as in Canny edge linking): windows up to 1.5x the dip limit (0.75 at most, still below the
 * 0.93 1st percentile of undisturbed windows) join a region that has strong windows, so a pasted area is
 * not split where a few windows' ratios scatter above the limit.
 */
const WEAK_FACTOR = 1.5;
/** Regions of fewer strong windows (8x8 px each) are not reported: isolated dips are lattice coincidences. */
const MIN_CELLS = 4;
/**
 * 'warning' for a region of >= 16 windows (1024 px, e.g. 32x32) that changes at least 3x less than at
 * the finer quality (mean ratio <= 0.33); else 'notice'. On generated scenes true ghosts measured
 * 0.11-0.29, while images saved twice as a whole showed lattice-coincidence regions at 0.35-0.45.
 */
const WARNING_CELLS = 16;
const WARNING_RATIO = 0.33;
/** A dip over more than half of the judged windows is image-wide (the whole image saved before), not local. */
const GLOBAL_FRACTION = 0.5;
/** At most this many local regions are reported (strongest first). */
const MAX_REGIONS = 8;

interface Dip {
  readonly qualityIndex: number;
  readonly cells: readonly number[];
  readonly ratio: number;
  readonly strength: number;
}

/**
 * JPEG-ghost analysis of a decoded image (gray or RGB, full resolution, JPEG grid at the top-left).
 *
 * Map `ghost-q<Q>` (cellSize 8): difference at quality Q averaged over b x b windows and normalised to
 * [0, 1] per quality as Farid does (low = ghost), for the quality Q with the strongest localised dip
 * (or, without one, the quality whose windows dip most at their 1st percentile). Indicators:
 * `ghost.local-minimum` per region (score = 1 - mean dip ratio, region, quality, other qualities that
 * dip there); `ghost.global-minimum` (info) when the dip covers most of the image (the whole image was saved at
 * about that quality, last or earlier). Metrics: the quality curve (mean squared difference per quality). Limits: only ghosts on the
 * image's own 8x8 grid are seen (content pasted off-grid, or a cropped image, shows none); the earlier
 * quality must be below the file's last quality; a quality whose table steps divide the true one dips
 * too (reported as `alsoAt`).
 */
export function jpegGhosts(image: RgbImage | GrayImage, options: GhostOptions = {}): ForensicResult {
  const qualities = options.qualities ?? DEFAULT_QUALITIES;
  if (qualities.length < 2 || qualities.some((q, i) => i > 0 && q <= qualities[i - 1]!)) {
    throw new RangeError(`JPEG ghosts need at least two ascending qualities, got ${qualities.join(', ')}`);
  }
  const windowBlocks = Math.max(1, Math.round((options.windowSize ?? 16) / 8));
  const small = tooSmallResult(image, 8 * Math.max(4, 2 * windowBlocks), 'ghost.not-measured', 'JPEG ghost analysis');
  if (small) return small;

  const started = performance.now();
  const diff = ghostDifferences(image, qualities);
  const { cols, rows } = diff;
  const windowed = windowMeans(diff.perQuality, cols, rows, windowBlocks);
  const dctMs = performance.now() - started;

  const curve = qualities.map((quality, i) => ({ quality, meanSquaredDifference: mean(diff.perQuality[i]!) }));
  const dips: Dip[] = [];
  const globalDips: { qualityIndex: number; fraction: number; ratio: number; median: number }[] = [];
  let fallback = { qualityIndex: 0, p1: Infinity };
  const ratios = new Float32Array(cols * rows);
  const flags = new Uint8Array(cols * rows);
  // Ratios of the judged windows, as doubles of the Float32 ratios (what a number[] of them held).
  const judgedBuffer = new Float64Array(cols * rows);
  for (let qi = 0; qi + 1 < qualities.length; qi++) {
    const at = windowed[qi]!;
    const finer = windowed[qi + 1]!;
    let count = 0;
    let globalDipped = 0;
    for (let i = 0; i < at.length; i++) {
      // Unjudged windows get ratio 1 (no dip) so they never join a region.
      ratios[i] = finer[i]! < FLOOR ? 1 : at[i]! / finer[i]!;
      if (finer[i]! >= FLOOR) {
        const r = ratios[i]!;
        judgedBuffer[count++] = r;
        if (r <= DIP_RATIO) globalDipped++;
      }
    }
    if (count === 0) continue;
    const judged = judgedBuffer.subarray(0, count);
    const medianRatio = sampledQuantile(judged, 0.5);
    const p1 = sampledQuantile(judged, 0.01);
    if (p1 < fallback.p1) fallback = { qualityIndex: qi, p1 };
    if (globalDipped > GLOBAL_FRACTION * judged.length) {
      globalDips.push({ qualityIndex: qi, fraction: globalDipped / judged.length, ratio: medianRatio, median: sampledQuantile(at, 0.5) });
      continue;
    }
    const limit = Math.min(DIP_RATIO, DIP_RELATIVE * medianRatio);
    const weakLimit = limit * WEAK_FACTOR;
    flags.fill(0);
    for (let i = 0; i < at.length; i++) if (ratios[i]! <= weakLimit) flags[i] = 1;
    for (const cells of connectedRegions(flags, cols, rows)) {
      // Hysteresis: a region of weak windows counts only if it holds at least MIN_CELLS strong ones.
      if (cells.reduce((n, i) => n + (ratios[i]! <= limit ? 1 : 0), 0) < MIN_CELLS) continue;
      const ratio = cellsMean(cells, ratios);
      dips.push({ qualityIndex: qi, cells, ratio, strength: -Math.log(Math.max(ratio, 1e-6)) * Math.sqrt(cells.length) });
    }
  }
  dips.sort((a, b) => b.strength - a.strength);

  const indicators: ForensicIndicator[] = [];
  const reported: Dip[] = [];
  for (const dip of dips) {
    if (reported.length >= MAX_REGIONS) break;
    // One indicator per place: a weaker dip at another quality over mostly the same windows is listed as alsoAt.
    if (reported.some((r) => overlap(dip.cells, r.cells) > 0.5)) continue;
    reported.push(dip);
    const quality = qualities[dip.qualityIndex]!;
    const alsoAt = dips.filter((d) => d.qualityIndex !== dip.qualityIndex && overlap(d.cells, dip.cells) > 0.5).map((d) => qualities[d.qualityIndex]!);
    indicators.push({
      kind: 'ghost.local-minimum',
      severity: dip.cells.length >= WARNING_CELLS && dip.ratio <= WARNING_RATIO ? 'warning' : 'notice',
      score: Math.min(1, Math.max(0, 1 - dip.ratio)),
      region: cellsBox(dip.cells, { cols, block: 8 }, image.width, image.height),
      summary:
        `Re-compressing at q${quality} changes this region ${(1 / dip.ratio).toFixed(1)}x less than at q${qualities[dip.qualityIndex + 1]} ` +
        `while the rest of the image does not dip: content once saved at about q${quality} on this 8x8 grid`,
      attributes: { quality, ratio: dip.ratio, windows: dip.cells.length, alsoAt: [...new Set(alsoAt)].sort((a, b) => a - b) },
    });
  }
  for (const g of globalDips) {
    const quality = qualities[g.qualityIndex]!;
    indicators.push({
      kind: 'ghost.global-minimum',
      severity: 'info',
      score: Math.min(1, Math.max(0, 1 - g.ratio)),
      region: null,
      summary:
        `${Math.round(g.fraction * 100)} % of the image dips at q${quality} (median ratio ${g.ratio.toFixed(2)}): the whole image ` +
        `was saved at about q${quality} at some point (its last save, an earlier one, or a quality whose steps divide it)`,
      attributes: { quality, fraction: g.fraction, medianRatio: g.ratio, medianDifference: g.median },
    });
  }

  const mapIndex = reported[0]?.qualityIndex ?? fallback.qualityIndex;
  const mapQuality = qualities[mapIndex]!;
  return {
    score: Math.max(0, ...indicators.filter((i) => i.kind === 'ghost.local-minimum').map((i) => i.score)),
    indicators,
    maps: {
      [`ghost-q${mapQuality}`]: {
        width: cols,
        height: rows,
        cellSize: 8,
        data: normalised(windowed[mapIndex]!),
        scale: {
          unit: `luma difference after re-compression at q${mapQuality}, mean over ${windowBlocks * 8}x${windowBlocks * 8} px, min-max normalised`,
          range: [0, 1],
          higherIsSuspicious: false,
        },
      },
    },
    metrics: {
      qualities: [...qualities],
      curve,
      curveLocalMinima: localMinima(curve.map((c) => c.meanSquaredDifference)).map((i) => qualities[i]),
      windowSize: windowBlocks * 8,
      mapQuality,
      dipsFound: dips.length,
      totalMs: performance.now() - started,
      dctMs,
    },
  };
}

function mean(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length > 0 ? s / values.length : 0;
}

/** Fraction of `a`'s cells that are also in `b`. */
function overlap(a: readonly number[], b: readonly number[]): number {
  const set = new Set(b);
  let n = 0;
  for (const i of a) if (set.has(i)) n++;
  return a.length > 0 ? n / a.length : 0;
}

/** Farid's per-quality normalisation: (d - min) / (max - min); a constant map becomes zeros. */
function normalised(values: Float32Array): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const out = new Float32Array(values.length);
  if (span > 0) for (let i = 0; i < values.length; i++) out[i] = (values[i]! - min) / span;
  return out;
}

/** Indices of strict local minima of a curve, ends included when lower than their one neighbour (as pyIFD's GHOST). */
function localMinima(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const left = i > 0 ? values[i - 1]! : Infinity;
    const right = i + 1 < values.length ? values[i + 1]! : Infinity;
    if (values[i]! < left && values[i]! < right) out.push(i);
  }
  return out;
}
