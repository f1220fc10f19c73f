/**
 * Geometry of ink masks for the text-line measurement: connected components, outermost supported edges,
 * glyph boxes from components, stroke width and edge sharpness.
 */
import type { Box } from '../../imaging/raster';
import type { GlyphBox } from './text-line';

/** 8-connected components of `mask` (1 = ink): a label per pixel (0 = none) and their count. */
export function labelComponents(mask: Uint8Array, w: number, h: number): { labels: Int32Array; count: number } {
  const labels = new Int32Array(w * h);
  const stack: number[] = [];
  let count = 0;
  for (let start = 0; start < w * h; start++) {
    if (mask[start] === 0 || labels[start] !== 0) continue;
    count++;
    labels[start] = count;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const px = p % w;
      const py = (p - px) / w;
      for (let dy = -1; dy <= 1; dy++) {
        const y = py + dy;
        if (y < 0 || y >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const x = px + dx;
          if (x < 0 || x >= w) continue;
          const q = y * w + x;
          if (mask[q] !== 0 && labels[q] === 0) {
            labels[q] = count;
            stack.push(q);
          }
        }
      }
    }
  }
  return { labels, count };
}

/** A connected component's box (exclusive ends), pixel count and darkness mass, in region coordinates. */
export interface Comp {
  label: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  mass: number;
}


// An edge position (baseline, cap top) needs support from 15 % of the line's columns: the stem of a lone
// F or T is 25-30 % of its columns, descender tails (J, Q, comma) and accents stay under 10 % of a name.
const EDGE_SUPPORT = 0.15;

/**
 * The outermost well-supported edge: scanning from the lowest (`bottom`) or highest (`top`) 1 px bin,
 * the first bin holding with its neighbours `EDGE_SUPPORT` of the values; of those three bins the fullest
 * is the edge, refined as the mean of the values in it (a flat edge puts its columns within 0.2 px).
 */
export function extremeEdge(values: readonly number[], side: 'top' | 'bottom'): number {
  if (values.length === 0) return Number.NaN;
  const bins = new Map<number, number>();
  for (const v of values) bins.set(Math.round(v), (bins.get(Math.round(v)) ?? 0) + 1);
  const count = (b: number) => bins.get(b) ?? 0;
  const need = Math.max(2, EDGE_SUPPORT * values.length);
  const keys = [...bins.keys()].sort((x, y) => (side === 'bottom' ? y - x : x - y));
  const first = keys.find((b) => count(b - 1) + count(b) + count(b + 1) >= need) ?? keys[0]!;
  const edge = [first - 1, first, first + 1].reduce((a, b) => (count(b) > count(a) ? b : a), first);
  const near = values.filter((v) => Math.abs(v - edge) <= 0.5);
  return near.reduce((s, v) => s + v, 0) / near.length;
}

/** Merge components that share most of their columns (accents, pieces of one glyph) into glyphs. */
export function mergeGlyphs(cluster: readonly Comp[], region: Box): GlyphBox[] {
  const boxes: { x0: number; y0: number; x1: number; y1: number; labels: number[] }[] = [];
  for (const c of [...cluster].sort((a, b) => a.x0 - b.x0)) {
    const prev = boxes[boxes.length - 1];
    const overlap = prev ? Math.min(prev.x1, c.x1) - Math.max(prev.x0, c.x0) : 0;
    // Half the narrower one's width: kerned neighbours (T next to Y) overlap by 1-2 px of 12+.
    if (prev && overlap >= 0.5 * Math.min(prev.x1 - prev.x0, c.x1 - c.x0)) {
      prev.x0 = Math.min(prev.x0, c.x0);
      prev.x1 = Math.max(prev.x1, c.x1);
      prev.y0 = Math.min(prev.y0, c.y0);
      prev.y1 = Math.max(prev.y1, c.y1);
      prev.labels.push(c.label);
    } else boxes.push({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, labels: [c.label] });
  }
  return boxes.map((b) => ({ x0: b.x0 + region.x, y0: b.y0 + region.y, x1: b.x1 + region.x, y1: b.y1 + region.y, labels: b.labels }));
}

/**
 * Mean stroke width: for strokes much longer than wide, area = length x width and outline = 2 x length,
 * so width = 2 x area / outline. Area is the sum of darkness and outline the sum of its gradient
 * magnitude (the integral of a blurred step's gradient is still the step), both within 2 px of the
 * glyphs. Sharpness: sum of squared gradient / sum of gradient (falls as the capture blurs).
 */
export function strokeAndSharpness(darkness: Float32Array, labels: Int32Array, w: number, h: number, x0: number, x1: number): { strokeWidth: number; sharpness: number } {
  const near = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = x0; x < x1; x++) {
      if (labels[y * w + x] === 0) continue;
      for (let yy = Math.max(0, y - 2); yy <= Math.min(h - 1, y + 2); yy++) for (let xx = Math.max(0, x - 2); xx <= Math.min(w - 1, x + 2); xx++) near[yy * w + xx] = 1;
    }
  }
  let area = 0;
  let outline = 0;
  let squared = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      if (near[p] === 0) continue;
      area += darkness[p]!;
      const g = Math.hypot((darkness[p + 1]! - darkness[p - 1]!) / 2, (darkness[p + w]! - darkness[p - w]!) / 2);
      outline += g;
      squared += g * g;
    }
  }
  return { strokeWidth: outline > 0 ? (2 * area) / outline : 0, sharpness: outline > 0 ? squared / outline : 0 };
}
