/**
 * Decodes an embedded preview (the Exif IFD1 thumbnail or an MPF "large thumbnail") and compares it with
 * the main image: shape first (thumbnail-geometry.ts), then content (luma-compare.ts) after scaling the
 * main image's luma to the preview's picture rectangle with an area filter.
 *
 * Orientation: Exif 2.3 §4.6.3 makes IFD0's Orientation apply to the thumbnail too (it is stored like
 * the main image), and cameras do so; some software writes an upright thumbnail instead. Both readings
 * are tried when the Orientation tag is not 1 and the one that fits better is reported.
 */
import sharp from 'sharp';
import type { Box } from '../types';
import { compareLuma, type LumaComparison } from './luma-compare';
import { areaResample, rgbLuma, storedFromUpright, type LumaRaster } from './luma-resample';
import { thumbnailContent, type GeometryCheck } from './thumbnail-geometry';
import { thumbnailDifferenceScore } from './thumbnail-score';

/** The main image's luma reduced by an integer factor (see blockLuma), with the full stored size. */
export interface MainLuma {
  readonly raster: LumaRaster;
  /** Block side used: main pixel (x, y) lies in raster cell (x / factor, y / factor). */
  readonly factor: number;
  readonly width: number;
  readonly height: number;
}

export interface EmbeddedImageCheck {
  readonly source: 'ifd1' | 'mpf';
  readonly offset: number;
  readonly length: number;
  /** Decoded size of the preview; null if it could not be decoded. */
  readonly size: { readonly width: number; readonly height: number } | null;
  readonly error: string | null;
  /** How the preview is oriented relative to the stored main image. */
  readonly reading: 'stored' | 'upright' | null;
  readonly geometry: GeometryCheck | null;
  readonly comparison: LumaComparison | null;
  /** Block of the preview with the largest residual, in stored main-image pixels. */
  readonly worstRegion: Box | null;
}

/** Long side the preview is compared at: an MPF preview (often 1920 px) is reduced to this; 256 keeps blocks of ~20 px, the detail an IFD1 thumbnail has anyway. */
const MAX_COMPARE_SIDE = 256;
/** Shifts (thumbnail pixels) tried when the unshifted comparison shows a difference. */
const HALF_PIXEL_SHIFTS = [-0.5, 0, 0.5] as const;
/** Preview decodes beyond this many pixels are refused (a 4K MPF preview is 8.3 MP; more is not a preview). */
const MAX_PREVIEW_PIXELS = 40_000_000;

async function decodePreview(bytes: Uint8Array): Promise<{ raster: LumaRaster; width: number; height: number }> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pipeline = sharp(input, { failOn: 'none', limitInputPixels: MAX_PREVIEW_PIXELS }).removeAlpha().toColourspace('srgb');
  const meta = await sharp(input, { failOn: 'none', limitInputPixels: MAX_PREVIEW_PIXELS }).metadata();
  if ((meta.width ?? 0) > MAX_COMPARE_SIDE || (meta.height ?? 0) > MAX_COMPARE_SIDE) {
    pipeline = pipeline.resize({ width: MAX_COMPARE_SIDE, height: MAX_COMPARE_SIDE, fit: 'inside', kernel: 'linear' });
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
  const raster = rgbLuma(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
  return { raster, width: meta.width ?? info.width, height: meta.height ?? info.height };
}

/** Crops a raster to whole pixels [x0, x1) x [y0, y1). */
function crop(r: LumaRaster, x0: number, y0: number, x1: number, y1: number): LumaRaster {
  const w = x1 - x0;
  const h = y1 - y0;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) out.set(r.data.subarray((y0 + y) * r.width + x0, (y0 + y) * r.width + x1), y * w);
  return { width: w, height: h, data: out };
}

interface Reading {
  readonly reading: 'stored' | 'upright';
  readonly geometry: GeometryCheck;
  readonly comparison: LumaComparison | null;
  readonly worstRegion: Box | null;
}

/** Compares a preview already in stored orientation with the main image. */
function compareStored(preview: LumaRaster, main: MainLuma, reading: 'stored' | 'upright'): Reading {
  const geometry = thumbnailContent(preview, main.width, main.height);
  const c = geometry.content;
  if (!c) return { reading, geometry, comparison: null, worstRegion: null };
  // Whole pixels inside the picture; with bars, skip the row or column blended with the bar edge.
  const cx0 = c.bars === 'left-right' ? Math.ceil(c.x0 + 0.5) : 0;
  const cx1 = c.bars === 'left-right' ? Math.floor(c.x1 - 0.5) : preview.width;
  const cy0 = c.bars === 'top-bottom' ? Math.ceil(c.y0 + 0.5) : 0;
  const cy1 = c.bars === 'top-bottom' ? Math.floor(c.y1 - 0.5) : preview.height;
  if (cx1 - cx0 < 4 || cy1 - cy0 < 4) return { reading, geometry, comparison: null, worstRegion: null };
  const sx = main.width / (c.x1 - c.x0); // main pixels per preview pixel
  const sy = main.height / (c.y1 - c.y0);
  const toMainX = (x: number): number => (x - c.x0) * sx;
  const toMainY = (y: number): number => (y - c.y0) * sy;
  const f = main.factor;
  const cropped = crop(preview, cx0, cy0, cx1, cy1);
  const compareAt = (dx: number, dy: number): LumaComparison =>
    compareLuma(cropped, areaResample(main.raster, { x0: toMainX(cx0 + dx) / f, y0: toMainY(cy0 + dy) / f, x1: toMainX(cx1 + dx) / f, y1: toMainY(cy1 + dy) / f }, cx1 - cx0, cy1 - cy0));
  let comparison = compareAt(0, 0);
  if (thumbnailDifferenceScore(comparison).score > 0) {
    // Before reporting a difference, rule out misregistration: some devices frame the thumbnail up to
    // half a thumbnail pixel off the main image. Keep the best of the 3 x 3 half-pixel shifts.
    for (const dy of HALF_PIXEL_SHIFTS) {
      for (const dx of HALF_PIXEL_SHIFTS) {
        if (dx === 0 && dy === 0) continue;
        const c = compareAt(dx, dy);
        if (c.meanAbsResidual < comparison.meanAbsResidual) comparison = c;
      }
    }
  }
  const b = comparison.worstBlock;
  const x0 = Math.max(0, toMainX(cx0 + b.x));
  const y0 = Math.max(0, toMainY(cy0 + b.y));
  const worstRegion = {
    x: Math.round(x0),
    y: Math.round(y0),
    width: Math.round(Math.min(main.width, toMainX(cx0 + b.x + b.width)) - x0),
    height: Math.round(Math.min(main.height, toMainY(cy0 + b.y + b.height)) - y0),
  };
  return { reading, geometry, comparison, worstRegion };
}

/** Lower is a better fit: a reading whose shape fits beats one that does not; then the smaller residual wins. */
function rank(r: Reading): number {
  if (!r.comparison) return 10 + r.geometry.aspectError;
  return r.comparison.normalisedResidual;
}

/**
 * Decodes the preview at `bytes[offset, offset + length)` and compares it with the main image.
 * Never throws: undecodable or truncated previews are reported in `error`.
 * @param orientation EXIF Orientation of the file (1..8), used to try an upright-written preview
 */
export async function checkEmbeddedImage(bytes: Uint8Array, source: 'ifd1' | 'mpf', offset: number, length: number, main: MainLuma, orientation: number): Promise<EmbeddedImageCheck> {
  const base = { source, offset, length };
  if (offset < 0 || length <= 0 || offset + length > bytes.length) {
    return { ...base, size: null, error: `points at bytes ${offset}..${offset + length} beyond the file's ${bytes.length} bytes (truncated or rewritten file)`, reading: null, geometry: null, comparison: null, worstRegion: null };
  }
  let preview: LumaRaster;
  let size: { width: number; height: number };
  try {
    const decoded = await decodePreview(bytes.subarray(offset, offset + length));
    preview = decoded.raster;
    size = { width: decoded.width, height: decoded.height };
  } catch (error) {
    return { ...base, size: null, error: `could not be decoded: ${(error as Error).message}`, reading: null, geometry: null, comparison: null, worstRegion: null };
  }
  const readings = [compareStored(preview, main, 'stored')];
  if (orientation >= 2 && orientation <= 8) readings.push(compareStored(storedFromUpright(preview, orientation), main, 'upright'));
  const best = readings.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  return { ...base, size, error: null, ...best };
}
