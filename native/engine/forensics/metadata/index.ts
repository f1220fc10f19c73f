/**
 * Metadata consistency kernel (issue 4): EXIF/XMP/IPTC/ICC read with exifr and checked against each
 * other and against the pixels: editor software, date disagreements, XMP editing history, missing
 * maker notes, EXIF size against the real size, and the embedded thumbnail (IFD1, MPF previews)
 * against the main image. Every indicator is `metadata.*`; each module's TSDoc states its rule, its
 * thresholds and the meaning of its score. DOMAIN.md §4 governs timestamps (source, raw value, parsed
 * value and offset kept per value; no zone guessed).
 *
 * Image score: the largest score among notice and warning indicators, 0 if there are none; so an image
 * without metadata, or with only firmware-written metadata, scores 0. No map.
 *
 * References: CIPA DC-008 (Exif 2.32) and DC-007 (MPF); XMP Specification Parts 1-2 (xmp, xmpMM,
 * stEvt, stRef); IPTC IIM 4.2; ExifTool tag documentation (an independent reader the corpus test compares
 * against). Related: Kee & Farid, "Digital image authentication from thumbnails", SPIE 2010, who model
 * how a device makes its thumbnail; here the thumbnail's content is compared with the main image.
 * Known limits: every rule reads what writers left; a careful forger rewrites metadata consistently
 * (an exiftool one-liner regenerates the thumbnail and dates). Absence of indicators is not evidence
 * of authenticity.
 */
import { JpegStructureError, parseJpegStructure, type JpegStructure } from '../jpeg';
import type { ForensicIndicator, ForensicResult, RgbImage } from '../types';
import { dateIndicators } from './date-rules';
import { exifSizeIndicators, recordedSizes } from './exif-size';
import { indicator } from './indicator';
import { makerNoteIndicators } from './makernote';
import { metadataPresence, presenceIndicators } from './presence';
import { num, readMetadata, text, type MetadataRead } from './read-metadata';
import { EDITOR_SOFTWARE_VERSION, softwareIndicators, type SoftwareMention } from './software';
import { embeddedImageIndicators, type EmbeddedImagesResult } from './thumbnail-rules';
import { collectTimestamps } from './timestamps';
import { historySoftware, historySteps, lastHistoryTime, xmpHistoryIndicators } from './xmp-history';

export { EDITOR_SOFTWARE_VERSION, classifySoftware } from './software';

function softwareMentions(m: MetadataRead): SoftwareMention[] {
  const out: SoftwareMention[] = [];
  const add = (source: string, value: unknown) => {
    const v = text(value);
    if (v) out.push({ source, value: v });
  };
  add('EXIF:Software', m.ifd0?.Software);
  add('EXIF:ProcessingSoftware', m.ifd0?.ProcessingSoftware);
  add('XMP:xmp:CreatorTool', m.xmp.xmp?.CreatorTool);
  add('XMP:tiff:Software', m.xmpTiff?.Software);
  out.push(...historySoftware(historySteps(m.xmp.xmpMM)));
  const program = text(m.iptc?.OriginatingProgram);
  if (program) add('IPTC:OriginatingProgram', `${program}${text(m.iptc?.ProgramVersion) ? ` ${text(m.iptc?.ProgramVersion)}` : ''}`);
  return out;
}

function scaleBox<T extends { x: number; y: number; width: number; height: number }>(box: T, sx: number, sy: number): T {
  return { ...box, x: Math.round(box.x * sx), y: Math.round(box.y * sy), width: Math.round(box.width * sx), height: Math.round(box.height * sy) };
}

async function embedded(bytes: Uint8Array, structure: JpegStructure | null, rgb: RgbImage, orientation: number, width: number, height: number): Promise<EmbeddedImagesResult> {
  if (!structure) return { indicators: [], checks: [], notCompared: [] };
  if (rgb.width < 1 || rgb.height < 1 || rgb.data.length !== rgb.width * rgb.height * 3) {
    return { indicators: [indicator('thumbnail-unreadable', 'info', 0, `the decoded main image (${rgb.width}x${rgb.height}, ${rgb.data.length} bytes) is not a usable RGB raster; embedded previews were not compared`, {})], checks: [], notCompared: [] };
  }
  try {
    const result = await embeddedImageIndicators(bytes, structure, rgb, orientation);
    // Regions are in the decoded raster's pixels; report them in the image's own pixels.
    const sx = width / rgb.width, sy = height / rgb.height;
    if (sx === 1 && sy === 1) return result;
    return { ...result, indicators: result.indicators.map((i) => (i.region ? { ...i, region: scaleBox(i.region, sx, sy) } : i)) };
  } catch (error) {
    return { indicators: [indicator('thumbnail-unreadable', 'info', 0, `embedded previews could not be compared: ${(error as Error).message}`, {})], checks: [], notCompared: [] };
  }
}

/**
 * Runs every metadata rule on one file.
 * @param bytes the whole file (JPEG, or any format exifr reads: TIFF, HEIC, PNG, WebP; thumbnail
 *   checks need a JPEG)
 * @param decoded the stored-orientation decode of the same file (no EXIF rotation applied): its real
 *   size, and its RGB pixels for the thumbnail comparison (may be a reduced decode; regions are scaled
 *   back to `width` x `height`)
 * @returns indicators `metadata.*`, image score = strongest notice/warning score (0 if none), no maps
 */
export async function analyseMetadata(bytes: Uint8Array, decoded: { width: number; height: number; rgb: RgbImage }): Promise<ForensicResult> {
  const started = performance.now();
  const meta = await readMetadata(bytes);
  const readMs = performance.now() - started;
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  let structure: JpegStructure | null = null;
  if (isJpeg) {
    try {
      structure = parseJpegStructure(bytes);
    } catch (error) {
      if (!(error instanceof JpegStructureError)) throw error;
    }
  }
  const orientationTag = num(meta.ifd0?.Orientation);
  const orientation = orientationTag !== null && orientationTag >= 1 && orientationTag <= 8 ? orientationTag : 1;
  const make = text(meta.ifd0?.Make);
  const model = text(meta.ifd0?.Model);
  const presence = metadataPresence(meta);

  const steps = historySteps(meta.xmp.xmpMM);
  const lastStep = lastHistoryTime(steps);
  const times = [...collectTimestamps(meta), ...(lastStep ? [lastStep] : [])];
  const software = softwareIndicators(softwareMentions(meta), make ?? text(meta.xmpTiff?.Make));
  const sizes = recordedSizes(meta);

  const indicators: ForensicIndicator[] = [
    ...presenceIndicators(presence, isJpeg),
    ...software.indicators,
    ...dateIndicators(times, num(meta.exif?.ExposureTime)),
    ...xmpHistoryIndicators(meta.xmp),
    ...makerNoteIndicators(make, model, text(meta.ifd0?.Software), meta.makerNoteLength, meta.makerNoteHead),
    ...exifSizeIndicators(sizes, decoded.width, decoded.height, orientation),
  ];
  const embeddedStarted = performance.now();
  const previews = await embedded(bytes, structure, decoded.rgb, orientation, decoded.width, decoded.height);
  indicators.push(...previews.indicators);
  const embeddedMs = performance.now() - embeddedStarted;

  const score = indicators.reduce((best, i) => (i.severity === 'info' ? best : Math.max(best, i.score)), 0);
  return {
    score,
    indicators,
    maps: {},
    metrics: {
      elapsedMs: performance.now() - started,
      readMs,
      embeddedMs,
      softwareListVersion: EDITOR_SOFTWARE_VERSION,
      presence,
      read: {
        make,
        model,
        software: text(meta.ifd0?.Software),
        processingSoftware: text(meta.ifd0?.ProcessingSoftware),
        creatorTool: text(meta.xmp.xmp?.CreatorTool),
        orientation: orientationTag,
        makerNoteBytes: meta.makerNoteLength,
        // Recorded, not scored: a profile names its maker (camera, OS or editor) but is copied between files freely.
        icc: meta.icc ? { description: text(meta.icc.ProfileDescription), creator: text(meta.icc.ProfileCreator), cmm: text(meta.icc.ProfileCMMType), deviceManufacturer: text(meta.icc.DeviceManufacturer) } : null,
        iptcProgram: text(meta.iptc?.OriginatingProgram),
        recordedSizes: sizes,
      },
      timestamps: times.map((t) => ({ source: t.source, raw: t.raw, parsed: t.parsed, offset: t.offset, offsetSource: t.offsetSource })),
      software: software.matches,
      previews: previews.checks.map((c) => ({
        label: c.label,
        offset: c.offset,
        length: c.length,
        size: c.size,
        error: c.error,
        reading: c.reading,
        score: c.score,
        aspectError: c.geometry?.aspectError ?? null,
        bars: c.geometry?.content?.bars ?? null,
        normalisedResidual: c.comparison?.normalisedResidual ?? null,
        worstBlockResidual: c.comparison?.worstBlock.meanAbsResidual ?? null,
        medianBlockResidual: c.comparison?.medianBlockResidual ?? null,
        correlation: c.comparison?.correlation ?? null,
        ssim: c.comparison?.meanSsim ?? null,
      })),
      previewsNotCompared: previews.notCompared,
      readerErrors: meta.errors,
    },
  };
}
