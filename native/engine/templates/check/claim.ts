/**
 * When no template side is recognised by its fixed print, two cases still deserve a comparison:
 *
 * - The document finder straightened the card to another format's proportions (a tightly cropped scan taken
 *   for an ID-3 page): the rectified image is re-proportioned to each candidate side and recognised again.
 * - The document's MRZ claims a template (its format, document code and issuing state are what the template
 *   expects) while its print does not follow it: a card without its background print, or of a model no
 *   template describes. It is then compared with the template it claims, as a claim, never as a match, with
 *   the fixed-print departure as an indicator of its own.
 */
import sharp from 'sharp';
import type { MrzView } from '../../contract';
import type { RgbImage } from '../../imaging/raster';
import { recognise, tryAlignToSide, type Alignment, type Recognition } from '../align';
import type { Template } from '../template';
import { clamp01, type TemplateIndicator } from './indicators';

/** Resize an RGB image (non-uniformly) to width x height. */
export async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  const data = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * Proportions further from a side's than this count as another format (as in the aligner's precheck, 8 %):
 * only those are re-proportioned.
 */
const ASPECT_TOLERANCE = 0.08;

/** Recognition again on the document re-proportioned to each side size it did not fit, or null when none is recognised. */
export async function recogniseReproportioned(rectified: RgbImage, sides: Parameters<typeof recognise>[1]): Promise<{ recognition: Recognition } | null> {
  const aspect = rectified.width / rectified.height;
  const sizes = new Map<string, { width: number; height: number }>();
  for (const side of sides) if (Math.abs(aspect / (side.width / side.height) - 1) > ASPECT_TOLERANCE) sizes.set(`${side.width}x${side.height}`, { width: side.width, height: side.height });
  for (const size of sizes.values()) {
    const questioned = await resizeRgb(rectified, size.width, size.height);
    const recognition = await recognise(questioned, sides);
    if (recognition.best) return { recognition };
  }
  return null;
}

/** Whether an MRZ claims a template: same format, a document code it allows, its issuing state. */
export function mrzClaims(template: Template, mrz: MrzView | null): boolean {
  if (!mrz?.format || !template.mrz) return false;
  if (template.mrz.format !== mrz.format) return false;
  const field = (name: string) => mrz.fields.find((f) => f.name === name)?.raw.replace(/</g, '') ?? '';
  const codes = template.mrz.documentCodes?.map((c) => c.replace(/</g, '')) ?? [];
  if (codes.length && !codes.includes(field('documentCode'))) return false;
  const state = (template.mrz.issuingState ?? template.issuingState).replace(/</g, '');
  return field('issuingState') === state;
}

/** Align a claimed side without the recognition's early exits (its print may not follow the side). */
export async function alignClaimed(questioned: RgbImage, side: Parameters<typeof tryAlignToSide>[1]): Promise<Alignment | null> {
  return (await tryAlignToSide(questioned, side)).alignment;
}

/**
 * The indicator of a claimed template: how far the document's fixed print is from the template's. The
 * recognition score is 0.5 exactly at the weakest acceptance threshold (align/score.ts), so a claim scoring s
 * departs by 1 - 2s (0 at the threshold, 1 for no resemblance).
 */
export function fixedPrintIndicator(alignment: Alignment, templateId: string): TemplateIndicator {
  return {
    code: 'template.fixed-print',
    zoneId: null,
    deviation: clamp01(1 - 2 * alignment.score),
    source: 'comparison',
    summary: `the MRZ claims template ${templateId}, but the fixed print does not follow it: recognition score ${alignment.score.toFixed(2)} (0.50 needed), fixed-print similarity ${alignment.staticSimilarity.toFixed(2)}, ${alignment.patchInliers} of ${alignment.patchesTried} print patches in place`,
    measured: { recognitionScore: Number(alignment.score.toFixed(3)), staticSimilarity: Number(alignment.staticSimilarity.toFixed(3)), patchInliers: alignment.patchInliers },
    expected: { recognitionScore: 0.5 },
    region: null,
  };
}
