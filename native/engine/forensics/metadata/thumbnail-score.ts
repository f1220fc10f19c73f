/**
 * How far a thumbnail/main-image difference lies beyond what genuine files show. Two measures of
 * luma-compare.ts are scored, the larger counts:
 *
 * - global: the normalised residual (mean absolute residual after the tone-curve fit / thumbnail
 *   standard deviation). Genuine camera thumbnails in the development corpus (Canon, Nikon, Apple,
 *   Google, Photoshop- and GIMP-written; 12 files) measured 0.03-0.13, sharp-written thumbnails of
 *   synthetic scenes 0.01-0.05; thumbnails of another synthetic scene 0.45-0.72. Score 0 at 0.2 (1.5x
 *   the largest genuine value), 1 at 0.5.
 * - local: the block with the largest mean residual, in 8-bit levels, counted only when it is also at
 *   least 6x the median block (a single region differs, not the whole rendering). Genuine corpus files:
 *   worst block 0.3-19.6 levels at up to 3.8x the median; synthetic genuine files up to 16 levels;
 *   regions of 5-20 % of the frame pasted from another scene: 30-100 levels. Score 0 at 25 levels
 *   (1.25x the largest genuine value), 1 at 75.
 */
import type { LumaComparison } from './luma-compare';

const GLOBAL_ZERO = 0.2;
const GLOBAL_FULL = 0.5;
const LOCAL_ZERO = 25;
const LOCAL_FULL = 75;
/** Worst block over median block: genuine corpus files reach 3.8; 6 leaves a margin, and pastes of 5 % of the frame or more exceed it in every synthetic test. */
const LOCAL_MIN_RATIO = 6;
/** Median block residual below one level is treated as one level, so a near-perfect match does not turn tiny noise into a large ratio. */
const MEDIAN_FLOOR = 1;
/** From this score on the indicator is a warning: the difference is beyond any genuine measurement by a clear margin (global residual 0.275, or a block 37.5 levels off). */
export const THUMBNAIL_WARNING_SCORE = 0.25;

export interface ThumbnailScore {
  readonly score: number;
  readonly global: number;
  readonly local: number;
  readonly localRatio: number;
}

const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));

/** Scores a comparison on the scale above: 0 = within what genuine thumbnails show, 1 = as different as another picture. */
export function thumbnailDifferenceScore(c: LumaComparison): ThumbnailScore {
  const global = clamp01((c.normalisedResidual - GLOBAL_ZERO) / (GLOBAL_FULL - GLOBAL_ZERO));
  const localRatio = c.worstBlock.meanAbsResidual / Math.max(MEDIAN_FLOOR, c.medianBlockResidual);
  const local = localRatio >= LOCAL_MIN_RATIO ? clamp01((c.worstBlock.meanAbsResidual - LOCAL_ZERO) / (LOCAL_FULL - LOCAL_ZERO)) : 0;
  return { score: Math.max(global, local), global, local, localRatio };
}
