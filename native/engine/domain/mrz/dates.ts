/**
 * MRZ dates: YYMMDD with `<` for unknown parts (Doc 9303 Part 3, 4.7), calendar validity and the
 * century, which the MRZ does not carry and must be inferred.
 */

/** A calendar date. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** How an MRZ date reads. */
export type MrzDateReading =
  | { readonly kind: 'date'; readonly yy: number; readonly month: number; readonly day: number }
  | { readonly kind: 'partial'; readonly yy: number | null; readonly month: number | null; readonly day: number | null }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Expiry dates are resolved to 20YY unless that is more than this many years after `today`, then to
 * 19YY. No ICAO document is valid for longer than 10 years (passports) and residence cards rarely for
 * more than 10; 20 leaves room for national practice while keeping 1990s expiries in the 1900s.
 */
export const EXPIRY_MAX_YEARS_AHEAD = 20;

/** Parses `YYYY-MM-DD` (the `today` option); null when not a calendar date. */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isCalendarDate(date) ? date : null;
}

/** True when year-month-day exists in the Gregorian calendar (leap years included). */
export function isCalendarDate(d: CalendarDate): boolean {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  const days = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  return d.day <= days;
}

/** Days since 1970-01-01 (for comparisons and differences). */
export function dayNumber(d: CalendarDate): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/** Whole years from `from` to `to` (negative when `to` is earlier), as an age is counted. */
export function wholeYears(from: CalendarDate, to: CalendarDate): number {
  let years = to.year - from.year;
  if (to.month < from.month || (to.month === from.month && to.day < from.day)) years -= 1;
  return years;
}

/** `YYYY-MM-DD`. */
export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * Reads a raw 6-character MRZ date. Day or month (or all) may be `<<` when unknown (Doc 9303 Part 3,
 * 4.7): that is `partial`, not invalid. Month 13+, day 32+, 31 April or 29 February of a common year are
 * `invalid` only when the leap year cannot matter: 29 February is checked after the century is known.
 */
export function readMrzDate(raw: string): MrzDateReading {
  if (!/^[0-9<]{6}$/.test(raw)) return { kind: 'invalid', reason: `'${raw}' is not 6 digits or fillers` };
  const part = (s: string) => (s === '<<' ? null : /^\d\d$/.test(s) ? Number(s) : Number.NaN);
  const [yy, month, day] = [part(raw.slice(0, 2)), part(raw.slice(2, 4)), part(raw.slice(4, 6))];
  if ([yy, month, day].some((n) => Number.isNaN(n))) return { kind: 'invalid', reason: `'${raw}' mixes digits and fillers inside a 2-digit part` };
  if (month !== null && (month < 1 || month > 12)) return { kind: 'invalid', reason: `month ${month} does not exist` };
  if (day !== null && (day < 1 || day > 31)) return { kind: 'invalid', reason: `day ${day} does not exist` };
  if (month !== null && day !== null && !isCalendarDate({ year: 2000, month, day })) return { kind: 'invalid', reason: `day ${day} does not exist in month ${month}` };
  if (yy === null || month === null || day === null) return { kind: 'partial', yy, month, day };
  return { kind: 'date', yy, month, day };
}

/**
 * Birth date with its century: 20YY when that is not after `today`, else 19YY (a birth date cannot be
 * in the future). Known false positive: holders aged 100 or more are placed a century too late
 * (born 1925, read as 2025): the MRZ year has 2 digits and cannot tell them apart.
 */
export function resolveBirthDate(yy: number, month: number, day: number, today: CalendarDate): CalendarDate {
  const recent = { year: 2000 + yy, month, day };
  return dayNumber(recent) <= dayNumber(today) ? recent : { year: 1900 + yy, month, day };
}

/** Expiry date with its century: 20YY unless more than EXPIRY_MAX_YEARS_AHEAD years after `today`, else 19YY. */
export function resolveExpiryDate(yy: number, month: number, day: number, today: CalendarDate): CalendarDate {
  const recent = { year: 2000 + yy, month, day };
  return recent.year - today.year <= EXPIRY_MAX_YEARS_AHEAD ? recent : { year: 1900 + yy, month, day };
}
