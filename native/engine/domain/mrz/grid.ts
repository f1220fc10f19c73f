/**
 * Turns the reader's output (plain strings or ranked candidates) into one grid of character positions
 * with ranked candidates, and records what had to be normalised on the way.
 */
import type { MrzIssue } from './result';
import type { CharCandidate, ReadLine } from './types';

/** One position: candidates best first (upper case, duplicates merged). Empty when nothing was read. */
export interface GridCell {
  readonly candidates: readonly CharCandidate[];
}

/** The input as positions, line by line. */
export type MrzGrid = readonly (readonly GridCell[])[];

/** A position in the MRZ. */
export interface MrzPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Score given to each character of a plain-string line. 1 means "as printed": the engine then never
 * proposes look-alike substitutions to satisfy a failing check digit, only charset repairs (a letter in
 * a date). Pass a lower value (below the confident threshold of correct.ts) for OCR text of unknown quality.
 */
export const DEFAULT_PLAIN_TEXT_SCORE = 1;

function isReadLine(line: string | ReadLine): line is ReadLine {
  return typeof line !== 'string';
}

function mergeCandidates(raw: readonly CharCandidate[]): CharCandidate[] {
  const best = new Map<string, number>();
  for (const c of raw) {
    const ch = c.char.toUpperCase();
    if (ch.length !== 1) continue;
    best.set(ch, Math.max(best.get(ch) ?? Number.NEGATIVE_INFINITY, Number.isFinite(c.score) ? c.score : 0));
  }
  return [...best.entries()].map(([char, score]) => ({ char, score })).sort((x, y) => y.score - x.score);
}

/**
 * The grid for `lines`. Plain strings are upper-cased and their whitespace removed (OCR often inserts
 * spaces; the MRZ has none, Doc 9303 Part 3, 4.3); each change is recorded as an issue.
 */
export function toGrid(lines: readonly (string | ReadLine)[], plainTextScore = DEFAULT_PLAIN_TEXT_SCORE): { grid: MrzGrid; issues: MrzIssue[] } {
  const issues: MrzIssue[] = [];
  const grid = lines.map((line, index) => {
    if (isReadLine(line)) return line.chars.map((c) => ({ candidates: mergeCandidates(c.candidates) }));
    let text = line;
    if (/\s/.test(text)) {
      issues.push({ kind: 'input.whitespace-removed', line: index, message: `line ${index + 1}: ${text.match(/\s/g)?.length ?? 0} whitespace character(s) removed` });
      text = text.replace(/\s+/g, '');
    }
    if (text !== text.toUpperCase()) {
      issues.push({ kind: 'input.lower-case', line: index, message: `line ${index + 1}: lower-case letters upper-cased` });
      text = text.toUpperCase();
    }
    return [...text].map((char) => ({ candidates: [{ char, score: plainTextScore }] }));
  });
  return { grid, issues };
}

/** Best candidate of every position, as strings (the `rawLines` of a result). */
export function bestLines(grid: MrzGrid): string[] {
  return grid.map((line) => line.map((cell) => cell.candidates[0]?.char ?? '?').join(''));
}
