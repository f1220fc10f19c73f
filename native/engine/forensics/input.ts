/**
 * The pixels and bytes every forensic kernel reads, decoded once per item into shared memory so the
 * worker pool can hand the same buffers to several kernels without copying them.
 *
 * Forensics works on the pixels as stored: no EXIF rotation (JPEG traces follow the stored 8x8 grid) and
 * no downscaling (resampling destroys the traces the kernels look for). `orientation` says how to turn
 * results upright for display (see orientation.ts).
 */
import sharp from 'sharp';
import { MAX_DECODE_PIXELS } from '../ingest/image';
import type { GrayImage, RgbImage } from './types';

export interface ForensicInput {
  /** The file's bytes, as read from the case (verified against its SHA-256 by the caller). */
  readonly bytes: Uint8Array;
  /** Image format as sharp names it: `jpeg`, `png`, `webp`, `tiff`, ... */
  readonly format: string;
  /** EXIF orientation 1..8 (1 when absent). */
  readonly orientation: number;
  readonly rgb: RgbImage;
  /** BT.601 luma of `rgb`. */
  readonly gray: GrayImage;
}

/**
 * Above this, forensic analysis is skipped with a reason rather than run: 64 MP covers every phone and
 * consumer camera in the corpus and today's 50 MP phones, and keeps one item's buffers under 256 MB.
 */
export const FORENSIC_MAX_PIXELS = 64_000_000;

function shared(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/** Decode a file for forensics. Throws a clear error for undecodable or oversized images. */
export async function decodeForensicInput(file: Uint8Array): Promise<ForensicInput> {
  const source = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const meta = await sharp(source, { limitInputPixels: MAX_DECODE_PIXELS, failOn: 'none' }).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > FORENSIC_MAX_PIXELS) {
    throw new RangeError(`image of ${width}x${height} is over the forensic limit of ${FORENSIC_MAX_PIXELS / 1e6} MP`);
  }
  const { data, info } = await sharp(source, { limitInputPixels: MAX_DECODE_PIXELS, failOn: 'none' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after decoding, got ${info.channels}`);
  const rgb = shared(data.length);
  rgb.set(data);
  const n = info.width * info.height;
  const gray = shared(n);
  // BT.601 luma in fixed point (weights x 1024), as rgbToGray in imaging/decode.ts up to rounding.
  for (let i = 0, j = 0; i < n; i++, j += 3) gray[i] = (rgb[j]! * 306 + rgb[j + 1]! * 601 + rgb[j + 2]! * 117 + 512) >> 10;
  const bytes = shared(file.byteLength);
  bytes.set(file);
  return {
    bytes,
    format: meta.format ?? 'unknown',
    orientation: meta.orientation ?? 1,
    rgb: { width: info.width, height: info.height, data: rgb },
    gray: { width: info.width, height: info.height, data: gray },
  };
}
