/**
 * Per-block JPEG re-compression differences for a set of qualities, computed in the DCT domain: for each
 * aligned 8x8 luma block, the sum over its 64 coefficients of (c - Q round(c / Q))^2 with the IJG table Q
 * of each quality. The DCT is orthonormal, so this equals the squared pixel difference between the block
 * and its JPEG re-compression at that quality, before the decoder rounds to 8 bits (Farid 2009, eq. 1,
 * on luma). One DCT serves every quality, which is what makes 10 qualities affordable at 12 MP.
 */
import type { GrayImage, RgbImage } from '../types';
import { dct8x8 } from './dct8';
import { ijgLumaTable } from './ijg-tables';
import { channelCount } from './raster-input';

/** 1.5 * 2^52: adding and subtracting it rounds a double to an integer in the FPU's round-to-nearest mode. */
const ROUND_MAGIC = 6755399441055744;

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
  const block = new Float64Array(64);
  const tmp = new Float64Array(64);
  const acc = new Float64Array(nq);
  const tail = new Float64Array(nq);
  const rgb = channelCount(image) === 3;
  const d = image.data;
  const w = image.width;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      for (let y = 0; y < 8; y++) {
        const p = (r * 8 + y) * w + c * 8;
        if (rgb) {
          for (let x = 0, j = p * 3; x < 8; x++, j += 3) block[y * 8 + x] = 0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]! - 128;
        } else {
          for (let x = 0; x < 8; x++) block[y * 8 + x] = d[p + x]! - 128;
        }
      }
      dct8x8(block, tmp);
      acc.fill(0);
      tail.fill(0);
      for (let k = includeDc ? 0 : 1; k < 64; k++) {
        const v = block[k]!;
        const twice = v < 0 ? -2 * v : 2 * v;
        const o = k * nq;
        // Steps shrink as quality rises, so going down from the finest quality, once a step exceeds
        // 2|v| the coefficient quantises to 0 there and at every coarser quality: its error is v itself.
        let qi = nq - 1;
        for (; qi >= 0; qi--) {
          const step = steps[o + qi]!;
          if (step > twice) break;
          // Round to nearest with the 1.5 * 2^52 trick (exact for |x| < 2^51): much faster than Math.round.
          const n = v * inverse[o + qi]! + ROUND_MAGIC - ROUND_MAGIC;
          const e = v - step * n;
          acc[qi]! += e * e;
        }
        if (qi >= 0) tail[qi]! += v * v;
      }
      // tail[j] holds squared values that count at quality j and every coarser one.
      let running = 0;
      for (let qi = nq - 1; qi >= 0; qi--) {
        running += tail[qi]!;
        acc[qi]! += running;
      }
      const index = r * cols + c;
      for (let qi = 0; qi < nq; qi++) perQuality[qi]![index] = acc[qi]! / 64;
    }
  }
  return { cols, rows, perQuality };
}

/** Mean of `values` over k x k windows of the block grid centred on each block (clipped at the edges). */
export function windowMean(values: Float32Array, cols: number, rows: number, k: number): Float32Array {
  if (k <= 1) return values;
  const before = Math.floor((k - 1) / 2);
  const after = k - 1 - before;
  // Summed-area table with a zero row and column in front.
  const sat = new Float64Array((cols + 1) * (rows + 1));
  for (let r = 0; r < rows; r++) {
    let run = 0;
    for (let c = 0; c < cols; c++) {
      run += values[r * cols + c]!;
      sat[(r + 1) * (cols + 1) + c + 1] = sat[r * (cols + 1) + c + 1]! + run;
    }
  }
  const out = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const r0 = Math.max(0, r - before);
    const r1 = Math.min(rows, r + after + 1);
    for (let c = 0; c < cols; c++) {
      const c0 = Math.max(0, c - before);
      const c1 = Math.min(cols, c + after + 1);
      const s = sat[r1 * (cols + 1) + c1]! - sat[r0 * (cols + 1) + c1]! - sat[r1 * (cols + 1) + c0]! + sat[r0 * (cols + 1) + c0]!;
      out[r * cols + c] = s / ((r1 - r0) * (c1 - c0));
    }
  }
  return out;
}
