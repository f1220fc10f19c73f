import sharp from 'sharp';
import type { ItemKind } from '../contract';
import { PHASH_INPUT_SIZE, perceptualHash } from './phash';

/**
 * Largest image (in pixels) we decode: sharp's own default, 0x3FFF² ≈ 268 MP. It is above the largest
 * phone sensors (200 MP) and refuses "pixel bombs" (tiny files declaring billions of pixels).
 */
export const MAX_DECODE_PIXELS = 0x3fff * 0x3fff;
/** Thumbnail long side in pixels: sharp grid cards at 2x device pixel ratio. */
export const THUMBNAIL_SIZE = 256;
/** JPEG quality of thumbnails: small files, no visible blocking at card size. */
const THUMBNAIL_QUALITY = 80;
/** Long side of generated previews (formats a browser cannot show, or originals not in the case). */
export const PREVIEW_SIZE = 2048;

/**
 * Smallest side (pixels) worth a perceptual hash: below 16 px the 32x32 DCT sees an upscaled blur and
 * unrelated tiny images (icons, metadata test files) collide.
 */
const MIN_PHASH_SIDE = 16;

/** Kinds sharp can decode with this build (HEIC needs an HEVC decoder sharp does not ship). */
const DECODABLE: ReadonlySet<ItemKind> = new Set(['jpeg', 'png', 'webp', 'avif', 'tiff', 'gif', 'heif']);
/** Kinds Chromium displays natively, so the original can be the preview. */
export const BROWSER_NATIVE: ReadonlySet<ItemKind> = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'bmp']);

export interface ImageFacts {
  readonly width: number | null;
  readonly height: number | null;
  readonly thumbnail: Buffer | null;
  readonly phash: string | null;
  readonly error: string | null;
  readonly warnings: string[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
/** sharp's prebuilt libvips decodes AV1 HEIF (AVIF) only; HEVC-coded HEIC has no decoder here. */
const heifWarning = (error: unknown) =>
  /plugin|compression|codec|unsupported/i.test(messageOf(error))
    ? 'no thumbnail: HEVC-coded HEIF cannot be decoded by this build (metadata and hashes are complete)'
    : `no thumbnail: ${messageOf(error)}`;

/** Width and height from a BMP header (sharp has no BMP loader). */
function bmpSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 26 || data.toString('latin1', 0, 2) !== 'BM') return null;
  return { width: Math.abs(data.readInt32LE(18)), height: Math.abs(data.readInt32LE(22)) };
}

/**
 * Pixel size, thumbnail and perceptual hash from one decode. JPEG and WebP use shrink-on-load, so an
 * 8 MP photo is decoded at 1/8 scale. A damaged image still gets a best-effort thumbnail (what a viewer
 * would show) while the error is recorded.
 */
export async function extractImage(data: Buffer, kind: ItemKind): Promise<ImageFacts> {
  if (kind === 'bmp') {
    const size = bmpSize(data);
    return { width: size?.width ?? null, height: size?.height ?? null, thumbnail: null, phash: null, error: size ? null : 'corrupt BMP header', warnings: ['no thumbnail: BMP is not decoded by this version'] };
  }
  if (!DECODABLE.has(kind)) return { width: null, height: null, thumbnail: null, phash: null, error: null, warnings: [] };

  let width: number | null = null;
  let height: number | null = null;
  try {
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    width = meta.width ?? null;
    height = meta.height ?? null;
  } catch (error) {
    if (kind === 'heif') return { width, height, thumbnail: null, phash: null, error: null, warnings: [heifWarning(error)] };
    return { width, height, thumbnail: null, phash: null, error: `corrupt or unreadable image: ${messageOf(error)}`, warnings: [] };
  }
  if (width !== null && height !== null && width * height > MAX_DECODE_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(0);
    return {
      width,
      height,
      thumbnail: null,
      phash: null,
      error: `pixel bomb refused: declares ${width}×${height} (${mp} MP), over the ${(MAX_DECODE_PIXELS / 1e6).toFixed(0)} MP decode limit`,
      warnings: [],
    };
  }

  const decode = async (failOn: 'warning' | 'none') => {
    const { data: pixels, info } = await sharp(data, { failOn, limitInputPixels: MAX_DECODE_PIXELS })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    const [thumbnail, grey] = await Promise.all([
      sharp(pixels, raw).jpeg({ quality: THUMBNAIL_QUALITY, mozjpeg: false }).toBuffer(),
      sharp(pixels, raw).greyscale().resize(PHASH_INPUT_SIZE, PHASH_INPUT_SIZE, { fit: 'fill' }).raw().toBuffer(),
    ]);
    return { thumbnail, phash: perceptualHash(new Uint8Array(grey.buffer, grey.byteOffset, PHASH_INPUT_SIZE * PHASH_INPUT_SIZE)) };
  };

  try {
    const { thumbnail, phash } = await decode('warning');
    const tooSmall = width !== null && height !== null && Math.min(width, height) < MIN_PHASH_SIDE;
    const uniform = phash === '0000000000000000';
    if (tooSmall || uniform) {
      return { width, height, thumbnail, phash: null, error: null, warnings: [tooSmall ? `no perceptual hash: smaller than ${MIN_PHASH_SIDE} px` : 'no perceptual hash: uniform image'] };
    }
    return { width, height, thumbnail, phash, error: null, warnings: [] };
  } catch (error) {
    if (kind === 'heif') return { width, height, thumbnail: null, phash: null, error: null, warnings: [heifWarning(error)] };
    const reason = `corrupt or truncated image: ${messageOf(error)}`;
    try {
      const partial = await decode('none');
      return { width, height, thumbnail: partial.thumbnail, phash: null, error: reason, warnings: ['thumbnail shows what could be decoded'] };
    } catch {
      return { width, height, thumbnail: null, phash: null, error: reason, warnings: [] };
    }
  }
}

/** A JPEG preview for the item panel, for formats or locations the viewer cannot load directly. */
export async function renderPreview(data: Buffer): Promise<Buffer> {
  return sharp(data, { failOn: 'none', limitInputPixels: MAX_DECODE_PIXELS })
    .rotate()
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 88 })
    .toBuffer();
}
