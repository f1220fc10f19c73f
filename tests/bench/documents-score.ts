/**
 * Pure helpers of the documents benchmark (tests/bench/documents.bench.ts): statistics, geometry, and
 * the MRZ candidate extraction applied to the text of the tesseract.js comparisons.
 */

/** Value at quantile q (0-1) of the sorted copy of `xs`, nearest-rank; null for an empty list. */
export function quantile(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** Median (the mean of the two middle values for an even count); null for an empty list. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type Pt = readonly [number, number];

export function centroid(quad: readonly Pt[]): Pt {
  const n = quad.length;
  return [quad.reduce((s, p) => s + p[0], 0) / n, quad.reduce((s, p) => s + p[1], 0) / n];
}

/** Point inside a convex polygon (either winding). */
export function insideConvex(p: Pt, poly: readonly Pt[]): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    if (cross === 0) continue;
    const s = Math.sign(cross);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

export const sameLines = (a: readonly string[] | null | undefined, b: readonly string[]): boolean =>
  !!a && a.length === b.length && a.every((line, i) => line === b[i]);

/**
 * MRZ candidate lines from free OCR text (the tesseract.js comparisons). Documented rules, nothing else:
 * 1. per text line, remove all whitespace and upper-case it;
 * 2. map `«` to `<<` and `‹` to `<` (tesseract's eng model reads runs of fillers as guillemets);
 * 3. keep the line when it has at least 28 characters and at least 90 % of them are A-Z, 0-9 or `<`.
 * No other character is changed: in particular no O/0, I/1 or K/< swaps (that would be a reader of its
 * own, not the comparison asked for). A kept line that still holds other characters cannot score.
 */
export function mrzCandidateLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+/g, '').toUpperCase().replace(/«/g, '<<').replace(/‹/g, '<');
    if (line.length < 28) continue;
    const good = line.replace(/[^A-Z0-9<]/g, '').length;
    if (good / line.length >= 0.9) out.push(line);
  }
  return out;
}

/** True when `truth` appears as consecutive lines of `candidates`, every character equal. */
export function containsZone(candidates: readonly string[], truth: readonly string[]): boolean {
  for (let i = 0; i + truth.length <= candidates.length; i++) if (truth.every((line, k) => candidates[i + k] === line)) return true;
  return false;
}

/** How many of the truth lines appear anywhere among the candidates, exactly. */
export function linesFound(candidates: readonly string[], truth: readonly string[]): number {
  return truth.filter((line) => candidates.includes(line)).length;
}

/** Characters of `truth` matched position by position by the best-aligned candidate line (no shifting). */
export function bestCharMatches(candidates: readonly string[], truthLine: string): number {
  let best = 0;
  for (const c of candidates) {
    let n = 0;
    for (let k = 0; k < truthLine.length; k++) if (c[k] === truthLine[k]) n++;
    best = Math.max(best, n);
  }
  return best;
}

export const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
export const ms = (x: number | null): string => (x === null ? 'n/a' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
