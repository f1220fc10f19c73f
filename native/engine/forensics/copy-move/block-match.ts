/**
 * Block matching for copy-move detection (Fridrich et al., DFRWS 2003): similar blocks are found by hashing
 * their coarse appearance instead of Fridrich's lexicographic sort (same neighbours, linear time), every
 * similar non-overlapping pair votes for its shift vector, and shift vectors with enough votes whose blocks
 * form one connected region are reported. It covers what keypoints miss: copies of smooth, low-contrast
 * areas without corners, provided they are translated (not rotated or rescaled).
 */
import type { Box, GrayImage } from '../types';
import { blockFeatures } from './block-features';
import { acceptedBlockPairs } from './block-neighbours';
import { labelComponents } from './mask-ops';

/** One translated copy found by block matching, working pixels of the block image. */
export interface BlockPair {
  /** Shift from source to target, working pixels (target is later in reading order). */
  readonly dx: number;
  readonly dy: number;
  /** Region covered by the matching blocks at each end, working pixels. */
  readonly source: Box;
  readonly target: Box;
  /** Block positions (on the step grid) that matched with this shift. */
  readonly blocks: number;
  /** Mean absolute difference of the 16 cell means over the matching block pairs, 8-bit levels. */
  readonly meanDifference: number;
  /** Both ends' blocks (working pixels, 1 = has a copy partner), same size as the working image. */
  readonly mask: Uint8Array;
}

/** Block matching parameters (see CopyMoveOptions for their meaning and defaults). */
export interface BlockMatchParameters {
  readonly blockSize: number;
  readonly step: number;
  readonly minTexture: number;
  readonly minIsotropy: number;
  readonly tolerance: number;
  readonly ratio: number;
  readonly minSupport: number;
}

/** Pairs found and the counts behind them. */
export interface BlockMatchResult {
  readonly pairs: BlockPair[];
  readonly metrics: { readonly positions: number; readonly textured: number; readonly comparisons: number; readonly acceptedPairs: number; readonly skippedBuckets: number };
}

/** Shift groups examined at most (the strongest first); more on one image means a periodic pattern. */
const MAX_GROUPS = 16;

/**
 * Find translated copies in `luma`: blocks of side `blockSize` every `step` px (guards `minTexture`, `minIsotropy`)
 * whose best partner, at a shift of at least one block side (overlapping blocks are trivially similar),
 * differs by at most `tolerance` levels on average over the 16 cell means and passes the ratio test
 * (`ratio`, see block-neighbours.ts). Pairs vote for their shift; shifts within one step merge (smooth
 * content matches one step off too). A group's blocks form 8-connected regions on the step grid; regions
 * of at least a quarter of `minSupport` count as fragments of one copy (the texture guard punches holes
 * into smooth copies), and the group is reported when its fragments hold at least `minSupport` blocks.
 * Each pair carries a mask of both its ends.
 */
export function matchBlocks(luma: GrayImage, p: BlockMatchParameters): BlockMatchResult {
  const f = blockFeatures(luma, p.blockSize, p.step, p.minTexture, p.minIsotropy);
  const { width: w, height: h } = luma;
  const accepted = acceptedBlockPairs(f, p.tolerance, p.ratio);
  const metrics = { positions: f.positions, textured: f.count, comparisons: accepted.comparisons, acceptedPairs: accepted.count, skippedBuckets: accepted.skippedBuckets };
  // Votes per normalised shift (target later in reading order: dy > 0, or dy = 0 and dx > 0).
  const votes = new Int32Array((h + 1) * (2 * w + 1));
  const pairSource = new Int32Array(accepted.count), pairShift = new Int32Array(accepted.count);
  for (let k = 0; k < accepted.count; k++) {
    let i = accepted.a[k]!;
    const j = accepted.b[k]!;
    let dx = f.x[j]! - f.x[i]!, dy = f.y[j]! - f.y[i]!;
    if (dy < 0 || (dy === 0 && dx < 0)) {
      i = j;
      dx = -dx;
      dy = -dy;
    }
    const s = dy * (2 * w + 1) + dx + w;
    votes[s]!++;
    pairSource[k] = i;
    pairShift[k] = s;
  }
  const fragment = Math.max(1, Math.ceil(p.minSupport / 4));
  const shifts: number[] = [];
  for (let s = 0; s < votes.length; s++) if (votes[s]! >= fragment) shifts.push(s);
  shifts.sort((a, b) => votes[b]! - votes[a]!);
  const groups: number[][] = [];
  for (const s of shifts) {
    const [dx, dy] = shiftOf(s, w);
    const g = groups.find((members) => {
      const [gx, gy] = shiftOf(members[0]!, w);
      return Math.abs(gx - dx) <= p.step && Math.abs(gy - dy) <= p.step;
    });
    if (g) g.push(s);
    else if (groups.length < MAX_GROUPS) groups.push([s]);
  }
  const gw = Math.ceil((w - p.blockSize + 1) / p.step), gh = Math.ceil((h - p.blockSize + 1) / p.step);
  const out: BlockPair[] = [];
  for (const members of groups) {
    const inGroup = new Set(members);
    const at = new Uint8Array(gw * gh);
    const shiftAt = new Int32Array(at.length);
    const diffAt = new Float32Array(at.length);
    for (let k = 0; k < accepted.count; k++) {
      const s = pairShift[k]!;
      if (!inGroup.has(s)) continue;
      const b = pairSource[k]!;
      const g = (f.y[b]! / p.step) * gw + f.x[b]! / p.step;
      at[g] = 1;
      shiftAt[g] = s;
      diffAt[g] = accepted.difference[k]!;
    }
    const { labels, sizes } = labelComponents(at, gw, gh);
    const keep = new Uint8Array(sizes.length);
    let total = 0;
    for (let label = 1; label < sizes.length; label++) {
      if (sizes[label]! < fragment) continue;
      keep[label] = 1;
      total += sizes[label]!;
    }
    if (total >= p.minSupport) out.push(regionOf(labels, keep, shiftAt, diffAt, gw, p.step, w, h, p.blockSize, members[0]!));
  }
  out.sort((a, b) => b.blocks - a.blocks);
  return { pairs: out, metrics };
}

/** Box, vote count, mean difference and mask (both ends of its blocks) of the kept regions of a group. */
function regionOf(labels: Int32Array, keep: Uint8Array, shiftAt: Int32Array, diffAt: Float32Array, gw: number, step: number, w: number, h: number, B: number, representative: number): BlockPair {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1, blocks = 0, diff = 0;
  const mask = new Uint8Array(w * h);
  // Coverage by a 2-D difference array: +1/-1 at block corners, then prefix sums (O(area), not O(blocks*B^2)).
  const cover = new Int32Array((w + 1) * (h + 1));
  const addRect = (x: number, y: number) => {
    cover[y * (w + 1) + x]!++;
    cover[y * (w + 1) + x + B]!--;
    cover[(y + B) * (w + 1) + x]!--;
    cover[(y + B) * (w + 1) + x + B]!++;
  };
  for (let k = 0; k < labels.length; k++) {
    if (!keep[labels[k]!]) continue;
    const gx = k % gw;
    const x = gx * step, y = ((k - gx) / gw) * step;
    const [dx, dy] = shiftOf(shiftAt[k]!, w);
    addRect(x, y);
    addRect(x + dx, y + dy);
    blocks++;
    diff += diffAt[k]!;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const k = y * (w + 1) + x;
      if (x > 0) cover[k]! += cover[k - 1]!;
      if (y > 0) cover[k]! += cover[k - (w + 1)]!;
      if (x > 0 && y > 0) cover[k]! -= cover[k - (w + 1) - 1]!;
      if (cover[k]! > 0) mask[y * w + x] = 1;
    }
  }
  const [dx, dy] = shiftOf(representative, w);
  const source: Box = { x: x0, y: y0, width: x1 - x0 + B, height: y1 - y0 + B };
  return { dx, dy, source, target: { x: x0 + dx, y: y0 + dy, width: source.width, height: source.height }, blocks, meanDifference: diff / blocks, mask };
}

/** Shift index -> (dx, dy); shifts are normalised to dy > 0, or dy = 0 and dx > 0. */
function shiftOf(s: number, w: number): [number, number] {
  const dy = Math.floor(s / (2 * w + 1));
  return [s - dy * (2 * w + 1) - w, dy];
}

/** Pearson correlation of the pixels of `box` with those `dx, dy` further (the pair's two ends), in [-1, 1]. */
export function shiftCorrelation(luma: GrayImage, box: Box, dx: number, dy: number): number {
  const { width: w, height: h, data } = luma;
  let n = 0, si = 0, sj = 0, sii = 0, sjj = 0, sij = 0;
  for (let y = Math.max(0, box.y); y < Math.min(h, box.y + box.height, h - dy); y++) {
    for (let x = Math.max(0, box.x, -dx); x < Math.min(w, box.x + box.width, w - dx); x++) {
      const a = data[y * w + x]!, b = data[(y + dy) * w + x + dx]!;
      n++;
      si += a;
      sj += b;
      sii += a * a;
      sjj += b * b;
      sij += a * b;
    }
  }
  if (n < 2) return 0;
  const vi = sii - (si * si) / n, vj = sjj - (sj * sj) / n;
  return vi > 0 && vj > 0 ? (sij - (si * sj) / n) / Math.sqrt(vi * vj) : 0;
}
