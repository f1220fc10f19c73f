/**
 * MRZ locator: finds the block of 2 or 3 long, equally spaced lines of fixed-pitch OCR-B text that best
 * fits one of the ICAO layouts (TD1 3x30, TD2 2x36, TD3 2x44), anywhere in a roughly upright image.
 */
import type { Box, GrayImage, Point } from '../../imaging/raster';
import { rotateGray180 } from '../../imaging/raster';
import { adaptiveInkMask } from './binarize';
import type { Component } from './components';
import { componentHeight, componentWidth, connectedComponents } from './components';
import { downscaleForLocating } from './resample';
import type { TextLine } from './text-lines';
import { findTextLines } from './text-lines';
import { median } from './stats';

/** Layout guessed from line count and characters per line (MRV-A/MRV-B visas share TD3/TD2 geometry). */
export type MrzLayout = 'TD1' | 'TD2' | 'TD3';

/** One located MRZ line. */
export interface MrzLineGeometry {
  /** Centre of the first character cell (input image coordinates, px). */
  readonly start: Point;
  /** Centre of the last character cell. */
  readonly end: Point;
  /** Median glyph height (px). */
  readonly charHeight: number;
  /** Axis-aligned box around the line's glyphs. */
  readonly box: Box;
}

/** Where the MRZ is and what it looks like. */
export interface MrzLocation {
  readonly format: MrzLayout;
  readonly charsPerLine: 30 | 36 | 44;
  /** Lines top to bottom. */
  readonly lines: readonly MrzLineGeometry[];
  /** Character pitch along the lines (px). */
  readonly pitch: number;
  /** Median glyph height (px). */
  readonly charHeight: number;
  /** Rotation of the text baseline, degrees, clockwise positive (image y points down). */
  readonly skewDegrees: number;
  /** Box around the whole zone. */
  readonly box: Box;
  /** Fit of the block to the layout, 0..1 (regularity of the pitch x agreement of lengths). */
  readonly score: number;
}

const LAYOUTS: readonly { format: MrzLayout; lines: 2 | 3; chars: 30 | 36 | 44 }[] = [
  { format: 'TD1', lines: 3, chars: 30 },
  { format: 'TD2', lines: 2, chars: 36 },
  { format: 'TD3', lines: 2, chars: 44 },
];

// A line must hold at least 12 separate components: a 30-character line keeps more than that even when
// a third of its glyphs are fused or lost.
const MIN_LINE_MEMBERS = 12;
// 55 %: MRZ lines step by exactly one pitch; proportional text or guilloche fragments rarely exceed 40 %.
const MIN_REGULARITY = 0.55;

function plausibleGlyph(c: Component, maxHeight: number): boolean {
  const h = componentHeight(c);
  const w = componentWidth(c);
  // 5 px: the `<` of a 12 px line after 2x downscaling for the locator is still 5 px tall.
  if (h < 5 || h > maxHeight) return false;
  // Wider than 2.6 heights: a rule or a run of 3+ fused glyphs, not usable for the pitch.
  if (w > 2.6 * h) return false;
  // A filled box (fill > 0.95) is a block or logo; below 0.06 it is a thin curve (guilloche).
  const fill = c.area / (w * h);
  return fill >= 0.06 && fill <= 0.95;
}

function estimatedChars(line: TextLine): number {
  const first = line.members[0]!;
  const last = line.members[line.members.length - 1]!;
  return Math.round((last.cx - first.cx) / line.pitch) + 1;
}

function centreY(line: TextLine): number {
  const first = line.members[0]!;
  const last = line.members[line.members.length - 1]!;
  return line.intercept + line.slope * ((first.cx + last.cx) / 2);
}

/** Whether `below` can be the MRZ line following `above`. */
function stacked(above: TextLine, below: TextLine): boolean {
  const h = Math.max(above.charHeight, below.charHeight);
  const dy = centreY(below) - centreY(above);
  // ICAO line spacing is 1.6-2.3 glyph heights (TD3 ~1.8, TD1 ~2.1); allow 1.2-3.2 for printers.
  if (dy < 1.2 * h || dy > 3.2 * h) return false;
  const pitchRatio = above.pitch / below.pitch;
  // Same printer, same pitch: 15 % covers the pitch estimate's error from fused glyphs.
  if (pitchRatio < 0.85 || pitchRatio > 1.18) return false;
  const heightRatio = above.charHeight / below.charHeight;
  if (heightRatio < 0.75 || heightRatio > 1.33) return false;
  // MRZ lines start in the same column: the left ends agree within 1.5 pitches (a lost first glyph).
  return Math.abs(above.members[0]!.cx - below.members[0]!.cx) <= 1.5 * above.pitch;
}

function lineGeometry(line: TextLine, scale: number): MrzLineGeometry {
  const first = line.members[0]!;
  const last = line.members[line.members.length - 1]!;
  const y = (x: number) => line.intercept + line.slope * x;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const c of line.members) {
    left = Math.min(left, c.left);
    top = Math.min(top, c.top);
    right = Math.max(right, c.right + 1);
    bottom = Math.max(bottom, c.bottom + 1);
  }
  return {
    start: [first.cx * scale, y(first.cx) * scale],
    end: [last.cx * scale, y(last.cx) * scale],
    charHeight: line.charHeight * scale,
    box: { x: left * scale, y: top * scale, width: (right - left) * scale, height: (bottom - top) * scale },
  };
}

function scoreBlock(block: readonly TextLine[], chars: number): number {
  let score = 1;
  for (const line of block) {
    const off = Math.abs(estimatedChars(line) - chars);
    // More than 3 characters off: a different layout (30, 36 and 44 are 6+ apart).
    if (off > 3) return 0;
    score *= line.regularity * (1 - off / 8);
  }
  return score ** (1 / block.length);
}

function buildLocation(block: readonly TextLine[], layout: (typeof LAYOUTS)[number], score: number, scale: number): MrzLocation {
  const lines = block.map((l) => lineGeometry(l, scale));
  const pitches = lines.map((l) => Math.hypot(l.end[0] - l.start[0], l.end[1] - l.start[1]) / (layout.chars - 1));
  const slopes = block.map((l) => l.slope);
  const left = Math.min(...lines.map((l) => l.box.x));
  const top = Math.min(...lines.map((l) => l.box.y));
  const right = Math.max(...lines.map((l) => l.box.x + l.box.width));
  const bottom = Math.max(...lines.map((l) => l.box.y + l.box.height));
  return {
    format: layout.format,
    charsPerLine: layout.chars,
    lines,
    pitch: median(pitches),
    charHeight: median(lines.map((l) => l.charHeight)),
    skewDegrees: (Math.atan(median(slopes)) * 180) / Math.PI,
    box: { x: left, y: top, width: right - left, height: bottom - top },
    score,
  };
}

/**
 * The most MRZ-like block of text lines in `image`, or null when none fits a layout. The image should be
 * roughly upright (text baseline within about ±8 degrees of horizontal); see {@link locateMrzAnyOrientation}.
 */
export function locateMrz(image: GrayImage): MrzLocation | null {
  const { image: small, scale } = downscaleForLocating(image);
  // Averaging window ~1/30 of the long side: 1-2 glyph heights on a card or page, so strokes are always
  // darker than their neighbourhood; 15..61 px keeps it sane for tiny crops and large photos.
  const window = Math.min(61, Math.max(15, Math.round(Math.max(small.width, small.height) / 30) | 1));
  const mask = adaptiveInkMask(small, { window });
  // A glyph is at most a quarter of the image height (an MRZ crop of 2 lines still satisfies this).
  const maxHeight = Math.max(8, small.height / 4);
  const comps = connectedComponents(mask, 6).filter((c) => plausibleGlyph(c, maxHeight));
  const lines = findTextLines(comps, MIN_LINE_MEMBERS)
    .filter((l) => l.regularity >= MIN_REGULARITY && estimatedChars(l) >= 26 && estimatedChars(l) <= 48)
    .sort((a, b) => centreY(a) - centreY(b));
  let best: MrzLocation | null = null;
  let bestRank = 0;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      if (!stacked(lines[i]!, lines[j]!)) continue;
      const pair = [lines[i]!, lines[j]!];
      const candidates: TextLine[][] = [pair];
      for (let k = j + 1; k < lines.length; k++) if (stacked(lines[j]!, lines[k]!)) candidates.push([...pair, lines[k]!]);
      for (const block of candidates) {
        for (const layout of LAYOUTS) {
          if (layout.lines !== block.length) continue;
          const score = scoreBlock(block, layout.chars);
          // Tie-break towards the bottom of the image, where cards and passport pages put the MRZ.
          const rank = score + 1e-3 * (centreY(block[0]!) / small.height);
          if (score > 0 && rank > bestRank) {
            bestRank = rank;
            best = buildLocation(block, layout, score, scale);
          }
        }
      }
    }
  }
  return best;
}

/** A location together with the rotation of the image it was found in. */
export interface OrientedMrzLocation {
  /** Location in the coordinates of the input image turned by `orientation` degrees. */
  readonly location: MrzLocation;
  readonly orientation: 0 | 180;
}

/**
 * Locate the MRZ in `image` as given and turned by 180 degrees. Geometry alone cannot tell an upside-down
 * MRZ from an upright one, so both are returned (best-scoring first) for the reader to decide by glyph
 * confidence; when they score alike, the one nearer the bottom comes first.
 */
export function locateMrzAnyOrientation(image: GrayImage): OrientedMrzLocation[] {
  const found: OrientedMrzLocation[] = [];
  const upright = locateMrz(image);
  if (upright) found.push({ location: upright, orientation: 0 });
  const turned = locateMrz(rotateGray180(image));
  if (turned) found.push({ location: turned, orientation: 180 });
  const key = (o: OrientedMrzLocation) => o.location.score + 0.05 * ((o.location.box.y + o.location.box.height / 2) / image.height);
  return found.sort((a, b) => key(b) - key(a));
}
