/**
 * Constants and per-line steps shared by the two directions of BLK (blk-core.ts, blk-rows.ts): the
 * reference's parameters (Zampoglou et al., `GetBlockGrid.m`; Li, Yuan & Yu, Signal Processing 89(9),
 * 2009), the binning of the running medians, and the period-8 grid median.
 *
 * Everything is integer: luma in referenceLuma units (luma.ts, 255000 per grey level), second
 * differences, their 33-sample sums (at most 33 * 50 grey levels = 4.2e8 units) and the residuals after
 * the median (|r| < 4.3e8) all fit int32, so sums and medians are exact and the only rounding left is the
 * median's bin (see MEDIAN_BINS_PER_LEVEL).
 */
import { LUMA_SCALE } from './luma';
import { mirrorPads } from './running-median';

/** DiffThresh of the reference: second differences above 50 grey levels are edges, not block seams. */
const DIFF_THRESHOLD = 50 * LUMA_SCALE;
/** AC of the reference: accumulate over 33 pixels (larger smooths over small splices, smaller aggregates too little). */
export const ACCUMULATOR = 33;
export const HALF = (ACCUMULATOR - 1) / 2;
/** Running-median resolution: 4 bins per grey level (median exact to 1/8 grey level). */
const MEDIAN_BINS_PER_LEVEL = 4;
/** Luma units per median bin (an integer: 63750). */
export const BIN = LUMA_SCALE / MEDIAN_BINS_PER_LEVEL;
/** Histogram size: bins 0 .. 33 * 50 * 4 (the largest possible sum) plus one spare. */
export const HISTOGRAM_BINS = ACCUMULATOR * 50 * MEDIAN_BINS_PER_LEVEL + 2;
/**
 * Mirrored padding kept around every line buffer: the running median reads radius + 1 = 17 samples
 * before a line and 16 after it, the grid median 16 on both sides.
 */
export const PAD = HALF + 1;
/** The grid median looks at the same phase 8 and 16 pixels away on both sides (period-8 grid). */
const GRID_STEP = 8;

const INVERSE_BIN = 1 / BIN;
/**
 * Median bin of a non-negative sum in luma units: round(sum / BIN) (halves up), i.e. the nearest quarter
 * grey level. Multiplying by the rounded reciprocal can land just below an exact integer quotient; the
 * 1e-7 nudge corrects that and cannot cross a true boundary (quotients of integers by BIN are 1 / 63750
 * = 1.6e-5 apart; the reciprocal's error on quotients below 7000 is under 1e-12).
 */
function binOf(sum: number, halfBin: number, inverseBin: number): number {
  return ((sum + halfBin) * inverseBin + 1e-7) | 0;
}

/*
 * The per-line loops below copy module constants into locals first: under tsx (tests, development) a
 * module binding read in a loop costs a check per read, which made these loops up to 10x slower.
 */

/**
 * |d| set to 0 above DiffThresh, without branches (the sign of a second difference is a coin toss on
 * textured content): d is an int32 second difference of luma, |d| <= 2^27.
 */
function thresholdedMagnitude(d: number, threshold: number): number {
  const sign = d >> 31;
  const magnitude = (d ^ sign) - sign;
  return magnitude & ((magnitude - threshold - 1) >> 31);
}

/** Thresholded |second difference| along x of one luma row (edge replication) at `luma[at ..]`, into `out[outAt ..]`. */
export function horizontalDifference(luma: Int32Array, at: number, width: number, out: Int32Array, outAt: number): void {
  const threshold = DIFF_THRESHOLD;
  const last = width - 1;
  out[outAt] = thresholdedMagnitude(luma[at]! - luma[at + (last > 0 ? 1 : 0)]!, threshold);
  for (let x = 1; x < last; x++) out[outAt + x] = thresholdedMagnitude(2 * luma[at + x]! - luma[at + x - 1]! - luma[at + x + 1]!, threshold);
  if (last > 0) out[outAt + last] = thresholdedMagnitude(luma[at + last]! - luma[at + last - 1]!, threshold);
}

/**
 * One row of the horizontal-line accumulator S: thresholded |vertical second difference| (rows `up`,
 * `at`, `down` of `luma`) summed over x - 16 .. x + 16 (symmetric padding), into `sums[out ..]`. `line`
 * is scratch of width + 2 PAD.
 */
export function verticalDifferenceSums(luma: Int32Array, at: number, up: number, down: number, width: number, line: Int32Array, sums: Int32Array, out: number): void {
  const threshold = DIFF_THRESHOLD;
  const pad = PAD;
  const half = HALF;
  for (let x = 0; x < width; x++) line[pad + x] = thresholdedMagnitude(2 * luma[at + x]! - luma[up + x]! - luma[down + x]!, threshold);
  mirrorPads(line, pad, width, pad);
  let acc = 0;
  for (let k = -half; k <= half; k++) acc += line[pad + k]!;
  sums[out] = acc;
  for (let x = 1; x < width; x++) {
    acc += line[pad + x + half]! - line[pad + x - half - 1]!;
    sums[out + x] = acc;
  }
}

/**
 * Slides the vertical-line column sums one row: columnSums += diff[enter ..] - diff[leave ..] (pass
 * leave < 0 to only add), and copies them with their median bins into `values` / `bins` at PAD.
 */
export function slideColumnSums(columnSums: Int32Array, diff: Int32Array, enter: number, leave: number, width: number, values: Int32Array, bins: Uint16Array): void {
  const pad = PAD;
  const inverseBin = INVERSE_BIN;
  const halfBin = BIN / 2;
  if (leave < 0) {
    for (let x = 0; x < width; x++) columnSums[x] = columnSums[x]! + diff[enter + x]!;
    return;
  }
  for (let x = 0; x < width; x++) {
    const s = columnSums[x]! + diff[enter + x]! - diff[leave + x]!;
    columnSums[x] = s;
    values[pad + x] = s;
    bins[pad + x] = binOf(s, halfBin, inverseBin);
  }
}

/** Copies `sums` into `values` / `bins` at PAD with their median bins (the first row of the vertical lines). */
export function lineWithBins(sums: Int32Array, width: number, values: Int32Array, bins: Uint16Array): void {
  const pad = PAD;
  const inverseBin = INVERSE_BIN;
  const halfBin = BIN / 2;
  for (let x = 0; x < width; x++) {
    values[pad + x] = sums[x]!;
    bins[pad + x] = binOf(sums[x]!, halfBin, inverseBin);
  }
}

/**
 * Columns [x0, x0 + band) of the row-major `sums` into column-major `values` / `bins` (column c at
 * c * stride + PAD), with their median bins.
 */
export function gatherColumns(sums: Int32Array, width: number, height: number, x0: number, band: number, values: Int32Array, bins: Uint16Array, stride: number): void {
  const pad = PAD;
  const inverseBin = INVERSE_BIN;
  const halfBin = BIN / 2;
  for (let y = 0; y < height; y++) {
    const row = y * width + x0;
    for (let c = 0, at = pad + y; c < band; c++, at += stride) {
      const s = sums[row + c]!;
      values[at] = s;
      bins[at] = binOf(s, halfBin, inverseBin);
    }
  }
}

/**
 * Median of five int32 values whose pairwise differences fit int32, without branches (the inputs are
 * noise-like, so compare-and-branch versions mispredict about every other comparison): min/max by the
 * sign mask of the difference. The min and max of the first four cannot be the median, which is then
 * the median of the other two candidates and e.
 */
function median5(a: number, b: number, c: number, d: number, e: number): number {
  let t = (a - b) | 0;
  let s = t >> 31;
  const lo1 = b + (t & s);
  const hi1 = a - (t & s);
  t = (c - d) | 0;
  s = t >> 31;
  const lo2 = d + (t & s);
  const hi2 = c - (t & s);
  // lo = max(lo1, lo2), hi = min(hi1, hi2): the two middle candidates, in either order.
  t = (lo1 - lo2) | 0;
  const lo = lo1 - (t & (t >> 31));
  t = (hi1 - hi2) | 0;
  const hi = hi2 + (t & (t >> 31));
  t = (lo - hi) | 0;
  s = t >> 31;
  const x = hi + (t & s);
  const y = lo - (t & s);
  // Clamp e to [x, y].
  t = (e - y) | 0;
  const upper = y + (t & (t >> 31));
  t = (upper - x) | 0;
  return upper - (t & (t >> 31));
}

/**
 * out[outStart + i] = median of line[p - 16], line[p - 8], line[p], line[p + 8], line[p + 16] with
 * p = from + i, for i in [0, n): the line must carry 16 mirrored samples on both sides.
 */
export function gridMedian(line: Int32Array, from: number, n: number, out: Int32Array, outStart: number): void {
  const s1 = GRID_STEP;
  const s2 = 2 * GRID_STEP;
  for (let i = 0, p = from, o = outStart; i < n; i++, p++, o++) {
    out[o] = median5(line[p - s2]!, line[p - s1]!, line[p + s1]!, line[p + s2]!, line[p]!);
  }
}

/**
 * The horizontal-line grid of one column, added to the vertical-line grid in place: for y in [0, n),
 * out[start + y * outStride] = (vertical[same] + gridMedian(line at from + y)) * scale, where `vertical`
 * and `out` view the same buffer (int32 grid in, float32 BlockDiff out). Fusing the add into the grid
 * median saves a pass over the image.
 */
export function addGridMedian(line: Int32Array, from: number, n: number, vertical: Int32Array, out: Float32Array, start: number, outStride: number, scale: number): void {
  const s1 = GRID_STEP;
  const s2 = 2 * GRID_STEP;
  for (let i = 0, p = from, o = start; i < n; i++, p++, o += outStride) {
    out[o] = (vertical[o]! + median5(line[p - s2]!, line[p - s1]!, line[p + s1]!, line[p + s2]!, line[p]!)) * scale;
  }
}
