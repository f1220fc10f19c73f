/**
 * Statistics over phase sums (grid-phase.ts): the phase profile of a set of cells, its grid phase (the
 * minimum of high-frequency energy), and how far that phase stands out; window sums for local profiles.
 */
import type { PhaseCells } from './grid-phase';

/** Grid evidence along one axis. */
export interface AxisGrid {
  /** Mean |c7| per phase 0..7 (grey levels). */
  readonly profile: readonly number[];
  /** Dominant phase (the profile's minimum): block seams at x (or y) = phase (mod 8). */
  readonly phase: number;
  /** Number of segments and standard deviation of their |c7| (grey levels). */
  readonly count: number;
  readonly sigma: number;
  /** Mean of the other seven phases minus profile[phase] (grey levels). */
  readonly contrast: number;
  /** contrast / mean of the other seven: how much less high-frequency energy the grid phase has (0..1). */
  readonly dip: number;
  /** contrast / standard error of that difference: how many noise levels the grid phase stands out. */
  readonly z: number;
  /** Deepest other circular local minimum of the profile (a second grid), its depth below the mean of its two neighbours in standard errors (0 if none). */
  readonly secondPhase: number;
  readonly secondZ: number;
}

/** Phase profile and its statistics from 8 phase sums, a sample count and a sum of squares. */
export function axisGrid(sums: ArrayLike<number>, count: number, squares: number): AxisGrid {
  const perPhase = count / 8;
  const profile: number[] = [];
  let total = 0;
  for (let p = 0; p < 8; p++) {
    profile.push(perPhase > 0 ? sums[p]! / perPhase : 0);
    total += sums[p]!;
  }
  const mean = count > 0 ? total / count : 0;
  const sigma = count > 1 ? Math.sqrt(Math.max(0, squares / count - mean * mean)) : 0;
  let phase = 0;
  for (let p = 1; p < 8; p++) if (profile[p]! < profile[phase]!) phase = p;
  const othersMean = (profile.reduce((a, b) => a + b, 0) - profile[phase]!) / 7;
  const contrast = othersMean - profile[phase]!;
  // Standard error of (one phase mean - mean of seven others), n = count / 8 samples per phase.
  const standardError = perPhase > 0 ? sigma * Math.sqrt((1 + 1 / 7) / perPhase) : 0;
  let secondPhase = phase;
  let secondDepth = 0;
  for (let p = 0; p < 8; p++) {
    if (p === phase) continue;
    const left = profile[(p + 7) % 8]!;
    const right = profile[(p + 1) % 8]!;
    const depth = (left + right) / 2 - profile[p]!;
    if (profile[p]! < left && profile[p]! < right && depth > secondDepth) {
      secondDepth = depth;
      secondPhase = p;
    }
  }
  // One phase mean against the mean of its two neighbours: sigma * sqrt((1 + 1/2) / n).
  const neighbourError = perPhase > 0 ? sigma * Math.sqrt(1.5 / perPhase) : 0;
  return {
    profile,
    phase,
    count,
    sigma,
    contrast,
    dip: othersMean > 0 ? contrast / othersMean : 0,
    z: standardError > 0 ? contrast / standardError : 0,
    secondPhase,
    secondZ: neighbourError > 0 ? secondDepth / neighbourError : 0,
  };
}

/** Sums of the phase data over a box of cells [x0, x1) x [y0, y1). */
export function sumCells(cells: PhaseCells, x0: number, y0: number, x1: number, y1: number): { x: AxisGrid; y: AxisGrid } {
  const sx = new Float64Array(8);
  const sy = new Float64Array(8);
  let cx = 0;
  let cy = 0;
  let qx = 0;
  let qy = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const c = y * cells.cellsWide + x;
      for (let p = 0; p < 8; p++) {
        sx[p] = sx[p]! + cells.columns[c * 8 + p]!;
        sy[p] = sy[p]! + cells.rows[c * 8 + p]!;
      }
      cx += cells.countX[c]!;
      cy += cells.countY[c]!;
      qx += cells.squaresX[c]!;
      qy += cells.squaresY[c]!;
    }
  }
  return { x: axisGrid(sx, cx, qx), y: axisGrid(sy, cy, qy) };
}

/**
 * Box sums of one per-cell channel over (2 radius + 1)^2 cells (clipped at the borders), by an integral
 * image. `stride` and `offset` pick the channel out of interleaved data (8 phases per cell).
 */
export function windowSums(data: Float64Array, stride: number, offset: number, width: number, height: number, radius: number): Float64Array {
  const iw = width + 1;
  const integral = new Float64Array(iw * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[(y * width + x) * stride + offset]!;
      integral[(y + 1) * iw + x + 1] = integral[y * iw + x + 1]! + row;
    }
  }
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      out[y * width + x] = integral[y1 * iw + x1]! - integral[y0 * iw + x1]! - integral[y1 * iw + x0]! + integral[y0 * iw + x0]!;
    }
  }
  return out;
}

/** Result of fitting a second, shifted copy of the grid template to a local profile. */
export interface ShiftedFit {
  /** Phase of the best shifted grid (its energy minimum). */
  readonly phase: number;
  /** Share of the shifted grid in the fitted profile, b / (|a| + b), 0..1 (1: only the shifted grid). */
  readonly share: number;
  /** Improvement of the fit by the shifted grid in standard errors (sqrt of the chi-square gain). */
  readonly z: number;
}

/**
 * Fits local phase profiles as c + a G + b G_s, where G is the image's grid template (zero-mean
 * profile, minimum at phase `g`) and G_s the same shape moved to phase s, for every s != g, and keeps the
 * s with the largest fit gain, with b > 0 (a second grid adds a V, it does not remove one). When the image
 * has no grid (`g` null), `template` is a generic V with its minimum at 0 and the fit is c + b G_s against
 * the flat profile c. Rotations and their inner products are computed once, so a fit costs ~70
 * multiply-adds (it runs for every cell of a 12 MP image).
 */
export class ShiftedGridFitter {
  private readonly rotated: Float64Array[] = [];
  /** |G_s|^2 (the same for every rotation) and <G, G_s>. */
  private readonly norm: number;
  private readonly cross = new Float64Array(8);
  private readonly centred = new Float64Array(8);

  constructor(
    template: ArrayLike<number>,
    private readonly g: number | null,
  ) {
    for (let s = 0; s < 8; s++) this.rotated.push(Float64Array.from({ length: 8 }, (_, p) => template[(p - s + 8) % 8]!));
    const base = this.rotated[g ?? 0]!;
    let norm = 0;
    for (let p = 0; p < 8; p++) norm += base[p]! * base[p]!;
    this.norm = norm;
    for (let s = 0; s < 8; s++) {
      let c = 0;
      for (let p = 0; p < 8; p++) c += base[p]! * this.rotated[s]![p]!;
      this.cross[s] = c;
    }
  }

  /** Best shifted grid for `profile` (8 phase means) whose phase means have standard error `standardError`; null if none adds a V. */
  fit(profile: ArrayLike<number>, standardError: number): ShiftedFit | null {
    const out: MutableShiftedFit = { phase: 0, share: 0, z: 0 };
    return this.fitInto(profile, standardError, out) ? out : null;
  }

  /**
   * fit() without allocating (it runs for every cell of a 12 MP image): writes `out`, false where fit()
   * gives null. With `minZ` > 0 it may also return false, without fitting, when no shifted grid can
   * reach z >= minZ: a shift can gain at most what the image grid leaves unexplained,
   * |centred|^2 - <G, centred>^2 / |G|^2 (all of |centred|^2 without an image grid).
   */
  fitInto(profile: ArrayLike<number>, standardError: number, out: MutableShiftedFit, minZ = 0): boolean {
    const centred = this.centred;
    let mean = 0;
    for (let p = 0; p < 8; p++) mean += profile[p]!;
    mean /= 8;
    for (let p = 0; p < 8; p++) centred[p] = profile[p]! - mean;
    const gg = this.norm;
    if (!(gg > 0) || !(standardError > 0)) return false;
    const base = this.rotated[this.g ?? 0]!;
    let gl = 0;
    let energy = 0;
    for (let p = 0; p < 8; p++) {
      gl += base[p]! * centred[p]!;
      energy += centred[p]! * centred[p]!;
    }
    if (minZ > 0) {
      const bound = this.g === null ? energy : energy - (gl * gl) / gg;
      const needed = minZ * standardError;
      // 1e-9 |centred|^2: room for rounding (the fitted gain is a difference of terms of that size), so
      // that only cells that certainly fall short are skipped.
      if (bound + 1e-9 * energy < needed * needed) return false;
    }
    let bestGain = 0;
    let found = false;
    for (let s = 0; s < 8; s++) {
      if (this.g !== null && s === this.g) continue;
      const t = this.rotated[s]!;
      let sl = 0;
      for (let p = 0; p < 8; p++) sl += t[p]! * centred[p]!;
      let a = 0;
      let b: number;
      let gain: number;
      if (this.g === null) {
        b = sl / gg;
        gain = b * sl;
      } else {
        const gs = this.cross[s]!;
        const det = gg * gg - gs * gs;
        if (det <= 1e-12 * gg * gg) continue;
        a = (gg * gl - gs * sl) / det;
        b = (gg * sl - gs * gl) / det;
        // RSS(c + aG) - RSS(c + aG + bG_s).
        gain = a * gl + b * sl - (gl * gl) / gg;
      }
      if (b <= 0 || gain <= bestGain) continue;
      bestGain = gain;
      found = true;
      out.phase = s;
      out.share = b / (Math.abs(a) + b);
    }
    if (found) out.z = Math.sqrt(bestGain) / standardError;
    return found;
  }
}

/** Writable ShiftedFit, filled by ShiftedGridFitter.fitInto. */
export interface MutableShiftedFit {
  phase: number;
  share: number;
  z: number;
}
