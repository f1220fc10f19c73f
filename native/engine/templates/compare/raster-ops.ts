/**
 * Small raster helpers for the zone comparators: zone boxes in pixels, float grey crops, separable
 * Gaussian blur, gradient magnitude and histogram percentiles. Plain TypeScript on typed arrays (no
 * OpenCV), so every comparator stays synchronous and has nothing to delete.
 */
import type { Box, RgbImage } from '../../imaging/raster';

/** A float raster (one channel, row-major). */
export interface FloatImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/**
 * Pixel rectangle of a template box `[x, y, w, h]` (fractions of the side) in an image of the given
 * size, rounded outwards and clipped to the image.
 */
export function zoneRect(box: readonly [number, number, number, number], width: number, height: number): Box {
  const x0 = Math.max(0, Math.floor(box[0] * width));
  const y0 = Math.max(0, Math.floor(box[1] * height));
  const x1 = Math.min(width, Math.ceil((box[0] + box[2]) * width));
  const y1 = Math.min(height, Math.ceil((box[1] + box[3]) * height));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** `rect` grown by the given margins on each side and clipped to a `width` x `height` image. */
export function growRect(rect: Box, left: number, top: number, right: number, bottom: number, width: number, height: number): Box {
  const x0 = Math.max(0, Math.floor(rect.x - left));
  const y0 = Math.max(0, Math.floor(rect.y - top));
  const x1 = Math.min(width, Math.ceil(rect.x + rect.width + right));
  const y1 = Math.min(height, Math.ceil(rect.y + rect.height + bottom));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** Luma (BT.601, as `rgbToGray`) of `rect` of an RGB image, as floats 0..255. */
export function lumaCrop(image: RgbImage, rect: Box): FloatImage {
  const { x, y, width, height } = rect;
  const out = new Float32Array(width * height);
  const d = image.data;
  for (let yy = 0; yy < height; yy++) {
    let j = ((y + yy) * image.width + x) * 3;
    const row = yy * width;
    for (let xx = 0; xx < width; xx++, j += 3) out[row + xx] = 0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!;
  }
  return { width, height, data: out };
}

function kernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    k[i + radius] = v;
    sum += v;
  }
  for (let i = 0; i < k.length; i++) k[i] = k[i]! / sum;
  return k;
}

/** One pass of a symmetric kernel along rows (`stride` 1) or columns, clamped at the borders. */
function convolve(src: Float32Array, dst: Float32Array, w: number, h: number, k: Float32Array, horizontal: boolean): void {
  const r = (k.length - 1) / 2;
  const n = horizontal ? w : h;
  const lines = horizontal ? h : w;
  const step = horizontal ? 1 : w;
  const lineStep = horizontal ? w : 1;
  const line = new Float32Array(n + 2 * r);
  for (let l = 0; l < lines; l++) {
    const base = l * lineStep;
    for (let i = 0; i < n; i++) line[i + r] = src[base + i * step]!;
    for (let i = 0; i < r; i++) {
      line[i] = line[r]!;
      line[n + r + i] = line[n + r - 1]!;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < k.length; t++) s += k[t]! * line[i + t]!;
      dst[base + i * step] = s;
    }
  }
}

/** Separable Gaussian blur with clamped borders. `sigma <= 0` returns a copy. */
export function gaussianBlur(image: FloatImage, sigma: number): FloatImage {
  const { width: w, height: h, data } = image;
  if (sigma <= 0 || w === 0 || h === 0) return { width: w, height: h, data: Float32Array.from(data) };
  const k = kernel(sigma);
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  convolve(data, tmp, w, h, k, true);
  convolve(tmp, out, w, h, k, false);
  return { width: w, height: h, data: out };
}

/** An RGB image blurred channel by channel with {@link gaussianBlur} (`sigma <= 0` returns a copy). */
export function gaussianBlurRgb(image: RgbImage, sigma: number): RgbImage {
  const { width: w, height: h, data } = image;
  const out = new Uint8Array(data.length);
  const plane = new Float32Array(w * h);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < w * h; i++) plane[i] = data[i * 3 + c]!;
    const blurred = gaussianBlur({ width: w, height: h, data: plane }, sigma).data;
    for (let i = 0; i < w * h; i++) out[i * 3 + c] = Math.round(blurred[i]!);
  }
  return { width: w, height: h, data: out };
}

/** One running-sum box pass of width 2r+1 along rows or columns, clamped at the borders. */
function boxPass(src: Float32Array, dst: Float32Array, w: number, h: number, r: number, horizontal: boolean): void {
  const n = horizontal ? w : h;
  const lines = horizontal ? h : w;
  const step = horizontal ? 1 : w;
  const lineStep = horizontal ? w : 1;
  const norm = 1 / (2 * r + 1);
  const last = (n - 1) * step;
  for (let l = 0; l < lines; l++) {
    const base = l * lineStep;
    const firstValue = src[base]!;
    const lastValue = src[base + last]!;
    let sum = 0;
    for (let i = -r; i <= r; i++) sum += i < 0 ? firstValue : i >= n ? lastValue : src[base + i * step]!;
    for (let i = 0; i < n; i++) {
      dst[base + i * step] = sum * norm;
      const add = i + r + 1;
      const drop = i - r;
      sum += (add >= n ? lastValue : src[base + add * step]!) - (drop < 0 ? firstValue : src[base + drop * step]!);
    }
  }
}

/**
 * Approximate Gaussian blur by `passes` box filters of width 2r+1 (each adds (w^2 - 1) / 12 to the
 * variance): cost independent of the radius, for the wide backgrounds.
 */
export function boxBlur(image: FloatImage, r: number, passes: number): FloatImage {
  const { width: w, height: h } = image;
  const a = Float32Array.from(image.data);
  const b = new Float32Array(w * h);
  for (let p = 0; p < passes; p++) {
    boxPass(a, b, w, h, r, true);
    boxPass(b, a, w, h, r, false);
  }
  return { width: w, height: h, data: a };
}

/**
 * A smooth background estimate: `image` averaged in blocks of `factor` x `factor`, box-blurred at that
 * resolution (radius `r` blocks, `passes` times) and interpolated back bilinearly. For backgrounds many
 * pixels wide this equals a wide blur at 1/factor^2 of its cost.
 */
export function coarseBlur(image: FloatImage, factor: number, r: number, passes: number): FloatImage {
  const { width: w, height: h, data } = image;
  const cw = Math.max(1, Math.ceil(w / factor));
  const ch = Math.max(1, Math.ceil(h / factor));
  const sum = new Float32Array(cw * ch);
  const count = new Float32Array(cw * ch);
  for (let y = 0; y < h; y++) {
    const cy = Math.floor(y / factor) * cw;
    for (let x = 0; x < w; x++) {
      const c = cy + Math.floor(x / factor);
      sum[c]! += data[y * w + x]!;
      count[c]!++;
    }
  }
  for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! / count[i]!;
  const small = boxBlur({ width: cw, height: ch, data: sum }, r, passes).data;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(ch - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(ch - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(cw - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(cw - 1, x0 + 1);
      const tx = fx - x0;
      const top = small[y0 * cw + x0]! * (1 - tx) + small[y0 * cw + x1]! * tx;
      const bottom = small[y1 * cw + x0]! * (1 - tx) + small[y1 * cw + x1]! * tx;
      out[y * w + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return { width: w, height: h, data: out };
}

/** Gradient magnitude by central differences (borders use one-sided differences). */
export function gradientMagnitude(image: FloatImage): FloatImage {
  const { width: w, height: h, data } = image;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const gx = (data[y * w + Math.min(w - 1, x + 1)]! - data[y * w + Math.max(0, x - 1)]!) / 2;
      const gy = (data[Math.min(h - 1, y + 1) * w + x]! - data[Math.max(0, y - 1) * w + x]!) / 2;
      out[y * w + x] = Math.hypot(gx, gy);
    }
  }
  return { width: w, height: h, data: out };
}

/** Value below which `q` (0..1) of the samples lie, from a 256-bin histogram of 0..255 values. */
export function histogramPercentile(values: ArrayLike<number>, q: number, from = 0, to = values.length): number {
  const hist = new Uint32Array(256);
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    hist[v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v)]!++;
  }
  const n = to - from;
  if (n <= 0) return 0;
  const target = q * (n - 1);
  let acc = 0;
  for (let b = 0; b < 256; b++) {
    acc += hist[b]!;
    if (acc > target) return b;
  }
  return 255;
}

/** Clamp to [0, 1]. */
export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Median of a list (0 when empty); does not modify its argument. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
