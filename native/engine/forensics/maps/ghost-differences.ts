/**
 * Per-block JPEG re-compression differences for a set of qualities, computed in the DCT domain: for each
 * aligned 8x8 luma block, the sum over its 64 coefficients of (c - Q round(c / Q))^2 with the IJG table Q
 * of each quality. The DCT is orthonormal, so this equals the squared pixel difference between the block
 * and its JPEG re-compression at that quality, before the decoder rounds to 8 bits (Farid 2009, eq. 1,
 * on luma). One DCT serves every quality, which is what makes 10 qualities affordable at 12 MP.
 */
import type { GrayImage, RgbImage } from '../types';
import { dct8x8From } from './dct8';
import { ijgLumaTable } from './ijg-tables';
import { blockErrors, blockErrors10 } from './ghosts-quantisation';
import { channelCount } from './raster-input';


export interface GhostDifferences {
  /** Blocks across and down (whole 8x8 blocks only; a partial last row/column is ignored). */
  readonly cols: number;
  readonly rows: number;
  /** One array per quality: mean squared luma difference per pixel of each block (8-bit levels squared). */
  readonly perQuality: readonly Float32Array[];
}

/**
 * Mean squared difference per pixel of every aligned block at every quality (same order as `qualities`).
 * `includeDc` false (the default for ghosts) leaves the DC coefficient out: in a flat block the DC alone
 * decides the difference, and whether the block's mean lands on a quality's DC lattice is a coincidence
 * of its grey value, which made flat graphics "dip" at arbitrary qualities. With `includeDc` true the
 * value equals the pixel-domain squared difference of a real round trip (before 8-bit rounding).
 */
export function ghostDifferences(image: GrayImage | RgbImage, qualities: readonly number[], includeDc = false): GhostDifferences {
  if (qualities.some((q, i) => i > 0 && q <= qualities[i - 1]!)) throw new RangeError(`qualities must ascend, got ${qualities.join(', ')}`);
  const cols = Math.floor(image.width / 8);
  const rows = Math.floor(image.height / 8);
  const nq = qualities.length;
  // Steps and reciprocals laid out coefficient-major (all qualities of coefficient k side by side).
  const steps = new Float64Array(64 * nq);
  const inverse = new Float64Array(64 * nq);
  qualities.forEach((q, qi) => {
    const table = ijgLumaTable(q);
    for (let k = 0; k < 64; k++) {
      steps[k * nq + qi] = table[k]!;
      inverse[k * nq + qi] = 1 / table[k]!;
    }
  });
  const perQuality = qualities.map(() => new Float32Array(cols * rows));
  // All qualities of a block side by side; spread to perQuality at the end of each block row.
  const rowErrors = new Float32Array(cols * nq);
  const stripWidth = cols * 8;
  const strip = new Float64Array(8 * stripWidth);
  const coefficients = new Float64Array(64);
  const tmp = new Float64Array(64);
  const acc = new Float64Array(nq);
  const tail = new Float64Array(nq);
  const first = includeDc ? 0 : 1;
  const rgb = channelCount(image) === 3;
  for (let r = 0; r < rows; r++) {
    lumaStrip(image.data, image.width, r, stripWidth, rgb, strip);
    for (let c = 0; c < cols; c++) {
      const at = c * 8;
      // A flat block has no AC content: zero difference at every quality (the DCT would give ~1e-16).
      if (!includeDc && isFlat(strip, at, stripWidth)) {
        rowErrors.fill(0, c * nq, (c + 1) * nq);
        continue;
      }
      dct8x8From(strip, at, stripWidth, coefficients, tmp);
      if (nq === 10) blockErrors10(coefficients, first, steps, inverse, acc);
      else blockErrors(coefficients, first, steps, inverse, nq, acc, tail);
      for (let qi = 0; qi < nq; qi++) rowErrors[c * nq + qi] = acc[qi]! / 64;
    }
    for (let qi = 0; qi < nq; qi++) {
      const out = perQuality[qi]!;
      for (let c = 0, o = r * cols; c < cols; c++, o++) out[o] = rowErrors[c * nq + qi]!;
    }
  }
  return { cols, rows, perQuality };
}

/** Luma minus 128 of pixel rows 8r .. 8r + 7, columns 0 .. stripWidth - 1, into `strip` (rows stripWidth apart). */
function lumaStrip(d: Uint8Array, width: number, r: number, stripWidth: number, rgb: boolean, strip: Float64Array): void {
  for (let y = 0; y < 8; y++) {
    const p = (r * 8 + y) * width;
    const o = y * stripWidth;
    if (rgb) {
      for (let x = 0, j = p * 3; x < stripWidth; x++, j += 3) strip[o + x] = 0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]! - 128;
    } else {
      for (let x = 0; x < stripWidth; x++) strip[o + x] = d[p + x]! - 128;
    }
  }
}

/** True when the 8x8 block at strip[at] holds one value (stops at the first difference, usually at once). */
function isFlat(strip: Float64Array, at: number, stride: number): boolean {
  const v = strip[at]!;
  for (let y = 0; y < 8; y++) {
    for (let x = 0, i = at + y * stride; x < 8; x++, i++) if (strip[i] !== v) return false;
  }
  return true;
}

/** Mean of `values` over k x k windows of the block grid centred on each block (clipped at the edges). */
export function windowMean(values: Float32Array, cols: number, rows: number, k: number): Float32Array {
  return windowMeans([values], cols, rows, k)[0]!;
}

/** windowMean of each array of `maps` (all cols x rows), sharing one summed-area table. */
export function windowMeans(maps: readonly Float32Array[], cols: number, rows: number, k: number): Float32Array[] {
  if (k <= 1) return maps.slice();
  const before = Math.floor((k - 1) / 2);
  const after = k - 1 - before;
  const stride = cols + 1;
  // Summed-area table with a zero row and column in front (those stay zero across maps).
  const sat = new Float64Array(stride * (rows + 1));
  return maps.map((values) => {
    for (let r = 0; r < rows; r++) {
      let run = 0;
      for (let c = 0; c < cols; c++) {
        run += values[r * cols + c]!;
        sat[(r + 1) * stride + c + 1] = sat[r * stride + c + 1]! + run;
      }
    }
    const out = new Float32Array(cols * rows);
    for (let r = 0; r < rows; r++) {
      const r0 = Math.max(0, r - before);
      const r1 = Math.min(rows, r + after + 1);
      const top = r0 * stride;
      const bottom = r1 * stride;
      for (let c = 0; c < cols; c++) {
        const c0 = Math.max(0, c - before);
        const c1 = Math.min(cols, c + after + 1);
        const s = sat[bottom + c1]! - sat[top + c1]! - sat[bottom + c0]! + sat[top + c0]!;
        out[r * cols + c] = s / ((r1 - r0) * (c1 - c0));
      }
    }
    return out;
  });
}
