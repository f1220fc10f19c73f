/**
 * Check-digit-driven correction (Doc 9303 Part 3, 4.9): (a) repair characters a field cannot hold with
 * the reader's alternatives or OCR-B look-alikes, (b) when a check digit fails, search the alternatives
 * for the unique cheapest set of substitutions that makes it (and the composite) hold. Ties are left
 * uncorrected and recorded; confident readings without alternatives are never changed to fit a digit.
 */
import { lookAlikes } from './confusions';
import { charsetAllows } from './formats';
import type { MrzCharset } from './formats';
import type { MrzGrid, MrzPosition } from './grid';
import type { ResolvedCheck, ResolvedLayout } from './resolve';
import { positionKey } from './resolve';
import type { MrzAmbiguity, MrzCorrection } from './result';
import { isTie, solveCheck } from './search';
import type { Solution, Substitution } from './search';

/**
 * A reader at or above this score for its best candidate is taken at its word: look-alike substitutions
 * are not proposed there (only the reader's own alternatives). Below it the reader admits doubt.
 */
export const CONFIDENT_SCORE = 0.9;

/**
 * No single substitution may cost more: a reader that was 0.8 surer of the printed character than of the
 * alternative is not overruled by a check digit, because a failing digit is also what an altered MRZ looks like.
 */
export const MAX_SUBSTITUTION_COST = 0.8;

/** Cost of filling a position whose character is outside the MRZ alphabet (the reader saw a mark, not a letter). */
export const UNREADABLE_FILL_COST = 0.8;

/** Field solutions kept per check when searching jointly with the composite (bounds the product). */
const JOINT_SOLUTIONS_PER_FIELD = 6;

const WILDCARD: Readonly<Record<MrzCharset, string>> = {
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  digitsOrFiller: '0123456789',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
};

interface Choice {
  readonly char: string;
  readonly cost: number;
  readonly reason: string;
}

/** What correction produced. */
export interface CorrectionOutcome {
  readonly lines: string[];
  readonly corrections: MrzCorrection[];
  readonly ambiguities: MrzAmbiguity[];
}

function choicesAt(grid: MrzGrid, p: MrzPosition, charset: MrzCharset, isCheckDigit: boolean): { top: string; choices: Choice[] } {
  const candidates = grid[p.line]?.[p.column]?.candidates ?? [];
  const first = candidates[0];
  if (!first) return { top: '', choices: [] };
  const found = new Map<string, Choice>();
  const add = (c: Choice) => {
    if (!charsetAllows(charset, c.char) || c.cost > MAX_SUBSTITUTION_COST) return;
    const known = found.get(c.char);
    if (!known || c.cost < known.cost) found.set(c.char, c);
  };
  for (const c of candidates) add({ char: c.char, cost: Math.max(0, first.score - c.score), reason: `reader candidate '${c.char}' (score ${c.score.toFixed(2)})` });
  const forced = !charsetAllows(charset, first.char);
  if (first.score < CONFIDENT_SCORE || forced) for (const l of lookAlikes(first.char)) add({ char: l.char, cost: l.cost, reason: `OCR-B look-alike of '${first.char}': ${l.reason}` });
  const readable = /^[A-Z0-9<]$/.test(first.char);
  if (!readable && !isCheckDigit) for (const ch of WILDCARD[charset]) add({ char: ch, cost: UNREADABLE_FILL_COST, reason: `'${first.char}' is outside the MRZ alphabet; filled from the check digit` });
  return { top: first.char, choices: [...found.values()].sort((x, y) => x.cost - y.cost) };
}

/** Runs repair and search on `grid` laid out as `resolved`. */
export function correctMrz(grid: MrzGrid, resolved: ResolvedLayout): CorrectionOutcome {
  const chars = new Map<string, string>();
  const currentCost = new Map<string, number>();
  const choices = new Map<string, Choice[]>();
  const corrections: MrzCorrection[] = [];
  const ambiguities: MrzAmbiguity[] = [];
  const owner = (p: MrzPosition) => resolved.rules.get(positionKey(p))?.owner ?? 'unassigned';
  const at = (p: MrzPosition) => chars.get(positionKey(p)) ?? grid[p.line]?.[p.column]?.candidates[0]?.char ?? '';

  // (a) charset repair: a character the field cannot hold is replaced by the cheapest allowed choice.
  for (const [key, rule] of resolved.rules) {
    const [line, column] = key.split(':').map(Number) as [number, number];
    const p = { line, column };
    const { top, choices: list } = choicesAt(grid, p, rule.charset, rule.owner.startsWith('check:'));
    choices.set(key, list);
    chars.set(key, top);
    currentCost.set(key, 0);
    if (top === '' || charsetAllows(rule.charset, top)) continue;
    const [best, next] = list;
    if (!best || best.cost >= UNREADABLE_FILL_COST || (next && Math.abs(next.cost - best.cost) < 1e-6)) continue; // left to the check-digit search
    chars.set(key, best.char);
    currentCost.set(key, best.cost);
    corrections.push({ line, column, from: top, to: best.char, field: rule.owner, reason: `'${top}' is not allowed in ${rule.owner} (${rule.charset}); ${best.reason}`, cost: best.cost });
  }

  const alternatives = (p: MrzPosition): Substitution[] => {
    const key = positionKey(p);
    const current = chars.get(key) ?? '';
    const base = currentCost.get(key) ?? 0;
    return (choices.get(key) ?? []).filter((c) => c.char !== current).map((c) => ({ position: p, from: current, to: c.char, cost: Math.max(0, c.cost - base), reason: c.reason }));
  };
  const fieldChecks = resolved.checks.filter((c) => c.id !== 'composite');
  const composite = resolved.checks.find((c) => c.id === 'composite');
  const ownPositions = (check: ResolvedCheck) => [...check.data, check.digit];
  const perField = new Map(fieldChecks.map((check) => [check.id, solveCheck(check, at, ownPositions(check), alternatives)]));

  const apply = (changes: readonly Substitution[], why: string) => {
    for (const c of changes) {
      chars.set(positionKey(c.position), c.to);
      corrections.push({ line: c.position.line, column: c.position.column, from: c.from, to: c.to, field: owner(c.position), reason: `${why}; ${c.reason}`, cost: c.cost });
    }
  };
  const recordTie = (check: ResolvedCheck, solutions: readonly Solution[]) => {
    const best = solutions[0]?.cost ?? 0;
    const tied = solutions.filter((s) => Math.abs(s.cost - best) < 1e-6);
    ambiguities.push({
      check: check.id,
      cost: best,
      options: tied.map((s) => s.changes.map((c) => ({ line: c.position.line, column: c.position.column, from: c.from, to: c.to, field: owner(c.position), cost: c.cost }))),
      explanation: `${tied.length} equally cheap ways (cost ${best.toFixed(2)}) make the ${check.id} check digit hold; none applied`,
    });
  };

  const jointDone = composite ? solveJointly(composite, fieldChecks, perField, at, alternatives, apply, recordTie) : false;
  if (!jointDone) {
    for (const check of fieldChecks) {
      const solutions = perField.get(check.id) ?? [];
      if (solutions[0]?.changes.length === 0 || solutions.length === 0) continue;
      if (isTie(solutions)) recordTie(check, solutions);
      else apply(solutions[0]?.changes ?? [], `${check.id} check digit failed; cheapest unique fix`);
    }
  }
  const lines = grid.map((row, line) => row.map((cell, column) => chars.get(positionKey({ line, column })) ?? cell.candidates[0]?.char ?? '?').join(''));
  return { lines, corrections, ambiguities };
}

/**
 * Searches field fixes and composite-only fixes together, so that the composite can decide between
 * field fixes. Returns true when it settled every check it could (applied a unique cheapest combination).
 */
function solveJointly(
  composite: ResolvedCheck,
  fieldChecks: readonly ResolvedCheck[],
  perField: ReadonlyMap<string, Solution[]>,
  at: (p: MrzPosition) => string,
  alternatives: (p: MrzPosition) => Substitution[],
  apply: (changes: readonly Substitution[], why: string) => void,
  recordTie: (check: ResolvedCheck, solutions: readonly Solution[]) => void,
): boolean {
  const fieldKeys = new Set(fieldChecks.flatMap((c) => [...c.data, c.digit]).map(positionKey));
  const free = [...composite.data.filter((p) => !fieldKeys.has(positionKey(p))), composite.digit];
  const optionLists = fieldChecks.map((check) => {
    const solutions = perField.get(check.id) ?? [];
    return solutions.length === 0 ? [{ changes: [], cost: 0 }] : solutions.slice(0, JOINT_SOLUTIONS_PER_FIELD);
  });
  const combined: Solution[] = [];
  const walk = (index: number, chosen: Substitution[], cost: number) => {
    if (index === optionLists.length) {
      for (const s of solveCheck(composite, at, free, alternatives, chosen)) combined.push({ changes: [...chosen, ...s.changes], cost: cost + s.cost });
      return;
    }
    for (const option of optionLists[index] ?? []) walk(index + 1, [...chosen, ...option.changes], cost + option.cost);
  };
  walk(0, [], 0);
  combined.sort((x, y) => x.cost - y.cost);
  const best = combined[0];
  if (!best) return false;
  if (isTie(combined)) {
    recordTie(composite, combined);
    return false;
  }
  if (best.changes.length > 0) apply(best.changes, 'check digits failed; cheapest unique set of changes that makes the field and composite digits hold');
  return true;
}
