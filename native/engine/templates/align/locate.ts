/**
 * Locating a template side inside a larger image, for captures where no document outline was found (a card on
 * a scanner platen or a table whose MRZ the finder could not read): the side's fixed-print ORB features are
 * matched against the whole image without a prior (best neighbour by Hamming distance, Lowe's ratio test), a
 * RANSAC homography maps the image into the side's reference frame, and the reference's outline projected into
 * the image must be a plausible card: convex, large enough, not mirrored, its sides in the side's proportions
 * within perspective. The image is then warped to the side's canonical size, ready for recognition, which
 * applies all its own evidence thresholds: locating proposes where a card might be, recognition decides.
 *
 * Repeated print (the same label glyph, guilloche crossings) makes a whole-image ratio test reject many correct
 * pairs (matching.ts); a card still leaves tens of distinctive ones (headings, emblem, labels), enough for a
 * homography.
 */
import type { Cv } from '../../imaging/opencv';
import { loadOpenCv } from '../../imaging/opencv';
import { rgbToGray } from '../../imaging/decode';
import type { Point, RgbImage } from '../../imaging/raster';
import { detectFeatures } from './features';
import type { FeatureSet } from './features';
import { compose, fitHomography, invert, project, scaling } from './geometry';
import { hamming, words } from './matching';
import type { FeatureMatches } from './matching';
import type { PreparedSide } from './prepared-side';
import { resizeGray } from './questioned';
import { warpInto } from './warp';

/** A side located in an image: the image warped into the side's frame and where the card lies in the image. */
export interface LocatedSide {
  /** The image region warped to the side's reference size (a template-guided rectification). */
  readonly rectified: RgbImage;
  /** The side's corners in image pixels: top-left, top-right, bottom-right, bottom-left. */
  readonly quad: readonly Point[];
  /** Feature pairs the homography explains. */
  readonly inliers: number;
  /** 3x3 row-major homography: image pixels → the side's reference frame (= `rectified`'s pixels). */
  readonly toSide: readonly number[];
}

/**
 * Working size of the image, longer side in px: 1.5 times the side's feature frame, so a card filling 40-100 %
 * of the image stands at 0.6-1.5 times the reference features' scale, inside ORB's pyramid (below).
 */
const WORK_SHARE = 1.5;
/** Keypoints on the whole image: a card filling half of it keeps ~1000 of them, the rest falls on the background. */
const IMAGE_KEYPOINTS = 3000;
/** Lowe's ratio and largest Hamming distance, as matching.ts (Lowe's 0.8; 80 of 256 bits). */
const RATIO = 0.8;
const MAX_HAMMING = 80;
/** RANSAC inlier distance in reference feature-frame px: 3 px, as the coarse placement's (estimate.ts). */
const INLIER_PX = 3;
/**
 * Pairs the homography must explain: a genuine card on a platen or table gave 20-60 (development seeds of the
 * template set); a homography from 12 random pairs within 3 px is beyond chance with thousands of candidates.
 */
const MIN_INLIERS = 12;
/** The located card covers at least 8 % of the image (a card in a photo smaller than that lacks the detail). */
const MIN_AREA_SHARE = 0.08;
/** Opposite sides of the projected outline within 1.6:1 of each other (a strongly tilted phone photo reaches ~1.3). */
const MAX_SIDE_RATIO = 1.6;

/** Every questioned keypoint's best reference partner, kept when it passes the ratio test and the distance bound. */
function matchGlobal(q: FeatureSet, r: FeatureSet): FeatureMatches {
  const qw = words(q.descriptors);
  const rw = words(r.descriptors);
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < q.count; i++) {
    let best = 257;
    let second = 257;
    let bestJ = -1;
    for (let j = 0; j < r.count; j++) {
      const d = hamming(qw, i, rw, j);
      if (d < best) [second, best, bestJ] = [best, d, j];
      else if (d < second) second = d;
    }
    if (bestJ >= 0 && best <= MAX_HAMMING && best < RATIO * second) pairs.push([i, bestJ, best]);
  }
  // One questioned partner per reference keypoint, the closest.
  const byRef = new Map<number, [number, number, number]>();
  for (const p of pairs) if (!byRef.has(p[1]) || byRef.get(p[1])![2] > p[2]) byRef.set(p[1], p);
  const kept = [...byRef.values()];
  return {
    count: kept.length,
    qx: Float32Array.from(kept, (p) => q.x[p[0]]!),
    qy: Float32Array.from(kept, (p) => q.y[p[0]]!),
    rx: Float32Array.from(kept, (p) => r.x[p[1]]!),
    ry: Float32Array.from(kept, (p) => r.y[p[1]]!),
  };
}

/** Twice the signed area of a polygon (positive: clockwise in image coordinates). */
function signedArea2(p: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % p.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

/** Why the projected outline is not a plausible card in a `w` x `h` image, or null. */
export function outlineProblem(quad: readonly Point[], w: number, h: number, sideAspect: number): string | null {
  const area = signedArea2(quad) / 2;
  if (!(area > 0)) return 'the outline is mirrored or degenerate';
  for (let i = 0; i < 4; i++) {
    const [a, b, c] = [quad[i]!, quad[(i + 1) % 4]!, quad[(i + 2) % 4]!];
    if ((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) <= 0) return 'the outline is not convex';
  }
  if (area < MIN_AREA_SHARE * w * h) return `the outline covers ${((100 * area) / (w * h)).toFixed(1)} % of the image, under ${MIN_AREA_SHARE * 100} %`;
  const len = (i: number) => Math.hypot(quad[(i + 1) % 4]![0] - quad[i]![0], quad[(i + 1) % 4]![1] - quad[i]![1]);
  const [top, right, bottom, left] = [len(0), len(1), len(2), len(3)];
  const ratio = (a: number, b: number) => Math.max(a, b) / Math.max(1e-9, Math.min(a, b));
  if (ratio(top, bottom) > MAX_SIDE_RATIO || ratio(left, right) > MAX_SIDE_RATIO) return 'opposite sides of the outline differ beyond perspective';
  const aspect = (top + bottom) / (left + right);
  if (ratio(aspect, sideAspect) > MAX_SIDE_RATIO) return `the outline's proportions ${aspect.toFixed(2)}:1 are far from the side's ${sideAspect.toFixed(2)}:1`;
  return null;
}

/**
 * Locate `side` in `image` (see the module comment): the warped card and its outline, or the reason it was not
 * found. Recognition must still accept the result.
 */
export async function locateSide(image: RgbImage, side: PreparedSide): Promise<LocatedSide | { readonly reason: string }> {
  const cv: Cv = await loadOpenCv();
  const longer = Math.max(image.width, image.height);
  const target = WORK_SHARE * Math.max(side.featureWidth, side.featureHeight);
  const k = Math.min(1, target / longer);
  const ww = Math.max(1, Math.round(image.width * k));
  const wh = Math.max(1, Math.round(image.height * k));
  const features = detectFeatures(cv, resizeGray(cv, rgbToGray(image), ww, wh), IMAGE_KEYPOINTS);
  const matches = matchGlobal(features, side.features);
  const fit = fitHomography(cv, matches, INLIER_PX);
  if (!fit || fit.inliers < MIN_INLIERS) return { reason: `${fit?.inliers ?? 0} of ${matches.count} whole-image feature matches agree on a placement, fewer than ${MIN_INLIERS}` };
  // Image px → working px → feature frame → reference px.
  const toReference = compose(scaling(side.width / side.featureWidth, side.height / side.featureHeight), compose(fit.h, scaling(ww / image.width, wh / image.height)));
  const back = invert(toReference);
  if (!back) return { reason: 'the placement cannot be inverted' };
  const quad: Point[] = ([[0, 0], [side.width, 0], [side.width, side.height], [0, side.height]] as const).map(([x, y]) => project(back, x, y));
  const problem = outlineProblem(quad, image.width, image.height, side.width / side.height);
  if (problem) return { reason: problem };
  return { rectified: warpInto(image, toReference, side.width, side.height).image, quad, inliers: fit.inliers, toSide: toReference };
}
