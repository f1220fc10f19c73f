/**
 * Alignment of a questioned (already rectified) document to a template side:
 * 1. coarse placement: ORB features matched near where a turn of 0 or 180 degrees puts them, a similarity
 *    fitted by RANSAC (estimate.ts), checked for plausibility (geometry.ts);
 * 2. dense refinement: the side's textured fixed-print patches located by normalised cross-correlation,
 *    twice (a wide search on every second patch, then a narrow one on all), each time a RANSAC homography
 *    (dense.ts);
 * 3. the document warped into the reference frame (warp.ts) and its fixed print compared with the
 *    reference's (gradient-tiles.ts); score.ts turns the measures into a recognition score.
 */
import type { Cv } from '../../imaging/opencv';
import { loadOpenCv } from '../../imaging/opencv';
import { rgbToGray } from '../../imaging/decode';
import type { RgbImage } from '../../imaging/raster';
import { refineDense } from './dense';
import type { DenseFit } from './dense';
import { coarsePlacement } from './estimate';
import { checkPlausible, compose, scaling } from './geometry';
import { gradientField, tileCorrelations } from './gradient-tiles';
import type { PreparedSide } from './prepared-side';
import { questionedFeatures } from './questioned';
import type { QuestionedFeatures } from './questioned';
import { recognitionScore, staticSimilarityOf } from './score';
import { warpInto } from './warp';

export interface Alignment {
  /** 3x3 row-major homography: questioned (as given, before any turn) pixels → reference pixels. */
  readonly homography: readonly number[];
  /** The questioned document warped into the reference frame (reference width x height). */
  readonly aligned: RgbImage;
  /** Share of the reference frame the questioned document covers, [0, 1]. */
  readonly coverage: number;
  /**
   * Per reference pixel (row-major, reference width x height): 1 where the questioned document covers it, 0
   * where the warp replicated the questioned image's border (the capture or the straightened card ends there).
   */
  readonly covered: Uint8Array;
  /** The questioned document was upside down (the homography includes the half turn). */
  readonly turned: 0 | 180;
  /** ORB feature matches found near their expected place (coarse placement), and how many the placement explains. */
  readonly matches: number;
  readonly inliers: number;
  readonly inlierRatio: number;
  /** Median reprojection error of the inliers of the final fit (dense patches; features when refinement failed), reference px. */
  readonly medianErrorPx: number;
  /** Dense refinement: fixed-print patches tried, located (clear correlation peak), and explained by the homography. */
  readonly patchesTried: number;
  readonly patchesLocated: number;
  readonly patchInliers: number;
  /**
   * Similarity of the template's fixed print after alignment, [0, 1]: outside the variable zones (kinds
   * text, portrait, signature, mrz), the lower quartile over the reference's structured tiles of the ZNCC of
   * gradient magnitude (gradient-tiles.ts, score.ts), negatives as 0.
   */
  readonly staticSimilarity: number;
  /** How many reference tiles the similarity was measured on. */
  readonly tilesCompared: number;
  /** Recognition score in [0, 1] (score.ts): the weakest of the evidences above, 0.5 at its acceptance threshold. */
  readonly score: number;
}

/** An alignment, or why none could be made. */
export type AlignmentAttempt = { readonly alignment: Alignment; readonly reason: null } | { readonly alignment: null; readonly reason: string };

/**
 * Smallest questioned document, as a share of the reference's size: below a quarter of the 300-dpi
 * canonical size (75 dpi) the fixed print's detail (labels, guilloche) is gone and ORB's 31-px patches
 * cover a fifth of a card's height, so nothing reliable can be matched.
 */
const MIN_SIZE_SHARE = 0.25;
/**
 * Largest aspect-ratio difference from the reference, relative: a rectified document has its format's
 * proportions (ID-1 1.586, ID-2 1.419, ID-3 1.420) to within the outline's error of ~1 %; 8 % refuses
 * another format without features while tolerating a loose outline.
 */
const MAX_ASPECT_DIFFERENCE = 0.08;
/** Fewer questioned keypoints than this: a blank or featureless image (a card has hundreds). */
const MIN_KEYPOINTS = 8;
/** Search radius of the first dense pass, reference px: the coarse similarity leaves up to ~9 px at the corners (measured 5-9 px). */
const FIRST_SEARCH_PX = 10;
/** The first pass uses every second patch: enough for a homography within a pixel or two, at half the cost. */
const FIRST_STRIDE = 2;
/** Search radius of the second pass, all patches: the first pass leaves < 2.5 px at the corners (measured). */
const SECOND_SEARCH_PX = 3;

/** Why `questioned` cannot be compared with `side` at all (size, proportions), or null. */
export function precheck(questioned: RgbImage, side: PreparedSide): string | null {
  if (!(questioned.width >= 1 && questioned.height >= 1) || questioned.data.length !== questioned.width * questioned.height * 3) return 'the image is empty or malformed';
  if (questioned.width < MIN_SIZE_SHARE * side.width || questioned.height < MIN_SIZE_SHARE * side.height) {
    return `the image (${questioned.width} x ${questioned.height} px) is smaller than a quarter of the reference (${side.width} x ${side.height} px)`;
  }
  const qa = questioned.width / questioned.height;
  const ra = side.width / side.height;
  if (Math.abs(qa / ra - 1) > MAX_ASPECT_DIFFERENCE) return `its proportions (${qa.toFixed(3)}:1) differ from the template side's (${ra.toFixed(3)}:1) by more than ${MAX_ASPECT_DIFFERENCE * 100} %`;
  return null;
}

/** Early exits for recognition: sides that cannot be accepted stop before the costly steps. */
export interface EarlyExit {
  /** Coarse placements explaining fewer feature matches stop before refinement. */
  readonly minInliers: number;
  /**
   * A first refinement pass placing a smaller share of its patches stops before the second pass. The first
   * pass uses every second patch, so its share estimates the final one: measured on genuine cards >= 0.89
   * (worst case, blur 2 + JPEG 40 + noise + turn), on other designs and layouts <= 0.37.
   */
  readonly minPatchShare: number;
}

/** Align `questioned` to `side` with features already computed in the side's feature frame; `early` as in EarlyExit. */
export function alignWithFeatures(cv: Cv, questioned: RgbImage, q: QuestionedFeatures, side: PreparedSide, early?: EarlyExit): AlignmentAttempt {
  const refused = precheck(questioned, side);
  if (refused) return { alignment: null, reason: refused };
  if (q.features.count < MIN_KEYPOINTS) return { alignment: null, reason: `no features: ${q.features.count} keypoints found (a blank or featureless image)` };
  const { placement, bestMatches } = coarsePlacement(q.features, side.features, side.featureWidth, side.featureHeight);
  if (!placement) return { alignment: null, reason: `no consistent placement: at most ${bestMatches} feature matches near their expected place, no 8 of them agreeing` };
  const { matches, fit } = placement;
  if (early && fit.inliers < early.minInliers) return { alignment: null, reason: `${fit.inliers} of ${matches.count} feature matches agree on a placement, fewer than ${early.minInliers}` };
  const toFeatureFrame = scaling(q.workWidth / q.width, q.workHeight / q.height);
  const fromFeatureFrame = scaling(side.width / side.featureWidth, side.height / side.featureHeight);
  const coarse = compose(fromFeatureFrame, compose(placement.h, toFeatureFrame));
  const coarseOk = checkPlausible(coarse, q.width, q.height, side.width, side.height);
  if (!coarseOk.ok) return { alignment: null, reason: `the best placement (${fit.inliers} of ${matches.count} feature matches) is not that of a rectified document: ${coarseOk.reason}` };
  const gray = q.gray;
  const first = refineDense(cv, gray, coarse, side.gray, side.patches, FIRST_SEARCH_PX, FIRST_STRIDE);
  if (early) {
    const share = first ? first.fit.inliers / first.tried : 0;
    if (share < early.minPatchShare) return { alignment: null, reason: `${first?.fit.inliers ?? 0} of ${first?.tried ?? 0} fixed-print patches found in place in the first refinement pass, a share below ${early.minPatchShare}` };
  }
  const second = first ? refineDense(cv, gray, first.h, side.gray, side.patches, SECOND_SEARCH_PX) : null;
  let dense: DenseFit | null = second ?? first;
  let turned = coarseOk.turned;
  if (dense) {
    const ok = checkPlausible(dense.h, q.width, q.height, side.width, side.height);
    if (ok.ok) turned = ok.turned;
    else dense = null;
  }
  const homography = dense?.h ?? coarse;
  const warped = warpInto(questioned, homography, side.width, side.height);
  const field = gradientField(cv, rgbToGray(warped.image));
  const covered = shrinkCoverage(warped.covered, side.width, side.height, field.width, field.height);
  const { similarity: staticSimilarity, tiles } = staticSimilarityOf(tileCorrelations(side.gradient, field, side.tiles, side.gradientMask, covered));
  let coveredCount = 0;
  for (const c of warped.covered) coveredCount += c;
  const measured = {
    matches: matches.count,
    inliers: fit.inliers,
    inlierRatio: matches.count ? fit.inliers / matches.count : 0,
    // The similarity's residuals are in feature-frame px: scaled to reference px.
    medianErrorPx: dense ? dense.fit.medianErrorPx : fit.medianErrorPx * (side.width / side.featureWidth),
    patchesTried: side.patches.count,
    patchesLocated: dense ? dense.located : 0,
    patchInliers: dense ? dense.fit.inliers : 0,
    staticSimilarity,
  };
  return {
    alignment: { homography, aligned: warped.image, coverage: coveredCount / warped.covered.length, covered: warped.covered, turned, ...measured, tilesCompared: tiles, score: recognitionScore(measured) },
    reason: null,
  };
}

/** Shrink a full-resolution coverage mask to the gradient field's size: a working pixel is covered when its whole block is. */
function shrinkCoverage(covered: Uint8Array, width: number, height: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  const sx = width / w, sy = height / h;
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * sy), y1 = Math.min(height, Math.ceil((y + 1) * sy));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * sx), x1 = Math.min(width, Math.ceil((x + 1) * sx));
      let all = 1;
      for (let yy = y0; yy < y1 && all; yy++) for (let xx = x0; xx < x1; xx++) if (!covered[yy * width + xx]) { all = 0; break; }
      out[y * w + x] = all;
    }
  }
  return out;
}

/**
 * Align `questioned` (a rectified document, possibly upside down) to `side`: the homography into the
 * reference frame, the warped document and the measures of fit, or null when no plausible alignment exists
 * (too small, wrong proportions, featureless, no consistent placement, an implausible transform). A
 * non-null alignment is not yet a recognition: its `score` says how well the document follows the side.
 */
export async function alignToSide(questioned: RgbImage, side: PreparedSide): Promise<Alignment | null> {
  return (await tryAlignToSide(questioned, side)).alignment;
}

/** As alignToSide, with the reason when no alignment is found. */
export async function tryAlignToSide(questioned: RgbImage, side: PreparedSide): Promise<AlignmentAttempt> {
  const refused = precheck(questioned, side);
  if (refused) return { alignment: null, reason: refused };
  const cv = await loadOpenCv();
  return alignWithFeatures(cv, questioned, questionedFeatures(cv, questioned, side.featureWidth, side.featureHeight), side);
}
