/**
 * Fixed-pitch segmentation of one rectified MRZ line into exactly N cells. The grid x_k = x0 + k * pitch
 * is fitted to the centres of glyph components by iterated least squares; fused glyphs (wider than a
 * cell) and fragments are grouped per cell and only clean single glyphs vote, so they cannot shift it.
 */
import { adaptiveInkMask } from './binarize';
import type { InkMask } from './binarize';
import type { Component } from './components';
import { componentHeight, componentWidth, connectedComponents } from './components';
import type { LineStrip } from './line-strip';
import { fitAffine, median } from './stats';

/** A line cut into cells, in strip coordinates. */
export interface SegmentedLine {
  readonly strip: LineStrip;
  readonly mask: InkMask;
  /** Ink components on the line (fragments included, specks and other lines excluded). */
  readonly glyphs: readonly Component[];
  /** Strip x of each cell centre, left to right (length N). */
  readonly cellCentres: readonly number[];
  /** Fitted pitch (strip px). */
  readonly pitch: number;
  /** Baseline y = baselineA + baselineB * x (strip px; the line under the glyphs). */
  readonly baselineA: number;
  readonly baselineB: number;
  /** Median glyph height on the line (strip px). */
  readonly glyphHeight: number;
}

interface CellGroup {
  left: number;
  right: number;
  top: number;
  bottom: number;
  parts: number;
}

// A cell's ink group is a clean single glyph when it is at most 1.1 pitches wide (OCR-B glyphs are ~0.67
// pitch; blur widens them) and at least half the line height (not a lone fragment).
const MAX_SINGLE_WIDTH = 1.1;
const MIN_SINGLE_HEIGHT = 0.5;

function groupByCell(glyphs: readonly Component[], x0: number, pitch: number, chars: number): (CellGroup | null)[] {
  const groups: (CellGroup | null)[] = new Array<CellGroup | null>(chars).fill(null);
  for (const c of glyphs) {
    const k = Math.round((c.cx - x0) / pitch);
    // Centres more than 0.4 pitch off their cell belong to no cell cleanly (fused pair, stray mark).
    if (k < 0 || k >= chars || Math.abs(c.cx - (x0 + k * pitch)) > 0.4 * pitch) continue;
    const g = groups[k];
    if (!g) groups[k] = { left: c.left, right: c.right, top: c.top, bottom: c.bottom, parts: 1 };
    else {
      g.left = Math.min(g.left, c.left);
      g.right = Math.max(g.right, c.right);
      g.top = Math.min(g.top, c.top);
      g.bottom = Math.max(g.bottom, c.bottom);
      g.parts++;
    }
  }
  return groups;
}

/** Cut `strip` into `chars` cells. */
export function segmentLine(strip: LineStrip, chars: number): SegmentedLine {
  const h = strip.charHeight;
  // Window of two glyph heights: local enough for glare, wide enough that stroke interiors stay ink.
  const mask = adaptiveInkMask(strip.image, { window: Math.round(2 * h) | 1 });
  const glyphs = connectedComponents(mask, 3).filter((c) => {
    const ch = componentHeight(c);
    // Line members: centre within 0.6 heights of the centre line, 0.15..1.8 heights tall (fragments of a
    // broken glyph count; the neighbour lines' glyphs are centred 1.6+ heights away).
    return Math.abs(c.cy - strip.centreY) <= 0.6 * h && ch >= 0.15 * h && ch <= 1.8 * h;
  });
  let x0 = strip.firstCellX;
  let pitch = strip.pitch;
  let votes: { k: number; cx: number; bottom: number; height: number }[] = [];
  for (let iteration = 0; iteration < 3; iteration++) {
    const groups = groupByCell(glyphs, x0, pitch, chars);
    votes = [];
    groups.forEach((g, k) => {
      if (!g) return;
      const width = g.right - g.left + 1;
      const height = g.bottom - g.top + 1;
      if (width <= MAX_SINGLE_WIDTH * pitch && height >= MIN_SINGLE_HEIGHT * h) votes.push({ k, cx: (g.left + g.right + 1) / 2, bottom: g.bottom + 1, height });
    });
    // A third of the cells must vote; otherwise the located grid is kept (better than a fit to noise).
    if (votes.length < chars / 3) break;
    let fit = fitAffine(
      votes.map((v) => v.k),
      votes.map((v) => v.cx),
    );
    if (!fit) break;
    const residualLimit = 0.2 * pitch; // glyph centres sit within ~0.1 pitch of the cell centre
    const inliers = votes.filter((v) => Math.abs(v.cx - (fit!.a + fit!.b * v.k)) <= residualLimit);
    if (inliers.length >= chars / 3) {
      fit =
        fitAffine(
          inliers.map((v) => v.k),
          inliers.map((v) => v.cx),
        ) ?? fit;
    }
    // Accept only a pitch within 10 % of the located one: a larger change means the grid slipped.
    if (Math.abs(fit.b / strip.pitch - 1) > 0.1) break;
    x0 = fit.a;
    pitch = fit.b;
  }
  const glyphHeight = votes.length > 0 ? median(votes.map((v) => v.height)) : componentHeightMedian(glyphs, h);
  const base = fitAffine(
    votes.map((v) => x0 + v.k * pitch),
    votes.map((v) => v.bottom),
  );
  const cellCentres = Array.from({ length: chars }, (_, k) => x0 + k * pitch);
  return {
    strip,
    mask,
    glyphs,
    cellCentres,
    pitch,
    // A residual tilt over 0.05 (3 degrees) after rectification means a bad fit: use a level baseline.
    baselineA: base && Math.abs(base.b) < 0.05 ? base.a : votes.length > 0 ? median(votes.map((v) => v.bottom)) : strip.centreY + glyphHeight / 2,
    baselineB: base && Math.abs(base.b) < 0.05 ? base.b : 0,
    glyphHeight,
  };
}

function componentHeightMedian(glyphs: readonly Component[], fallback: number): number {
  const tall = glyphs.filter((c) => componentHeight(c) >= 0.5 * fallback && componentWidth(c) <= 1.5 * fallback);
  return tall.length > 0 ? median(tall.map(componentHeight)) : fallback;
}
