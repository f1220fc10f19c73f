/**
 * Input checks shared by the pixel-domain map kernels: how many channels a raster has, its luma, and the
 * 'info' result a kernel returns when an image is too small to measure.
 */
import type { ForensicResult, GrayImage, RgbImage } from '../types';

/** 1 for a GrayImage, 3 for an RgbImage; throws when the buffer fits neither. */
export function channelCount(image: GrayImage | RgbImage): 1 | 3 {
  const n = image.width * image.height;
  if (!(Number.isInteger(image.width) && Number.isInteger(image.height) && image.width > 0 && image.height > 0)) {
    throw new RangeError(`image size ${image.width}x${image.height} is not a positive integer size`);
  }
  if (image.data.length === n) return 1;
  if (image.data.length === n * 3) return 3;
  throw new RangeError(`image ${image.width}x${image.height} has ${image.data.length} bytes: neither gray (${n}) nor RGB (${n * 3})`);
}

/**
 * Luma (ITU-R BT.601 weights, the Y of JPEG's YCbCr) as floats; the gray buffer itself is read for a
 * GrayImage. Full precision (not rounded to 8 bits) so that JPEG-domain comparisons see JPEG's own Y.
 */
export function lumaFloat(image: GrayImage | RgbImage): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n);
  const d = image.data;
  if (channelCount(image) === 1) {
    for (let i = 0; i < n; i++) out[i] = d[i]!;
    return out;
  }
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = 0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!;
  return out;
}

/**
 * The result of a kernel that could not measure (image smaller than `minSide` on a side): no map, no
 * score, one 'info' indicator saying why. Returns null when the image is large enough.
 */
export function tooSmallResult(image: GrayImage | RgbImage, minSide: number, kind: string, what: string): ForensicResult | null {
  if (image.width >= minSide && image.height >= minSide) return null;
  return {
    score: null,
    maps: {},
    metrics: { width: image.width, height: image.height, minSide },
    indicators: [
      {
        kind,
        severity: 'info',
        score: 0,
        region: null,
        summary: `${what} not measured: the image is ${image.width}x${image.height} px, smaller than the ${minSide} px per side it needs`,
        attributes: { width: image.width, height: image.height, minSide },
      },
    ],
  };
}
