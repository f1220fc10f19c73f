/**
 * Decoding for the pixel-domain blocking kernels (BLK, grid shift): 8-bit RGB in the file's stored
 * orientation. EXIF rotation is deliberately not applied: rotating would move the JPEG's 8x8 grid away
 * from (0, 0) and make every image look cropped. Pixel bombs are refused with the ingest limit.
 */
import sharp from 'sharp';
import { MAX_DECODE_PIXELS } from '../../ingest/image';
import type { ForensicResult, RgbImage } from '../types';
import { analyzeBlockArtifactGrid } from './blk';
import { analyzeGridShift } from './grid-shift';
import { infoResult } from './results';

/** Decodes any image sharp reads to RGB, stored orientation. Throws sharp's error on input it cannot decode. */
export async function decodeStoredRgb(bytes: Uint8Array): Promise<RgbImage> {
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_DECODE_PIXELS, failOn: 'none' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after decoding, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

async function decodeOrInfo(bytes: Uint8Array, kernel: string): Promise<RgbImage | ForensicResult> {
  try {
    return await decodeStoredRgb(bytes);
  } catch (error) {
    return infoResult(`${kernel}.not-applicable`, `image could not be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** analyzeBlockArtifactGrid on encoded bytes (any format sharp decodes); an 'info' result if they do not decode. */
export async function analyzeBlockArtifactGridBytes(bytes: Uint8Array): Promise<ForensicResult> {
  const image = await decodeOrInfo(bytes, 'jpeg.blk');
  return 'indicators' in image ? image : analyzeBlockArtifactGrid(image);
}

/** analyzeGridShift on encoded bytes (any format sharp decodes); an 'info' result if they do not decode. */
export async function analyzeGridShiftBytes(bytes: Uint8Array): Promise<ForensicResult> {
  const image = await decodeOrInfo(bytes, 'jpeg.grid');
  return 'indicators' in image ? image : analyzeGridShift(image);
}
