/**
 * The five MRZ layouts of ICAO Doc 9303 as data: TD1 (Part 5), TD2 (Part 6), TD3 (Part 4), MRV-A and
 * MRV-B (Part 7). Positions are 0-based, `start` inclusive, `length` characters.
 */
import type { MrzFormat } from './types';

/** Data fields of an MRZ. `optionalData1/2` are TD1's; `optionalData` is TD2's and the visas'; TD3 has `personalNumber`. */
export type MrzFieldName =
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'documentNumber'
  | 'optionalData1'
  | 'birthDate'
  | 'sex'
  | 'expiryDate'
  | 'nationality'
  | 'optionalData2'
  | 'optionalData'
  | 'personalNumber';

/** Check digits: one per checked field plus the composite (TD1, TD2, TD3 only). */
export type MrzCheckId = 'documentNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite';

/**
 * Characters a position may hold. `alpha`: A-Z and `<`; `digits`: 0-9; `digitsOrFiller`: 0-9 and `<`
 * (dates may carry `<` for unknown parts, Doc 9303 Part 3 4.7; the TD1/TD2 number check is `<` on
 * overflow); `alnum`: the whole MRZ alphabet.
 */
export type MrzCharset = 'alpha' | 'digits' | 'digitsOrFiller' | 'alnum';

/** A run of characters on one line. */
export interface MrzSpan {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** One data field of a layout. */
export interface MrzFieldSpec {
  readonly name: MrzFieldName;
  readonly line: number;
  readonly start: number;
  readonly length: number;
  readonly charset: MrzCharset;
  /** The check digit protecting this field, when it has its own. */
  readonly check?: MrzCheckId;
}

/** One check digit of a layout: where it is and which characters it covers. */
export interface MrzCheckSpec {
  readonly id: MrzCheckId;
  readonly line: number;
  readonly column: number;
  readonly charset: MrzCharset;
  /** Covered characters in order (several runs for the composite, which includes field check digits). */
  readonly spans: readonly MrzSpan[];
  /** `<` is accepted for an all-filler field (TD3 personal number, Doc 9303 Part 4 4.2.2.2). */
  readonly fillerWhenEmpty?: boolean;
}

/** A complete layout. */
export interface MrzLayout {
  readonly format: MrzFormat;
  readonly lineCount: number;
  readonly lineLength: number;
  readonly fields: readonly MrzFieldSpec[];
  readonly checks: readonly MrzCheckSpec[];
  /**
   * Field into which a document number longer than 9 characters continues (TD1: Part 5 4.2.2 note j;
   * TD2: Part 6 4.2.2): the usual check position holds `<`, the rest of the number follows at the start of
   * this field and is closed by the check digit over the whole number.
   */
  readonly documentNumberOverflow?: MrzFieldName;
}

const field = (name: MrzFieldName, line: number, start: number, length: number, charset: MrzCharset, check?: MrzCheckId): MrzFieldSpec =>
  check ? { name, line, start, length, charset, check } : { name, line, start, length, charset };
const span = (line: number, start: number, end: number): MrzSpan => ({ line, start, end });
const ownCheck = (id: MrzCheckId, target: MrzFieldSpec, charset: MrzCharset = 'digits'): MrzCheckSpec => ({
  id,
  line: target.line,
  column: target.start + target.length,
  charset,
  spans: [span(target.line, target.start, target.start + target.length)],
});

const TD1_NUMBER = field('documentNumber', 0, 5, 9, 'alnum', 'documentNumber');
const TD1_BIRTH = field('birthDate', 1, 0, 6, 'digitsOrFiller', 'birthDate');
const TD1_EXPIRY = field('expiryDate', 1, 8, 6, 'digitsOrFiller', 'expiryDate');

const TD1: MrzLayout = {
  format: 'TD1',
  lineCount: 3,
  lineLength: 30,
  fields: [
    field('documentCode', 0, 0, 2, 'alpha'),
    field('issuingState', 0, 2, 3, 'alpha'),
    TD1_NUMBER,
    field('optionalData1', 0, 15, 15, 'alnum'),
    TD1_BIRTH,
    field('sex', 1, 7, 1, 'alpha'),
    TD1_EXPIRY,
    field('nationality', 1, 15, 3, 'alpha'),
    field('optionalData2', 1, 18, 11, 'alnum'),
    field('name', 2, 0, 30, 'alpha'),
  ],
  checks: [
    ownCheck('documentNumber', TD1_NUMBER, 'digitsOrFiller'),
    ownCheck('birthDate', TD1_BIRTH),
    ownCheck('expiryDate', TD1_EXPIRY),
    { id: 'composite', line: 1, column: 29, charset: 'digits', spans: [span(0, 5, 30), span(1, 0, 7), span(1, 8, 15), span(1, 18, 29)] },
  ],
  documentNumberOverflow: 'optionalData1',
};

/** Line 2 of every two-line format begins the same way (Doc 9303 Parts 4, 6, 7). */
const TWO_LINE_NUMBER = field('documentNumber', 1, 0, 9, 'alnum', 'documentNumber');
const TWO_LINE_BIRTH = field('birthDate', 1, 13, 6, 'digitsOrFiller', 'birthDate');
const TWO_LINE_EXPIRY = field('expiryDate', 1, 21, 6, 'digitsOrFiller', 'expiryDate');

function twoLine(format: MrzFormat, length: 36 | 44, tail: readonly MrzFieldSpec[], extraChecks: readonly MrzCheckSpec[], numberCheck: MrzCharset): MrzLayout {
  return {
    format,
    lineCount: 2,
    lineLength: length,
    fields: [
      field('documentCode', 0, 0, 2, 'alpha'),
      field('issuingState', 0, 2, 3, 'alpha'),
      field('name', 0, 5, length - 5, 'alpha'),
      TWO_LINE_NUMBER,
      field('nationality', 1, 10, 3, 'alpha'),
      TWO_LINE_BIRTH,
      field('sex', 1, 20, 1, 'alpha'),
      TWO_LINE_EXPIRY,
      ...tail,
    ],
    checks: [ownCheck('documentNumber', TWO_LINE_NUMBER, numberCheck), ownCheck('birthDate', TWO_LINE_BIRTH), ownCheck('expiryDate', TWO_LINE_EXPIRY), ...extraChecks],
  };
}

const TD3_PERSONAL = field('personalNumber', 1, 28, 14, 'alnum', 'personalNumber');

/** Every layout, by format. */
export const MRZ_LAYOUTS: Readonly<Record<MrzFormat, MrzLayout>> = {
  TD1,
  TD2: {
    ...twoLine('TD2', 36, [field('optionalData', 1, 28, 7, 'alnum')], [{ id: 'composite', line: 1, column: 35, charset: 'digits', spans: [span(1, 0, 10), span(1, 13, 20), span(1, 21, 35)] }], 'digitsOrFiller'),
    documentNumberOverflow: 'optionalData',
  },
  TD3: twoLine(
    'TD3',
    44,
    [TD3_PERSONAL],
    [
      { ...ownCheck('personalNumber', TD3_PERSONAL, 'digitsOrFiller'), fillerWhenEmpty: true },
      { id: 'composite', line: 1, column: 43, charset: 'digits', spans: [span(1, 0, 10), span(1, 13, 20), span(1, 21, 43)] },
    ],
    'digits',
  ),
  MRVA: twoLine('MRVA', 44, [field('optionalData', 1, 28, 16, 'alnum')], [], 'digits'),
  MRVB: twoLine('MRVB', 36, [field('optionalData', 1, 28, 8, 'alnum')], [], 'digits'),
};

/** Outcome of format detection, with the reason for the choice. */
export interface FormatDetection {
  readonly format: MrzFormat | null;
  /** True when line count and every line length match the layout exactly. */
  readonly exact: boolean;
  readonly reason: string;
}

/** Two-line lengths are 36 or 44; a damaged line is assigned to the nearer one (40 is the midpoint). */
const TWO_LINE_LENGTH_MIDPOINT = 40;

/**
 * The MRZ format from line count, line lengths and the first character (`V` = visa, Doc 9303 Part 7).
 * Exact shapes are recognised directly; damaged shapes fall back to the nearest layout (3 lines or
 * length near 30: TD1; otherwise 36 vs 44 by the longest line) so that a partial result is still possible.
 * Known false positive: a TD2/TD3 whose first character was misread as `V` is taken for a visa.
 */
export function detectFormat(lines: readonly string[]): FormatDetection {
  const lengths = lines.map((line) => line.length);
  const longest = Math.max(0, ...lengths);
  const visa = (lines[0] ?? '').startsWith('V');
  const pick = (length: 36 | 44): MrzFormat => (length === 36 ? (visa ? 'MRVB' : 'TD2') : visa ? 'MRVA' : 'TD3');
  if (lines.length === 3 && lengths.every((n) => n === 30)) return { format: 'TD1', exact: true, reason: '3 lines of 30 characters' };
  if (lines.length === 2 && lengths.every((n) => n === 36)) return { format: pick(36), exact: true, reason: `2 lines of 36 characters${visa ? ', first character V' : ''}` };
  if (lines.length === 2 && lengths.every((n) => n === 44)) return { format: pick(44), exact: true, reason: `2 lines of 44 characters${visa ? ', first character V' : ''}` };
  if (longest === 0) return { format: null, exact: false, reason: 'no characters' };
  const shape = `${lines.length} line(s) of ${lengths.join('/')} characters`;
  if (lines.length >= 3 || Math.abs(longest - 30) < Math.abs(longest - 36)) return { format: 'TD1', exact: false, reason: `${shape}: nearest layout TD1 (3 x 30)` };
  const length = longest < TWO_LINE_LENGTH_MIDPOINT ? 36 : 44;
  return { format: pick(length), exact: false, reason: `${shape}: nearest layout 2 x ${length}` };
}

/** The characters `charset` allows. */
export function charsetAllows(charset: MrzCharset, ch: string): boolean {
  switch (charset) {
    case 'alpha':
      return /^[A-Z<]$/.test(ch);
    case 'digits':
      return /^[0-9]$/.test(ch);
    case 'digitsOrFiller':
      return /^[0-9<]$/.test(ch);
    case 'alnum':
      return /^[A-Z0-9<]$/.test(ch);
  }
}

/** Field names covered (wholly or partly) by a check, in layout order. */
export function fieldsCoveredBy(layout: MrzLayout, check: MrzCheckSpec): MrzFieldName[] {
  return layout.fields
    .filter((f) => check.spans.some((s) => s.line === f.line && s.start < f.start + f.length && f.start < s.end))
    .map((f) => f.name);
}
