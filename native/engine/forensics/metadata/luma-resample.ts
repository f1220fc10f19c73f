/**
 * Small luma rasters for the thumbnail comparison: BT.601 luma averaged over k x k blocks of the main
 * image (one pass over its RGB bytes), area resampling of a source rectangle to an exact size, and the
 * inverse of an EXIF orientation on a small raster. Floats throughout (values in 8-bit levels).
 */
import { uprightRaster } from '../orientation';
import type { RgbImage } from '../types';

/** A single-channel float raster, row-major. */
export interface LumaRaster {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** BT.601 weights (ITU-R BT.601, as `imaging/decode.ts` rgbToGray). */
const WR = 0.299;
const WG = 0.587;
const WB = 0.114;

/**
 * Luma of `rgb` averaged over `k` x `k` blocks, reading every `stride`-th pixel of every `stride`-th row
 * inside each block (stride 1 reads all). Partial blocks at the right and bottom edges are averaged
 * over the pixels they hold. No full-size copy is made.
 * @param rgb interleaved 8-bit RGB
 * @param k block side, at least 1
 * @param stride sampling step inside a block, 1..k
 */
export function blockLuma(rgb: RgbImage, k: number, stride = 1): LumaRaster {
  const step = Math.max(1, Math.floor(k));
  const skip = Math.max(1, Math.min(step, Math.floor(stride)));
  const { width, height, data } = rgb;
  const cw = Math.ceil(width / step);
  const ch = Math.ceil(height / step);
  const out = new Float32Array(cw * ch);
  const acc = new Float64Array(cw);
  const cnt = new Float64Array(cw);
  for (let cy = 0; cy < ch; cy++) {
    acc.fill(0);
    cnt.fill(0);
    const y1 = Math.min(height, cy * step + step);
    for (let y = cy * step; y < y1; y += skip) {
      const row = y * width * 3;
      for (let cx = 0; cx < cw; cx++) {
        const x1 = Math.min(width, cx * step + step);
        // Integer BT.601 weights x 1024 (306, 601, 117): small-integer arithmetic, summed per cell.
        let s = 0, n = 0;
        for (let x = cx * step, p = row + x * 3; x < x1; x += skip, p += 3 * skip, n++) s += 306 * (data[p] as number) + 601 * (data[p + 1] as number) + 117 * (data[p + 2] as number);
        acc[cx] = (acc[cx] as number) + s;
        cnt[cx] = (cnt[cx] as number) + n;
      }
    }
    for (let cx = 0; cx < cw; cx++) out[cy * cw + cx] = (acc[cx] as number) / (1024 * (cnt[cx] as number));
  }
  return { width: cw, height: ch, data: out };
}

/** Luma of a small interleaved RGB buffer (a decoded thumbnail), same weights. */
export function rgbLuma(data: Uint8Array, width: number, height: number): LumaRaster {
  const out = new Float32Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 3) out[i] = WR * (data[p] as number) + WG * (data[p + 1] as number) + WB * (data[p + 2] as number);
  return { width, height, data: out };
}

/** Per destination index: first source index and the weights of the source cells it covers. */
interface AxisWeights {
  readonly start: Int32Array;
  readonly weights: Float64Array[];
}

/** Area weights for mapping source interval [s0, s1) onto `n` equal destination cells. */
function axisWeights(s0: number, s1: number, n: number, sourceLength: number): AxisWeights {
  const scale = (s1 - s0) / n;
  const start = new Int32Array(n);
  const weights: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, s0 + i * scale);
    const b = Math.min(sourceLength, s0 + (i + 1) * scale);
    const first = Math.min(sourceLength - 1, Math.floor(a));
    const last = Math.max(first, Math.min(sourceLength - 1, Math.ceil(b) - 1));
    const w = new Float64Array(last - first + 1);
    let total = 0;
    for (let j = first; j <= last; j++) {
      const overlap = Math.max(0, Math.min(b, j + 1) - Math.max(a, j));
      w[j - first] = overlap;
      total += overlap;
    }
    if (total > 0) for (let j = 0; j < w.length; j++) w[j] = (w[j] as number) / total;
    else w[0] = 1; // a degenerate interval: take the nearest cell
    start[i] = first;
    weights.push(w);
  }
  return { start, weights };
}

/**
 * Area-average resampling of the source rectangle [x0, x1) x [y0, y1) (source pixel units, fractional
 * allowed) to exactly `width` x `height`: each destination cell is the coverage-weighted mean of the
 * source cells under it (a box filter, no ringing), separable.
 */
export function areaResample(src: LumaRaster, rect: { x0: number; y0: number; x1: number; y1: number }, width: number, height: number): LumaRaster {
  const wx = axisWeights(rect.x0, rect.x1, width, src.width);
  const wy = axisWeights(rect.y0, rect.y1, height, src.height);
  const tmp = new Float64Array(src.height * width);
  for (let y = 0; y < src.height; y++) {
    const row = y * src.width;
    for (let i = 0; i < width; i++) {
      const w = wx.weights[i] as Float64Array;
      let acc = 0;
      for (let j = 0, s = row + (wx.start[i] as number); j < w.length; j++, s++) acc += (w[j] as number) * (src.data[s] as number);
      tmp[y * width + i] = acc;
    }
  }
  const out = new Float32Array(width * height);
  for (let i = 0; i < height; i++) {
    const w = wy.weights[i] as Float64Array;
    const first = wy.start[i] as number;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let j = 0; j < w.length; j++) acc += (w[j] as number) * (tmp[(first + j) * width + x] as number);
      out[i * width + x] = acc;
    }
  }
  return { width, height, data: out };
}

/** EXIF orientation that undoes `orientation` (6 and 8 are each other's inverse; the rest are involutions). */
export function inverseOrientation(orientation: number): number {
  return orientation === 6 ? 8 : orientation === 8 ? 6 : orientation;
}

/**
 * Turns an upright raster back into stored orientation (the inverse of `uprightRaster`), for a thumbnail
 * that was written upright while the main image is stored rotated. Values are rounded to 8 bits.
 */
export function storedFromUpright(upright: LumaRaster, orientation: number): LumaRaster {
  const bytes = Uint8Array.from(upright.data, (v) => Math.max(0, Math.min(255, Math.round(v))));
  const turned = uprightRaster(bytes, upright.width, upright.height, inverseOrientation(orientation));
  return { width: turned.width, height: turned.height, data: Float32Array.from(turned.data) };
}
