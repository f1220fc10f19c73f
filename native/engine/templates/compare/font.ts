/**
 * `font` check of text zones: the shape of the questioned value's glyphs against the template's own font.
 * With the text known (`options.texts[zoneId]`), every glyph whose character the atlas holds is compared
 * with the atlas glyphs of that character at cap-height scale (see glyph-patch.ts): correlation of their
 * outlines (gradient magnitude), stroke width / cap height and ink width / cap height. Without the text,
 * only the line's stroke width / cap height against the font group's (a character-independent measure,
 * looser because it varies with the letters). All at the reference blur level matching the capture's
 * sharpness. A near-miss font (Liberation Sans Bold, Nimbus Sans Bold for DejaVu Sans Bold) has other
 * terminals and curves, lighter stems and narrower letters.
 *
 * Known false positives: wrong `texts` (glyphs are then paired with other characters: the summary names
 * the characters compared); heavy JPEG ringing on very small type. Known limit: at blur sigma 1 px (cap
 * height 17 px) the near-miss fonts come closer to genuine (lowest scores 2.5-3.0 against genuine <= 2.27,
 * see the constants), so a blurred forgery may read as partly deviating only; without the text the
 * stroke measure alone separates clean captures only.
 */
import { measuredResult, notMeasured, percent, ramp } from './deviation';
import type { GlyphAtlas } from './glyph-atlas';
import { expectedWidthRatio } from './glyph-atlas';
import { glyphPatch, patchCorrelation } from './glyph-patch';
import { pairGlyphs } from './glyph-split';
import { blurOf } from './layout';
import { median } from './raster-ops';
import type { QuestionedLine } from './text-questioned';
import type { TextZoneReference } from './text-reference';
import type { ZoneComparison } from './types';

// Shape score = sum of three distances, each in units of the largest value measured on genuine captures
// (4 holders x 6 captures x 10 zones): 1 - mean outline correlation (genuine <= 0.047), |ln glyph stroke
// ratio| (<= 0.095, OCR-B document number under JPEG 60), |ln glyph width ratio| (<= 0.055).
const OUTLINE_UNIT = 0.047;
const STROKE_UNIT = 0.095;
const WIDTH_UNIT = 0.055;
// Genuine scores measured <= 2.27 (median 0.41); Liberation / Nimbus Sans Bold 4.5-11 clean or after
// JPEG 60, 3.0-9.4 at blur sigma 0.7, 2.5-7.8 at blur sigma 1 + JPEG 60. 0 up to 2.4, 1 from 3.2.
const SCORE_OK = 2.4;
const SCORE_FULL = 3.2;
// Worst single glyph's outline correlation (one re-typed character): genuine >= 0.926; 0 down to 0.91,
// 1 from 0.8.
const WORST_OK = 0.09;
const WORST_FULL = 0.2;
// Without the text: line stroke / cap height against the group's varies with the letters (genuine
// 0.91-1.12, dates lightest, "ADAM" heaviest); near-miss fonts 0.79-0.89 clean. 0 up to 13 %, 1 from 25 %.
const LINE_STROKE_OK = Math.log(1.13);
const LINE_STROKE_FULL = Math.log(1.25);

/**
 * Compare the questioned value's glyphs with the template's font (see the module comment).
 * @param ref the zone's reference; `atlas` the template's glyphs by font group
 * @param questioned the questioned line measured in the aligned image, or why it was not found
 * @param text the characters printed in the zone, if known (from the MRZ or OCR)
 */
export function compareFont(ref: TextZoneReference, atlas: GlyphAtlas, questioned: QuestionedLine, text: string | undefined): ZoneComparison {
  const region = ref.rect;
  if ('failure' in questioned) return notMeasured(ref.zoneId, 'font', region, questioned.failure);
  const group = atlas.groupOf.get(ref.zoneId);
  if (group === undefined) return notMeasured(ref.zoneId, 'font', region, 'the zone has no reference glyphs');
  const { line, match } = questioned;
  const capHeight = line.baseline - line.capTop;
  const strokes = atlas.strokeRatio[group]!;
  const strokeRef = strokes[match.lower]! + (strokes[match.upper]! - strokes[match.lower]!) * match.t;
  const lineStrokeRatio = line.strokeWidth / capHeight / strokeRef;
  const level = atlas.levels[group]![match.nearest]!;
  const measured: Record<string, number> = { lineStrokeToCapHeight: line.strokeWidth / capHeight, lineStrokeRatio, matchedBlurSigmaPx: blurOf(ref, match) };
  const expected: Record<string, number> = { lineStrokeToCapHeight: strokeRef, lineStrokeRatio: 1 };
  const lineStroke = `line stroke width ${percent(lineStrokeRatio)} of the template font's`;
  const pairs = text ? pairGlyphs(line, text, (c) => expectedWidthRatio(level, c) * capHeight) : null;
  const compared: { char: string; outline: number; stroke: number; width: number }[] = [];
  for (const p of pairs ?? []) {
    const samples = level.get(p.char);
    if (!samples || samples.length === 0) continue;
    const patch = glyphPatch(line, p.glyph);
    compared.push({
      char: p.char,
      outline: Math.max(...samples.map((s) => patchCorrelation(patch.outline, s.outline))),
      stroke: patch.strokeRatio / median(samples.map((s) => s.strokeRatio)),
      width: patch.widthRatio / median(samples.map((s) => s.widthRatio)),
    });
  }
  if (compared.length === 0) {
    const why = !text
      ? 'text not given'
      : !pairs
        ? `the ${line.glyphs.length} glyphs found do not pair with the ${[...text].filter((c) => c.trim()).length} characters of the given text`
        : 'no character of the text is in the template atlas';
    const deviation = ramp(Math.abs(Math.log(lineStrokeRatio)), LINE_STROKE_OK, LINE_STROKE_FULL);
    Object.assign(expected, { lineStrokeTolerance: Math.exp(LINE_STROKE_OK) - 1 });
    return measuredResult(ref.zoneId, 'font', region, measured, expected, deviation, `${lineStroke}; ${why}, glyph shapes not compared`);
  }
  const outline = compared.reduce((s, c) => s + c.outline, 0) / compared.length;
  const worst = compared.reduce((a, c) => (c.outline < a.outline ? c : a));
  const stroke = median(compared.map((c) => c.stroke));
  const width = median(compared.map((c) => c.width));
  const score = (1 - outline) / OUTLINE_UNIT + Math.abs(Math.log(stroke)) / STROKE_UNIT + Math.abs(Math.log(width)) / WIDTH_UNIT;
  Object.assign(measured, { glyphOutlineCorrelation: outline, worstGlyphOutlineCorrelation: worst.outline, glyphStrokeRatio: stroke, glyphWidthRatio: width, shapeScore: score, glyphsCompared: compared.length });
  Object.assign(expected, { glyphOutlineCorrelation: 1, glyphStrokeRatio: 1, glyphWidthRatio: 1, shapeScoreMax: SCORE_OK, worstGlyphOutlineCorrelationMin: 1 - WORST_OK });
  const deviation = Math.max(ramp(score, SCORE_OK, SCORE_FULL), ramp(1 - worst.outline, WORST_OK, WORST_FULL));
  const summary =
    `${compared.length} glyphs (${compared.map((c) => c.char).join('')}) against the template's: outline correlation ${outline.toFixed(2)} ` +
    `(worst ${worst.char} ${worst.outline.toFixed(2)}), stroke ${percent(stroke)}, width ${percent(width)} at cap height; ${lineStroke}`;
  return measuredResult(ref.zoneId, 'font', region, measured, expected, deviation, summary);
}
