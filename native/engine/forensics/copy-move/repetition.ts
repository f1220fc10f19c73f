/**
 * Telling a copy from a repeated pattern. A copy-move makes a region appear twice (three times when the
 * same object is pasted twice); printed backgrounds, tiles, fences and text (an MRZ's filler chevrons)
 * repeat many times. Two measurements flag a pair as part of a repeated pattern:
 *
 * - periodicity: the pair's offset, applied once more (target -> T(target), or source -> T^-1(source)),
 *   lands on the same content again for at least half of the correlating pixels;
 * - many instances: at least four pairs whose regions overlap one another.
 */
import type { Box, GrayImage } from '../types';
import { correlatedFraction } from './correlation-field';
import type { Similarity } from './similarity';
import { invertSimilarity } from './similarity';

/**
 * Half the pair's measurable pixels: a copy's third position holds unrelated content (a few percent
 * correlate by chance), a periodic pattern's holds the same content almost everywhere.
 */
export const PERIODIC_FRACTION = 0.5;
/**
 * Four overlapping pairs need at least four instances of the content; a copy makes one pair, an object
 * pasted twice makes three (A-B, A-C, B-C).
 */
export const MANY_PAIRS = 4;

/**
 * How much of the pair repeats once more along its own transform: the larger of the fractions of
 * correlating pixels between target and T(target), and between source and T^-1(source), 7x7 NCC at
 * `minCorrelation` (working pixels of `luma`).
 */
export function periodicFraction(luma: GrayImage, source: Box, target: Box, t: Similarity, minCorrelation: number, minDistance: number): number {
  const forward = correlatedFraction(luma, target, t, minCorrelation, minDistance);
  const backward = correlatedFraction(luma, source, invertSimilarity(t), minCorrelation, minDistance);
  return Math.max(forward, backward);
}

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Groups of pairs whose ends overlap (either end of one with either end of another), as lists of indices;
 * every pair is in exactly one group.
 */
export function overlapGroups(pairs: readonly { readonly source: Box; readonly target: Box }[]): number[][] {
  const parent = pairs.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const a = pairs[i]!, b = pairs[j]!;
      if (intersects(a.source, b.source) || intersects(a.source, b.target) || intersects(a.target, b.source) || intersects(a.target, b.target)) parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, number[]>();
  pairs.forEach((_, i) => {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()];
}
