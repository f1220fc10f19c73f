/**
 * Recognition score of an alignment: four measured evidences, each mapped onto [0, 1] by a piecewise
 * linear ramp that is 0 at the level other documents reach, 0.5 at the acceptance threshold and 1 at the
 * level degraded genuine documents keep; the score is the weakest of the four. So a document is accepted
 * (score >= 0.5) only when every evidence clears its threshold, and the score says how far the weakest one
 * is from failing. The levels were measured on the bundled template (uto-rp-2024) with 81 genuine cards
 * of 9 other holders (makeCard with the template's design) under 15 conditions (outline off by 6 or 12 px
 * at the corners, rotation 2-2.5 degrees with 3 % scale, blur sigma 1.2-2.5 px, JPEG q30-q60, gain and
 * gamma changes, noise, glare, a 180-degree turn, a 2x larger image, and combinations) and on 13 other
 * inputs: cards of 3 other designs (same layout, other colours and background print), 4 TD1 fronts, a TD1
 * back and 2 TD3 pages of the document generator (another layout), noise, a blank and a tiny image. The
 * figures are in README.md next to this file.
 */

/** The measures of an alignment that the score combines. */
export interface FitMeasures {
  readonly matches: number;
  readonly inliers: number;
  readonly inlierRatio: number;
  readonly medianErrorPx: number;
  readonly patchesTried: number;
  readonly patchesLocated: number;
  readonly patchInliers: number;
  readonly staticSimilarity: number;
}

interface Ramp {
  readonly name: string;
  /** Reached by other documents: ramp 0. */
  readonly other: number;
  /** Acceptance threshold: ramp 0.5. */
  readonly threshold: number;
  /** Kept by degraded genuine documents: ramp 1. */
  readonly genuine: number;
  readonly value: (m: FitMeasures) => number;
  readonly describe: (m: FitMeasures) => string;
}

/**
 * The evidences and their levels (measured; see the module comment):
 * - fixed-print similarity (lower quartile of tile ZNCC): genuine 0.91-1.00 (lowest: blur sigma 2.5);
 *   other designs 0.07-0.16, other layouts 0.00. Threshold 0.5, about midway, leaves room for wear and
 *   glare beyond what was measured; ramp 0 at 0.2 (just above the other designs), 1 at 0.85;
 * - share of the side's patches explained by the dense homography: genuine 0.92-1.00; other designs
 *   0.36-0.38 (their headings and labels match, the background does not), other layouts 0-0.19.
 *   Threshold 0.65; ramp 0 at 0.4, 1 at 0.85;
 * - feature matches explained by the coarse placement: genuine 16-97 (16 in the combined worst case,
 *   blur 2 + JPEG 40 + noise + turn), other layouts 8-15 when they get a placement at all. 8 is the least a
 *   placement is fitted from; threshold 10, ramp 1 at 20. This evidence only has to say that a placement
 *   exists: the two above say whether the document is this model;
 * - their share of the matches: genuine 0.55-0.88, other layouts 0.26-0.48, other designs 0.62-0.69, so it
 *   separates little on its own. Threshold 0.3 (below it the placement is mostly chance), ramp 0 at 0.15,
 *   1 at 0.45.
 */
const RAMPS: readonly Ramp[] = [
  {
    name: 'fixed-print similarity',
    other: 0.2,
    threshold: 0.5,
    genuine: 0.85,
    value: (m) => m.staticSimilarity,
    describe: (m) => `fixed-print similarity ${m.staticSimilarity.toFixed(2)}`,
  },
  {
    name: 'patches',
    other: 0.4,
    threshold: 0.65,
    genuine: 0.85,
    value: (m) => (m.patchesTried ? m.patchInliers / m.patchesTried : 0),
    describe: (m) => `${m.patchInliers} of ${m.patchesTried} fixed-print patches in place`,
  },
  {
    name: 'feature inliers',
    other: 6,
    threshold: 10,
    genuine: 20,
    value: (m) => m.inliers,
    describe: (m) => `${m.inliers} of ${m.matches} feature matches agree`,
  },
  {
    name: 'feature inlier share',
    other: 0.15,
    threshold: 0.3,
    genuine: 0.45,
    value: (m) => m.inlierRatio,
    describe: (m) => `feature inlier share ${m.inlierRatio.toFixed(2)}`,
  },
];

/** Feature inliers below which a side cannot be accepted (recognise skips its refinement). */
export const MIN_FEATURE_INLIERS = RAMPS[2]!.threshold;
/** Share of patches in place below which a side cannot be accepted. */
export const MIN_PATCH_SHARE = RAMPS[1]!.threshold;

function ramp(r: Ramp, v: number): number {
  if (!(v > r.other)) return 0;
  if (v >= r.genuine) return 1;
  return v < r.threshold ? (0.5 * (v - r.other)) / (r.threshold - r.other) : 0.5 + (0.5 * (v - r.threshold)) / (r.genuine - r.threshold);
}

/** The recognition score in [0, 1]: the weakest evidence's ramp (>= 0.5 exactly when every evidence clears its threshold). */
export function recognitionScore(m: FitMeasures): number {
  return Math.min(...RAMPS.map((r) => ramp(r, r.value(m))));
}

/** Every evidence with its value described, and whether it clears its threshold. */
export function evidences(m: FitMeasures): { readonly text: string; readonly passed: boolean }[] {
  return RAMPS.map((r) => ({ text: `${r.describe(m)} (threshold ${r.threshold})`, passed: r.value(m) >= r.threshold }));
}

/**
 * Share of tiles below the reported similarity: the lower quartile. A genuine document keeps every tile
 * correlated but for local damage (glare, a sticker, wear: up to a quarter of the tiles may fail); a
 * document with the same headings and labels but another background print keeps only the tiles dominated
 * by the headings and labels, about half on the bundled template (median 0.74-0.83 on other designs,
 * lower quartile 0.07-0.18).
 */
const SIMILARITY_QUANTILE = 0.25;

/** The fixed-print similarity from per-tile correlations (NaN = tile not compared): the lower quartile, negatives as 0. */
export function staticSimilarityOf(correlations: Float32Array): { similarity: number; tiles: number } {
  const values = Array.from(correlations).filter((v) => !Number.isNaN(v)).map((v) => Math.max(0, Math.min(1, v))).sort((a, b) => a - b);
  return { similarity: values.length ? values[Math.floor((values.length - 1) * SIMILARITY_QUANTILE)]! : 0, tiles: values.length };
}
