/**
 * Local normalised cross-correlation between an image and a transformed copy of itself: for every pixel p of
 * an area, the Pearson correlation of the 7x7 window around p with the window around T(p) (bilinear
 * samples). Box sums make it O(area) whatever the window. The measurement behind dense verification
 * (Pan & Lyu, IEEE TIFS 2010) and the repetition test.
 */
import type { Box, GrayImage } from '../types';
import type { Similarity } from './similarity';

/** Window radius: 7x7 = 49 samples, enough for a stable correlation, small enough to follow region borders. */
export const RADIUS = 3;
/**
 * 2 levels of standard deviation in both windows: below it the window is flat and its correlation measures
 * noise and compression, not content.
 */
const MIN_WINDOW_STD = 2;

/** An axis-aligned area [x0, x1) x [y0, y1) of the image, pixels. */
export interface Area {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * NCC of each pixel of `area` (row-major over the area) with its image under `t`; NaN where it is not
 * measured: the partner window leaves the image, the partner is closer than `minDistance` (overlapping
 * windows correlate trivially), the window touches the area border, or either window is flat.
 */
export function correlationField(luma: GrayImage, area: Area, t: Similarity, minDistance: number): Float32Array {
  const { width: w, height: h, data } = luma;
  const aw = area.x1 - area.x0, ah = area.y1 - area.y0;
  const n = Math.max(0, aw * ah);
  const out = new Float32Array(n).fill(NaN);
  if (aw <= 2 * RADIUS || ah <= 2 * RADIUS) return out;
  const I = new Float32Array(n), W = new Float32Array(n), valid = new Float32Array(n);
  const minD2 = minDistance * minDistance;
  for (let y = 0; y < ah; y++) {
    const py = area.y0 + y;
    for (let x = 0; x < aw; x++) {
      const px = area.x0 + x;
      const u = t.a * px - t.b * py + t.tx, v = t.b * px + t.a * py + t.ty;
      const k = y * aw + x;
      I[k] = data[py * w + px]!;
      if (u < 0 || v < 0 || u > w - 1 || v > h - 1 || (u - px) ** 2 + (v - py) ** 2 < minD2) continue;
      W[k] = bilinear(data, w, h, u, v);
      valid[k] = 1;
    }
  }
  const sI = boxSum(I, aw, ah), sW = boxSum(W, aw, ah), sV = boxSum(valid, aw, ah);
  const sII = boxSum(square(I), aw, ah), sWW = boxSum(square(W), aw, ah), sIW = boxSum(product(I, W), aw, ah);
  const full = (2 * RADIUS + 1) ** 2;
  const minVar = MIN_WINDOW_STD * MIN_WINDOW_STD * full;
  for (let k = 0; k < n; k++) {
    if (sV[k]! < full - 0.5) continue;
    const vi = sII[k]! - (sI[k]! * sI[k]!) / full;
    const vw = sWW[k]! - (sW[k]! * sW[k]!) / full;
    if (vi < minVar || vw < minVar) continue;
    out[k] = (sIW[k]! - (sI[k]! * sW[k]!) / full) / Math.sqrt(vi * vw);
  }
  return out;
}

/**
 * Fraction of the measurable pixels of `box` whose NCC with their image under `t` is at least
 * `minCorrelation`; 0 when under a quarter of the box is measurable (too little to say).
 */
export function correlatedFraction(luma: GrayImage, box: Box, t: Similarity, minCorrelation: number, minDistance: number): number {
  const area: Area = {
    x0: Math.max(0, Math.floor(box.x) - RADIUS),
    y0: Math.max(0, Math.floor(box.y) - RADIUS),
    x1: Math.min(luma.width, Math.ceil(box.x + box.width) + RADIUS),
    y1: Math.min(luma.height, Math.ceil(box.y + box.height) + RADIUS),
  };
  const ncc = correlationField(luma, area, t, minDistance);
  let measured = 0, hits = 0;
  for (const c of ncc) {
    if (Number.isNaN(c)) continue;
    measured++;
    if (c >= minCorrelation) hits++;
  }
  return measured >= 0.25 * box.width * box.height ? hits / measured : 0;
}

function bilinear(data: Uint8Array, w: number, h: number, u: number, v: number): number {
  const x0 = Math.min(w - 2, Math.floor(u)), y0 = Math.min(h - 2, Math.floor(v));
  const fx = u - x0, fy = v - y0;
  const k = y0 * w + x0;
  const top = data[k]! + fx * (data[k + 1]! - data[k]!);
  const bottom = data[k + w]! + fx * (data[k + w + 1]! - data[k + w]!);
  return top + fy * (bottom - top);
}

function square(a: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * a[i]!;
  return out;
}

function product(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * b[i]!;
  return out;
}

/** Sum over the (2*RADIUS+1)^2 window centred on each pixel; 0 where the window leaves the area. */
function boxSum(src: Float32Array, w: number, h: number): Float32Array {
  const horiz = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) {
    let s = 0;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      s += src[row + x]!;
      if (x >= 2 * RADIUS + 1) s -= src[row + x - 2 * RADIUS - 1]!;
      if (x >= 2 * RADIUS) horiz[row + x - RADIUS] = s;
    }
  }
  for (let x = RADIUS; x < w - RADIUS; x++) {
    let s = 0;
    for (let y = 0; y < h; y++) {
      s += horiz[y * w + x]!;
      if (y >= 2 * RADIUS + 1) s -= horiz[(y - 2 * RADIUS - 1) * w + x]!;
      if (y >= 2 * RADIUS) out[(y - RADIUS) * w + x] = s;
    }
  }
  return out;
}
