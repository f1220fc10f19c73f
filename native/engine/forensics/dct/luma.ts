/**
 * Luma for the pixel-domain blocking kernels, in exact integer arithmetic.
 *
 * The reference implementation (Zampoglou et al.'s `GetBlockGrid.m`) calls MATLAB's `rgb2ycbcr` on the
 * image as double values 0..255, which MATLAB treats as the [0, 1] range: Y = (65.481 R + 128.553 G +
 * 24.966 B + 16) / 255, a luma on a 0..219 scale. Its thresholds (e.g. DiffThresh = 50) are on that
 * scale, so we keep it, as the integer 255000 Y - 16000 = 65481 R + 128553 G + 24966 B (the constant
 * cancels in every difference). A gray image is taken as R = G = B.
 */
import type { GrayImage, RgbImage } from '../types';

/** Integer luma units per unit of the reference's Y (the 1/1000 of the coefficients times 255). */
export const LUMA_SCALE = 255000;

/** True when `image` has one channel. */
export function isGray(image: RgbImage | GrayImage): boolean {
  return image.data.length === image.width * image.height;
}

function checkSize(image: RgbImage | GrayImage): void {
  const n = image.width * image.height;
  if (image.data.length !== n && image.data.length !== n * 3) {
    throw new RangeError(`image ${image.width}x${image.height} needs ${n} or ${n * 3} bytes, got ${image.data.length}`);
  }
}

/** 255000 Y - 16000 per pixel (see the module comment), row-major. */
export function referenceLuma(image: RgbImage | GrayImage): Int32Array {
  checkSize(image);
  const n = image.width * image.height;
  const out = new Int32Array(n);
  const d = image.data;
  if (isGray(image)) {
    for (let i = 0; i < n; i++) out[i] = 219000 * d[i]!;
    return out;
  }
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = 65481 * d[j]! + 128553 * d[j + 1]! + 24966 * d[j + 2]!;
  return out;
}

/**
 * One row of `referenceLuma` (row `y`, into `out[offset .. offset + width)`), for kernels that stream the
 * image row by row instead of holding a whole-image luma copy. Same values as `referenceLuma`.
 */
export function referenceLumaRow(image: RgbImage | GrayImage, y: number, out: Int32Array, offset: number): void {
  checkSize(image);
  const w = image.width;
  const d = image.data;
  if (isGray(image)) {
    for (let x = 0, j = y * w; x < w; x++, j++) out[offset + x] = 219000 * d[j]!;
    return;
  }
  for (let x = 0, j = 3 * y * w; x < w; x++, j += 3) out[offset + x] = 65481 * d[j]! + 128553 * d[j + 1]! + 24966 * d[j + 2]!;
}

/** referenceLumaRow into doubles (the same integers, exactly), for kernels whose inner loops are floating point. */
export function referenceLumaRowFloat(image: RgbImage | GrayImage, y: number, out: Float64Array, offset: number): void {
  checkSize(image);
  const w = image.width;
  const d = image.data;
  if (isGray(image)) {
    for (let x = 0, j = y * w; x < w; x++, j++) out[offset + x] = 219000 * d[j]!;
    return;
  }
  for (let x = 0, j = 3 * y * w; x < w; x++, j += 3) out[offset + x] = 65481 * d[j]! + 128553 * d[j + 1]! + 24966 * d[j + 2]!;
}
