/** Pixel resampling helpers of the MRZ reader: box downscaling and bilinear sampling. */
import type { GrayImage } from '../../imaging/raster';

// Images whose long side exceeds 1800 px are located at a reduced size: the locator only needs glyphs of
// 5+ px, and a 12-megapixel photo would cost ~0.5 s to binarize at full size.
const MAX_LOCATE_SIDE = 1800;

/** `image` shrunk by an integer factor (box average) so its long side is at most 1800 px. */
export function downscaleForLocating(image: GrayImage): { image: GrayImage; scale: number } {
  const factor = Math.ceil(Math.max(image.width, image.height) / MAX_LOCATE_SIDE);
  if (factor <= 1) return { image, scale: 1 };
  const w = Math.floor(image.width / factor);
  const h = Math.floor(image.height / factor);
  const out = new Uint8Array(w * h);
  const n = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * image.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += image.data[row + dx]!;
      }
      out[y * w + x] = Math.round(sum / n);
    }
  }
  return { image: { width: w, height: h, data: out }, scale: factor };
}

/** Bilinear sample of `image` at (x, y); outside the image the nearest edge pixel is used. */
export function sampleBilinear(image: GrayImage, x: number, y: number): number {
  const { width: w, height: h, data } = image;
  const cx = Math.min(w - 1, Math.max(0, x));
  const cy = Math.min(h - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const top = data[y0 * w + x0]! * (1 - fx) + data[y0 * w + x1]! * fx;
  const bottom = data[y1 * w + x0]! * (1 - fx) + data[y1 * w + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Area-averaged resample of the float region [x0, x1) x [y0, y1) of `image` to `outW` x `outH` values
 * (each output value is the mean of a 3x3 grid of bilinear samples over its footprint).
 */
export function resampleRegion(
  image: GrayImage,
  region: { x0: number; y0: number; x1: number; y1: number },
  outW: number,
  outH: number,
  out: Float32Array,
  offset: number,
): void {
  const sx = (region.x1 - region.x0) / outW;
  const sy = (region.y1 - region.y0) / outH;
  for (let j = 0; j < outH; j++) {
    for (let i = 0; i < outW; i++) {
      let sum = 0;
      for (let b = 0; b < 3; b++) {
        for (let a = 0; a < 3; a++) {
          sum += sampleBilinear(image, region.x0 + (i + (a + 0.5) / 3) * sx - 0.5, region.y0 + (j + (b + 0.5) / 3) * sy - 0.5);
        }
      }
      out[offset + j * outW + i] = sum / 9;
    }
  }
}
