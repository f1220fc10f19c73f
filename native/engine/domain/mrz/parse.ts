/**
 * `readMrz`: the machine-readable zone of an ICAO Doc 9303 document (Parts 3-7) from plain strings or
 * ranked OCR candidates, field by field, with every check digit, correction, ambiguity and input issue.
 */
import { checkDigitHolds, mrzCheckDigit } from './checksum';
import { cleanFieldText, splitMrzName } from './clean';
import { correctMrz } from './correct';
import { charsetAllows, detectFormat, MRZ_LAYOUTS } from './formats';
import type { MrzFieldName } from './formats';
import { bestLines, toGrid } from './grid';
import type { MrzPosition } from './grid';
import { fieldPositions, resolveLayout } from './resolve';
import type { ResolvedCheck, ResolvedField, ResolvedLayout } from './resolve';
import type { MrzCheckResult, MrzCorrection, MrzField, MrzFieldStatus, MrzIssue, MrzResult } from './result';
import type { MrzFormat, ReadLine } from './types';

/** Options of `readMrz`. */
export interface ReadMrzOptions {
  /** Use this layout instead of detecting it from the shape. */
  readonly format?: MrzFormat;
  /** Score of each character of a plain-string line (see grid.ts DEFAULT_PLAIN_TEXT_SCORE). Default 1. */
  readonly plainTextScore?: number;
  /** Set false to report the MRZ exactly as read, without any correction. Default true. */
  readonly correct?: boolean;
}

const charAt = (lines: readonly string[], p: MrzPosition) => lines[p.line]?.[p.column] ?? '';

function evaluateCheck(check: ResolvedCheck, lines: readonly string[]): MrzCheckResult {
  const data = check.data.map((p) => charAt(lines, p));
  const complete = data.every((ch) => ch.length === 1);
  const expected = complete ? mrzCheckDigit(data.join('')) : null;
  const found = charAt(lines, check.digit);
  const valid = complete && checkDigitHolds(data.join(''), found, check.fillerWhenEmpty);
  return { id: check.id, line: check.digit.line, column: check.digit.column, expected: expected === null ? null : String(expected), found, valid, covers: check.covers };
}

function fieldResult(field: ResolvedField, lines: readonly string[], checks: readonly MrzCheckResult[], corrections: readonly MrzCorrection[]): MrzField {
  const positions = fieldPositions(field);
  const raw = positions.map((p) => charAt(lines, p)).join('');
  const check = field.check ? checks.find((c) => c.id === field.check) : undefined;
  const touched = corrections.some(
    (c) => positions.some((p) => p.line === c.line && p.column === c.column) || (check !== undefined && c.line === check.line && c.column === check.column),
  );
  const readable = raw.length === positions.length && [...raw].every((ch) => charsetAllows(field.charset, ch));
  let status: MrzFieldStatus;
  if (!readable) status = 'unreadable';
  else if (check) status = check.valid ? (touched ? 'corrected' : 'valid') : 'invalid';
  else status = touched ? 'corrected' : 'unchecked';
  const [first] = field.segments;
  const last = field.segments[field.segments.length - 1];
  return {
    name: field.name,
    raw,
    text: cleanFieldText(field.name, raw),
    status,
    line: first?.line ?? 0,
    start: first?.start ?? 0,
    end: last && first && last.line === first.line ? Math.max(first.end, last.end) : (first?.end ?? 0),
    ...(field.segments.length > 1 ? { segments: field.segments } : {}),
    ...(check ? { check } : {}),
  };
}

function shapeIssues(format: MrzFormat, lines: readonly string[]): MrzIssue[] {
  const layout = MRZ_LAYOUTS[format];
  const issues: MrzIssue[] = [];
  if (lines.length < layout.lineCount) issues.push({ kind: 'shape.missing-lines', message: `${format} has ${layout.lineCount} lines; ${lines.length} given, fields of missing lines are unreadable` });
  if (lines.length > layout.lineCount) issues.push({ kind: 'shape.extra-lines', message: `${format} has ${layout.lineCount} lines; ${lines.length - layout.lineCount} extra line(s) ignored` });
  lines.slice(0, layout.lineCount).forEach((line, index) => {
    if (line.length < layout.lineLength)
      issues.push({ kind: 'shape.line-too-short', line: index, message: `line ${index + 1} has ${line.length} of ${layout.lineLength} characters; positions after ${line.length} are unreadable` });
    if (line.length > layout.lineLength)
      issues.push({ kind: 'shape.line-too-long', line: index, message: `line ${index + 1} has ${line.length} characters, ${layout.lineLength} expected; characters after ${layout.lineLength} ignored: ${line.slice(layout.lineLength)}` });
  });
  return issues;
}

function emptyResult(rawLines: string[], issues: MrzIssue[]): MrzResult {
  return { format: null, valid: false, fields: {}, name: null, checks: [], corrections: [], ambiguities: [], issues, lines: rawLines, rawLines };
}

/**
 * Reads an MRZ. Never all-or-nothing: a broken field leaves the others parsed, a short or long line is
 * parsed as far as it goes with an issue recorded. `valid` is true only when the shape is exact, every
 * check digit holds (after corrections) and no field is unreadable. Fields without their own digit are
 * `unchecked` even when the composite (Doc 9303 Part 3, 4.9) covers them: see `checks` for the composite.
 * Known limitation: a character dropped or inserted inside a line shifts every later field; the engine
 * reports the resulting failures but does not re-align.
 */
export function readMrz(input: readonly (string | ReadLine)[], options: ReadMrzOptions = {}): MrzResult {
  const nonEmpty = input.filter((line) => (typeof line === 'string' ? line.trim().length > 0 : line.chars.length > 0));
  const { grid: fullGrid, issues } = toGrid(nonEmpty, options.plainTextScore);
  if (nonEmpty.length < input.length) issues.push({ kind: 'input.empty-lines', message: `${input.length - nonEmpty.length} empty line(s) ignored` });
  const detection = options.format ? { format: options.format, exact: false, reason: 'format given by caller' } : detectFormat(bestLines(fullGrid));
  if (!detection.format) return emptyResult(bestLines(fullGrid), [...issues, { kind: 'shape.unknown', message: `no MRZ layout fits: ${detection.reason}` }]);
  const format = detection.format;
  const layout = MRZ_LAYOUTS[format];
  const grid = fullGrid.slice(0, layout.lineCount).map((line) => line.slice(0, layout.lineLength));
  const rawLines = bestLines(grid);
  issues.push(...shapeIssues(format, bestLines(fullGrid)));
  const exactShape = rawLines.length === layout.lineCount && bestLines(fullGrid).length === layout.lineCount && bestLines(fullGrid).every((l) => l.length === layout.lineLength);
  if (!detection.exact && !options.format) issues.push({ kind: 'shape.inexact', message: `format guessed: ${detection.reason}` });

  const first: ResolvedLayout = resolveLayout(format, rawLines);
  const outcome = options.correct === false ? { lines: rawLines, corrections: [], ambiguities: [] } : correctMrz(grid, first);
  const resolved = resolveLayout(format, outcome.lines);
  if (resolved.longDocumentNumber) issues.push({ kind: 'document-number.long', message: 'document number longer than 9 characters continues in the optional data (Doc 9303 Parts 5/6)' });
  const checks = resolved.checks.map((check) => evaluateCheck(check, outcome.lines));
  const fields: Partial<Record<MrzFieldName, MrzField>> = {};
  for (const field of resolved.fields) fields[field.name] = fieldResult(field, outcome.lines, checks, outcome.corrections);
  const nameField = fields.name;
  const valid = exactShape && checks.every((c) => c.valid) && Object.values(fields).every((f) => f.status !== 'unreadable');
  return {
    format,
    valid,
    fields,
    name: nameField && nameField.status !== 'unreadable' ? splitMrzName(nameField.raw) : nameField ? splitMrzName(nameField.raw.replace(/[^A-Z<]/g, '<')) : null,
    checks,
    corrections: outcome.corrections,
    ambiguities: outcome.ambiguities,
    issues,
    lines: outcome.lines,
    rawLines,
  };
}
