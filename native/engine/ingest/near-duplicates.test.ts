import { describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_MAX_DISTANCE, nearDuplicateGroups } from './near-duplicates';
import { hamming, perceptualHash } from './phash';

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const randomHash = (next: () => number) => Array.from({ length: 16 }, () => Math.floor(next() * 16).toString(16)).join('');
function flipBits(hash: string, count: number, next: () => number): string {
  const bits = BigInt(`0x${hash}`);
  const positions = new Set<number>();
  while (positions.size < count) positions.add(Math.floor(next() * 64));
  let out = bits;
  for (const p of positions) out ^= 1n << BigInt(p);
  return out.toString(16).padStart(16, '0');
}

describe('perceptual hash', () => {
  it('is 16 hex digits and stable under a brightness change', () => {
    const grey = new Uint8Array(1024).map((_, i) => ((i % 32) * 8 + Math.floor(i / 32) * 3) & 0xff);
    const brighter = grey.map((v) => Math.min(255, v + 10));
    const a = perceptualHash(grey);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hamming(a, perceptualHash(brighter))).toBeLessThanOrEqual(4);
  });

  it('counts differing bits', () => {
    expect(hamming('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hamming('00000000000000f0', '0000000000000000')).toBe(4);
  });
});

describe('near-duplicate index', () => {
  it('finds exactly the pairs an all-pairs comparison finds', () => {
    const next = rng(7);
    const items = Array.from({ length: 1500 }, (_, i) => ({ id: i + 1, phash: randomHash(next), contentKey: `c${i}` }));
    // Plant neighbours at every distance up to the threshold, and some just beyond it.
    for (let d = 0; d <= NEAR_DUPLICATE_MAX_DISTANCE + 3; d++) {
      const base = items[d * 10]!;
      items.push({ id: items.length + 1, phash: flipBits(base.phash, d, next), contentKey: `p${d}` });
    }
    const groups = nearDuplicateGroups(items);
    const parent = new Map(items.map((it) => [it.id, it.id]));
    const find = (x: number): number => (parent.get(x) === x ? x : find(parent.get(x)!));
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++)
        if (hamming(items[i]!.phash, items[j]!.phash) <= NEAR_DUPLICATE_MAX_DISTANCE) parent.set(find(items[j]!.id), find(items[i]!.id));
    for (const item of items) {
      const brute = items.filter((other) => find(other.id) === find(item.id));
      if (brute.length > 1) expect(groups.get(item.id)).toBe(Math.min(...brute.map((b) => b.id)));
      else expect(groups.has(item.id)).toBe(false);
    }
    expect(groups.size).toBeGreaterThanOrEqual(2 * (NEAR_DUPLICATE_MAX_DISTANCE + 1));
  });

  it('does not make a group out of copies of the same content alone', () => {
    const groups = nearDuplicateGroups([
      { id: 1, phash: 'a4b1653289f6711f', contentKey: 'same' },
      { id: 2, phash: 'a4b1653289f6711f', contentKey: 'same' },
    ]);
    expect(groups.size).toBe(0);
  });
});
