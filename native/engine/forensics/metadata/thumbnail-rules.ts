/**
 * Embedded previews against the main image: the Exif IFD1 thumbnail and MPF large thumbnails
 * (embedded-image-check.ts measures; this turns measurements into indicators).
 *
 * - `metadata.thumbnail-content` (warning from score 0.25, else notice): the preview shows other
 *   content than the main image, globally or in one region (score: thumbnail-score.ts). Editors that
 *   keep the original Exif block keep its thumbnail too, so the preview shows the picture before the
 *   edit. Region: the block that differs most, in stored main-image pixels, when one region dominates.
 * - `metadata.thumbnail-shape` (warning from score 0.25, else notice): the preview's shape differs from
 *   the main image's and no uniform bars explain it: cropped after the preview was written (or the
 *   preview replaced). Score = |ln(aspect ratio)| / ln((16/9)/(4/3)), the gap between 4:3 and 16:9 = 1.
 * - `metadata.thumbnail-consistent` (info): measured and within what genuine files show.
 * - `metadata.thumbnail-unreadable` (info): present but undecodable or pointing outside the file.
 */
import type { JpegStructure } from '../jpeg';
import type { ForensicIndicator, RgbImage } from '../types';
import { checkEmbeddedImage, type EmbeddedImageCheck, type MainLuma } from './embedded-image-check';
import { indicator } from './indicator';
import { blockLuma } from './luma-resample';
import { isPreviewType, mpfEntryTypes, mpTypeName } from './mpf-types';
import { THUMBNAIL_WARNING_SCORE, thumbnailDifferenceScore } from './thumbnail-score';

/** The main image is reduced to about this long side before it is scaled to a preview's size: twice the 256 px comparison size, so the area filter still averages whole source cells. */
const MAIN_WORKING_SIDE = 512;
/** ln((16/9) / (4/3)): the shape difference between the two commonest frames, score 1 for the shape rule. */
const SHAPE_FULL = Math.log(16 / 9 / (4 / 3));

export interface EmbeddedImagesResult {
  readonly indicators: ForensicIndicator[];
  readonly checks: (EmbeddedImageCheck & { readonly label: string; readonly score: number | null })[];
  /** MPF images not compared (not previews), with their type. */
  readonly notCompared: { readonly index: number; readonly type: string }[];
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

function indicatorsFor(label: string, c: EmbeddedImageCheck, mainWidth: number, mainHeight: number): { indicators: ForensicIndicator[]; score: number | null } {
  const where = `${label} (${c.length} bytes at offset ${c.offset})`;
  if (c.error || !c.size) return { indicators: [indicator('thumbnail-unreadable', 'info', 0, `${where} ${c.error ?? 'could not be read'}; not compared with the main image`, { source: c.source, offset: c.offset, length: c.length, error: c.error })], score: null };
  const size = `${c.size.width}x${c.size.height}`;
  const g = c.geometry;
  if (g && !g.content) {
    const score = Math.min(1, g.aspectError / SHAPE_FULL);
    return {
      indicators: [indicator('thumbnail-shape', score >= THUMBNAIL_WARNING_SCORE ? 'warning' : 'notice', score,
        `${where} is ${size} (aspect ${g.thumbnailAspect.toFixed(3)}) but the main image is ${mainWidth}x${mainHeight} (aspect ${g.mainAspect.toFixed(3)}): shapes differ by ${(100 * (Math.exp(g.aspectError) - 1)).toFixed(1)} % (tolerance ${(100 * (Math.exp(g.tolerance) - 1)).toFixed(1)} %) and no uniform bars explain it; the main image was cropped or replaced after the thumbnail was written, or the thumbnail was replaced`,
        { source: c.source, thumbnailWidth: c.size.width, thumbnailHeight: c.size.height, aspectError: g.aspectError, tolerance: g.tolerance, reading: c.reading })],
      score,
    };
  }
  const k = c.comparison;
  if (!k) return { indicators: [indicator('thumbnail-unreadable', 'info', 0, `${where} is ${size}; its picture area is too small to compare`, { source: c.source })], score: null };
  const s = thumbnailDifferenceScore(k);
  const measured = `normalised residual ${k.normalisedResidual.toFixed(3)}, mean residual ${k.meanAbsResidual.toFixed(1)} levels, worst ${k.blockSize}-px block ${k.worstBlock.meanAbsResidual.toFixed(1)} levels (${s.localRatio.toFixed(1)}x the median block), correlation ${k.correlation.toFixed(3)}, SSIM ${k.meanSsim.toFixed(3)}`;
  const attributes = {
    source: c.source,
    thumbnailWidth: c.size.width,
    thumbnailHeight: c.size.height,
    comparedWidth: k.width,
    comparedHeight: k.height,
    reading: c.reading,
    bars: g?.content?.bars ?? 'none',
    normalisedResidual: r3(k.normalisedResidual),
    meanAbsResidual: r3(k.meanAbsResidual),
    worstBlockResidual: r3(k.worstBlock.meanAbsResidual),
    medianBlockResidual: r3(k.medianBlockResidual),
    localRatio: r3(s.localRatio),
    correlation: r3(k.correlation),
    ssim: r3(k.meanSsim),
    gain: r3(k.gain),
    globalScore: r3(s.global),
    localScore: r3(s.local),
  };
  if (s.score <= 0) {
    return { indicators: [indicator('thumbnail-consistent', 'info', 0, `${where}, ${size}${c.reading === 'upright' ? ' (written upright)' : ''}, matches the main image: ${measured} (genuine camera thumbnails measured up to 0.13 and 20 levels at 3.8x)`, attributes)], score: 0 };
  }
  const local = s.local >= s.global;
  const what = local
    ? `one region differs: ${measured}`
    : `it shows other content than the main image: ${measured}`;
  return {
    indicators: [indicator('thumbnail-content', s.score >= THUMBNAIL_WARNING_SCORE ? 'warning' : 'notice', s.score,
      `${where}, ${size}, does not match the main image, ${what}. The main image was changed after the thumbnail was written (programs that keep the original Exif block keep its thumbnail), or the thumbnail was replaced`,
      attributes, local ? c.worstRegion : null)],
    score: s.score,
  };
}

/**
 * Checks the IFD1 thumbnail and MPF large thumbnails of a JPEG against `rgb` (stored orientation).
 * @param orientation EXIF Orientation (1..8)
 */
export async function embeddedImageIndicators(bytes: Uint8Array, structure: JpegStructure, rgb: RgbImage, orientation: number): Promise<EmbeddedImagesResult> {
  const targets: { label: string; source: 'ifd1' | 'mpf'; offset: number; length: number }[] = [];
  if (structure.exifThumbnail) targets.push({ label: 'IFD1 thumbnail', source: 'ifd1', offset: structure.exifThumbnail.offset, length: structure.exifThumbnail.length });
  const types = mpfEntryTypes(bytes, structure.segments);
  const notCompared: { index: number; type: string }[] = [];
  structure.mpfImages.forEach((m, i) => {
    if (i === 0) return; // the primary image itself
    const type = types[i];
    if (type !== undefined && isPreviewType(type)) targets.push({ label: `MPF image ${i + 1} (${mpTypeName(type)})`, source: 'mpf', offset: m.offset, length: m.length });
    else notCompared.push({ index: i + 1, type: type === undefined ? 'unknown' : mpTypeName(type) });
  });
  if (targets.length === 0) return { indicators: [], checks: [], notCompared };
  const factor = Math.max(1, Math.floor(Math.max(rgb.width, rgb.height) / MAIN_WORKING_SIDE));
  // Inside a block, a sample every factor/2 pixels and rows is enough (a 12 MP image: 7x7 blocks read at
  // 3x3 points, a fifth of the pixels): each pixel of a 160 px thumbnail still averages over 100 samples,
  // and reading a fifth of the bytes is what keeps the kernel fast at 12 MP.
  const main: MainLuma = { raster: blockLuma(rgb, factor, Math.max(1, Math.floor(factor / 2))), factor, width: rgb.width, height: rgb.height };
  const indicators: ForensicIndicator[] = [];
  const checks: EmbeddedImagesResult['checks'] = [];
  for (const t of targets) {
    const c = await checkEmbeddedImage(bytes, t.source, t.offset, t.length, main, orientation);
    const r = indicatorsFor(t.label, c, rgb.width, rgb.height);
    indicators.push(...r.indicators);
    checks.push({ ...c, label: t.label, score: r.score });
  }
  return { indicators, checks, notCompared };
}
