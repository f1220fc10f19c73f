/**
 * Glyph images normalised to the line's cap height, for comparing the shape of a questioned glyph with
 * the template's glyph of the same character: the glyph's own ink (its components, 1 px around them,
 * inside its columns) sampled onto a fixed canvas whose scale is set by the cap height and whose
 * vertical origin is the baseline, horizontally centred on the glyph. Two glyphs of the same font and
 * character then overlap whatever their size and place; a near-miss font differs in stroke weight,
 * width and terminals.
 */
import type { GlyphBox, TextLine } from './text-line';

/** Canvas size (px). 32 rows cover 1.6 cap heights: 1.3 above the baseline (accents) and 0.3 below. */
export const PATCH_WIDTH = 32;
export const PATCH_HEIGHT = 32;
const ABOVE = 1.3;
const SPAN = 1.6;
// Shift search of the correlation (canvas px, ~0.9 image px each at 17 px cap height): the glyph's
// centre and baseline are measured to within a pixel (+-2 gave the same scores on every capture).
const MAX_SHIFT = 1;

/** A glyph on the canvas plus its size relative to the cap height. */
export interface GlyphPatch {
  readonly pixels: Float32Array;
  /** Ink width / cap height. */
  readonly widthRatio: number;
  /** Stroke width / cap height of this glyph: 2 x ink area / outline length on the canvas, scaled. */
  readonly strokeRatio: number;
  /** Gradient magnitude of the canvas (the glyph's outline), for outline correlation. */
  readonly outline: Float32Array;
}

/** The glyph's mask: its components' pixels and 1 px around them, inside its column range. */
function glyphMask(line: TextLine, glyph: GlyphBox): Uint8Array {
  const { region, labels } = line;
  const w = region.width;
  const h = region.height;
  const own = new Set(glyph.labels);
  const mask = new Uint8Array(w * h);
  const cx0 = Math.max(0, glyph.x0 - region.x - 1);
  const cx1 = Math.min(w, glyph.x1 - region.x + 1);
  for (let y = 0; y < h; y++) {
    for (let x = cx0; x < cx1; x++) {
      if (!own.has(labels[y * w + x]!)) continue;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) for (let xx = Math.max(cx0, x - 1); xx < Math.min(cx1, x + 2); xx++) mask[yy * w + xx] = 1;
    }
  }
  return mask;
}

/** The canvas of `glyph` of `line` (see the module comment). */
export function glyphPatch(line: TextLine, glyph: GlyphBox): GlyphPatch {
  const capHeight = Math.max(1, line.baseline - line.capTop);
  const { region, darkness } = line;
  const w = region.width;
  const h = region.height;
  const mask = glyphMask(line, glyph);
  const scale = (SPAN * capHeight) / PATCH_HEIGHT; // image px per canvas px
  const cx = (glyph.x0 + glyph.x1) / 2 - region.x;
  const top = line.baseline - ABOVE * capHeight - region.y;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h || mask[y * w + x] === 0 ? 0 : darkness[y * w + x]!);
  const pixels = new Float32Array(PATCH_WIDTH * PATCH_HEIGHT);
  for (let j = 0; j < PATCH_HEIGHT; j++) {
    const y = top + (j + 0.5) * scale - 0.5;
    const y0 = Math.floor(y);
    const fy = y - y0;
    for (let i = 0; i < PATCH_WIDTH; i++) {
      const x = cx + (i + 0.5 - PATCH_WIDTH / 2) * scale - 0.5;
      const x0 = Math.floor(x);
      const fx = x - x0;
      pixels[j * PATCH_WIDTH + i] = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
    }
  }
  const outline = new Float32Array(PATCH_WIDTH * PATCH_HEIGHT);
  let area = 0;
  let length = 0;
  for (let j = 0; j < PATCH_HEIGHT; j++) {
    for (let i = 0; i < PATCH_WIDTH; i++) {
      const p = j * PATCH_WIDTH + i;
      const gx = ((i + 1 < PATCH_WIDTH ? pixels[p + 1]! : 0) - (i > 0 ? pixels[p - 1]! : 0)) / 2;
      const gy = ((j + 1 < PATCH_HEIGHT ? pixels[p + PATCH_WIDTH]! : 0) - (j > 0 ? pixels[p - PATCH_WIDTH]! : 0)) / 2;
      outline[p] = Math.hypot(gx, gy);
      area += pixels[p]!;
      length += outline[p]!;
    }
  }
  // Canvas px are SPAN / PATCH_HEIGHT cap heights.
  const strokeRatio = length > 0 ? ((2 * area) / length) * (SPAN / PATCH_HEIGHT) : 0;
  return { pixels, widthRatio: (glyph.x1 - glyph.x0) / capHeight, strokeRatio, outline };
}

/**
 * Best normalised correlation of two canvases over shifts of up to `MAX_SHIFT` canvas px (zero-mean,
 * over the overlap). 1 = same shape; glyphs of different characters or fonts score lower.
 */
export function patchCorrelation(a: Float32Array, b: Float32Array): number {
  let best = -1;
  for (let dy = -MAX_SHIFT; dy <= MAX_SHIFT; dy++) {
    for (let dx = -MAX_SHIFT; dx <= MAX_SHIFT; dx++) {
      let n = 0;
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let y = Math.max(0, -dy); y < Math.min(PATCH_HEIGHT, PATCH_HEIGHT - dy); y++) {
        for (let x = Math.max(0, -dx); x < Math.min(PATCH_WIDTH, PATCH_WIDTH - dx); x++) {
          const u = a[y * PATCH_WIDTH + x]!;
          const v = b[(y + dy) * PATCH_WIDTH + x + dx]!;
          n++;
          sa += u;
          sb += v;
          saa += u * u;
          sbb += v * v;
          sab += u * v;
        }
      }
      const va = saa / n - (sa / n) ** 2;
      const vb = sbb / n - (sb / n) ** 2;
      if (va <= 1e-9 || vb <= 1e-9) continue;
      best = Math.max(best, (sab / n - (sa / n) * (sb / n)) / Math.sqrt(va * vb));
    }
  }
  return Math.max(0, best);
}
