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

/** 255000 Y - 16000 per pixel (see the module comment), row-major. */
export function referenceLuma(image: RgbImage | GrayImage): Int32Array {
  const n = image.width * image.height;
  const out = new Int32Array(n);
  const d = image.data;
  if (isGray(image)) {
    for (let i = 0; i < n; i++) out[i] = 219000 * d[i]!;
    return out;
  }
  if (d.length !== n * 3) throw new RangeError(`image ${image.width}x${image.height} needs ${n} or ${n * 3} bytes, got ${d.length}`);
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = 65481 * d[j]! + 128553 * d[j + 1]! + 24966 * d[j + 2]!;
  return out;
}
