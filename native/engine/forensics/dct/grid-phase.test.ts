/**
 * The streaming and allocation-free paths of the grid-shift kernel against their plain counterparts:
 * phase sums from a luma ring vs from a whole-image luma (bit for bit) and vs a direct DCT, rolling
 * window sums vs integral images (bit for bit), and the fitter's early exit vs the full fit.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../tests/fixtures/prng';
import type { RgbImage } from '../types';
import { imagePhaseCells, phaseCells } from './grid-phase';
import type { PhaseCells } from './grid-phase';
import { ShiftedGridFitter, windowSums } from './grid-stats';
import type { MutableShiftedFit } from './grid-stats';
import { PHASE_WINDOW_LANES, PhaseWindows } from './grid-windows';
import { LUMA_SCALE, referenceLuma } from './luma';

function noiseImage(seed: number, width: number, height: number): RgbImage {
  const random = mulberry32(seed);
  return { width, height, data: Uint8Array.from({ length: width * height * 3 }, () => Math.floor(random() * 256)) };
}

const CHANNELS = ['columns', 'rows', 'countX', 'countY', 'squaresX', 'squaresY'] as const;

describe('grid phase sums', () => {
  it('are the same from the luma ring as from a whole-image luma, and equal a direct u = 7 DCT', () => {
    const image = noiseImage(3, 75, 53);
    const streamed = imagePhaseCells(image);
    const whole: PhaseCells = phaseCells(referenceLuma(image), image.width, image.height);
    for (const name of CHANNELS) expect(Array.from(streamed[name]), name).toEqual(Array.from(whole[name]));
    // Row segment at (x, y) = (21, 10): cell (2, 1), phase 5; column segment at (x, y) = (13, 20): cell (1, 2), phase 4.
    const luma = referenceLuma(image);
    const c7 = (at: (k: number) => number): number => {
      let s = 0;
      for (let k = 0; k < 8; k++) s += at(k) * Math.cos(((2 * k + 1) * 7 * Math.PI) / 16);
      return Math.abs(s / 2 / LUMA_SCALE);
    };
    let row = 0;
    for (let y = 8; y < 16; y++) row += c7((k) => luma[y * 75 + 21 + k]!);
    expect(streamed.columns[(1 * streamed.cellsWide + 2) * 8 + 5]).toBeCloseTo(row, 9);
    let column = 0;
    for (let x = 8; x < 16; x++) column += c7((k) => luma[(20 + k) * 75 + x]!);
    expect(streamed.rows[(2 * streamed.cellsWide + 1) * 8 + 4]).toBeCloseTo(column, 9);
  });

  it('windowed rolling sums equal the integral-image window sums exactly', () => {
    const cells = imagePhaseCells(noiseImage(4, 120, 88));
    const { cellsWide: w, cellsHigh: h } = cells;
    for (const radius of [1, 4]) {
      const windows = new PhaseWindows(cells.columns, cells.squaresX, w, h, radius);
      const phases = [0, 1, 2, 3, 4, 5, 6, 7].map((p) => windowSums(cells.columns, 8, p, w, h, radius));
      const squares = windowSums(cells.squaresX, 1, 0, w, h, radius);
      const row = new Float64Array(w * PHASE_WINDOW_LANES);
      for (let y = 0; y < h; y++) {
        windows.row(y, row);
        for (let x = 0; x < w; x++) {
          for (let p = 0; p < 8; p++) expect(row[x * PHASE_WINDOW_LANES + p]).toBe(phases[p]![y * w + x]);
          expect(row[x * PHASE_WINDOW_LANES + 8]).toBe(squares[y * w + x]);
        }
      }
    }
  });

  it('fitInto with a minimum z skips only fits that cannot reach it', () => {
    const random = mulberry32(5);
    const template = [-2, -1, 0, 1, 2, 1, 0, -1];
    let reached = 0;
    for (const g of [0, 3, null]) {
      const fitter = new ShiftedGridFitter(template, g);
      const out: MutableShiftedFit = { phase: 0, share: 0, z: 0 };
      for (let trial = 0; trial < 2000; trial++) {
        // Image grid, sometimes a shifted second grid, and noise.
        const shift = Math.floor(random() * 8);
        const second = random() < 0.3 ? random() * 3 : 0;
        const profile = template.map((v, p) => 10 + v * (g === null ? 0 : 1) + second * template[(p - shift + 8) % 8]! + (random() - 0.5));
        const se = 0.05 + random() * 0.3;
        const full = fitter.fit(profile, se);
        const quick = fitter.fitInto(profile, se, out, 6);
        if (full !== null && full.z >= 6) {
          reached++;
          expect(quick).toBe(true);
          expect(out).toEqual(full);
        } else if (quick) {
          expect(out.z).toBeLessThan(6);
        }
      }
    }
    expect(reached).toBeGreaterThan(100);
  });
});
