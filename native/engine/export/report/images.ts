/**
 * The images a report embeds: document images (JPEG, small enough for a page) and forensic maps coloured
 * over the item's thumbnail (PNG), upright. sharp does the decoding and encoding; colouring and turning a
 * map upright are pure functions here so they can be tested without images.
 */
import sharp from 'sharp';
import type { ReportImage } from './report-model';

/**
 * Longest side of an embedded document image: 1100 px. The aligned document is 1012 px wide (300 dpi ID-1),
 * which prints at about 170 mm at 150 dpi; larger rectified images are reduced so one document costs about
 * 150 kB in the HTML and the PDF.
 */
export const DOCUMENT_IMAGE_MAX_SIDE = 1100;
/** JPEG quality of embedded document images: 85 keeps microprint and MRZ edges readable at a fifth of PNG's size. */
const DOCUMENT_JPEG_QUALITY = 85;
/** Longest side of a coloured map: the item thumbnail's size (256 px), three to a row on an A4 page. */
export const MAP_IMAGE_MAX_SIDE = 256;

/** A stored image (any format sharp reads) reduced to `maxSide` and encoded as JPEG. */
export async function documentImage(bytes: Buffer, maxSide = DOCUMENT_IMAGE_MAX_SIDE): Promise<ReportImage> {
  const { data, info } = await sharp(bytes)
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: DOCUMENT_JPEG_QUALITY, mozjpeg: false })
    .toBuffer({ resolveWithObject: true });
  return { mime: 'image/jpeg', data, width: info.width, height: info.height };
}

/** An image as it is, re-encoded as JPEG only when it is neither JPEG nor PNG (thumbnails are JPEG already). */
export async function embeddable(bytes: Buffer): Promise<ReportImage> {
  const meta = await sharp(bytes).metadata();
  if ((meta.format === 'jpeg' || meta.format === 'png') && meta.width && meta.height) {
    return { mime: meta.format === 'jpeg' ? 'image/jpeg' : 'image/png', data: bytes, width: meta.width, height: meta.height };
  }
  return documentImage(bytes, Math.max(meta.width ?? 0, meta.height ?? 0) || DOCUMENT_IMAGE_MAX_SIDE);
}

type Matrix = readonly [number, number, number, number, number, number];

/**
 * Stored pixels → upright pixels for EXIF orientation 1..8 (`[a, b, c, d, e, f]`: x' = a·x + c·y + e,
 * y' = b·x + d·y + f), the same matrices the renderer's forensic viewer uses, so a map lands where the viewer shows it.
 */
function uprightMatrix(orientation: number, width: number, height: number): Matrix {
  switch (orientation) {
    case 2: return [-1, 0, 0, 1, width, 0];
    case 3: return [-1, 0, 0, -1, width, height];
    case 4: return [1, 0, 0, -1, 0, height];
    case 5: return [0, 1, 1, 0, 0, 0];
    case 6: return [0, 1, -1, 0, height, 0];
    case 7: return [0, -1, -1, 0, height, width];
    case 8: return [0, -1, 1, 0, 0, width];
    default: return [1, 0, 0, 1, 0, 0];
  }
}

/** One-channel levels turned upright; orientations 5–8 swap width and height. */
export function orientUpright(levels: Uint8Array, width: number, height: number, orientation: number): { levels: Uint8Array; width: number; height: number } {
  if (orientation < 2 || orientation > 8) return { levels, width, height };
  const turned = orientation >= 5;
  const outW = turned ? height : width;
  const outH = turned ? width : height;
  const m = uprightMatrix(orientation, width, height);
  const out = new Uint8Array(outW * outH);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Pixel centres, so a mirrored pixel lands on a whole pixel again.
      const X = Math.floor(m[0] * (x + 0.5) + m[2] * (y + 0.5) + m[4]);
      const Y = Math.floor(m[1] * (x + 0.5) + m[3] * (y + 0.5) + m[5]);
      out[Y * outW + X] = levels[y * width + x]!;
    }
  }
  return { levels: out, width: outW, height: outH };
}

/**
 * matplotlib's "inferno" ramp (van der Walt and Smith, 2015) at ten points, as the renderer's forensic viewer
 * draws maps (renderer/src/features/forensics/map-render.ts; the engine may not import renderer code).
 */
const INFERNO: readonly (readonly [number, number, number])[] = [
  [0, 0, 4], [27, 12, 65], [74, 12, 107], [120, 28, 109], [165, 44, 96],
  [207, 68, 70], [237, 105, 37], [251, 155, 6], [247, 209, 61], [252, 255, 164],
];
/** Below 10 % of the way to the suspicious end a map is transparent (every map's noise floor), opaque from 60 %: the viewer's ramp. */
const TRANSPARENT_BELOW = 0.1;
const OPAQUE_AT = 0.6;

/** Colour and opacity (0..1) for `t` in [0, 1], 0 = unsuspicious end. */
export function rampColour(t: number): { rgb: [number, number, number]; alpha: number } {
  const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const at = c * (INFERNO.length - 1);
  const i = Math.min(INFERNO.length - 2, Math.floor(at));
  const f = at - i;
  const lo = INFERNO[i]!;
  const hi = INFERNO[i + 1]!;
  const mix = (k: 0 | 1 | 2) => Math.round(lo[k] + (hi[k] - lo[k]) * f);
  return { rgb: [mix(0), mix(1), mix(2)], alpha: Math.min(1, Math.max(0, (c - TRANSPARENT_BELOW) / (OPAQUE_AT - TRANSPARENT_BELOW))) };
}

/**
 * The greyscale background under a map is lightened to 55–100 % so that the map's colours, not the photo,
 * carry the picture, and stays visible enough to see where a response sits.
 */
const BACKGROUND_FLOOR = 140;

/**
 * Colour a map over a greyscale background of the same size: `levels` (0..255 over the map's range, with
 * `higherIsSuspicious` saying which end matters), `background` grey levels or null (white). RGB out.
 */
export function colourMap(levels: Uint8Array, background: Uint8Array | null, higherIsSuspicious: boolean): Buffer {
  const out = Buffer.alloc(levels.length * 3);
  const lut = Array.from({ length: 256 }, (_, level) => rampColour((higherIsSuspicious ? level : 255 - level) / 255));
  for (let i = 0; i < levels.length; i++) {
    const { rgb, alpha } = lut[levels[i]!]!;
    const grey = background ? BACKGROUND_FLOOR + Math.round(((255 - BACKGROUND_FLOOR) * background[i]!) / 255) : 255;
    for (let k = 0; k < 3; k++) out[i * 3 + k] = Math.round(grey * (1 - alpha) + rgb[k]! * alpha);
  }
  return out;
}

/**
 * A stored map (greyscale PNG, stored orientation) coloured over the item's upright thumbnail, as a PNG of at
 * most MAP_IMAGE_MAX_SIDE. Cells are enlarged without smoothing, so a coarse map shows its cells.
 */
export async function mapImage(mapPng: Buffer, orientation: number, higherIsSuspicious: boolean, thumbnail: Buffer | null): Promise<ReportImage> {
  const raw = await sharp(mapPng).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const upright = orientUpright(new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length), raw.info.width, raw.info.height, orientation);
  const scale = Math.min(1, MAP_IMAGE_MAX_SIDE / Math.max(upright.width, upright.height));
  let width = Math.max(1, Math.round(upright.width * scale));
  let height = Math.max(1, Math.round(upright.height * scale));
  let background: Uint8Array | null = null;
  if (thumbnail) {
    // The thumbnail is the upright photo; the map takes its size so both line up.
    const bg = await sharp(thumbnail).resize(MAP_IMAGE_MAX_SIDE, MAP_IMAGE_MAX_SIDE, { fit: 'inside', withoutEnlargement: true }).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    width = bg.info.width;
    height = bg.info.height;
    background = new Uint8Array(bg.data.buffer, bg.data.byteOffset, bg.data.length);
  }
  const sized = await sharp(Buffer.from(upright.levels.buffer, upright.levels.byteOffset, upright.levels.byteLength), { raw: { width: upright.width, height: upright.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'nearest' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const rgb = colourMap(new Uint8Array(sized.buffer, sized.byteOffset, sized.length), background, higherIsSuspicious);
  const data = await sharp(rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 9 }).toBuffer();
  return { mime: 'image/png', data, width, height };
}

/** The ramp as CSS gradient stops from the unsuspicious to the suspicious end (legends). */
export function rampStops(steps = 8): { offset: number; rgb: [number, number, number]; alpha: number }[] {
  return Array.from({ length: steps + 1 }, (_, s) => ({ offset: s / steps, ...rampColour(s / steps) }));
}
