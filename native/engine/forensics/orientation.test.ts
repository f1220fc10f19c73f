/** The upright mapping must agree with what sharp (libvips) does when it applies an EXIF orientation. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { storedPoint, uprightBox, uprightPoint, uprightRaster, uprightSize } from './orientation';

const W = 40;
const H = 24;
const BOX = { x: 3, y: 5, width: 10, height: 6 };

function marked(): Uint8Array {
  const data = new Uint8Array(W * H);
  for (let y = BOX.y; y < BOX.y + BOX.height; y++) data.fill(255, y * W + BOX.x, y * W + BOX.x + BOX.width);
  data[0] = 77; // stored top-left pixel, to check the raster mapping, not only the box
  return data;
}

async function sharpUpright(data: Uint8Array, orientation: number) {
  const tagged = await sharp(Buffer.from(data), { raw: { width: W, height: H, channels: 1 } }).withMetadata({ orientation }).jpeg({ quality: 100 }).toBuffer();
  const { data: out, info } = await sharp(tagged).rotate().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data: out, width: info.width, height: info.height };
}

function boxOf(data: Uint8Array, width: number, height: number) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (data[y * width + x]! > 200) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

describe('EXIF orientation of forensic results', () => {
  for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`orientation ${orientation}: boxes and rasters land where sharp puts the pixels`, async () => {
      const reference = await sharpUpright(marked(), orientation);
      expect(uprightSize(W, H, orientation)).toEqual({ width: reference.width, height: reference.height });
      expect(uprightBox(BOX, W, H, orientation)).toEqual(boxOf(reference.data, reference.width, reference.height));
      const ours = uprightRaster(marked(), W, H, orientation);
      expect(boxOf(ours.data, ours.width, ours.height)).toEqual(boxOf(reference.data, reference.width, reference.height));
      // The stored top-left pixel (77) is where sharp put it (JPEG q100 keeps it within a few levels).
      const at = ours.data.indexOf(77);
      expect(Math.abs(reference.data[at]! - 77)).toBeLessThan(30);
      const [u, v] = uprightPoint(7.25, 3.5, W, H, orientation);
      expect(storedPoint(u, v, W, H, orientation)).toEqual([7.25, 3.5]);
    });
  }
});
