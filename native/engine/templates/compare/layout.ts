/**
 * `layout` check of text zones: where the value is printed inside its zone and at what size, against the
 * specimen's value in the same zone. Measures the baseline, the glyph (cap) height and the anchored edge
 * (left or right per the zone's `align`; for fixed-pitch fonts the centre of the anchored glyph, since
 * OCR-B digits differ in width by up to 4 px inside their cells), in mm of the card (reference width =
 * the template's width in mm). Flags fields printed off position or at another size.
 *
 * Known false positives: a capture whose alignment residual is larger than the ~2 px the aligner promises
 * (all zones then shift together); a left-aligned value whose first letter has a much larger side bearing
 * than the specimen's (up to ~0.1 mm in DejaVu Sans Bold); a questioned value that is not upper case.
 */
import { measuredResult, notMeasured, percent, ramp, signedMm } from './deviation';
import type { TextZoneReference } from './text-reference';
import { anchorPosition, interpolated } from './text-reference';
import type { QuestionedLine } from './text-questioned';
import type { ZoneComparison } from './types';

// Baseline: genuine captures (4 holders x 6 captures incl. 1-2 px shifts, 10 zones) measured |offset|
// <= 0.18 mm; a value moved by 8 px (0.68 mm) must read as fully off. 0 up to 0.25 mm, 1 from 0.5 mm.
const BASELINE_OK_MM = 0.25;
const BASELINE_FULL_MM = 0.5;
// Anchored edge: genuine up to 0.31 mm (2 px shift plus the first digit's bearing: a date starting with 1
// instead of 0); moved by 8 px: 0.64-0.71 mm. 0 up to 0.33 mm, 1 from 0.6 mm.
const ANCHOR_OK_MM = 0.33;
const ANCHOR_FULL_MM = 0.6;
// Glyph height: genuine within 3.9 % of the specimen's at matched blur; 24 px type re-set at 22 or 26 px
// is 7.3-9.2 % off (Liberation Sans Bold at 24 px: 3-6 % lower). 0 up to 4.5 %, 1 from 7 % (|ln ratio|).
const HEIGHT_OK = Math.log(1.045);
const HEIGHT_FULL = Math.log(1.07);
// On a blurred capture (capture blur above 1.2 px, see compare.ts) cap heights measured through the blur drift
// by zone: development seeds at capture blur 1.2-1.85 px, genuine within 6.4 % (given names +5-6 %, the OCR-B
// number -5-6 %). 0 up to 7 %, 1 from 10 %: type re-set 2 px larger or smaller (8-9 %) reads as partly off.
export const HEIGHT_OK_BLURRED = Math.log(1.07);
const HEIGHT_FULL_BLURRED = Math.log(1.1);

/** The layout deviation from its three measurements, with the glyph height tolerance of a sharp or blurred capture. */
export function layoutDeviation(baselineOffsetMm: number, anchorOffsetMm: number, glyphHeightRatio: number, blurred: boolean): number {
  const [ok, full] = blurred ? [HEIGHT_OK_BLURRED, HEIGHT_FULL_BLURRED] : [HEIGHT_OK, HEIGHT_FULL];
  return Math.max(
    ramp(Math.abs(baselineOffsetMm), BASELINE_OK_MM, BASELINE_FULL_MM),
    ramp(Math.abs(anchorOffsetMm), ANCHOR_OK_MM, ANCHOR_FULL_MM),
    ramp(Math.abs(Math.log(glyphHeightRatio)), ok, full),
  );
}

/**
 * Compare the questioned value's position and size with the specimen's (see the module comment).
 * @param ref the zone's reference (text-reference.ts)
 * @param questioned the questioned line measured in the aligned image, or why it was not found
 * @param pxPerMm reference pixels per millimetre (offsets are reported in mm)
 */
export function compareLayout(ref: TextZoneReference, questioned: QuestionedLine, pxPerMm: number): ZoneComparison {
  const region = ref.rect;
  if ('failure' in questioned) return notMeasured(ref.zoneId, 'layout', region, questioned.failure);
  const { line, match } = questioned;
  const baselineRef = interpolated(ref, match, (l) => l.baseline);
  const heightRef = interpolated(ref, match, (l) => l.capHeight);
  const anchorRef = interpolated(ref, match, (l) => l.anchorX);
  const height = line.baseline - line.capTop;
  const baselineOffsetMm = (line.baseline - baselineRef) / pxPerMm;
  const anchorOffsetMm = (anchorPosition(line, ref.anchor, ref.anchorMode) - anchorRef) / pxPerMm;
  const glyphHeightRatio = height / heightRef;
  const deviation = layoutDeviation(baselineOffsetMm, anchorOffsetMm, glyphHeightRatio, false);
  const edge = ref.anchorMode === 'edge' ? `${ref.anchor} edge` : `${ref.anchor}most glyph centre`;
  const summary =
    `baseline ${signedMm(baselineOffsetMm, 'below', 'above')} the template's, glyph height ${percent(glyphHeightRatio)} of the specimen's, ` +
    `${edge} ${signedMm(anchorOffsetMm, 'right of', 'left of')} the template's`;
  return measuredResult(
    ref.zoneId,
    'layout',
    { x: Math.round(line.left), y: Math.round(line.capTop), width: Math.round(line.right - line.left), height: Math.round(height) },
    { baselineOffsetMm, anchorOffsetMm, glyphHeightRatio, glyphHeightPx: height, matchedBlurSigmaPx: blurOf(ref, match) },
    { baselineOffsetMm: 0, anchorOffsetMm: 0, glyphHeightRatio: 1, glyphHeightPx: heightRef, baselineToleranceMm: BASELINE_OK_MM, anchorToleranceMm: ANCHOR_OK_MM, glyphHeightTolerance: Math.exp(HEIGHT_OK) - 1 },
    deviation,
    summary,
  );
}

/** The reference blur (sigma, px) the capture's sharpness matched. */
export function blurOf(ref: TextZoneReference, match: { lower: number; upper: number; t: number }): number {
  const a = ref.levels[match.lower]!.blurSigma;
  const b = ref.levels[match.upper]!.blurSigma;
  return a + (b - a) * match.t;
}
