/**
 * Binarization for dark print on a lighter background: a local-mean (Bradley-Roth) threshold computed
 * with an integral image, so glare gradients and tinted security backgrounds do not swallow the text.
 */
import type { GrayImage } from '../../imaging/raster';

/** A 0/1 mask the size of its image (1 = ink). */
export interface InkMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Parameters of {@link adaptiveInkMask}. */
export interface AdaptiveThresholdOptions {
  /** Side of the square averaging window in pixels (odd). */
  readonly window: number;
  /** A pixel is ink when it is darker than the local mean by this fraction (Bradley-Roth "t"). */
  readonly darkerFraction?: number;
  /** ...and by at least this many grey levels, so flat noisy paper does not turn into speckle. */
  readonly minContrast?: number;
}

/** Summed-area table with one extra row and column of zeros, `(width + 1) * (height + 1)` entries. */
export function integralImage(image: GrayImage): Float64Array {
  const { width: w, height: h, data } = image;
  const stride = w + 1;
  const sums = new Float64Array(stride * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x]!;
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1]! + row;
    }
  }
  return sums;
}

/** Ink mask by comparing each pixel with the mean of its window (clipped at the image border). */
export function adaptiveInkMask(image: GrayImage, options: AdaptiveThresholdOptions): InkMask {
  const { width: w, height: h, data } = image;
  // 15 %: Bradley and Roth's published value; it separates print from paper for contrast down to ~40 levels.
  const fraction = options.darkerFraction ?? 0.15;
  // 12 grey levels: above the sensor/JPEG noise of a flat background (sigma ~4), below any print contrast.
  const minContrast = options.minContrast ?? 12;
  const half = Math.max(1, Math.floor(options.window / 2));
  const sums = integralImage(image);
  const stride = w + 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(h, y + half + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(w, x + half + 1);
      const total = sums[y1 * stride + x1]! - sums[y0 * stride + x1]! - sums[y1 * stride + x0]! + sums[y0 * stride + x0]!;
      const mean = total / ((x1 - x0) * (y1 - y0));
      const v = data[y * w + x]!;
      if (v < mean * (1 - fraction) && mean - v >= minContrast) out[y * w + x] = 1;
    }
  }
  return { width: w, height: h, data: out };
}

/** Otsu's threshold of a 256-bin histogram: the level maximising between-class variance. */
export function otsuLevel(histogram: ArrayLike<number>): number {
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < 256; i++) {
    total += histogram[i]!;
    weighted += i * histogram[i]!;
  }
  let below = 0;
  let belowWeighted = 0;
  let best = 0;
  let bestLevel = 127;
  for (let t = 0; t < 256; t++) {
    below += histogram[t]!;
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    belowWeighted += t * histogram[t]!;
    const meanBelow = belowWeighted / below;
    const meanAbove = (weighted - belowWeighted) / above;
    const between = below * above * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      bestLevel = t;
    }
  }
  return bestLevel;
}

/** Grey level at quantile `q` (0..1) of a histogram. */
export function histogramQuantile(histogram: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let i = 0; i < 256; i++) total += histogram[i]!;
  const target = q * total;
  let acc = 0;
  for (let i = 0; i < 256; i++) {
    acc += histogram[i]!;
    if (acc >= target) return i;
  }
  return 255;
}
