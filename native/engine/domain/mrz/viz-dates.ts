/**
 * Dates as printed in the visual inspection zone (VIZ): numeric forms and month names in English and
 * the languages of the region (Serbian, Croatian, Bosnian, Macedonian, Albanian, German, French).
 */
import { normalizeForSearch } from '../transliteration';

/** A printed date; null parts were printed as unknown (`XX`, `00`). `year` is null when only 2 digits were printed. */
export interface VizDate {
  readonly year: number | null;
  readonly yy: number;
  readonly month: number | null;
  readonly day: number | null;
}

/**
 * Month-name stems after search folding (Cyrillic to Latin, diacritics removed), matched as prefixes,
 * longest first. Croatian month names are Slavic (siječanj ... prosinac) and differ from Serbian ones.
 */
const MONTH_STEMS: readonly (readonly [string, number])[] = (
  [
    ['JAN', 1], ['SIJ', 1], ['FEB', 2], ['FEV', 2], ['FEW', 2], ['VEL', 2], ['SHK', 2], ['MAR', 3], ['OZU', 3], ['APR', 4], ['AVR', 4], ['PRI', 4], ['TRA', 4],
    ['MAY', 5], ['MAJ', 5], ['MAI', 5], ['SVI', 5], ['JUN', 6], ['JUIN', 6], ['LIP', 6], ['QER', 6], ['JUL', 7], ['JUIL', 7], ['SRP', 7], ['KOR', 7],
    ['AUG', 8], ['AVG', 8], ['AOU', 8], ['KOL', 8], ['GUS', 8], ['SEP', 9], ['RUJ', 9], ['SHT', 9], ['OCT', 10], ['OKT', 10], ['LIS', 10], ['TET', 10],
    ['NOV', 11], ['NOE', 11], ['STU', 11], ['NEN', 11], ['DEC', 12], ['DEZ', 12], ['DEK', 12], ['PRO', 12], ['DHJ', 12],
  ] as const
).slice().sort((x, y) => y[0].length - x[0].length);

/** Month number of a printed month name or abbreviation, or null. */
export function monthFromName(token: string): number | null {
  const folded = normalizeForSearch(token).replace(/ /g, '');
  if (folded.length < 3) return null;
  return MONTH_STEMS.find(([stem]) => folded.startsWith(stem))?.[1] ?? null;
}

const unknownPart = (s: string) => /^(XX|00|--)$/i.test(s);
const numberOrUnknown = (s: string): number | null => (unknownPart(s) ? null : Number(s));

function build(day: string, month: number | null, year: string): VizDate | null {
  const y = Number(year);
  const d = numberOrUnknown(day);
  if ((d !== null && (d < 1 || d > 31)) || (month !== null && (month < 1 || month > 12))) return null;
  return { year: year.length === 4 ? y : null, yy: y % 100, month, day: d };
}

/**
 * Reads DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY, DD MM YYYY, YYYY-MM-DD, 2-digit-year forms, and
 * DD MON YYYY with month names (bilingual `12 AUG/AOÛT 74` too, when both names agree). Null when the
 * text is not one of these. Known false positive: MM/DD/YYYY (US order) is read as DD/MM when both parts are ≤ 12.
 */
export function parseVizDate(text: string): VizDate | null {
  const t = text.trim().replace(/\.$/, '');
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return build(iso[3] ?? '', numberOrUnknown(iso[2] ?? ''), iso[1] ?? '');
  const numeric = /^(\d{1,2}|XX)\s*[./\- ]\s*(\d{1,2}|XX)\s*[./\- ]\s*(\d{4}|\d{2})$/i.exec(t);
  if (numeric) return build(numeric[1] ?? '', numberOrUnknown(numeric[2] ?? ''), numeric[3] ?? '');
  const named = /^(\d{1,2}|XX)\.?\s*([^\d\s]+(?:\s*\/\s*[^\d\s]+)*)\.?\s*(\d{4}|\d{2})$/iu.exec(t);
  if (!named) return null;
  const months = new Set((named[2] ?? '').split('/').map((s) => monthFromName(s.trim().replace(/\.$/, ''))));
  if (months.size !== 1 || months.has(null)) return null;
  return build(named[1] ?? '', [...months][0] ?? null, named[3] ?? '');
}
