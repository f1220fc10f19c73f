/**
 * The questioned side of the text checks: measure the value's line in a text zone of the aligned image
 * and find the reference blur level that matches its sharpness. Shared by `layout` and `font`.
 */
import type { RgbImage } from '../../imaging/raster';
import type { TextLine } from './text-line';
import { measureTextLine, textZoneSource } from './text-line';
import type { LevelMatch, TextZoneReference } from './text-reference';
import { matchLevel } from './text-reference';

// The questioned value must reach 45 % of the specimen's contrast: genuine captures measured 65-108 %
// (gain 0.8 with gamma 1.3 is the lowest); a value painted out leaves guilloche lines at ~9 %.
const MIN_CONTRAST_SHARE = 0.45;

/** The questioned line and its blur match, or why it could not be measured. */
export type QuestionedLine = { readonly line: TextLine; readonly match: LevelMatch } | { readonly failure: string };

/** Measure the questioned value of a reference text zone. */
export function measureQuestionedLine(aligned: RgbImage, ref: TextZoneReference): QuestionedLine {
  const source = textZoneSource(aligned, ref.rect, ref.anchor, ref.polarity);
  const line = measureTextLine(source, MIN_CONTRAST_SHARE * ref.contrast);
  if ('failure' in line) return line;
  return { line, match: matchLevel(ref, line.sharpness) };
}
