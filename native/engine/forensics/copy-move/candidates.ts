/**
 * Pair candidates from the two methods, measured on the verification image (the block working image) and
 * expressed in input pixels: orientation (the end first in reading order is called the source), the
 * transform as an input-pixel affine matrix, and the repetition measurement.
 */
import type { Box, GrayImage } from '../types';
import type { BlockPair } from './block-match';
import { shiftCorrelation } from './block-match';
import type { PairCandidate } from './combine';
import { toInputBox } from './combine';
import type { VerifiedPair } from './dense-verify';
import { periodicFraction, PERIODIC_FRACTION } from './repetition';
import type { Similarity } from './similarity';
import { invertSimilarity, similarityToInputAffine } from './similarity';
import type { TransformCluster } from './transform-clusters';

/** The verification image and its scale from input pixels (working = input * (sx, sy)). */
export interface VerificationImage {
  readonly luma: GrayImage;
  readonly sx: number;
  readonly sy: number;
  readonly minCorrelation: number;
  /** Nearest partner distance measured, working pixels (overlapping windows correlate trivially). */
  readonly minDistance: number;
}

const centre = (b: Box) => [b.x + b.width / 2, b.y + b.height / 2] as const;
/** Source is the end whose centre comes first in reading order (top to bottom, then left to right). */
const laterInReading = (a: Box, b: Box) => centre(a)[1] > centre(b)[1] || (centre(a)[1] === centre(b)[1] && centre(a)[0] > centre(b)[0]);

/** A verified keypoint pair (transform `t` in verification pixels), oriented so that its source comes first. */
export function keypointCandidate(v: VerifiedPair, t: Similarity, inliers: number, mask: Uint8Array, image: VerificationImage): PairCandidate {
  let source = v.source, target = v.target, transform = t;
  if (laterInReading(source, target)) {
    [source, target] = [target, source];
    transform = invertSimilarity(t);
  }
  return {
    method: 'keypoints',
    source: toInputBox(source, image.sx, image.sy),
    target: toInputBox(target, image.sx, image.sy),
    affine: similarityToInputAffine(transform, image.sx, image.sy),
    keypointMatches: inliers,
    blocks: 0,
    similarity: v.meanCorrelation,
    periodic: periodicFraction(image.luma, source, target, transform, image.minCorrelation, image.minDistance),
    mask,
  };
}

/** A block pair (block shifts already point forward in reading order). */
export function blockCandidate(p: BlockPair, image: VerificationImage): PairCandidate {
  const t: Similarity = { a: 1, b: 0, tx: p.dx, ty: p.dy };
  return {
    method: 'blocks',
    source: toInputBox(p.source, image.sx, image.sy),
    target: toInputBox(p.target, image.sx, image.sy),
    affine: similarityToInputAffine(t, image.sx, image.sy),
    keypointMatches: 0,
    blocks: p.blocks,
    similarity: shiftCorrelation(image.luma, p.source, p.dx, p.dy),
    periodic: periodicFraction(image.luma, p.source, p.target, t, image.minCorrelation, image.minDistance),
    mask: p.mask,
  };
}

/**
 * The cluster as an unverified member of a repeated pattern when its keypoints (either end) fall in a pair
 * already measured periodic: boxes of its inliers, periodic fraction of that pair, empty mask. Else null.
 * `r` is the scale from keypoint working pixels to verification pixels.
 */
export function joinsPattern(c: TransformCluster, r: number, found: readonly PairCandidate[], vi: VerificationImage): PairCandidate | null {
  const bounds = (xs: readonly number[], ys: readonly number[]): Box => {
    const x0 = Math.min(...xs) * r, y0 = Math.min(...ys) * r;
    return { x: x0, y: y0, width: Math.max(...xs) * r - x0 + 1, height: Math.max(...ys) * r - y0 + 1 };
  };
  const source = toInputBox(bounds(c.sx, c.sy), vi.sx, vi.sy), target = toInputBox(bounds(c.tx, c.ty), vi.sx, vi.sy);
  const hit = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const periodic = found.find((p) => p.periodic >= PERIODIC_FRACTION && [p.source, p.target].some((b) => hit(b, source) || hit(b, target)));
  if (!periodic) return null;
  const t: Similarity = { a: c.transform.a, b: c.transform.b, tx: c.transform.tx * r, ty: c.transform.ty * r };
  return {
    method: 'keypoints',
    source,
    target,
    affine: similarityToInputAffine(t, vi.sx, vi.sy),
    keypointMatches: c.sx.length,
    blocks: 0,
    similarity: NaN,
    periodic: periodic.periodic,
    mask: new Uint8Array(vi.luma.width * vi.luma.height),
  };
}
