/** Display helpers for documents: names, MRZ dates, statuses. Pure, tested. */
import type { DocumentSummary, FieldStatus, Severity } from '../../../../native/engine/contract';

/** "SURNAME, Given Names" as read from the MRZ, or a placeholder. */
export function holderName(doc: Pick<DocumentSummary, 'surname' | 'givenNames'>): string {
  if (!doc.surname && !doc.givenNames) return 'Name not read';
  return [doc.surname, doc.givenNames].filter(Boolean).join(', ');
}

/**
 * An MRZ date (YYMMDD) shown as written, with the day-month-year reading next to it. The century is not
 * guessed here: the MRZ does not carry it, and plausibility findings say which century the engine assumed.
 */
export function mrzDate(yymmdd: string | null): string {
  if (!yymmdd) return '—';
  if (!/^[0-9]{6}$/.test(yymmdd)) return yymmdd;
  return `${yymmdd} (${yymmdd.slice(4, 6)}.${yymmdd.slice(2, 4)}.‘${yymmdd.slice(0, 2)})`;
}

export const STATUS_LABEL: Readonly<Record<FieldStatus, string>> = {
  valid: 'check digit holds',
  invalid: 'check digit fails',
  corrected: 'corrected by check digit',
  unchecked: 'no check digit',
  unreadable: 'unreadable',
};

export const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** The MRZ verdict chip of a document: the facts, not a forgery verdict. */
export function mrzChip(doc: Pick<DocumentSummary, 'mrzFormat' | 'mrzValid'>): { label: string; tone: 'ok' | 'danger' | 'muted' } {
  if (!doc.mrzFormat) return { label: 'No MRZ read', tone: 'muted' };
  return doc.mrzValid ? { label: `${doc.mrzFormat} · checks hold`, tone: 'ok' } : { label: `${doc.mrzFormat} · check fails`, tone: 'danger' };
}
