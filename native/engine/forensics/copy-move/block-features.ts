/**
 * Robust features of overlapping blocks for block-matching copy-move detection (Fridrich, Soukal & Lukas,
 * "Detection of copy-move forgery in digital images", DFRWS 2003). Each block (side B, every position,
 * step 1) is described by its 4x4 grid of cell means, the block's lowest spatial frequencies: stable under
 * noise, recompression and small resampling. The six lowest coefficients of their orthonormal 4x4 DCT
 * (Fridrich's quantised low-frequency DCT) are the hash key. Blocks without structure beyond a plane are
 * left out (texture guard), and so are one-dimensional ones (edge guard).
 */
import type { GrayImage } from '../types';

/** Textured blocks of an image: positions, 16 cell sums each, and their low-frequency DCT coefficients. */
export interface BlockFeatures {
  readonly blockSize: number;
  /** Distance between neighbouring block positions, working pixels. */
  readonly step: number;
  readonly count: number;
  /** Top-left corner of each block, working pixels. */
  readonly x: Uint16Array;
  readonly y: Uint16Array;
  /** 16 cell sums per block (cell = (B/4)^2 pixels, so at most 65,280 for B <= 64), row-major cells. */
  readonly cells: Uint16Array;
  /** KEY_DIMS orthonormal DCT coefficients of the cell means per block, 8-bit levels. */
  readonly dct: Float32Array;
  /** How many block positions there were before the texture and edge guards. */
  readonly positions: number;
}

/** Zigzag-first six DCT coefficients (u, v): DC, the two first-order and the three second-order terms. */
const KEY_UV = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]] as const;
/** Number of DCT coefficients per block in `BlockFeatures.dct`. */
export const KEY_DIMS = KEY_UV.length;

/** basis[k][j*4+i]: orthonormal 4x4 DCT-II basis of key coefficient k at cell (i, j). */
const BASIS: Float64Array[] = KEY_UV.map(([u, v]) => {
  const b = new Float64Array(16);
  const alpha = (k: number) => (k === 0 ? 0.5 : Math.SQRT1_2);
  for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) b[j * 4 + i] = alpha(u) * alpha(v) * Math.cos(((2 * i + 1) * u * Math.PI) / 8) * Math.cos(((2 * j + 1) * v * Math.PI) / 8);
  return b;
});

/**
 * Features of the block positions of `luma` (every `step` pixels along both axes) whose cell means deviate from their best-fitting plane by a
 * residual standard deviation of at least `minTexture` levels, and whose structure is two-dimensional
 * (structure-tensor eigenvalue ratio at least `minIsotropy`). Sky, white card stock and smooth gradients fail
 * the first guard (uniform blocks all match one another and would flood the shift histogram); edges, bands
 * and lines of text fail the second (they match themselves shifted along their own direction).
 */
export function blockFeatures(luma: GrayImage, blockSize: number, step: number, minTexture: number, minIsotropy: number): BlockFeatures {
  const { width: w, height: h, data } = luma;
  const c = blockSize / 4;
  const nx = w - blockSize + 1, ny = h - blockSize + 1;
  if (nx < 1 || ny < 1) return { blockSize, step, count: 0, x: new Uint16Array(0), y: new Uint16Array(0), cells: new Uint16Array(0), dct: new Float32Array(0), positions: 0 };
  const cellSum = cellSums(data, w, h, c);
  const cw = w - c + 1;
  const positions = Math.ceil(nx / step) * Math.ceil(ny / step);
  const xs = new Uint16Array(positions), ys = new Uint16Array(positions);
  const cells = new Uint16Array(positions * 16);
  const dct = new Float32Array(positions * KEY_DIMS);
  const m = new Float64Array(16);
  const area = c * c;
  // Plane fit on the 4x4 grid: centred cell coordinates -1.5..1.5, whose squares sum to 20 over the grid.
  const U = [-1.5, -0.5, 0.5, 1.5];
  const minResidual = minTexture * minTexture * 16;
  let count = 0;
  for (let by = 0; by < ny; by += step) {
    for (let bx = 0; bx < nx; bx += step) {
      let mean = 0, su = 0, sv = 0;
      for (let j = 0; j < 4; j++) {
        const row = (by + j * c) * cw + bx;
        for (let i = 0; i < 4; i++) {
          const v = cellSum[row + i * c]! / area;
          m[j * 4 + i] = v;
          mean += v;
          su += v * U[i]!;
          sv += v * U[j]!;
        }
      }
      mean /= 16;
      su /= 20;
      sv /= 20;
      let residual = 0;
      for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) residual += (m[j * 4 + i]! - mean - su * U[i]! - sv * U[j]!) ** 2;
      if (residual < minResidual || tensorIsotropy(m) < minIsotropy) continue;
      for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) cells[count * 16 + j * 4 + i] = cellSum[(by + j * c) * cw + bx + i * c]!;
      for (let k = 0; k < KEY_DIMS; k++) {
        let s = 0;
        const b = BASIS[k]!;
        for (let q = 0; q < 16; q++) s += b[q]! * m[q]!;
        dct[count * KEY_DIMS + k] = s;
      }
      xs[count] = bx;
      ys[count] = by;
      count++;
    }
  }
  return { blockSize, step, count, x: xs.slice(0, count), y: ys.slice(0, count), cells: cells.slice(0, count * 16), dct: dct.slice(0, count * KEY_DIMS), positions };
}

/**
 * lambda_min / lambda_max of the structure tensor of a 4x4 grid of cell means, from the 3x3 gradients of its
 * 2x2 cell quads. Near 0 for an edge or a band: such a block matches itself shifted along its own direction
 * (the aperture problem), so its matches say nothing about copying.
 */
function tensorIsotropy(m: Float64Array): number {
  let xx = 0, yy = 0, xy = 0;
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < 3; i++) {
      const a = m[j * 4 + i]!, b = m[j * 4 + i + 1]!, c = m[(j + 1) * 4 + i]!, d = m[(j + 1) * 4 + i + 1]!;
      const gx = (b + d - a - c) / 2, gy = (c + d - a - b) / 2;
      xx += gx * gx;
      yy += gy * gy;
      xy += gx * gy;
    }
  }
  const t = xx + yy;
  if (t <= 0) return 0;
  const r = Math.sqrt(Math.max(0, (xx - yy) ** 2 + 4 * xy * xy));
  return (t - r) / (t + r);
}

/** Sum of each c x c cell with top-left (x, y), for x <= w - c, y <= h - c (separable running sums). */
function cellSums(data: Uint8Array, w: number, h: number, c: number): Uint32Array {
  const cw = w - c + 1, ch = h - c + 1;
  const horiz = new Uint32Array(cw * h);
  for (let y = 0; y < h; y++) {
    let s = 0;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      s += data[row + x]!;
      if (x >= c) s -= data[row + x - c]!;
      if (x >= c - 1) horiz[y * cw + x - c + 1] = s;
    }
  }
  const out = new Uint32Array(cw * ch);
  for (let x = 0; x < cw; x++) {
    let s = 0;
    for (let y = 0; y < h; y++) {
      s += horiz[y * cw + x]!;
      if (y >= c) s -= horiz[(y - c) * cw + x]!;
      if (y >= c - 1) out[(y - c + 1) * cw + x] = s;
    }
  }
  return out;
}
