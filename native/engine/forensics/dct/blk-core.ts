/**
 * Core of BLK, a port of the toolbox's `GetBlockGrid.m` and `BlockValue.m` (Zampoglou et al.; pyIFD
 * `BLK.GetBlockGrid`), which implement Li, Yuan & Yu, "Passive detection of doctored JPEG image via block
 * artifact grid extraction", Signal Processing 89(9), 2009.
 *
 * Horizontal grid lines: the vertical second difference of the luma, with |values| above DiffThresh = 50
 * (strong edges; block edges are weak) set to 0, summed in absolute value over 33 pixels along the row,
 * minus its running median over 33 rows (what remains is the periodic part, eH), then the median of
 * eH at y - 16, y - 8, y, y + 8, y + 16 (keeps only what repeats with period 8: the block artifact grid).
 * Vertical grid lines likewise with the axes swapped. BlockDiff = both grids added. Per 8x8 block
 * (partial blocks zero-padded) the value is max(inner column sums) - min(edge column sums) +
 * max(inner row sums) - min(edge row sums) over rows/columns 2..7: high where the strongest grid lines run
 * through the block's interior instead of its border, i.e. where the local grid is shifted against the
 * image's 8x8 grid. Padding is MATLAB's 'symmetric' throughout.
 *
 * One deliberate difference: the two running medians are taken on values binned at 1/4 grey level
 * (running-median.ts), which moves each median by at most 1/8 grey level; the rest is exact (integer luma
 * arithmetic, see luma.ts).
 */
import { LUMA_SCALE, referenceLuma } from './luma';
import { mirrorIndex, subtractColumnMedian, subtractRowMedian } from './running-median';
import type { GrayImage, RgbImage } from '../types';

/** DiffThresh of the reference: second differences above 50 grey levels are edges, not block seams. */
const DIFF_THRESHOLD = 50 * LUMA_SCALE;
/** AC of the reference: accumulate over 33 pixels (larger smooths over small splices, smaller aggregates too little). */
const ACCUMULATOR = 33;
const HALF = (ACCUMULATOR - 1) / 2;
/** Largest accumulated value: 33 samples of at most 50 grey levels. */
const MAX_SUM = ACCUMULATOR * 50;
/** Running-median resolution: 4 bins per grey level (median exact to 1/8 grey level). */
const MEDIAN_BINS_PER_LEVEL = 4;
/** The grid median looks at the same phase 8 and 16 pixels away on both sides (period-8 grid). */
const GRID_OFFSETS: readonly number[] = [-16, -8, 8, 16];

/**
 * Median of five: the min and max of the first four cannot be the median, which is then the median of
 * the other three. Plain comparisons (Math.min/max cost ~2.5x here, they must handle NaN and -0).
 */
function median5(a: number, b: number, c: number, d: number, e: number): number {
  if (a > b) {
    const t = a;
    a = b;
    b = t;
  }
  if (c > d) {
    const t = c;
    c = d;
    d = t;
  }
  const lo = a > c ? a : c;
  const hi = b < d ? b : d;
  // lo and hi are the two middle candidates but not necessarily in order.
  const x = lo < hi ? lo : hi;
  const y = lo < hi ? hi : lo;
  return e < x ? x : e > y ? y : e;
}

export interface BlockGridOutput {
  /** Map size in blocks: ceil(width / 8) x ceil(height / 8). */
  readonly width: number;
  readonly height: number;
  /** Per block, the BlockValue measure (grey levels, unbounded, may be negative). */
  readonly map: Float32Array;
  /** Per pixel, horizontal + vertical block artifact grid (BlockDiff). */
  readonly blockDiff: Float32Array;
}

/** |second difference| of luma row y along x (edge replication), thresholded, into `out`. */
function horizontalSecondDifference(luma: Int32Array, width: number, y: number, out: Float64Array): void {
  const row = y * width;
  for (let x = 0; x < width; x++) {
    const left = luma[row + (x > 0 ? x - 1 : 0)]!;
    const right = luma[row + (x < width - 1 ? x + 1 : width - 1)]!;
    const d = Math.abs(2 * luma[row + x]! - left - right);
    out[x] = d > DIFF_THRESHOLD ? 0 : d;
  }
}

/** Per pixel: |vertical second difference| (edge replication, thresholded) summed over 33 pixels along the row. */
function horizontalLineSums(luma: Int32Array, width: number, height: number, sums: Float32Array): void {
  const diff = new Float64Array(width);
  const enterX = new Int32Array(width);
  const leaveX = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    enterX[x] = mirrorIndex(x + HALF, width);
    leaveX[x] = mirrorIndex(x - HALF - 1, width);
  }
  for (let y = 0; y < height; y++) {
    const up = (y > 0 ? y - 1 : 0) * width;
    const down = (y < height - 1 ? y + 1 : height - 1) * width;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const d = Math.abs(2 * luma[row + x]! - luma[up + x]! - luma[down + x]!);
      diff[x] = d > DIFF_THRESHOLD ? 0 : d;
    }
    let acc = 0;
    for (let k = -HALF; k <= HALF; k++) acc += diff[mirrorIndex(k, width)]!;
    sums[row] = acc / LUMA_SCALE;
    for (let x = 1; x < width; x++) {
      acc += diff[enterX[x]!]! - diff[leaveX[x]!]!;
      sums[row + x] = acc / LUMA_SCALE;
    }
  }
}

/** Per pixel: |horizontal second difference| summed over 33 rows down the column (running column sums). */
function verticalLineSums(luma: Int32Array, width: number, height: number, sums: Float32Array): void {
  // Each luma row's thresholded |second difference| is computed once and kept while it is in a window.
  const ringRows = Math.min(height, ACCUMULATOR + 1);
  const ring = new Float64Array(ringRows * width);
  // A cache, not a window: a row evicted too early is simply recomputed (same values).
  const slotOf = new Int32Array(height).fill(-1);
  const ownerOf = new Int32Array(ringRows).fill(-1);
  let nextSlot = 0;
  const rowDiff = (y: number): number => {
    if (slotOf[y]! < 0) {
      const slot = nextSlot;
      nextSlot = (nextSlot + 1) % ringRows;
      if (ownerOf[slot]! >= 0) slotOf[ownerOf[slot]!] = -1;
      ownerOf[slot] = y;
      horizontalSecondDifference(luma, width, y, ring.subarray(slot * width, (slot + 1) * width));
      slotOf[y] = slot;
    }
    return slotOf[y]! * width;
  };
  const columnSums = new Float64Array(width);
  const add = (y: number, sign: number): void => {
    const at = rowDiff(y);
    for (let x = 0; x < width; x++) columnSums[x] = columnSums[x]! + sign * ring[at + x]!;
  };
  for (let k = -HALF; k <= HALF; k++) add(mirrorIndex(k, height), 1);
  for (let y = 0; y < height; y++) {
    if (y > 0) {
      add(mirrorIndex(y - HALF - 1, height), -1);
      add(mirrorIndex(y + HALF, height), 1);
    }
    const row = y * width;
    for (let x = 0; x < width; x++) sums[row + x] = columnSums[x]! / LUMA_SCALE;
  }
}

/** out[y][x] = median of residual at rows y-16, y-8, y, y+8, y+16 (symmetric padding). */
function gridMedianAlongColumns(residual: Float32Array, width: number, height: number, out: Float32Array): void {
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const a = mirrorIndex(y + GRID_OFFSETS[0]!, height) * width;
    const b = mirrorIndex(y + GRID_OFFSETS[1]!, height) * width;
    const c = mirrorIndex(y + GRID_OFFSETS[2]!, height) * width;
    const d = mirrorIndex(y + GRID_OFFSETS[3]!, height) * width;
    for (let x = 0; x < width; x++) out[row + x] = median5(residual[a + x]!, residual[b + x]!, residual[c + x]!, residual[d + x]!, residual[row + x]!);
  }
}

/** out[y][x] += median of residual at columns x-16, x-8, x, x+8, x+16 (symmetric padding). */
function addGridMedianAlongRows(residual: Float32Array, width: number, height: number, out: Float32Array): void {
  const span = 16;
  const inner0 = Math.min(span, width);
  const inner1 = Math.max(inner0, width - span);
  const border = (row: number, x: number): number =>
    median5(
      residual[row + mirrorIndex(x - 16, width)]!,
      residual[row + mirrorIndex(x - 8, width)]!,
      residual[row + mirrorIndex(x + 8, width)]!,
      residual[row + mirrorIndex(x + 16, width)]!,
      residual[row + x]!,
    );
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < inner0; x++) out[row + x] = out[row + x]! + border(row, x);
    for (let i = row + inner0, end = row + inner1; i < end; i++) {
      out[i] = out[i]! + median5(residual[i - 16]!, residual[i - 8]!, residual[i + 8]!, residual[i + 16]!, residual[i]!);
    }
    for (let x = inner1; x < width; x++) out[row + x] = out[row + x]! + border(row, x);
  }
}

/** Runs BLK on an RGB or gray image (stored orientation: the 8x8 grid is the file's). */
export function computeBlockArtifactGrid(image: RgbImage | GrayImage): BlockGridOutput {
  const { width, height } = image;
  const n = width * height;
  const luma = referenceLuma(image);
  const sums = new Float32Array(n);
  const residual = new Float32Array(n);
  const blockDiff = new Float32Array(n);
  horizontalLineSums(luma, width, height, sums);
  subtractColumnMedian(sums, width, height, HALF, MEDIAN_BINS_PER_LEVEL, MAX_SUM, residual);
  gridMedianAlongColumns(residual, width, height, blockDiff);
  verticalLineSums(luma, width, height, sums);
  subtractRowMedian(sums, width, height, HALF, MEDIAN_BINS_PER_LEVEL, MAX_SUM, residual);
  addGridMedianAlongRows(residual, width, height, blockDiff);
  return { ...blockValues(blockDiff, width, height), blockDiff };
}

/** BlockValue over 8x8 blocks of `grid` (blockproc with PadPartialBlocks: zeros beyond the image). */
function blockValues(grid: Float32Array, width: number, height: number): { width: number; height: number; map: Float32Array } {
  const bw = Math.ceil(width / 8);
  const bh = Math.ceil(height / 8);
  const map = new Float32Array(bw * bh);
  const block = new Float64Array(64);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      for (let i = 0; i < 8; i++) {
        const y = by * 8 + i;
        for (let j = 0; j < 8; j++) {
          const x = bx * 8 + j;
          block[i * 8 + j] = y < height && x < width ? grid[y * width + x]! : 0;
        }
      }
      let maxColumn = -Infinity;
      let maxRow = -Infinity;
      for (let t = 1; t <= 6; t++) {
        let column = 0;
        let row = 0;
        for (let s = 1; s <= 6; s++) {
          column += block[s * 8 + t]!;
          row += block[t * 8 + s]!;
        }
        if (column > maxColumn) maxColumn = column;
        if (row > maxRow) maxRow = row;
      }
      let left = 0;
      let right = 0;
      let top = 0;
      let bottom = 0;
      for (let s = 1; s <= 6; s++) {
        left += block[s * 8]!;
        right += block[s * 8 + 7]!;
        top += block[s]!;
        bottom += block[56 + s]!;
      }
      map[by * bw + bx] = maxColumn - Math.min(left, right) + maxRow - Math.min(top, bottom);
    }
  }
  return { width: bw, height: bh, map };
}
