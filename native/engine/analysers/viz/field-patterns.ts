/**
 * Value patterns: printed dates, sex markers and document numbers, used both to normalise a labelled
 * value and to find values no label points at.
 */
import type { VizFieldName } from './viz-types';

/** A date found in text. */
export interface FoundDate {
  /** YYYY-MM-DD. */
  readonly iso: string;
  /** The matched characters. */
  readonly text: string;
  readonly index: number;
}

/**
 * Day-first numeric dates as printed on European documents: 21.07.1978, 21.07.1978. (Serbian style),
 * 21/07/1978, 21-07-1978, 21 07 1978; and ISO 1978-07-21. Two-digit years are not accepted: without
 * the century a printed date cannot be told from other numbers.
 */
const DAY_FIRST = /(?<!\d)(\d{1,2})\s?[./\-\s]\s?(\d{1,2})\s?[./\-\s]\s?((?:19|20)\d{2})(?!\d)\.?/g;
const ISO_DATE = /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/g;

function isoIfValid(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every valid date in the text, in order of appearance. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const match of text.matchAll(DAY_FIRST)) {
    const iso = isoIfValid(Number(match[3]), Number(match[2]), Number(match[1]));
    if (iso) found.push({ iso, text: match[0], index: match.index });
  }
  for (const match of text.matchAll(ISO_DATE)) {
    const iso = isoIfValid(Number(match[1]), Number(match[2]), Number(match[3]));
    if (iso) found.push({ iso, text: match[0], index: match.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Sex marker → M, F or X. Accepts Latin and Cyrillic letters: Ž / Ж (ženski / женски, female in the
 * South Slavic languages), and "M/M", "Ž/F" style bilingual values (the first recognisable wins).
 */
export function normalizeSex(text: string): 'M' | 'F' | 'X' | null {
  for (const raw of text.toUpperCase().split(/[\s/|,]+/)) {
    const token = raw.replace(/[^\p{L}]/gu, '');
    if (token === 'M' || token === 'М' || token === 'MALE' || token === 'MUŠKI' || token === 'МУШКИ') return 'M';
    if (['F', 'Ž', 'Ж', 'FEMALE', 'ŽENSKI', 'ЖЕНСКИ', 'Z'].includes(token)) return 'F';
    if (token === 'X') return 'X';
  }
  return null;
}

/**
 * Document-number shape: 6–12 characters of Latin capitals and digits with at least 4 digits (numbers
 * on the documents of the region are 8–9 characters, e.g. 009876543, AB1234567; 6 allows older
 * booklets). A full date or an all-letter word never qualifies.
 */
const DOCUMENT_NUMBER = /^(?=(?:[A-Z]*\d){4})[A-Z0-9]{6,12}$/;

/** The text as a document number (upper case, spaces removed), or null when it does not have the shape. */
export function asDocumentNumber(text: string): string | null {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  return DOCUMENT_NUMBER.test(compact) && findDates(text).length === 0 ? compact : null;
}

const DATE_FIELDS: readonly VizFieldName[] = ['dateOfBirth', 'dateOfIssue', 'dateOfExpiry'];

/** True for the three date fields. */
export const isDateField = (field: VizFieldName) => DATE_FIELDS.includes(field);

/** Canonical value of a field's text; see {@link VizField.normalized}. */
export function normalizeFieldValue(field: VizFieldName, text: string): string | null {
  if (isDateField(field)) return findDates(text)[0]?.iso ?? null;
  if (field === 'sex') return normalizeSex(text);
  if (field === 'documentNumber') return asDocumentNumber(text) ?? text.toUpperCase().replace(/\s+/g, '');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Which unlabelled dates are which: birth precedes issue, which precedes (or equals) expiry. Assigns
 * dates to the missing fields only when that order leaves one answer: as many dates as missing fields,
 * and the order consistent with the dates already known from labels. Otherwise assigns nothing.
 * `known` holds the labelled date fields' ISO dates (null: labelled, but the value is not a date; such a
 * field is taken and only its date is missing from the order check).
 */
export function assignDatesByOrder(known: Partial<Record<VizFieldName, string | null>>, unassigned: readonly string[]): Map<VizFieldName, string> {
  const missing = DATE_FIELDS.filter((field) => known[field] === undefined);
  const result = new Map<VizFieldName, string>();
  if (missing.length === 0 || unassigned.length !== missing.length) return result;
  const sorted = [...unassigned].sort();
  missing.forEach((field, index) => result.set(field, sorted[index] as string));
  const all = DATE_FIELDS.map((field) => known[field] ?? result.get(field) ?? undefined);
  for (let i = 1; i < all.length; i++) {
    const before = all.slice(0, i).filter((date): date is string => date !== undefined);
    const date = all[i];
    if (date !== undefined && before.some((earlier) => earlier > date)) return new Map();
  }
  return result;
}
