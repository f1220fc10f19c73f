/**
 * The coarse placement of a questioned document (resized to the reference size) on a template side: for
 * each of the two turns a rectified document can have (0 and 180 degrees), ORB keypoints are matched within
 * COARSE_RADIUS of where that turn alone puts them (matching.ts) and a similarity transform is fitted by
 * RANSAC (similarity-fit.ts); the turn whose fit explains more pairs wins. Dense refinement (dense.ts)
 * then takes the placement to sub-pixel accuracy and to a full homography.
 */
import type { FeatureSet } from './features';
import { matchNear } from './matching';
import type { FeatureMatches } from './matching';
import { fitSimilarity, similarityMatrix } from './similarity-fit';
import type { SimilarityFit } from './similarity-fit';

/**
 * Search radius, as a share of the frame's diagonal (0.08 x 1195 = 96 reference px for ID-1): a
 * rectification off by a few pixels, a loose outline (~3 % of the size) and a rotation of up to ~4 degrees
 * (a corner moves 0.07 of the half-diagonal) all stay within it.
 */
const COARSE_RADIUS_SHARE = 0.08;
/**
 * Inlier distance of the similarity, in working px (half the reference's, FEATURE_SCALE): a rectified
 * document's residual perspective and shear (outline corners off by up to ~6 reference px) move points up
 * to ~6 reference px (3 working px) from the best similarity near the corners, and ORB keypoints sit on
 * their pyramid level's pixel grid (steps up to 1.7 px). 3 working px keeps those while a wrong pair within
 * the search radius lands that close with probability ~ (3 / 48)^2 = 0.4 %.
 */
const INLIER_PX = 3;

/** The better turn's coarse placement. */
export interface CoarsePlacement {
  readonly turned: 0 | 180;
  readonly matches: FeatureMatches;
  readonly fit: SimilarityFit;
  /** Work px → reference px. */
  readonly h: number[];
}

/** Place `questioned` on `reference` (both in the width x height working frame) for the better turn, or null. */
export function coarsePlacement(questioned: FeatureSet, reference: FeatureSet, width: number, height: number): { placement: CoarsePlacement | null; bestMatches: number } {
  const radius = COARSE_RADIUS_SHARE * Math.hypot(width, height);
  let best: CoarsePlacement | null = null;
  let bestMatches = 0;
  for (const turned of [0, 180] as const) {
    const prior = turned === 0 ? (x: number, y: number) => [x, y] as const : (x: number, y: number) => [width - 1 - x, height - 1 - y] as const;
    const matches = matchNear(questioned, reference, prior, radius, width, height);
    bestMatches = Math.max(bestMatches, matches.count);
    const fit = fitSimilarity(matches, INLIER_PX);
    if (!fit || (best && best.fit.inliers >= fit.inliers)) continue;
    best = { turned, matches, fit, h: similarityMatrix(fit) };
  }
  return { placement: best, bestMatches };
}
