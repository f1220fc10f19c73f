/**
 * Grouping of character-sized components into straight text lines: each component is linked to its best
 * right-hand neighbour (similar height, on the same slanted line, about one pitch away), mutual links form
 * chains, and collinear chains broken by a damaged glyph are joined again.
 */
import type { Component } from './components';
import { componentHeight } from './components';
import { median } from './stats';

/** A chain of components read as one line of text. */
export interface TextLine {
  /** Members left to right. */
  readonly members: readonly Component[];
  /** Centre line y = intercept + slope * x (image coordinates). */
  readonly slope: number;
  readonly intercept: number;
  /** Median component height (px). */
  readonly charHeight: number;
  /** Typical centre-to-centre distance of neighbours (px, along x). */
  readonly pitch: number;
  /** Fraction of neighbour distances that are a whole multiple (1 or 2) of the pitch within 20 %. */
  readonly regularity: number;
}

// Neighbour distance window in units of the taller component's height. OCR-B at 10 cpi has a pitch of
// ~1.05x the cap height; 2.6 still bridges one glyph lost to damage or two glyphs fused into one blob.
const MIN_STEP = 0.35;
const MAX_STEP = 2.6;
// Centres of same-line glyphs differ by < 0.3 height even for the small filler `<` (its centre sits ~0.05
// height above the capitals' centre); a 5-degree skew adds only 0.09 per pitch.
const MAX_DY = 0.3;
// The filler `<` is ~0.8x as tall as a digit; broken stroke fragments and specks are far smaller.
const MIN_HEIGHT_RATIO = 0.55;

function stepCost(a: Component, b: Component): number | null {
  const ha = componentHeight(a);
  const hb = componentHeight(b);
  const ref = Math.max(ha, hb);
  if (Math.min(ha, hb) / ref < MIN_HEIGHT_RATIO) return null;
  const dx = b.cx - a.cx;
  if (dx < MIN_STEP * ref || dx > MAX_STEP * ref) return null;
  const dy = Math.abs(b.cy - a.cy);
  if (dy > MAX_DY * ref) return null;
  return dx + 3 * dy;
}

function fitLine(members: readonly Component[]): { slope: number; intercept: number } {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const c of members) {
    sx += c.cx;
    sy += c.cy;
    sxx += c.cx * c.cx;
    sxy += c.cx * c.cy;
  }
  const n = members.length;
  const den = n * sxx - sx * sx;
  if (n < 2 || Math.abs(den) < 1e-9) return { slope: 0, intercept: sy / Math.max(1, n) };
  const slope = (n * sxy - sx * sy) / den;
  return { slope, intercept: (sy - slope * sx) / n };
}

function describe(members: Component[]): TextLine {
  const charHeight = median(members.map(componentHeight));
  const steps: number[] = [];
  for (let i = 1; i < members.length; i++) steps.push(members[i]!.cx - members[i - 1]!.cx);
  // The typical step: the median of steps that are not obviously a skipped or fused glyph.
  const rough = median(steps);
  const single = steps.filter((s) => s > 0.6 * rough && s < 1.4 * rough);
  const pitch = single.length > 0 ? median(single) : rough;
  let regular = 0;
  for (const s of steps) {
    const multiple = Math.max(1, Math.round(s / pitch));
    // 20 %: OCR-B glyph centres wander ~0.1 pitch around the cell centre ('1', 'I' are offset most).
    if (multiple <= 2 && Math.abs(s - multiple * pitch) <= 0.2 * pitch) regular++;
  }
  const { slope, intercept } = fitLine(members);
  return { members, slope, intercept, charHeight, pitch, regularity: steps.length > 0 ? regular / steps.length : 0 };
}

function bestLinks(comps: readonly Component[]): { right: Int32Array; left: Int32Array } {
  const right = new Int32Array(comps.length).fill(-1);
  const left = new Int32Array(comps.length).fill(-1);
  const rightCost = new Float64Array(comps.length).fill(Infinity);
  const leftCost = new Float64Array(comps.length).fill(Infinity);
  for (let i = 0; i < comps.length; i++) {
    const a = comps[i]!;
    const reach = MAX_STEP * componentHeight(a) * (1 / MIN_HEIGHT_RATIO);
    for (let j = i + 1; j < comps.length && comps[j]!.cx - a.cx <= reach; j++) {
      const cost = stepCost(a, comps[j]!);
      if (cost === null) continue;
      if (cost < rightCost[i]!) {
        rightCost[i] = cost;
        right[i] = j;
      }
      if (cost < leftCost[j]!) {
        leftCost[j] = cost;
        left[j] = i;
      }
    }
  }
  return { right, left };
}

/** Join chain `b` onto chain `a` when it continues a's line after a short gap. */
function continues(a: TextLine, b: TextLine): boolean {
  const last = a.members[a.members.length - 1]!;
  const first = b.members[0]!;
  const h = Math.max(a.charHeight, b.charHeight);
  const gap = first.cx - last.cx;
  // Up to ~6 pitches: room for five glyphs lost to damage, glare or fusing (a blob of 3+ fused glyphs is
  // dropped as too wide) between the two parts.
  if (gap <= 0 || gap > 6.5 * h) return false;
  const ratio = a.charHeight / b.charHeight;
  // Heights of the two parts of one MRZ line agree within 25 % (both are medians over several glyphs).
  if (ratio < 0.8 || ratio > 1.25) return false;
  const predicted = a.intercept + a.slope * first.cx;
  // 0.35 height: the same tolerance as between neighbours, a little looser for the extrapolation.
  return Math.abs(predicted - first.cy) <= 0.35 * h;
}

/**
 * Text lines among `comps` with at least `minMembers` components. Components should already be
 * filtered to plausible character sizes.
 */
export function findTextLines(comps: readonly Component[], minMembers: number): TextLine[] {
  const sorted = [...comps].sort((p, q) => p.cx - q.cx);
  const { right, left } = bestLinks(sorted);
  const chains: TextLine[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const l = left[i]!;
    if (l >= 0 && right[l] === i) continue; // not a chain start
    const members: Component[] = [sorted[i]!];
    let k = i;
    while (right[k]! >= 0 && left[right[k]!] === k) {
      k = right[k]!;
      members.push(sorted[k]!);
    }
    // 3 members: shorter chains cannot carry a reliable pitch or slope.
    if (members.length >= 3) chains.push(describe(members));
  }
  chains.sort((p, q) => p.members[0]!.cx - q.members[0]!.cx);
  const merged: TextLine[] = [];
  const used = new Set<number>();
  for (let i = 0; i < chains.length; i++) {
    if (used.has(i)) continue;
    let current = chains[i]!;
    for (let j = i + 1; j < chains.length; j++) {
      if (used.has(j) || !continues(current, chains[j]!)) continue;
      current = describe([...current.members, ...chains[j]!.members]);
      used.add(j);
    }
    if (current.members.length >= minMembers) merged.push(current);
  }
  return merged;
}
