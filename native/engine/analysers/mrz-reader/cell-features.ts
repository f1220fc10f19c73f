/**
 * Feature vector of one MRZ cell, shared by training and reading so both see identical inputs: the ink
 * box of the cell resampled to a 16x24 patch of normalised darkness, plus shape measurements relative to
 * the line (box size, position over the baseline and in the cell) that the patch alone loses, such as
 * digits standing taller than capitals in OCR-B (which separates 0 from O).
 */
import type { Box } from '../../imaging/raster';
import { histogramQuantile } from './binarize';
import { componentWidth } from './components';
import { stripToImage } from './line-strip';
import { resampleRegion } from './resample';
import type { SegmentedLine } from './segment';

/** Patch width of the glyph image. */
export const PATCH_WIDTH = 16;
/** Patch height of the glyph image. */
export const PATCH_HEIGHT = 24;
/** Number of shape measurements appended after the patch. */
export const SHAPE_FEATURES = 6;
/** Length of a feature vector. */
export const FEATURE_LENGTH = PATCH_WIDTH * PATCH_HEIGHT + SHAPE_FEATURES;

/** Features of a cell and where it is. */
export interface CellSample {
  readonly features: Float32Array;
  /** Cell box in the source image (axis-aligned hull of the rotated cell). */
  readonly imageBox: Box;
  /** Whether any ink was found in the cell (an empty cell is a segmentation failure). */
  readonly inked: boolean;
}

interface InkBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Union of the line's ink components that belong to the cell centred at `centre`, clipped to it. */
function cellInkBox(line: SegmentedLine, centre: number): InkBox | null {
  const half = line.pitch / 2;
  let box: InkBox | null = null;
  for (const c of line.glyphs) {
    const wide = componentWidth(c) > 1.1 * line.pitch; // fused with a neighbour: take our share only
    const inside = c.cx >= centre - half && c.cx < centre + half;
    if (!inside && !(wide && c.left < centre + half && c.right >= centre - half)) continue;
    const x0 = wide ? Math.max(c.left, centre - half) : c.left;
    const x1 = wide ? Math.min(c.right + 1, centre + half) : c.right + 1;
    if (x1 <= x0) continue;
    box = box
      ? { x0: Math.min(box.x0, x0), y0: Math.min(box.y0, c.top), x1: Math.max(box.x1, x1), y1: Math.max(box.y1, c.bottom + 1) }
      : { x0, y0: c.top, x1, y1: c.bottom + 1 };
  }
  return box;
}

function darknessLevels(line: SegmentedLine, centre: number, baseline: number): { ink: number; paper: number } {
  const img = line.strip.image;
  const histogram = new Uint32Array(256);
  const x0 = Math.max(0, Math.floor(centre - line.pitch / 2));
  const x1 = Math.min(img.width, Math.ceil(centre + line.pitch / 2));
  const y0 = Math.max(0, Math.floor(baseline - 1.3 * line.glyphHeight));
  const y1 = Math.min(img.height, Math.ceil(baseline + 0.3 * line.glyphHeight));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) histogram[img.data[y * img.width + x]!]!++;
  // 2 % darkest pixels are the stroke core even for `<` (~10 % ink); the 85th percentile is paper.
  const ink = histogramQuantile(histogram, 0.02);
  const paper = histogramQuantile(histogram, 0.85);
  // At least 16 levels of range so a blank or washed-out cell does not amplify noise to full contrast.
  return { ink: Math.min(ink, paper - 16), paper };
}

/**
 * Features of cell `index` of `line`. `shift` moves the cell centre by that many pitches (training uses it
 * to simulate grid error; reading passes 0).
 */
export function cellFeatures(line: SegmentedLine, index: number, shift = 0): CellSample {
  const centre = line.cellCentres[index]! + shift * line.pitch;
  const baseline = line.baselineA + line.baselineB * centre;
  const gh = Math.max(1, line.glyphHeight);
  const found = cellInkBox(line, centre);
  // No ink: a placeholder box of filler size in the middle of the cell, flagged as not inked.
  const box = found ?? { x0: centre - 0.3 * line.pitch, x1: centre + 0.3 * line.pitch, y0: baseline - 0.8 * gh, y1: baseline - 0.1 * gh };
  const features = new Float32Array(FEATURE_LENGTH);
  // Half a pixel of padding keeps anti-aliased edges in the patch.
  resampleRegion(line.strip.image, { x0: box.x0 - 0.5, y0: box.y0 - 0.5, x1: box.x1 + 0.5, y1: box.y1 + 0.5 }, PATCH_WIDTH, PATCH_HEIGHT, features, 0);
  const { ink, paper } = darknessLevels(line, centre, baseline);
  let mass = 0;
  for (let i = 0; i < PATCH_WIDTH * PATCH_HEIGHT; i++) {
    const darkness = Math.min(1, Math.max(0, (paper - features[i]!) / (paper - ink)));
    features[i] = darkness;
    mass += darkness;
  }
  const p = PATCH_WIDTH * PATCH_HEIGHT;
  features[p] = (box.x1 - box.x0) / line.pitch;
  features[p + 1] = (box.y1 - box.y0) / gh;
  features[p + 2] = (baseline - box.y1) / gh;
  features[p + 3] = (baseline - box.y0) / gh;
  features[p + 4] = ((box.x0 + box.x1) / 2 - centre) / line.pitch;
  features[p + 5] = mass / p;
  return { features, imageBox: cellImageBox(line, centre, baseline, gh), inked: found !== null };
}

function cellImageBox(line: SegmentedLine, centre: number, baseline: number, gh: number): Box {
  const corners = [
    stripToImage(line.strip, centre - line.pitch / 2, baseline - 1.15 * gh),
    stripToImage(line.strip, centre + line.pitch / 2, baseline - 1.15 * gh),
    stripToImage(line.strip, centre - line.pitch / 2, baseline + 0.15 * gh),
    stripToImage(line.strip, centre + line.pitch / 2, baseline + 0.15 * gh),
  ];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
