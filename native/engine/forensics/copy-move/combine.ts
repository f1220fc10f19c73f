/**
 * Turning keypoint pairs and block pairs into indicators and one map, in input pixels. A keypoint pair
 * and a block pair whose both ends overlap are one pair seen by both methods. Pairs that belong to a
 * repeated pattern (repetition.ts) are reported once per pattern, as information, and stay off the map.
 */
import type { Box, ForensicIndicator, ForensicMap } from '../types';
import type { CopyMoveOptions } from './options';
import { MANY_PAIRS, overlapGroups, PERIODIC_FRACTION } from './repetition';
import type { Affine, Similarity } from './similarity';
import { similarityRotationDegrees, similarityScale } from './similarity';

/** A pair in input pixels before it becomes an indicator. */
export interface PairCandidate {
  method: 'keypoints' | 'blocks' | 'keypoints+blocks';
  source: Box;
  target: Box;
  /** Source -> target in input pixels. */
  affine: Affine;
  keypointMatches: number;
  blocks: number;
  /** Keypoints: mean 7x7 NCC of the verified pixels (NaN when not verified); blocks: NCC of the two ends' pixels. */
  similarity: number;
  /**
   * Fraction of the pair that repeats once more along its own transform (repetition.ts); for a keypoint
   * cluster that was not verified because it falls in a periodic pair, that pair's fraction.
   */
  periodic: number;
  /** Both ends, working pixels of the verification image (1 = has a copy partner). */
  mask: Uint8Array;
}

/** Scale a working-pixel box to input pixels (working = input * s). */
export function toInputBox(b: Box, sx: number, sy: number): Box {
  return { x: Math.round(b.x / sx), y: Math.round(b.y / sy), width: Math.round(b.width / sx), height: Math.round(b.height / sy) };
}

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
};

/** Keypoint candidates, each absorbing the block candidates whose source and target both overlap its own. */
export function mergeCandidates(keypoints: PairCandidate[], blocks: PairCandidate[]): PairCandidate[] {
  const out = keypoints.map((c) => ({ ...c }));
  for (const b of blocks) {
    const k = out.find((c) => c.method !== 'blocks' && intersects(c.source, b.source) && intersects(c.target, b.target));
    if (!k) {
      out.push({ ...b });
      continue;
    }
    k.method = 'keypoints+blocks';
    k.source = union(k.source, b.source);
    k.target = union(k.target, b.target);
    k.blocks += b.blocks;
    k.periodic = Math.max(k.periodic, b.periodic);
    const mask = k.mask.slice();
    for (let i = 0; i < mask.length; i++) mask[i]! |= b.mask[i]!;
    k.mask = mask;
  }
  return out;
}

/** Candidates split into copy pairs and repeated-pattern groups (periodic, or in a group of MANY_PAIRS overlapping pairs). */
export function separateRepeated(candidates: PairCandidate[]): { pairs: PairCandidate[]; patterns: PairCandidate[][] } {
  const pairs: PairCandidate[] = [];
  const patterns: PairCandidate[][] = [];
  for (const group of overlapGroups(candidates)) {
    const members = group.map((i) => candidates[i]!);
    if (members.length >= MANY_PAIRS || members.some((c) => c.periodic >= PERIODIC_FRACTION)) patterns.push(members);
    else pairs.push(...members);
  }
  return { pairs, patterns };
}

/**
 * Indicator of one pair. Score = 1 - 0.5^support, where support is the larger of keypoint matches /
 * minInliers and blocks / minBlockSupport: 0.5 at the reporting threshold, 0.75 at twice it, -> 1 beyond.
 */
export function pairIndicator(c: PairCandidate, options: CopyMoveOptions): ForensicIndicator {
  const support = Math.max(c.keypointMatches / options.minInliers, c.blocks / options.minBlockSupport);
  const score = 1 - 0.5 ** support;
  const { shift, rotation, scale } = describe(c);
  const evidence = [
    c.keypointMatches > 0 ? `${c.keypointMatches} keypoint matches agree on one transform` : null,
    c.blocks > 0 ? `${c.blocks} overlapping blocks share one shift` : null,
  ]
    .filter((s) => s !== null)
    .join(' and ');
  return {
    kind: 'copy-move.pair',
    severity: score >= 0.75 ? 'warning' : 'notice',
    score,
    region: c.source,
    summary:
      `Region ${box(c.source)} matches region ${box(c.target)} (shift ${shift.dx}, ${shift.dy} px, rotation ${rotation} deg, scale ${scale}): ` +
      `${evidence}, correlation ${c.similarity.toFixed(2)}. Copy-move editing gives this; so does genuinely repeated content ` +
      `(identical objects, patterns). Which end is the original is not measured.`,
    attributes: {
      method: c.method,
      target: c.target,
      matched: c.keypointMatches > 0 ? c.keypointMatches : c.blocks,
      matchedUnit: c.keypointMatches > 0 ? 'keypoint matches' : 'blocks',
      keypointMatches: c.keypointMatches,
      blocks: c.blocks,
      transform: { matrix: c.affine, rotationDegrees: rotation, scale, shift },
      similarity: round3(c.similarity),
      periodicFraction: round3(c.periodic),
    },
  };
}

/** One info indicator for a group of pairs recognised as a repeated pattern (kept off the map and the score). */
export function patternIndicator(group: readonly PairCandidate[]): ForensicIndicator {
  const region = group.map((c) => union(c.source, c.target)).reduce(union);
  const periodic = Math.max(...group.map((c) => c.periodic));
  const why =
    periodic >= PERIODIC_FRACTION
      ? `${Math.round(periodic * 100)}% of the content repeats once more at the same offset`
      : `${group.length} overlapping pairs need at least ${MANY_PAIRS} instances`;
  return {
    kind: 'copy-move.repeated-pattern',
    severity: 'info',
    score: 0,
    region,
    summary:
      `Content in ${box(region)} repeats ${group.length === 1 ? 'at one offset' : `at ${group.length} offsets`} and ${why}: ` +
      `a repeated pattern (print, tiles, text) rather than a single copy; not counted as a copy-move pair.`,
    attributes: {
      pairs: group.map((c) => ({ source: c.source, target: c.target, shift: describe(c).shift, method: c.method, periodicFraction: round3(c.periodic) })),
      periodicFraction: round3(periodic),
    },
  };
}

/**
 * The `copy-move` map: 1 for cells whose centre is set in the mask (has a copy partner), else 0. cellSize
 * is the smallest integer keeping the long side within `mapLongSide` cells; `mask` is in working pixels,
 * working = input * (sx, sy).
 */
export function copyMoveMap(width: number, height: number, mapLongSide: number, mask: { data: Uint8Array; width: number; height: number; sx: number; sy: number } | null): ForensicMap {
  const cellSize = Math.max(1, Math.ceil(Math.max(width, height) / mapLongSide));
  const mw = Math.ceil(width / cellSize), mh = Math.ceil(height / cellSize);
  const data = new Float32Array(mw * mh);
  if (mask) {
    for (let y = 0; y < mh; y++) {
      const wy = Math.min(mask.height - 1, Math.floor(Math.min(height - 1, (y + 0.5) * cellSize) * mask.sy));
      for (let x = 0; x < mw; x++) {
        const wx = Math.min(mask.width - 1, Math.floor(Math.min(width - 1, (x + 0.5) * cellSize) * mask.sx));
        if (mask.data[wy * mask.width + wx]) data[y * mw + x] = 1;
      }
    }
  }
  return { width: mw, height: mh, cellSize, data, scale: { unit: 'has a copy partner (1) or not (0)', range: [0, 1], higherIsSuspicious: true } };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
const box = (r: Box) => `${r.width}x${r.height} px at (${r.x}, ${r.y})`;

/** Shift of the source centre, rotation and scale (from the first column: exact for a similarity). */
function describe(c: PairCandidate): { shift: { dx: number; dy: number }; rotation: number; scale: number } {
  const [m00, m01, m02, m10, m11, m12] = c.affine;
  const cx = c.source.x + c.source.width / 2, cy = c.source.y + c.source.height / 2;
  const sim: Similarity = { a: m00, b: m10, tx: m02, ty: m12 };
  return {
    shift: { dx: Math.round(m00 * cx + m01 * cy + m02 - cx), dy: Math.round(m10 * cx + m11 * cy + m12 - cy) },
    rotation: Math.round(similarityRotationDegrees(sim) * 10) / 10,
    scale: round3(similarityScale(sim)),
  };
}
