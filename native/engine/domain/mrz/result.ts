/**
 * Shapes returned by the MRZ engine (`readMrz`): every field with where it is and how sure we are of
 * it, every check digit, every correction, every ambiguity, every issue. Positions are 0-based;
 * `end` is exclusive.
 */
import type { MrzCheckId, MrzFieldName, MrzSpan } from './formats';
import type { MrzFormat } from './types';

/**
 * `valid`: its check digit holds as read. `corrected`: holds after recorded corrections. `invalid`: the
 * check digit fails. `unchecked`: no own check digit (names, codes, optional data). `unreadable`: holds
 * characters its charset does not allow, or is cut off by a short line.
 */
export type MrzFieldStatus = 'valid' | 'invalid' | 'corrected' | 'unchecked' | 'unreadable';

/** A check digit's verdict. `expected` is null when the covered data holds unreadable characters. */
export interface MrzCheckResult {
  readonly id: MrzCheckId;
  readonly line: number;
  readonly column: number;
  readonly expected: string | null;
  /** The character in the check position (empty when the line is too short). */
  readonly found: string;
  readonly valid: boolean;
  /** Fields the digit covers. */
  readonly covers: readonly MrzFieldName[];
}

/** One field as read. */
export interface MrzField {
  readonly name: MrzFieldName;
  /** The characters exactly as in the (corrected) MRZ, fillers included. */
  readonly raw: string;
  /** Fillers removed; for names `<` becomes a space. */
  readonly text: string;
  readonly status: MrzFieldStatus;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** Runs the value was taken from when it is not one run (a TD1/TD2 document number longer than 9 characters). */
  readonly segments?: readonly MrzSpan[];
  /** The field's own check digit. */
  readonly check?: MrzCheckResult;
}

/** The name field split at the first `<<` (Doc 9303 Part 3, 4.6). */
export interface MrzName {
  /** Primary identifier (surname), parts separated by spaces. */
  readonly surname: string;
  /** Secondary identifier (given names), parts separated by spaces; empty when there is none. */
  readonly givenNames: string;
  /** True when the name field has no trailing filler: the name may have been truncated (Part 3, 4.6.4). */
  readonly full: boolean;
}

/** One character changed by the engine. */
export interface MrzCorrection {
  readonly line: number;
  readonly column: number;
  readonly from: string;
  readonly to: string;
  /** The field (or `check:<id>` for a check-digit position) the character belongs to. */
  readonly field: string;
  readonly reason: string;
  /** Evidence spent: score difference to the reader's best candidate, or the look-alike table cost. */
  readonly cost: number;
}

/** Several equally cheap ways to satisfy a check: none was applied. */
export interface MrzAmbiguity {
  readonly check: MrzCheckId;
  readonly cost: number;
  /** Each option is one set of character changes. */
  readonly options: readonly (readonly Omit<MrzCorrection, 'reason'>[])[];
  readonly explanation: string;
}

/** Something about the input itself (shape, characters). */
export interface MrzIssue {
  readonly kind: string;
  readonly line?: number;
  readonly message: string;
}

/** Everything `readMrz` found. */
export interface MrzResult {
  readonly format: MrzFormat | null;
  /** True when every check digit holds after corrections and no field is unreadable. */
  readonly valid: boolean;
  readonly fields: Readonly<Partial<Record<MrzFieldName, MrzField>>>;
  readonly name: MrzName | null;
  readonly checks: readonly MrzCheckResult[];
  readonly corrections: readonly MrzCorrection[];
  readonly ambiguities: readonly MrzAmbiguity[];
  readonly issues: readonly MrzIssue[];
  /** Final lines, corrections applied. */
  readonly lines: readonly string[];
  /** Best-candidate lines before any correction (after upper-casing and whitespace removal). */
  readonly rawLines: readonly string[];
}
