import sharp from 'sharp';
import { MAX_DECODE_PIXELS } from '../ingest/image';
import type { GrayImage, RgbImage } from './raster';

/** A decoded image and the upright size of the original it came from (coordinates scale by fullWidth / width). */
export interface DecodedImage extends RgbImage {
  readonly fullWidth: number;
  readonly fullHeight: number;
}

/**
 * Decode an image file to upright (EXIF orientation applied) 8-bit RGB, optionally shrunk so its long side
 * is at most `maxSide` pixels. Pixel bombs are refused with the same limit as ingest.
 */
export async function decodeRgb(file: Buffer, maxSide?: number): Promise<DecodedImage> {
  const meta = await sharp(file, { limitInputPixels: MAX_DECODE_PIXELS, failOn: 'none' }).metadata();
  let pipeline = sharp(file, { limitInputPixels: MAX_DECODE_PIXELS, failOn: 'none' }).rotate();
  if (maxSide) pipeline = pipeline.resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true });
  const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after decoding, got ${info.channels}`);
  const fullWidth = meta.autoOrient?.width ?? meta.width ?? info.width;
  const fullHeight = meta.autoOrient?.height ?? meta.height ?? info.height;
  return { width: info.width, height: info.height, fullWidth, fullHeight, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Luma of an RGB image (ITU-R BT.601 weights, as OpenCV's RGB2GRAY). */
export function rgbToGray(image: RgbImage): GrayImage {
  const n = image.width * image.height;
  const out = new Uint8Array(n);
  const d = image.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (d[j]! * 299 + d[j + 1]! * 587 + d[j + 2]! * 114 + 500) / 1000;
  return { width: image.width, height: image.height, data: out };
}

/** Encode a gray or RGB raster as PNG (lossless: derived images stored as evidence must not add artefacts). */
export async function encodePng(image: GrayImage | RgbImage): Promise<Buffer> {
  const channels = image.data.length === image.width * image.height ? 1 : 3;
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), { raw: { width: image.width, height: image.height, channels } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
