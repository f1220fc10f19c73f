/**
 * Shapes of the plausibility checks an examiner applies beyond check digits (forgers compute valid
 * check digits, so digits are necessary, not sufficient).
 */
import type { CalendarDate } from './dates';
import type { MrzFieldName } from './formats';
import type { MrzResult } from './result';

/** How much a finding weighs for the examiner. */
export type FindingSeverity = 'info' | 'low' | 'medium' | 'high';

/** One observation about an MRZ. `kind` is stable (e.g. `mrz.expired`); `explanation` says what was measured. */
export interface PlausibilityFinding {
  readonly kind: string;
  readonly severity: FindingSeverity;
  readonly field?: MrzFieldName;
  readonly explanation: string;
  readonly attributes: Readonly<Record<string, string | number | boolean | null>>;
}

/** Expectations from a document template (CaseLens template "MRZ expectations" and rules). */
export interface PlausibilityTemplate {
  /** Regular expression the whole cleaned document number must match (anchored by the checker). */
  readonly documentNumberPattern?: string;
  /** Allowed document codes, as printed (`IR`) or with filler (`I<`); compared without fillers. */
  readonly documentCodes?: readonly string[];
  /** Expected issuing-state code. */
  readonly issuingState?: string;
  /** Longest validity the document type has, in years. */
  readonly maxValidityYears?: number;
}

/** Options of `checkPlausibility`. */
export interface PlausibilityOptions {
  /** The reference day, `YYYY-MM-DD` (never the machine clock, so that results are reproducible). */
  readonly today: string;
  readonly template?: PlausibilityTemplate;
}

/** What every rule receives: the parsed MRZ, the reference day, resolved dates. */
export interface RuleContext {
  readonly result: MrzResult;
  readonly today: CalendarDate;
  readonly template: PlausibilityTemplate;
  /** Birth and expiry with their century (null when not a full calendar date). */
  readonly birth: CalendarDate | null;
  readonly expiry: CalendarDate | null;
}

/** A rule: one small function. */
export type PlausibilityRule = (context: RuleContext) => PlausibilityFinding[];
