/**
 * Nearest-neighbour search among block features and the 2-NN ratio test on blocks. Fridrich et al. (2003)
 * sort the features lexicographically and compare neighbouring rows; here the quantised low-frequency DCT
 * is hashed and each block probes the buckets its tolerance box touches (multi-probe hashing), which
 * finds every pair within the tolerance once, in time linear in the number of blocks. A block's best
 * partner is accepted only when it is clearly better than the best competitor elsewhere (Lowe's ratio
 * test, as the g2NN test does for keypoints): smooth content matches many places about equally well, a
 * copy matches one place much better than any other.
 */
import type { BlockFeatures } from './block-features';
import { KEY_DIMS } from './block-features';

/**
 * Tolerance box per coefficient: 2 levels, ~4 standard deviations of the change that recompression and
 * resampling cause (~0.5 per coefficient at the block scale); it also bounds which competitors the ratio
 * test sees.
 */
const DELTA = 2;
/**
 * Hash bin of a DCT coefficient, 8-bit levels (orthonormal DCT of cell means; DC = 4 x mean). At least
 * 2 * DELTA, so a tolerance box touches at most two bins per dimension; 8 = 4 * DELTA makes half the
 * dimensions need a second probe while keeping smooth-area buckets small.
 */
const BIN = 8;
/** Candidates kept per block (best first): room for the best partner's own neighbours and a competitor. */
const TOP = 8;
/** Buckets above 512 blocks are skipped: an appearance repeated that often is a uniform or periodic texture. */
const MAX_BUCKET = 512;
/**
 * Coefficients hashed (all KEY_DIMS are checked per candidate): 5 of 6 balances probes (1.5^5 ~ 8 per block)
 * against bucket sizes on smooth surfaces; measured fastest of 4, 5 and 6 over textured and smooth images.
 */
const HASH_DIMS = 5;

/** Block pairs whose best partner passed the tolerance and the ratio test. */
export interface AcceptedPairs {
  readonly count: number;
  /** Each accepted unordered pair once: the two blocks and their mean absolute cell difference (levels). */
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly difference: Float32Array;
  readonly comparisons: number;
  readonly skippedBuckets: number;
}

/**
 * For every block its best partner within `tolerance` (mean absolute difference of the 16 cell means, in
 * levels) at a shift of at least one block side, accepted when best < ratio * (best competitor at least
 * one block side away from the best partner).
 */
export function acceptedBlockPairs(f: BlockFeatures, tolerance: number, ratio: number): AcceptedPairs {
  const n = f.count;
  const B = f.blockSize;
  const area = (B / 4) ** 2;
  const limit = tolerance * 16 * area;
  const q = new Int32Array(n * KEY_DIMS);
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < KEY_DIMS; d++) q[i * KEY_DIMS + d] = Math.floor(f.dct[i * KEY_DIMS + d]! / BIN);
    keys[i] = hashTuple(q, i * KEY_DIMS);
  }
  const order = radixOrder(keys);
  const table = bucketTable(keys, order);
  const topSad = new Float32Array(n * TOP).fill(Infinity);
  const topIdx = new Int32Array(n * TOP).fill(-1);
  let comparisons = 0;
  const insert = (i: number, j: number, sad: number) => {
    const base = i * TOP;
    if (sad >= topSad[base + TOP - 1]!) return;
    let k = TOP - 1;
    while (k > 0 && topSad[base + k - 1]! > sad) {
      topSad[base + k] = topSad[base + k - 1]!;
      topIdx[base + k] = topIdx[base + k - 1]!;
      k--;
    }
    topSad[base + k] = sad;
    topIdx[base + k] = j;
  };
  const probe = new Int32Array(KEY_DIMS);
  const alt = new Int32Array(KEY_DIMS);
  for (let i = 0; i < n; i++) {
    let alts = 0;
    for (let d = 0; d < HASH_DIMS; d++) {
      const v = f.dct[i * KEY_DIMS + d]!, base = q[i * KEY_DIMS + d]!;
      const frac = v / BIN - base;
      alt[d] = frac * BIN < DELTA ? base - 1 : (1 - frac) * BIN <= DELTA ? base + 1 : base;
      if (alt[d] !== base) alts |= 1 << d;
    }
    // Every combination of base/alternative bins over the dimensions that have an alternative.
    for (let combo = alts; ; combo = (combo - 1) & alts) {
      for (let d = 0; d < HASH_DIMS; d++) probe[d] = combo & (1 << d) ? alt[d]! : q[i * KEY_DIMS + d]!;
      const slot = table.find(hashTuple(probe, 0));
      if (slot >= 0 && table.end[slot]! - table.start[slot]! <= MAX_BUCKET) {
        // Runs hold ascending block indices (the radix sort is stable): start at the first j > i.
        let lo = table.start[slot]!, hi = table.end[slot]!;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (order[mid]! <= i) lo = mid + 1;
          else hi = mid;
        }
        for (let p = lo; p < table.end[slot]!; p++) {
          const j = order[p]!;
          if (!withinBox(f.dct, i, j)) continue;
          if (Math.max(Math.abs(f.x[j]! - f.x[i]!), Math.abs(f.y[j]! - f.y[i]!)) < B) continue;
          comparisons++;
          let sad = 0;
          for (let c = 0, oi = i * 16, oj = j * 16; c < 16 && sad <= limit; c++) sad += Math.abs(f.cells[oi + c]! - f.cells[oj + c]!);
          if (sad > limit) continue;
          insert(i, j, sad);
          insert(j, i, sad);
        }
      }
      if (combo === 0) break;
    }
  }
  const best = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (passesRatio(f, topSad, topIdx, i, ratio)) best[i] = topIdx[i * TOP]!;
  const a: number[] = [], b: number[] = [], difference: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = best[i]!;
    if (j < 0 || (best[j] === i && j < i)) continue;
    a.push(i);
    b.push(j);
    difference.push(topSad[i * TOP]! / (16 * area));
  }
  return { count: a.length, a: Int32Array.from(a), b: Int32Array.from(b), difference: Float32Array.from(difference), comparisons, skippedBuckets: table.oversized };
}

function withinBox(dct: Float32Array, i: number, j: number): boolean {
  for (let d = 0; d < KEY_DIMS; d++) if (Math.abs(dct[i * KEY_DIMS + d]! - dct[j * KEY_DIMS + d]!) > DELTA) return false;
  return true;
}

/** Best < ratio * competitor, the competitor being the best candidate >= one block side from the best partner. */
function passesRatio(f: BlockFeatures, topSad: Float32Array, topIdx: Int32Array, i: number, ratio: number): boolean {
  const base = i * TOP;
  const bestIdx = topIdx[base]!;
  if (bestIdx < 0) return false;
  // Unknown competitor (none within the tolerance box): the best partner is unique, so it passes.
  let competitor = Infinity;
  for (let k = 1; k < TOP; k++) {
    const j = topIdx[base + k]!;
    if (j < 0) break;
    if (Math.max(Math.abs(f.x[j]! - f.x[bestIdx]!), Math.abs(f.y[j]! - f.y[bestIdx]!)) >= f.blockSize) {
      competitor = topSad[base + k]!;
      break;
    }
    // All kept candidates sit around the best partner: the true competitor is at least the last one kept.
    if (k === TOP - 1) competitor = topSad[base + k]!;
  }
  return topSad[base]! < ratio * competitor;
}

/** 32-bit hash of HASH_DIMS integers starting at `offset` (multiply-xorshift mixing). */
function hashTuple(t: Int32Array, offset: number): number {
  let h = 0x811c9dc5;
  for (let d = 0; d < HASH_DIMS; d++) {
    h = Math.imul(h ^ t[offset + d]!, 0x01000193);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Indices sorted by 32-bit key (two 16-bit LSD radix passes). */
function radixOrder(keys: Uint32Array): Int32Array {
  const n = keys.length;
  let src = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let dst = new Int32Array(n);
  for (const shift of [0, 16]) {
    const count = new Int32Array(65537);
    for (let i = 0; i < n; i++) count[((keys[i]! >>> shift) & 0xffff) + 1]!++;
    for (let k = 0; k < 65536; k++) count[k + 1]! += count[k]!;
    for (let p = 0; p < n; p++) {
      const i = src[p]!;
      dst[count[(keys[i]! >>> shift) & 0xffff]!++] = i;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/** Open-addressing table from key to the [start, end) run of `order` holding that key. */
function bucketTable(keys: Uint32Array, order: Int32Array): { find(key: number): number; start: Int32Array; end: Int32Array; oversized: number } {
  let capacity = 16;
  while (capacity < 2 * keys.length) capacity *= 2;
  const mask = capacity - 1;
  const slotKey = new Uint32Array(capacity), start = new Int32Array(capacity), end = new Int32Array(capacity);
  let oversized = 0;
  for (let p = 0; p < order.length; ) {
    const key = keys[order[p]!]!;
    let e = p + 1;
    while (e < order.length && keys[order[e]!] === key) e++;
    let s = key & mask;
    while (end[s] !== 0) s = (s + 1) & mask;
    slotKey[s] = key;
    start[s] = p;
    end[s] = e;
    if (e - p > MAX_BUCKET) oversized++;
    p = e;
  }
  const find = (key: number) => {
    for (let s = key & mask; end[s] !== 0; s = (s + 1) & mask) if (slotKey[s] === key) return s;
    return -1;
  };
  return { find, start, end, oversized };
}
