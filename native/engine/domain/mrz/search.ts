/**
 * Bounded search for the cheapest character substitutions that make one check digit hold
 * (Doc 9303 Part 3, 4.9). Pure combinatorics; the costs and alternatives come from correct.ts.
 */
import { checkDigitHolds } from './checksum';
import type { MrzPosition } from './grid';
import { positionKey } from './resolve';
import type { ResolvedCheck } from './resolve';

/** One proposed change of one character. */
export interface Substitution {
  readonly position: MrzPosition;
  readonly from: string;
  readonly to: string;
  /** Extra cost over the current choice at that position. */
  readonly cost: number;
  readonly reason: string;
}

/** A set of substitutions that makes a check hold. */
export interface Solution {
  readonly changes: readonly Substitution[];
  readonly cost: number;
}

/**
 * At most 2 substitutions per check: a 7-3-1 digit catches every single wrong digit, and a pair of
 * look-alike errors is the most a reader plausibly makes in one field; with 3 or more free changes about
 * 1 in 10 random combinations satisfies the digit, so the digit would no longer be evidence.
 */
export const MAX_SUBSTITUTIONS_PER_CHECK = 2;

/** Costs closer than this are a tie (scores are floats from the reader). */
export const COST_TIE_EPSILON = 1e-6;

/** Current characters, with overrides. */
export type CharLookup = (position: MrzPosition) => string;

/** True when `check` holds on `chars` with `changes` applied. */
export function checkHolds(check: ResolvedCheck, chars: CharLookup, changes: readonly Substitution[] = []): boolean {
  const override = new Map(changes.map((c) => [positionKey(c.position), c.to]));
  const at = (p: MrzPosition) => override.get(positionKey(p)) ?? chars(p);
  const data = check.data.map(at).join('');
  if (check.data.some((p) => at(p).length !== 1)) return false;
  return checkDigitHolds(data, at(check.digit), check.fillerWhenEmpty);
}

/**
 * Every way, with up to `maxChanges` substitutions at `free` positions, to make `check` hold given the
 * fixed `base` changes; cheapest first. The empty solution is included when the check already holds.
 */
export function solveCheck(
  check: ResolvedCheck,
  chars: CharLookup,
  free: readonly MrzPosition[],
  alternatives: (position: MrzPosition) => readonly Substitution[],
  base: readonly Substitution[] = [],
  maxChanges = MAX_SUBSTITUTIONS_PER_CHECK,
): Solution[] {
  const options = free.map((p) => alternatives(p)).filter((list) => list.length > 0);
  const solutions: Solution[] = [];
  const consider = (changes: Substitution[]) => {
    if (checkHolds(check, chars, [...base, ...changes])) solutions.push({ changes, cost: changes.reduce((sum, c) => sum + c.cost, 0) });
  };
  consider([]);
  if (solutions.length > 0) return solutions;
  for (let i = 0; i < options.length; i++) {
    for (const first of options[i] ?? []) {
      consider([first]);
      if (maxChanges < 2) continue;
      for (let j = i + 1; j < options.length; j++) for (const second of options[j] ?? []) consider([first, second]);
    }
  }
  return solutions.sort((x, y) => x.cost - y.cost);
}

/** True when the two cheapest solutions cost the same (within COST_TIE_EPSILON). */
export function isTie(solutions: readonly Solution[]): boolean {
  const [best, next] = solutions;
  return best !== undefined && next !== undefined && Math.abs(next.cost - best.cost) < COST_TIE_EPSILON;
}
