/**
 * Block statistics shared by the map kernels: block means of a per-pixel map, robust location and spread
 * (median, MAD), and connected regions of flagged blocks.
 */
import type { Box } from '../types';

/** A per-block grid: cell (c, r) covers image pixels [c*block, (c+1)*block) x [r*block, (r+1)*block). */
export interface BlockGrid {
  readonly cols: number;
  readonly rows: number;
  readonly block: number;
  readonly data: Float32Array;
}

/** Mean of `values` (row-major, width x height) over block x block cells; edge cells average what they cover. */
export function blockMeans(values: Float32Array, width: number, height: number, block: number): BlockGrid {
  const cols = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const sums = new Float64Array(cols * rows);
  for (let y = 0; y < height; y++) {
    const rowBase = ((y / block) | 0) * cols;
    const src = y * width;
    for (let x = 0; x < width; x++) sums[rowBase + ((x / block) | 0)]! += values[src + x]!;
  }
  const data = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const h = Math.min(block, height - r * block);
    for (let c = 0; c < cols; c++) {
      const w = Math.min(block, width - c * block);
      data[r * cols + c] = sums[r * cols + c]! / (w * h);
    }
  }
  return { cols, rows, block, data };
}

/**
 * Median of the first `n` values of `buf`, reordering them in place (Hoare's quickselect, average O(n)):
 * for the many small per-block medians where a full sort per block would dominate the run time.
 */
export function medianInPlace(buf: Float64Array, n: number): number {
  if (n === 0) return Number.NaN;
  const hi = selectKth(buf, n, n >> 1);
  if (n % 2 === 1) return hi;
  // Even count: the lower middle value is the largest of the part left of the upper one.
  let lo = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (buf[i]! > lo) lo = buf[i]!;
  return (lo + hi) / 2;
}

/** Reorders buf[0..n) so that buf[k] is the k-th smallest, smaller ones before it; returns it. */
function selectKth(buf: Float64Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (left < right) {
    const pivot = buf[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (buf[i]! < pivot) i++;
      while (buf[j]! > pivot) j--;
      if (i <= j) {
        const t = buf[i]!;
        buf[i] = buf[j]!;
        buf[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return buf[k]!;
}

/** Median of the values (a sorted copy; NaNs are not expected). */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** The q-quantile (0..1, linear interpolation between order statistics) of the values. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The q-quantile of at most `maxSamples` evenly strided values (all of them when fewer): for statistics
 * over hundreds of thousands of blocks, where sorting everything would cost more than it tells.
 */
export function sampledQuantile(values: ArrayLike<number>, q: number, maxSamples = 20000): number {
  if (values.length <= maxSamples) return quantile(values, q);
  const stride = values.length / maxSamples;
  const sample = new Float64Array(maxSamples);
  for (let i = 0; i < maxSamples; i++) sample[i] = values[Math.floor(i * stride)]!;
  return quantile(sample, q);
}

/** Median and normal-consistent MAD (1.4826 x median absolute deviation, = sigma for Gaussian data). */
export function robustStats(values: ArrayLike<number>): { median: number; sigma: number } {
  const m = median(values);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i]! - m);
  // 1.4826 = 1 / Phi^-1(3/4): makes the MAD estimate the standard deviation of a normal distribution.
  return { median: m, sigma: 1.4826 * median(dev) };
}

/** Groups of flagged cells connected through any of their 8 neighbours; each group lists cell indices. */
export function connectedRegions(flags: Uint8Array, cols: number, rows: number): number[][] {
  const seen = new Uint8Array(flags.length);
  const regions: number[][] = [];
  for (let start = 0; start < flags.length; start++) {
    if (!flags[start] || seen[start]) continue;
    const cells: number[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      cells.push(i);
      const c = i % cols;
      const r = (i - c) / cols;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
          const j = rr * cols + cc;
          if (flags[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
    regions.push(cells);
  }
  return regions;
}

/** Bounding box in image pixels of a set of grid cells (clipped to the image). */
export function cellsBox(cells: readonly number[], grid: { cols: number; block: number }, width: number, height: number): Box {
  let c0 = Infinity;
  let r0 = Infinity;
  let c1 = -Infinity;
  let r1 = -Infinity;
  for (const i of cells) {
    const c = i % grid.cols;
    const r = (i - c) / grid.cols;
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, c);
    r0 = Math.min(r0, r);
    r1 = Math.max(r1, r);
  }
  const x = c0 * grid.block;
  const y = r0 * grid.block;
  return { x, y, width: Math.min(width, (c1 + 1) * grid.block) - x, height: Math.min(height, (r1 + 1) * grid.block) - y };
}

/** Mean of the grid values over the given cells. */
export function cellsMean(cells: readonly number[], data: Float32Array): number {
  let s = 0;
  for (const i of cells) s += data[i]!;
  return cells.length > 0 ? s / cells.length : Number.NaN;
}
