/**
 * Robust fit of a similarity transform (rotation, uniform scale, shift: 4 degrees of freedom) to point
 * pairs: RANSAC on minimal samples of two pairs (Fischler and Bolles, CACM 1981), then least squares on
 * the inliers. Points are treated as complex numbers, w = a z + b. A similarity is what a rectified
 * document's coarse offset from its template is; unlike a homography it stays well conditioned when the
 * matched fixed print covers only part of the document (the headings and labels of an ID-1 front lie in
 * its upper two thirds). Deterministic (seeded sampling).
 */
import type { FeatureMatches } from './matching';

/** w = a z + b with a = (ar, ai), b = (br, bi). */
export interface SimilarityFit {
  readonly ar: number;
  readonly ai: number;
  readonly br: number;
  readonly bi: number;
  readonly inlier: Uint8Array;
  readonly inliers: number;
  /** Median distance of the inliers from their fitted position, in the pairs' pixels. */
  readonly medianErrorPx: number;
}

/**
 * Draws: with an inlier share of 0.3 a two-pair sample is clean with probability 0.09, so 300 draws miss
 * every clean sample with probability 0.91^300 < 1e-12; guided matching gives genuine documents shares of
 * 0.6-0.9.
 */
const DRAWS = 300;
/** Fewer pairs than this cannot be told from chance agreement within the search radius. */
const MIN_PAIRS = 8;

/** mulberry32 (seeded, so the same pairs always give the same fit). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The similarity taking questioned points to reference points with the most pairs within `thresholdPx`. */
export function fitSimilarity(m: FeatureMatches, thresholdPx: number): SimilarityFit | null {
  const n = m.count;
  if (n < MIN_PAIRS) return null;
  const t2 = thresholdPx * thresholdPx;
  const rand = random(0x5eed);
  const count = (ar: number, ai: number, br: number, bi: number, mark?: Uint8Array) => {
    let k = 0;
    for (let i = 0; i < n; i++) {
      const x = m.qx[i]!, y = m.qy[i]!;
      const dx = ar * x - ai * y + br - m.rx[i]!, dy = ai * x + ar * y + bi - m.ry[i]!;
      const ok = dx * dx + dy * dy <= t2;
      if (mark) mark[i] = ok ? 1 : 0;
      if (ok) k++;
    }
    return k;
  };
  let best = { ar: 1, ai: 0, br: 0, bi: 0, k: -1 };
  for (let d = 0; d < DRAWS; d++) {
    const i = Math.floor(rand() * n), j = Math.floor(rand() * n);
    if (i === j) continue;
    const zr = m.qx[i]! - m.qx[j]!, zi = m.qy[i]! - m.qy[j]!;
    const wr = m.rx[i]! - m.rx[j]!, wi = m.ry[i]! - m.ry[j]!;
    const den = zr * zr + zi * zi;
    if (den < 100) continue; // pairs closer than 10 px fix the rotation and scale too loosely
    const ar = (wr * zr + wi * zi) / den, ai = (wi * zr - wr * zi) / den;
    const br = m.rx[i]! - (ar * m.qx[i]! - ai * m.qy[i]!), bi = m.ry[i]! - (ai * m.qx[i]! + ar * m.qy[i]!);
    const k = count(ar, ai, br, bi);
    if (k > best.k) best = { ar, ai, br, bi, k };
  }
  if (best.k < MIN_PAIRS) return null;
  // Two rounds of least squares on the inliers, re-selecting them after the first.
  const inlier = new Uint8Array(n);
  let fit = best;
  for (let round = 0; round < 2; round++) {
    count(fit.ar, fit.ai, fit.br, fit.bi, inlier);
    let sx = 0, sy = 0, su = 0, sv = 0, k = 0;
    for (let i = 0; i < n; i++) if (inlier[i]) { sx += m.qx[i]!; sy += m.qy[i]!; su += m.rx[i]!; sv += m.ry[i]!; k++; }
    if (k < MIN_PAIRS) break;
    const mx = sx / k, my = sy / k, mu = su / k, mv = sv / k;
    let nr = 0, ni = 0, den = 0;
    for (let i = 0; i < n; i++) {
      if (!inlier[i]) continue;
      const zr = m.qx[i]! - mx, zi = m.qy[i]! - my, wr = m.rx[i]! - mu, wi = m.ry[i]! - mv;
      nr += wr * zr + wi * zi;
      ni += wi * zr - wr * zi;
      den += zr * zr + zi * zi;
    }
    if (den <= 0) break;
    const ar = nr / den, ai = ni / den;
    fit = { ar, ai, br: mu - (ar * mx - ai * my), bi: mv - (ai * mx + ar * my), k };
  }
  const inliers = count(fit.ar, fit.ai, fit.br, fit.bi, inlier);
  const errors: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!inlier[i]) continue;
    const x = m.qx[i]!, y = m.qy[i]!;
    errors.push(Math.hypot(fit.ar * x - fit.ai * y + fit.br - m.rx[i]!, fit.ai * x + fit.ar * y + fit.bi - m.ry[i]!));
  }
  errors.sort((a, b) => a - b);
  return { ar: fit.ar, ai: fit.ai, br: fit.br, bi: fit.bi, inlier, inliers, medianErrorPx: errors[errors.length >> 1] ?? 0 };
}

/** The similarity as a 3x3 row-major homography. */
export function similarityMatrix(f: SimilarityFit): number[] {
  return [f.ar, -f.ai, f.br, f.ai, f.ar, f.bi, 0, 0, 1];
}
