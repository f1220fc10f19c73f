/**
 * Copy-move detection (issue 4): regions of an image that reappear elsewhere in the same image, shifted,
 * possibly rotated or rescaled. Two complementary measurements, one map:
 *
 * - Keypoints (textured regions): ORB keypoints matched against the image itself with the g2NN ratio test
 *   (Amerini et al., IEEE TIFS 2011), grouped by a common similarity transform (sequential RANSAC), and
 *   verified densely by 7x7 correlation between each pixel and its transformed partner (Pan & Lyu, IEEE
 *   TIFS 2010). Handles rotation and rescaling.
 * - Blocks (smooth, low-contrast regions without corners): overlapping 16 px blocks described by their 4x4
 *   cell means, hashed, and voting for shift vectors (Fridrich et al., DFRWS 2003). Translation only.
 *
 * Both run on area-reduced luma: keypoints at `keypointLongSide`, blocks, dense verification and the map at
 * `blockLongSide`, so the cost is bounded whatever the input size; regions are reported in input pixels.
 * Known false positives: genuinely repeated content (tiled patterns, printed security backgrounds, text,
 * rows of identical objects) is matched like a copy. The g2NN test rejects keypoints with many equal
 * partners, and pairs whose content repeats once more along their own offset, or that overlap three other
 * pairs, are reported as a repeated pattern instead (repetition.ts). Two identical objects remain
 * indistinguishable from a copy; an object pasted twice at an equal spacing is taken for a pattern.
 * Known misses: copies moved by less than about one ORB patch or block (overlapping ends are excluded on
 * purpose), copies smaller than ~1.5 blocks at the block scale, and flat copies rotated or rescaled.
 */
import { loadOpenCv } from '../../imaging/opencv';
import type { ForensicIndicator, ForensicResult, GrayImage, RgbImage } from '../types';
import { matchBlocks } from './block-match';
import type { VerificationImage } from './candidates';
import { blockCandidate, joinsPattern, keypointCandidate } from './candidates';
import type { PairCandidate } from './combine';
import { copyMoveMap, mergeCandidates, pairIndicator, patternIndicator, separateRepeated } from './combine';
import { verifyTransform } from './dense-verify';
import { matchKeypointsToSelf } from './keypoints';
import { workingLuma } from './luma';
import type { CopyMoveOptions } from './options';
import { resolveCopyMoveOptions } from './options';
import { clusterByTransform } from './transform-clusters';

export type { CopyMoveOptions } from './options';
export { DEFAULT_COPY_MOVE_OPTIONS } from './options';

/** Smallest side analysed: ORB ignores a 31 px border, so below 64 px no keypoint patch fits twice. */
const MIN_SIDE = 64;
/**
 * Shortest working side kept when a long strip is reduced: 128 px hold two ORB patches with their 31 px
 * borders, 64 px (block image) hold several 16 px blocks above one another.
 */
const MIN_KEYPOINT_SHORT_SIDE = 128;
const MIN_BLOCK_SHORT_SIDE = 64;
/** ORB's patch diameter at its first pyramid level, keypoint working pixels. */
const ORB_PATCH = 31;
/**
 * A keypoint pair needs correlating pixels over a quarter of one ORB patch area: genuine copies correlate
 * around every matched corner, chance transforms at scattered pixels only.
 */
const MIN_VERIFIED_PATCH_FRACTION = 0.25;

/**
 * Detect copy-moved regions in an RGB or grey image (told apart by buffer length).
 *
 * Returns map `copy-move` (1 = the cell has a copy partner elsewhere in the image, both ends marked) and
 * one `copy-move.pair` indicator per pair: `region` is the end first in reading order ("source" by
 * convention only: which end is the original is not measured), `attributes.target` the other end, with
 * the matched count, the transform (input pixels, source -> target) and a correlation. The image score is
 * the highest pair score (0 with no pair). Pairs recognised as a repeated pattern (repetition.ts) are
 * reported as one info indicator `copy-move.repeated-pattern` per pattern and left off the map and the
 * score. An image smaller than 64 px gets an info indicator `copy-move.too-small` and score null.
 */
export async function detectCopyMove(image: RgbImage | GrayImage, options: Partial<CopyMoveOptions> = {}): Promise<ForensicResult> {
  const o = resolveCopyMoveOptions(options);
  const started = performance.now();
  const { width: W, height: H } = image;
  const kp = workingLuma(image, o.keypointLongSide, MIN_KEYPOINT_SHORT_SIDE);
  if (Math.min(W, H) < MIN_SIDE) {
    return {
      score: null,
      indicators: [{ kind: 'copy-move.too-small', severity: 'info', score: 0, region: null, summary: `Image ${W}x${H} px is below ${MIN_SIDE} px on a side: copy-move not measured.`, attributes: { width: W, height: H } }],
      maps: { 'copy-move': copyMoveMap(W, H, o.mapLongSide, null) },
      metrics: { totalMs: performance.now() - started },
    };
  }
  const lumaMs = performance.now() - started;
  const kpImage = kp.image;
  const cv = await loadOpenCv();
  let t = performance.now();
  const matches = matchKeypointsToSelf(cv, kpImage, o);
  const keypointsMs = performance.now() - t;
  t = performance.now();
  const clusters = clusterByTransform(matches, o);
  const clusterMs = performance.now() - t;

  // Verification, repetition test and blocks share one image: the block working image (the map's scale).
  t = performance.now();
  const bl = workingLuma(kpImage, o.blockLongSide, MIN_BLOCK_SHORT_SIDE);
  const r = (bl.scaleX + bl.scaleY) / 2;
  const vi: VerificationImage = { luma: bl.image, sx: bl.scaleX * kp.scaleX, sy: bl.scaleY * kp.scaleY, minCorrelation: o.minCorrelation, minDistance: o.minMatchDistance * r };
  const minPixels = MIN_VERIFIED_PATCH_FRACTION * (ORB_PATCH * r) ** 2;
  const keypointPairs: PairCandidate[] = [];
  for (const c of clusters) {
    const tv = { a: c.transform.a, b: c.transform.b, tx: c.transform.tx * r, ty: c.transform.ty * r };
    // A cluster overlapping a pair already measured periodic would join its pattern anyway (overlap rule):
    // it is kept as part of the pattern without the cost of verifying it (tiles give one per period).
    const inPattern = joinsPattern(c, r, keypointPairs, vi);
    if (inPattern) {
      keypointPairs.push(inPattern);
      continue;
    }
    const mask = new Uint8Array(bl.image.width * bl.image.height);
    const v = verifyTransform(bl.image, tv, c.sx.map((x) => x * r), c.sy.map((y) => y * r), o.minCorrelation, vi.minDistance, mask);
    if (v && v.pixels >= minPixels) keypointPairs.push(keypointCandidate(v, tv, c.sx.length, mask, vi));
  }
  const verifyMs = performance.now() - t;

  t = performance.now();
  const blocks = matchBlocks(bl.image, {
    blockSize: o.blockSize,
    step: o.blockStep,
    minTexture: o.minBlockTexture,
    minIsotropy: o.minBlockIsotropy,
    tolerance: o.blockTolerance,
    ratio: o.blockRatio,
    minSupport: o.minBlockSupport,
  });
  const blockPairs = blocks.pairs.map((p) => blockCandidate(p, vi));
  const blocksMs = performance.now() - t;

  const { pairs, patterns } = separateRepeated(mergeCandidates(keypointPairs, blockPairs));
  const indicators: ForensicIndicator[] = pairs.map((c) => pairIndicator(c, o)).sort((a, b) => b.score - a.score);
  indicators.push(...patterns.map(patternIndicator));
  const union = new Uint8Array(bl.image.width * bl.image.height);
  for (const c of pairs) for (let i = 0; i < union.length; i++) union[i]! |= c.mask[i]!;
  const map = copyMoveMap(W, H, o.mapLongSide, { data: union, width: bl.image.width, height: bl.image.height, sx: vi.sx, sy: vi.sy });
  return {
    score: indicators.reduce((m, i) => (i.kind === 'copy-move.pair' ? Math.max(m, i.score) : m), 0),
    indicators,
    maps: { 'copy-move': map },
    metrics: {
      keypointWorkingSize: [kpImage.width, kpImage.height],
      blockWorkingSize: [bl.image.width, bl.image.height],
      keypoints: matches.keypoints,
      keypointMatches: matches.count,
      transformClusters: clusters.length,
      keypointPairs: keypointPairs.length,
      blockPositions: blocks.metrics.positions,
      texturedBlocks: blocks.metrics.textured,
      blockComparisons: blocks.metrics.comparisons,
      acceptedBlockPairs: blocks.metrics.acceptedPairs,
      skippedBlockBuckets: blocks.metrics.skippedBuckets,
      blockPairs: blockPairs.length,
      repeatedPatterns: patterns.length,
      timingsMs: { luma: lumaMs, keypoints: keypointsMs, clusters: clusterMs, verify: verifyMs, blocks: blocksMs, total: performance.now() - started },
      parameters: o,
    },
  };
}
