/**
 * Applies a layout to concrete lines: where each field and check digit really is (the TD1/TD2 long
 * document number moves both), and which charset each position must satisfy.
 */
import { fieldsCoveredBy, MRZ_LAYOUTS } from './formats';
import type { MrzCharset, MrzCheckId, MrzCheckSpec, MrzFieldName, MrzLayout, MrzSpan } from './formats';
import type { MrzPosition } from './grid';
import type { MrzFormat } from './types';

/** A field on these lines. */
export interface ResolvedField {
  readonly name: MrzFieldName;
  readonly segments: readonly MrzSpan[];
  readonly charset: MrzCharset;
  readonly check?: MrzCheckId;
}

/** A check digit on these lines. */
export interface ResolvedCheck {
  readonly id: MrzCheckId;
  readonly digit: MrzPosition;
  readonly digitCharset: MrzCharset;
  readonly data: readonly MrzPosition[];
  readonly fillerWhenEmpty: boolean;
  readonly covers: readonly MrzFieldName[];
}

/** Per-position owner and charset. */
export interface PositionRule {
  readonly owner: string;
  readonly charset: MrzCharset;
}

/** The layout applied to lines. */
export interface ResolvedLayout {
  readonly layout: MrzLayout;
  readonly fields: readonly ResolvedField[];
  readonly checks: readonly ResolvedCheck[];
  /** Key `line:column`. */
  readonly rules: ReadonlyMap<string, PositionRule>;
  /** True when a document number longer than 9 characters was found (Doc 9303 Part 5, 4.2.2 note j). */
  readonly longDocumentNumber: boolean;
}

/** Map key of a position. */
export const positionKey = (p: MrzPosition): string => `${p.line}:${p.column}`;

function positions(spans: readonly MrzSpan[]): MrzPosition[] {
  return spans.flatMap((s) => Array.from({ length: Math.max(0, s.end - s.start) }, (_, i) => ({ line: s.line, column: s.start + i })));
}

/**
 * Length of the overflow run: characters at the start of the overflow field up to the first `<`. The
 * rule only applies when the run has at least 2 characters (one more number character and its check
 * digit); a lone `<` in the check position with fillers after it is a broken check digit instead.
 */
function overflowRun(lines: readonly string[], spec: { line: number; start: number; length: number }): number {
  const text = (lines[spec.line] ?? '').slice(spec.start, spec.start + spec.length);
  const end = text.indexOf('<');
  return end < 0 ? text.length : end;
}

function checkOf(layout: MrzLayout, spec: MrzCheckSpec, digit: MrzPosition, data: readonly MrzPosition[], charset: MrzCharset = spec.charset): ResolvedCheck {
  return { id: spec.id, digit, digitCharset: charset, data, fillerWhenEmpty: spec.fillerWhenEmpty === true, covers: fieldsCoveredBy(layout, spec) };
}

/** The layout of `format` applied to `lines` (best-candidate strings). */
export function resolveLayout(format: MrzFormat, lines: readonly string[]): ResolvedLayout {
  const layout = MRZ_LAYOUTS[format];
  const numberSpec = layout.fields.find((f) => f.name === 'documentNumber');
  const numberCheck = layout.checks.find((c) => c.id === 'documentNumber');
  const overflowSpec = layout.fields.find((f) => f.name === layout.documentNumberOverflow);
  let run = 0;
  if (numberSpec && numberCheck && overflowSpec && lines[numberCheck.line]?.[numberCheck.column] === '<') {
    const length = overflowRun(lines, overflowSpec);
    if (length >= 2) run = length;
  }
  const fields: ResolvedField[] = layout.fields.map((f) => {
    const whole: MrzSpan = { line: f.line, start: f.start, end: f.start + f.length };
    if (run > 0 && overflowSpec && f.name === 'documentNumber') {
      const tail: MrzSpan = { line: overflowSpec.line, start: overflowSpec.start, end: overflowSpec.start + run - 1 };
      return { name: f.name, segments: [whole, tail], charset: f.charset, ...(f.check ? { check: f.check } : {}) };
    }
    if (run > 0 && f.name === overflowSpec?.name) return { name: f.name, segments: [{ ...whole, start: f.start + run }], charset: f.charset };
    return { name: f.name, segments: [whole], charset: f.charset, ...(f.check ? { check: f.check } : {}) };
  });
  const checks = layout.checks.map((spec) => {
    if (run > 0 && overflowSpec && spec.id === 'documentNumber') {
      const number = fields.find((f) => f.name === 'documentNumber');
      return checkOf(layout, spec, { line: overflowSpec.line, column: overflowSpec.start + run - 1 }, positions(number?.segments ?? []), 'digits');
    }
    return checkOf(layout, spec, { line: spec.line, column: spec.column }, positions(spec.spans));
  });
  const rules = new Map<string, PositionRule>();
  for (const f of fields) for (const p of positions(f.segments)) rules.set(positionKey(p), { owner: f.name, charset: f.charset });
  for (const c of checks) rules.set(positionKey(c.digit), { owner: `check:${c.id}`, charset: c.digitCharset });
  if (run > 0 && numberCheck) rules.set(positionKey(numberCheck), { owner: 'documentNumber', charset: 'alpha' }); // the `<` overflow marker
  return { layout, fields, checks, rules, longDocumentNumber: run > 0 };
}

/** Every position of a field. */
export function fieldPositions(field: ResolvedField): MrzPosition[] {
  return positions(field.segments);
}
