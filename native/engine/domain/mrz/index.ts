/**
 * The MRZ domain engine (ICAO Doc 9303): layouts, check digits, reading with correction, plausibility.
 * Pure TypeScript; the only I/O is the bundled JSON data (country codes).
 */
export { CHECK_WEIGHTS, checkDigitHolds, checkWeight, mrzCharValue, mrzCheckDigit } from './checksum';
export { charsetAllows, detectFormat, fieldsCoveredBy, MRZ_LAYOUTS } from './formats';
export type { FormatDetection, MrzCharset, MrzCheckId, MrzCheckSpec, MrzFieldName, MrzFieldSpec, MrzLayout, MrzSpan } from './formats';
export { lookAlikes, OCR_B_CONFUSIONS } from './confusions';
export type { ConfusionPair } from './confusions';
export { CONFIDENT_SCORE, MAX_SUBSTITUTION_COST, UNREADABLE_FILL_COST } from './correct';
export { COST_TIE_EPSILON, MAX_SUBSTITUTIONS_PER_CHECK } from './search';
export { DEFAULT_PLAIN_TEXT_SCORE } from './grid';
export type { MrzPosition } from './grid';
export { readMrz } from './parse';
export type { ReadMrzOptions } from './parse';
export { splitMrzName } from './clean';
export type { MrzAmbiguity, MrzCheckResult, MrzCorrection, MrzField, MrzFieldStatus, MrzIssue, MrzName, MrzResult } from './result';
export { checkPlausibility, PLAUSIBILITY_RULES } from './plausibility';
export type { FindingSeverity, PlausibilityFinding, PlausibilityOptions, PlausibilityTemplate } from './plausibility-types';
export { EXPIRY_MAX_YEARS_AHEAD, isCalendarDate, parseIsoDate, readMrzDate, resolveBirthDate, resolveExpiryDate } from './dates';
export type { CalendarDate, MrzDateReading } from './dates';
export { classifyCountryCode, COUNTRY_CODES_VERSION } from './country-codes';
export type { CountryCodeKind } from './country-codes';
export { monthFromName, parseVizDate } from './viz-dates';
export type { VizDate } from './viz-dates';
export { MRZ_ALPHABET } from './types';
export type { CharCandidate, MrzFormat, ReadChar, ReadLine } from './types';
