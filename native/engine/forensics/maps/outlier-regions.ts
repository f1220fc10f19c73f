/**
 * Regions of a block grid whose values depart strongly from an expected value (the image's median, or a
 * per-block baseline), judged against the image's own robust spread: the local-indicator step shared by
 * the ELA and noise kernels.
 */
import type { Box } from '../types';
import { cellsBox, cellsMean, connectedRegions, robustStats, type BlockGrid } from './block-stats';

export interface OutlierRule {
  /** A block is flagged when value / baseline >= ratio (high side), or <= 1 / ratio (low side, if enabled)... */
  readonly ratio: number;
  /** ...and its robust z-score |value - baseline| / (1.4826 MAD of value - baseline) is at least this. */
  readonly z: number;
  /** Baselines below this are raised to it before ratios are taken (the measurement's noise floor). */
  readonly floor: number;
  /** Flag blocks far below the baseline too (noise level), not only above it (ELA residual). */
  readonly lowSide: boolean;
}

export interface OutlierRegion {
  readonly box: Box;
  readonly cells: readonly number[];
  /** Mean block value of the region / mean baseline of its blocks. */
  readonly ratio: number;
  /** Robust z-score of the region's mean departure. */
  readonly z: number;
  readonly side: 'high' | 'low';
}

export interface OutlierAnalysis {
  /** Median of the (valid) block values. */
  readonly median: number;
  /** Normal-consistent MAD of value - baseline. */
  readonly sigma: number;
  readonly regions: readonly OutlierRegion[];
}

/**
 * Flags blocks by `rule`, groups 8-connected flagged blocks of one side into regions and returns them
 * strongest first (by |log ratio| x sqrt(blocks)). `baseline` (optional, per block) replaces the image
 * median as the expected value. `valid` (optional) excludes blocks from the statistics and the flags
 * (e.g. saturated blocks where a noise level cannot be measured).
 */
export function outlierRegions(
  grid: BlockGrid,
  width: number,
  height: number,
  rule: OutlierRule,
  options: { baseline?: Float32Array; valid?: Uint8Array } = {},
): OutlierAnalysis {
  const { valid } = options;
  const values: number[] = [];
  for (let i = 0; i < grid.data.length; i++) if (!valid || valid[i]) values.push(grid.data[i]!);
  if (values.length === 0) return { median: Number.NaN, sigma: Number.NaN, regions: [] };
  const med = robustStats(values).median;
  const base = options.baseline ?? new Float32Array(grid.data.length).fill(Math.max(med, rule.floor));
  const departures: number[] = [];
  for (let i = 0; i < grid.data.length; i++) if (!valid || valid[i]) departures.push(grid.data[i]! - Math.max(base[i]!, rule.floor));
  const sigma = robustStats(departures).sigma;
  // A spread of 0 (perfectly uniform blocks) must not make every tiny departure infinitely significant.
  const spread = Math.max(sigma, rule.floor * 0.1);
  const high = new Uint8Array(grid.data.length);
  const low = new Uint8Array(grid.data.length);
  for (let i = 0; i < grid.data.length; i++) {
    if (valid && !valid[i]) continue;
    const v = grid.data[i]!;
    const b = Math.max(base[i]!, rule.floor);
    const z = (v - b) / spread;
    if (v >= b * rule.ratio && z >= rule.z) high[i] = 1;
    else if (rule.lowSide && v <= b / rule.ratio && -z >= rule.z) low[i] = 1;
  }
  const regions: OutlierRegion[] = [];
  for (const [flags, side] of [
    [high, 'high'],
    [low, 'low'],
  ] as const) {
    for (const cells of connectedRegions(flags, grid.cols, grid.rows)) {
      const mean = cellsMean(cells, grid.data);
      let b = 0;
      for (const i of cells) b += Math.max(base[i]!, rule.floor);
      b /= cells.length;
      regions.push({ box: cellsBox(cells, grid, width, height), cells, ratio: Math.max(mean, 1e-9) / b, z: (mean - b) / spread, side });
    }
  }
  const strength = (r: OutlierRegion) => Math.abs(Math.log(r.ratio)) * Math.sqrt(r.cells.length);
  regions.sort((a, b) => strength(b) - strength(a));
  return { median: med, sigma, regions };
}
