/**
 * Test support: builds reader output (ReadLine) from MRZ strings with chosen candidate lists, the way
 * the OCR-B reader hands it over. Used by the engine's tests only.
 */
import type { CharCandidate, ReadLine } from './types';

/** A position whose candidates differ from "the printed character at `score`". */
export interface CandidateOverride {
  readonly line: number;
  readonly column: number;
  readonly candidates: readonly CharCandidate[];
}

/** Each character of `lines` as one candidate at `score`, except the overridden positions. */
export function readLines(lines: readonly string[], overrides: readonly CandidateOverride[] = [], score = 0.99): ReadLine[] {
  return lines.map((text, line) => ({
    chars: [...text].map((char, column) => ({
      candidates: overrides.find((o) => o.line === line && o.column === column)?.candidates ?? [{ char, score }],
    })),
  }));
}

/** `line` with the character at `column` replaced. */
export function replaceAt(line: string, column: number, ch: string): string {
  return line.slice(0, column) + ch + line.slice(column + 1);
}
