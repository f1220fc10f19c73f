/**
 * Warping a questioned document into a template side's reference frame, bilinear, in plain TypeScript:
 * measured 16 ms for a 1012 x 638 RGB image here against 31 ms for opencv.js's warpPerspective (whose WASM
 * build has no SIMD) plus 25 ms for a second warp to find the covered pixels, which this does in the same
 * pass. Same conventions as OpenCV: pixel centres at integer coordinates, the source border replicated.
 * Bilinear rather than bicubic for the reasons given in document-finder/rectify.ts (no overshoot halos that
 * later forensic checks would measure as if they were in the document).
 */
import type { GrayImage, RgbImage } from '../../imaging/raster';
import { invert } from './geometry';
import type { Homography3 } from './geometry';

/** The warped image and which of its pixels the questioned document covers (1) or not (0). */
export interface Warped<I> {
  readonly image: I;
  readonly covered: Uint8Array;
}

/**
 * Warp `image` (RGB or grey: 3 or 1 channels) by `h` (image px → output px) to `width` x `height`.
 * Pixels mapping outside the image take the nearest border pixel (a hard black edge would look like print to
 * later comparisons) and are marked uncovered.
 */
export function warpInto<I extends RgbImage | GrayImage>(image: I, h: Homography3, width: number, height: number): Warped<I> {
  const channels = image.data.length === image.width * image.height ? 1 : 3;
  const inv = invert(h);
  if (!inv) throw new RangeError('singular homography');
  const [a, b, c, d, e, f, g, k, m] = inv as [number, number, number, number, number, number, number, number, number];
  const src = image.data;
  const sw = image.width;
  const maxX = image.width - 1, maxY = image.height - 1;
  const out = new Uint8Array(width * height * channels);
  const covered = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let X = b * y + c, Y = e * y + f, Z = k * y + m;
    for (let x = 0, ci = y * width; x < width; x++, ci++, X += a, Y += d, Z += g) {
      let u = X / Z, v = Y / Z;
      if (u >= 0 && v >= 0 && u <= maxX && v <= maxY) covered[ci] = 1;
      else {
        u = u < 0 || !(u === u) ? 0 : u > maxX ? maxX : u;
        v = v < 0 || !(v === v) ? 0 : v > maxY ? maxY : v;
      }
      const x0 = Math.min(Math.max(0, maxX - 1), u | 0), y0 = Math.min(Math.max(0, maxY - 1), v | 0);
      const fx = u - x0, fy = v - y0;
      const x1 = Math.min(maxX, x0 + 1), y1 = Math.min(maxY, y0 + 1);
      const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
      const p00 = (y0 * sw + x0) * channels, p10 = (y0 * sw + x1) * channels, p01 = (y1 * sw + x0) * channels, p11 = (y1 * sw + x1) * channels;
      const o = ci * channels;
      for (let ch = 0; ch < channels; ch++) out[o + ch] = src[p00 + ch]! * w00 + src[p10 + ch]! * w10 + src[p01 + ch]! * w01 + src[p11 + ch]! * w11 + 0.5;
    }
  }
  return { image: { width, height, data: out } as I, covered };
}
