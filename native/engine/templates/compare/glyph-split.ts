/**
 * Pairs the glyphs found on a text line with the characters it should print. Neighbouring glyphs often
 * touch (RA, KA, TY in DejaVu Sans Bold at 24 px), so one component can hold two or three characters:
 * a small dynamic programme assigns 1-3 characters to each glyph so that widths agree with the expected
 * widths, and fused glyphs are cut at the column with the least ink near the predicted boundary.
 */
import type { GlyphBox, TextLine } from './text-line';

// A glyph holds at most 3 characters (a fused run of 4 is not found on the cards we measured).
const MAX_CHARS_PER_GLYPH = 3;
// Cost of cutting a glyph, in units of squared relative width error: a 0.3 relative error is preferred
// to a cut, so a wide single glyph (M, W) is not split for nothing.
const CUT_COST = 0.09;
// Mean squared relative width error above which the pairing is refused (0.35^2: wrong text or font).
const MAX_MEAN_COST = 0.35 * 0.35;
// A cut is searched within 30 % of a character's expected width around the predicted boundary.
const CUT_WINDOW = 0.3;

/** A character of the text and the glyph that prints it. */
export interface PairedGlyph {
  readonly char: string;
  readonly glyph: GlyphBox;
}

function inkColumns(line: TextLine, glyph: GlyphBox): Float32Array {
  const { region, labels, darkness } = line;
  const own = new Set(glyph.labels);
  const cols = new Float32Array(glyph.x1 - glyph.x0);
  for (let y = 0; y < region.height; y++) {
    for (let x = glyph.x0; x < glyph.x1; x++) {
      const p = y * region.width + (x - region.x);
      if (own.has(labels[p]!)) cols[x - glyph.x0]! += darkness[p]!;
    }
  }
  return cols;
}

function cut(line: TextLine, glyph: GlyphBox, widths: readonly number[]): GlyphBox[] {
  const cols = inkColumns(line, glyph);
  const total = widths.reduce((s, v) => s + v, 0);
  const span = glyph.x1 - glyph.x0;
  const cuts: number[] = [];
  let acc = 0;
  for (let k = 0; k < widths.length - 1; k++) {
    acc += widths[k]!;
    const predicted = (acc / total) * span;
    const win = Math.max(1, CUT_WINDOW * widths[k]! * (span / total));
    let best = Math.round(predicted);
    for (let x = Math.max(1, Math.round(predicted - win)); x <= Math.min(span - 1, Math.round(predicted + win)); x++) if (cols[x]! < cols[best]!) best = x;
    cuts.push(Math.max(cuts[cuts.length - 1] ?? 0, best));
  }
  const edges = [0, ...cuts, span];
  return edges.slice(0, -1).map((e, k) => ({ ...glyph, x0: glyph.x0 + e, x1: glyph.x0 + edges[k + 1]! }));
}

/**
 * Pair `line`'s glyphs with `text` (spaces print nothing and are skipped). `expectedWidth(char)` is the
 * expected ink width in px. Null when the glyphs cannot be matched (more glyphs than characters, or
 * widths far from the expected ones).
 */
export function pairGlyphs(line: TextLine, text: string, expectedWidth: (char: string) => number): PairedGlyph[] | null {
  const chars = [...text].filter((c) => c.trim() !== '');
  const glyphs = line.glyphs;
  const m = glyphs.length;
  const n = chars.length;
  if (m === 0 || n === 0 || m > n || n > MAX_CHARS_PER_GLYPH * m) return null;
  const e = chars.map(expectedWidth);
  const cost: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const take: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  cost[0]![0] = 0;
  for (let j = 1; j <= m; j++) {
    const width = glyphs[j - 1]!.x1 - glyphs[j - 1]!.x0;
    for (let i = j; i <= n; i++) {
      for (let k = 1; k <= Math.min(MAX_CHARS_PER_GLYPH, i); k++) {
        const prev = cost[j - 1]![i - k]!;
        if (!Number.isFinite(prev)) continue;
        let expected = 0;
        for (let t = i - k; t < i; t++) expected += e[t]!;
        const c = prev + ((width - expected) / Math.max(1, expected)) ** 2 + (k - 1) * CUT_COST;
        if (c < cost[j]![i]!) {
          cost[j]![i] = c;
          take[j]![i] = k;
        }
      }
    }
  }
  if (!Number.isFinite(cost[m]![n]!) || cost[m]![n]! / m > MAX_MEAN_COST) return null;
  const counts: number[] = new Array<number>(m).fill(1);
  for (let j = m, i = n; j > 0; j--) {
    counts[j - 1] = take[j]![i]!;
    i -= take[j]![i]!;
  }
  const out: PairedGlyph[] = [];
  let i = 0;
  glyphs.forEach((g, j) => {
    const k = counts[j]!;
    const pieces = k === 1 ? [g] : cut(line, g, e.slice(i, i + k));
    pieces.forEach((p, t) => out.push({ char: chars[i + t]!, glyph: p }));
    i += k;
  });
  return out;
}
