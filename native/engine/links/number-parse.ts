/**
 * Document numbers split into a series prefix and a numeric part (issue 6, number series), and the check of a
 * number against a template's pattern and a known issued range.
 */

/** A document number as prefix + numeric part (+ suffix): `RP5100231` → `RP` / `5100231` (width 7). */
export interface ParsedNumber {
  /** Upper case, spaces, hyphens and MRZ fillers removed. */
  readonly normalized: string;
  /** Everything before the last run of digits (letters, or letters and digits: `AB12C` in `AB12C3456`). */
  readonly prefix: string;
  /** The last run of digits, leading zeros kept. */
  readonly digits: string;
  /** Letters after the last digits (a check letter such as the Spanish DNI's), not part of the series key. */
  readonly suffix: string;
  readonly value: number;
  /** Number of digits, leading zeros included: `000123` and `123` are different series. */
  readonly width: number;
}

/**
 * At most this many digits are read as a number: Number.MAX_SAFE_INTEGER has 16 digits, so 15 are always
 * exact. ICAO document numbers are at most 9 characters in the main field (longer ones continue in the
 * optional data, Doc 9303 Part 5 4.2.4), far below it.
 */
export const MAX_DIGITS = 15;

/** Normalises a document number for comparison: upper case, without spaces, hyphens and `<` fillers. */
export function normalizeDocumentNumber(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-‐‑<]/g, '');
}

/** Letters OCR takes for digits in the digit part of a number (OCR-B and sans faces alike). */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { O: '0', Q: '0', D: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8' };

/**
 * A number with its likely OCR confusions folded: the leading letters kept, every look-alike letter after them read
 * as its digit (`RP72000II` → `RP7200011`). For deciding that two readings may be one number, never for linking by it.
 */
export function confusionKey(raw: string): string {
  const n = normalizeDocumentNumber(raw);
  const prefix = /^[A-Z]*/.exec(n)?.[0] ?? '';
  return prefix + n.slice(prefix.length).replace(/[A-Z]/g, (c) => DIGIT_LOOKALIKES[c] ?? c);
}

/**
 * Splits a document number into prefix, digits and suffix (see ParsedNumber).
 * @returns null with no digits, more than MAX_DIGITS digits in the numeric part, or characters other than A-Z 0-9
 */
export function parseDocumentNumber(raw: string): ParsedNumber | null {
  const normalized = normalizeDocumentNumber(raw);
  const m = /^([A-Z0-9]*?)([0-9]+)([A-Z]*)$/.exec(normalized);
  if (!m) return null;
  const [, prefix = '', digits = '', suffix = ''] = m;
  if (digits.length > MAX_DIGITS) return null;
  return { normalized, prefix, digits, suffix, value: Number(digits), width: digits.length };
}

/** Formats a numeric value in a series: prefix + zero-padded digits. */
export function formatInSeries(prefix: string, width: number, value: number): string {
  return prefix + String(value).padStart(width, '0');
}

/** Plausibility rule for one template or issuing state (from the template's number pattern and known ranges). */
export interface SeriesRule {
  /** Applies to documents of this template (when set). */
  readonly templateId?: string;
  /** Applies to documents of this issuing state (when set); both set: both must match. */
  readonly issuingState?: string;
  /** The template's number pattern (regular expression source, e.g. `^RP[0-9]{7}$`), tested on the normalised number. */
  readonly pattern?: string;
  /** Known issued range, inclusive, with the same prefix and width at both ends (`RP5000000`..`RP5199999`). */
  readonly issued?: { readonly first: string; readonly last: string };
  /** Where the range comes from (cited in the flag). */
  readonly source?: string;
}

/** A number outside what a rule allows. */
export interface RangeFlag {
  readonly documentId: string;
  readonly number: string;
  readonly reason: 'pattern-mismatch' | 'outside-issued-range';
  readonly detail: string;
  readonly rule: SeriesRule;
}

/** A rule ready to apply: compiled pattern and parsed range. */
export interface CompiledRule {
  readonly rule: SeriesRule;
  readonly pattern: RegExp | null;
  readonly range: { readonly prefix: string; readonly width: number; readonly min: number; readonly max: number } | null;
}

/**
 * Compiles the rules, with a clear error naming the rule when its pattern is not a valid regular expression or
 * its range ends are unparsable, differ in prefix or width, or are reversed.
 */
export function compileRules(rules: readonly SeriesRule[]): CompiledRule[] {
  return rules.map((rule, i) => {
    const name = `series rule ${i + 1} (${rule.templateId ?? rule.issuingState ?? 'any document'})`;
    let pattern: RegExp | null = null;
    if (rule.pattern !== undefined) {
      try {
        pattern = new RegExp(rule.pattern);
      } catch (e) {
        throw new Error(`${name}: pattern '${rule.pattern}' is not a valid regular expression (${(e as Error).message})`);
      }
    }
    let range: CompiledRule['range'] = null;
    if (rule.issued) {
      const first = parseDocumentNumber(rule.issued.first);
      const last = parseDocumentNumber(rule.issued.last);
      if (!first || !last) throw new Error(`${name}: issued range '${rule.issued.first}'..'${rule.issued.last}' is not two document numbers`);
      if (first.prefix !== last.prefix || first.width !== last.width) throw new Error(`${name}: issued range ends differ in prefix or width ('${first.normalized}', '${last.normalized}')`);
      if (first.value > last.value) throw new Error(`${name}: issued range starts after it ends ('${first.normalized}' > '${last.normalized}')`);
      range = { prefix: first.prefix, width: first.width, min: first.value, max: last.value };
    }
    return { rule, pattern, range };
  });
}

/** Whether a compiled rule applies to a document of this template and issuing state. */
export function ruleApplies(rule: SeriesRule, templateId: string | null, issuingState: string | null): boolean {
  if (rule.templateId === undefined && rule.issuingState === undefined) return false;
  return (rule.templateId === undefined || rule.templateId === templateId) && (rule.issuingState === undefined || rule.issuingState === issuingState);
}

/** Flags of one number against one rule (none when it complies). */
export function checkAgainstRule(documentId: string, raw: string, parsed: ParsedNumber | null, compiled: CompiledRule): RangeFlag[] {
  const flags: RangeFlag[] = [];
  const number = parsed?.normalized ?? normalizeDocumentNumber(raw);
  const flag = (reason: RangeFlag['reason'], detail: string) => flags.push({ documentId, number, reason, detail, rule: compiled.rule });
  if (compiled.pattern && !compiled.pattern.test(number)) flag('pattern-mismatch', `${number} does not match the number pattern ${compiled.rule.pattern ?? ''}`);
  const r = compiled.range;
  if (r) {
    const span = `${formatInSeries(r.prefix, r.width, r.min)}..${formatInSeries(r.prefix, r.width, r.max)}${compiled.rule.source ? ` (${compiled.rule.source})` : ''}`;
    if (!parsed || parsed.prefix !== r.prefix || parsed.width !== r.width) flag('outside-issued-range', `${number} is not in the series of the issued range ${span} (prefix or width differs)`);
    else if (parsed.value < r.min) flag('outside-issued-range', `${number} is ${r.min - parsed.value} below the issued range ${span}`);
    else if (parsed.value > r.max) flag('outside-issued-range', `${number} is ${parsed.value - r.max} above the issued range ${span}`);
  }
  return flags;
}
