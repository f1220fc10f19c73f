/**
 * The MRZ engine's result as the contract shows it: fields, checks, corrections, and every character
 * with its cell on the rectified document and whether it is fine, corrected, or inside something that
 * does not verify (what the Documents view highlights).
 */
import type { MrzCharView, MrzView } from '../../contract';
import type { MrzResult } from '../../domain/mrz';
import type { ReadLine } from '../../domain/mrz/types';

const key = (line: number, column: number) => `${line}:${column}`;

/** Positions inside fields whose check fails or that are unreadable, and failing check-digit cells. */
function failingPositions(result: MrzResult): Set<string> {
  const failing = new Set<string>();
  const mark = (line: number, start: number, end: number) => {
    for (let c = start; c < end; c++) failing.add(key(line, c));
  };
  for (const field of Object.values(result.fields)) {
    if (!field || (field.status !== 'invalid' && field.status !== 'unreadable')) continue;
    if (field.segments?.length) for (const s of field.segments) mark(s.line, s.start, s.end);
    else mark(field.line, field.start, field.end);
  }
  for (const check of result.checks) if (!check.valid) failing.add(key(check.line, check.column));
  return failing;
}

/** Build the view; `read` carries the character cells when the MRZ came from the OCR-B reader. */
export function mrzView(result: MrzResult, read: readonly ReadLine[] | null): MrzView {
  const failing = failingPositions(result);
  const corrected = new Set(result.corrections.map((c) => key(c.line, c.column)));
  const chars: MrzCharView[] = [];
  result.lines.forEach((line, l) => {
    [...line].forEach((char, column) => {
      const cell = read?.[l]?.chars[column];
      const at = key(l, column);
      chars.push({
        line: l,
        column,
        char,
        score: cell?.candidates[0]?.score ?? null,
        box: cell?.box ?? null,
        state: corrected.has(at) ? 'corrected' : failing.has(at) ? 'failing' : 'ok',
      });
    });
  });
  return {
    format: result.format,
    valid: result.valid,
    lines: result.lines,
    rawLines: result.rawLines,
    fields: Object.values(result.fields)
      .filter((f) => f !== undefined)
      .map((f) => ({ name: f.name, raw: f.raw, text: f.text, status: f.status, line: f.line, start: f.start, end: f.end })),
    checks: result.checks.map((c) => ({ name: c.id, line: c.line, column: c.column, expected: c.expected ?? '?', found: c.found, valid: c.valid })),
    corrections: result.corrections.map((c) => ({ line: c.line, column: c.column, from: c.from, to: c.to, field: c.field, reason: c.reason })),
    chars,
  };
}
