/**
 * What the `layout` and `font` checks precompute from the template's reference image for each text zone:
 * the specimen's text line measured at a ladder of blur levels (so a blurred capture is compared with the
 * specimen blurred as much, not with the sharp render: blur thickens measured strokes by 10-50 % and moves
 * the cap top of thin fonts), and the specimen's glyphs paired with the zone's `sample` text for the atlas.
 */
import type { Box, RgbImage } from '../../imaging/raster';
import type { GlyphPatch } from './glyph-patch';
import { glyphPatch } from './glyph-patch';
import { pairGlyphs } from './glyph-split';
import { median } from './raster-ops';
import type { Polarity, TextLine } from './text-line';
import { measureTextLine, textPolarity, textZoneSource } from './text-line';

/**
 * Blur added to the reference (Gaussian sigma, px). Sharpness of a genuine capture measured 0.28-0.30 at
 * sigma 1 and 0.39-0.42 after JPEG 60, inside the ladder's 0.45 (sharp render) to 0.15 (sigma 2.2).
 */
export const BLUR_LADDER: readonly number[] = [0, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5, 1.8, 2.2];

// The specimen's text must stand at least 40 grey levels off its background (measured 84-199).
const MIN_REFERENCE_CONTRAST = 40;
// Glyph centres spaced within 8 % of their mean pitch mark a fixed-pitch font (OCR-B document number:
// 1-2 %; DejaVu Sans Bold names and dates: 15-40 %).
const MONOSPACE_SPREAD = 0.08;

/** The specimen's line at one blur level. */
export interface TextLevel {
  readonly blurSigma: number;
  readonly sharpness: number;
  readonly baseline: number;
  readonly capHeight: number;
  /** Anchored position: ink edge, or centre of the anchored glyph for fixed-pitch fonts. */
  readonly anchorX: number;
  readonly strokeRatio: number;
  /** Glyphs paired with the sample text (empty when the sample did not pair). */
  readonly glyphs: readonly { readonly char: string; readonly patch: GlyphPatch }[];
}

/** A text zone of the reference, measured. */
export interface TextZoneReference {
  readonly zoneId: string;
  readonly rect: Box;
  readonly anchor: 'left' | 'right';
  readonly anchorMode: 'edge' | 'cell-centre';
  readonly polarity: Polarity;
  readonly contrast: number;
  readonly sample: string | null;
  /** One entry per {@link BLUR_LADDER} level (null where the line was not found at that blur). */
  readonly levels: readonly (TextLevel | null)[];
}

/** The anchored position of a line (see {@link TextLevel.anchorX}). */
export function anchorPosition(line: TextLine, anchor: 'left' | 'right', mode: 'edge' | 'cell-centre'): number {
  if (mode === 'edge' || line.glyphs.length === 0) return anchor === 'left' ? line.left : line.right;
  // Fixed pitch: the anchored cell's centre from a least-squares grid through all glyph centres, counted
  // from the anchored end (each glyph's own offset in its cell then averages out).
  const centres = line.glyphs.map((g) => (g.x0 + g.x1) / 2);
  const n = centres.length;
  const ks = centres.map((_, i) => (anchor === 'left' ? i : i - (n - 1)));
  if (n < 2) return centres[0]!;
  const mk = ks.reduce((s, v) => s + v, 0) / n;
  const mc = centres.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (ks[i]! - mk) * (centres[i]! - mc);
    sxx += (ks[i]! - mk) ** 2;
  }
  return mc - (sxy / sxx) * mk;
}

function isFixedPitch(line: TextLine): boolean {
  const centres = line.glyphs.map((g) => (g.x0 + g.x1) / 2);
  if (centres.length < 4) return false;
  const steps = centres.slice(1).map((c, i) => c - centres[i]!);
  const mean = steps.reduce((s, v) => s + v, 0) / steps.length;
  const spread = Math.sqrt(steps.reduce((s, v) => s + (v - mean) ** 2, 0) / steps.length);
  return mean > 0 && spread / mean < MONOSPACE_SPREAD;
}

/** Measure one reference text zone at every blur level; a reason when the specimen shows no text there. */
export function prepareTextZone(reference: RgbImage, zoneId: string, rect: Box, anchor: 'left' | 'right', sample: string | null): TextZoneReference | { readonly failure: string } {
  const polarity = textPolarity(reference, rect);
  const lines = BLUR_LADDER.map((sigma) => measureTextLine(textZoneSource(reference, rect, anchor, polarity, sigma), MIN_REFERENCE_CONTRAST));
  const sharp = lines[0]!;
  if ('failure' in sharp) return { failure: `the reference shows no text in the zone (${sharp.failure})` };
  const anchorMode = isFixedPitch(sharp) ? 'cell-centre' : 'edge';
  const levels = lines.map((line, k): TextLevel | null => {
    if ('failure' in line) return null;
    const capHeight = line.baseline - line.capTop;
    const typical = median(line.glyphs.map((g) => g.x1 - g.x0));
    const paired = sample ? pairGlyphs(line, sample, () => typical) : null;
    return {
      blurSigma: BLUR_LADDER[k]!,
      sharpness: line.sharpness,
      baseline: line.baseline,
      capHeight,
      anchorX: anchorPosition(line, anchor, anchorMode),
      strokeRatio: line.strokeWidth / capHeight,
      glyphs: (paired ?? []).map((p) => ({ char: p.char, patch: glyphPatch(line, p.glyph) })),
    };
  });
  return { zoneId, rect, anchor, anchorMode, polarity, contrast: sharp.contrast, sample, levels };
}

/** Where a questioned sharpness falls on the ladder: the two levels around it and the blend between them. */
export interface LevelMatch {
  readonly lower: number;
  readonly upper: number;
  /** 0 = `lower`, 1 = `upper`. */
  readonly t: number;
  /** The nearest level. */
  readonly nearest: number;
}

/** Match `sharpness` to the zone's ladder (sharpness falls as blur grows; outside the ladder, its end). */
export function matchLevel(ref: TextZoneReference, sharpness: number): LevelMatch {
  const present = ref.levels.map((l, i) => (l ? i : -1)).filter((i) => i >= 0);
  const first = present[0]!;
  if (sharpness >= ref.levels[first]!.sharpness) return { lower: first, upper: first, t: 0, nearest: first };
  for (let k = 0; k + 1 < present.length; k++) {
    const a = ref.levels[present[k]!]!;
    const b = ref.levels[present[k + 1]!]!;
    if (sharpness <= a.sharpness && sharpness >= b.sharpness) {
      const t = a.sharpness === b.sharpness ? 0 : (a.sharpness - sharpness) / (a.sharpness - b.sharpness);
      return { lower: present[k]!, upper: present[k + 1]!, t, nearest: t < 0.5 ? present[k]! : present[k + 1]! };
    }
  }
  const last = present[present.length - 1]!;
  return { lower: last, upper: last, t: 0, nearest: last };
}

/** A measurement of the reference interpolated at a level match. */
export function interpolated(ref: TextZoneReference, match: LevelMatch, pick: (level: TextLevel) => number): number {
  const a = pick(ref.levels[match.lower]!);
  const b = pick(ref.levels[match.upper]!);
  return a + (b - a) * match.t;
}
