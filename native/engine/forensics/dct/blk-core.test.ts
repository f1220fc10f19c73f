/**
 * The fused, streaming BLK core (blk-core.ts, blk-rows.ts, blk-lines.ts) against a plain whole-image
 * transcription of GetBlockGrid.m / BlockValue.m written here with sorts instead of histograms: same
 * binning of the running medians (nearest quarter grey level), everything else exact. Odd sizes cover
 * partial blocks, partial 16-column bands, short images (luma ring smaller than 34 rows) and images
 * narrower than the 33-pixel window (repeated mirroring).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../tests/fixtures/prng';
import type { GrayImage, RgbImage } from '../types';
import { computeBlockArtifactGrid } from './blk-core';
import { LUMA_SCALE, referenceLuma } from './luma';
import { mirrorIndex } from './running-median';

const THRESHOLD = 50 * LUMA_SCALE;
const BIN = LUMA_SCALE / 4;

/** Noise, 8x8 tiles with random offsets (a block grid), a ramp and a few hard edges (above DiffThresh). */
function testImage(seed: number, width: number, height: number, channels: 1 | 3): RgbImage | GrayImage {
  const random = mulberry32(seed);
  const tiles = Float64Array.from({ length: 4096 }, () => random() * 20 - 10);
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const edge = (x * 7 + y * 3) % 41 < 3 ? 120 : 0;
      for (let c = 0; c < channels; c++) {
        const v = 60 + x * 0.4 + c * 9 + tiles[((y >> 3) * 64 + (x >> 3)) % 4096]! + edge + random() * 16;
        data[(y * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { width, height, data };
}

function median(values: number[]): number {
  return values.slice().sort((a, b) => a - b)[values.length >> 1]!;
}

/** One direction of the reference: accumulated |second difference| minus its binned running median, then the period-8 median. */
function referenceGrid(at: (i: number, j: number) => number, n: number, m: number): Float64Array {
  // i runs along the accumulator (33 samples), j along the running median and the grid median.
  const diff = (i: number, j: number): number => {
    const d = Math.abs(2 * at(i, j) - at(i, Math.max(0, j - 1)) - at(i, Math.min(m - 1, j + 1)));
    return d > THRESHOLD ? 0 : d;
  };
  const sums = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = -16; k <= 16; k++) s += diff(mirrorIndex(i + k, n), j);
      sums[j * n + i] = s;
    }
  }
  const residual = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      const bins: number[] = [];
      for (let k = -16; k <= 16; k++) bins.push(Math.floor((sums[mirrorIndex(j + k, m) * n + i]! + BIN / 2) / BIN));
      residual[j * n + i] = sums[j * n + i]! - median(bins) * BIN;
    }
  }
  const out = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) out[j * n + i] = median([-16, -8, 0, 8, 16].map((k) => residual[mirrorIndex(j + k, m) * n + i]!));
  }
  return out;
}

/** Reference BlockDiff (row-major, grey levels) and BlockValue map. */
function reference(image: RgbImage | GrayImage): { blockDiff: Float64Array; map: Float64Array } {
  const { width: w, height: h } = image;
  const luma = referenceLuma(image);
  // Horizontal lines: second difference down the column, summed along the row, medians down the column.
  const horizontal = referenceGrid((x, y) => luma[y * w + x]!, w, h);
  // Vertical lines: the same with the axes swapped (result indexed [x][y]).
  const vertical = referenceGrid((y, x) => luma[y * w + x]!, h, w);
  const blockDiff = new Float64Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) blockDiff[y * w + x] = (horizontal[y * w + x]! + vertical[x * h + y]!) / LUMA_SCALE;
  const bw = Math.ceil(w / 8);
  const bh = Math.ceil(h / 8);
  const map = new Float64Array(bw * bh);
  const value = (y: number, x: number): number => (y < h && x < w ? blockDiff[y * w + x]! : 0);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const at = (i: number, j: number): number => value(by * 8 + i, bx * 8 + j);
      const sum = (f: (s: number) => number): number => [1, 2, 3, 4, 5, 6].reduce((a, s) => a + f(s), 0);
      const columns = [1, 2, 3, 4, 5, 6].map((t) => sum((s) => at(s, t)));
      const rows = [1, 2, 3, 4, 5, 6].map((t) => sum((s) => at(t, s)));
      map[by * bw + bx] =
        Math.max(...columns) - Math.min(sum((s) => at(s, 0)), sum((s) => at(s, 7))) + Math.max(...rows) - Math.min(sum((s) => at(0, s)), sum((s) => at(7, s)));
    }
  }
  return { blockDiff, map };
}

function maxRelativeError(ours: Float32Array, expected: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  return worst;
}

describe('BLK core against a whole-image reference', () => {
  for (const [width, height, channels] of [
    [83, 70, 3],
    [150, 41, 3],
    [20, 30, 1],
  ] as const) {
    it(`matches at ${width}x${height}, ${channels} channel(s)`, () => {
      const image = testImage(width * 31 + height, width, height, channels);
      const ours = computeBlockArtifactGrid(image);
      const expected = reference(image);
      expect([ours.width, ours.height]).toEqual([Math.ceil(width / 8), Math.ceil(height / 8)]);
      // Float32 output: relative rounding of ~6e-8 on values of up to a few hundred grey levels.
      expect(maxRelativeError(ours.blockDiff, expected.blockDiff)).toBeLessThan(1e-5);
      expect(maxRelativeError(ours.map, expected.map)).toBeLessThan(1e-5);
      // Not vacuous: the image has a grid and edges above the threshold.
      expect(Math.max(...Array.from(expected.map, Math.abs))).toBeGreaterThan(10);
    });
  }
});
