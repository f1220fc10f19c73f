/**
 * Near-duplicate grouping over perceptual hashes without an all-pairs comparison.
 *
 * Multi-index hashing: the 64-bit hash is cut into four 16-bit chunks, each indexed in its own
 * bucket table. If two hashes differ in at most `NEAR_DUPLICATE_MAX_DISTANCE` = 10 bits, by the pigeonhole
 * principle one of their chunks differs in at most floor(10 / 4) = 2 bits, so probing every chunk value
 * within 2 bits (137 per chunk) finds every pair: exact, not approximate. At 100k items a bucket holds
 * about 1.5 entries, so a query inspects a few hundred candidates instead of 100k.
 */
import { popcount32 } from './phash';

/**
 * Largest Hamming distance (of 64 bits) at which two images count as near-duplicates. Measured on this
 * project's generated phone folders (tests/integration/near-duplicates.test.ts): messenger-style copies
 * (resized, re-encoded, metadata stripped) at 0 bits, a slight crop at 4, a retouched copy at 2-12,
 * different scenes at 18 or more (435 pairs). 10 groups every messenger copy with room for harsher
 * re-compression while staying clear of unrelated images; heavily edited copies may fall outside.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 10;
const CHUNKS = 4;
const CHUNK_RADIUS = Math.floor(NEAR_DUPLICATE_MAX_DISTANCE / CHUNKS);

/** All 16-bit masks with at most `radius` bits set. */
function masksWithin(radius: number): number[] {
  const masks = [0];
  if (radius >= 1) for (let i = 0; i < 16; i++) masks.push(1 << i);
  if (radius >= 2) for (let i = 0; i < 16; i++) for (let j = i + 1; j < 16; j++) masks.push((1 << i) | (1 << j));
  if (radius >= 3) throw new Error('chunk radius above 2 is not supported');
  return masks;
}
const PROBE_MASKS = Int32Array.from(masksWithin(CHUNK_RADIUS));

export interface HashedItem {
  readonly id: number;
  readonly phash: string;
  /** Items with the same content hash never make a group on their own. */
  readonly contentKey: string;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size).map((_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Connected components of the "within NEAR_DUPLICATE_MAX_DISTANCE" graph. Returns item id → group id
 * (the smallest item id in the group) for every item in a group holding at least two different contents.
 */
export function nearDuplicateGroups(items: readonly HashedItem[], maxDistance = NEAR_DUPLICATE_MAX_DISTANCE): Map<number, number> {
  if (maxDistance > NEAR_DUPLICATE_MAX_DISTANCE) throw new Error(`index built for distances up to ${NEAR_DUPLICATE_MAX_DISTANCE}`);
  const n = items.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  items.forEach((item, i) => {
    hi[i] = parseInt(item.phash.slice(0, 8), 16) >>> 0;
    lo[i] = parseInt(item.phash.slice(8, 16), 16) >>> 0;
  });
  const chunk = (i: number, c: number) => (c < 2 ? hi[i]! >>> (16 * (1 - c)) : lo[i]! >>> (16 * (3 - c))) & 0xffff;

  // Compressed bucket tables: for each chunk, starts[value]..starts[value+1] index into members.
  const starts: Int32Array[] = [];
  const members: Int32Array[] = [];
  for (let c = 0; c < CHUNKS; c++) {
    const counts = new Int32Array(65537);
    for (let i = 0; i < n; i++) counts[chunk(i, c) + 1]!++;
    for (let v = 0; v < 65536; v++) counts[v + 1]! += counts[v]!;
    const fill = counts.slice(0, 65536);
    const list = new Int32Array(n);
    for (let i = 0; i < n; i++) list[fill[chunk(i, c)]!++] = i;
    starts.push(counts);
    members.push(list);
  }

  const sets = new UnionFind(n);
  const probes = PROBE_MASKS.length;
  for (let c = 0; c < CHUNKS; c++) {
    const start = starts[c]!;
    const list = members[c]!;
    for (let i = 0; i < n; i++) {
      const value = chunk(i, c);
      const hiI = hi[i]!;
      const loI = lo[i]!;
      for (let p = 0; p < probes; p++) {
        const bucket = value ^ PROBE_MASKS[p]!;
        const end = start[bucket + 1]!;
        for (let k = start[bucket]!; k < end; k++) {
          const j = list[k]!;
          if (j <= i) continue;
          if (popcount32((hiI ^ hi[j]!) >>> 0) + popcount32((loI ^ lo[j]!) >>> 0) <= maxDistance) sets.union(i, j);
        }
      }
    }
  }

  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    let group = byRoot.get(root);
    if (!group) byRoot.set(root, (group = []));
    group.push(i);
  }
  const result = new Map<number, number>();
  for (const group of byRoot.values()) {
    if (group.length < 2) continue;
    if (new Set(group.map((i) => items[i]!.contentKey)).size < 2) continue;
    const groupId = Math.min(...group.map((i) => items[i]!.id));
    for (const i of group) result.set(items[i]!.id, groupId);
  }
  return result;
}
