/**
 * `checkPlausibility`: what an examiner checks on an MRZ beyond its check digits (ICAO Doc 9303 Part 3
 * plus examination practice). Every rule is a small function in plausibility-rules.ts / plausibility-fillers.ts.
 */
import { isCalendarDate, parseIsoDate, readMrzDate, resolveBirthDate, resolveExpiryDate } from './dates';
import type { CalendarDate } from './dates';
import { fieldsLeftAligned, nameFillers, noTrailingGarbage } from './plausibility-fillers';
import {
  agePlausible,
  birthBeforeExpiry,
  checkDigitsHold,
  countryCodesKnown,
  datesAreCalendarDates,
  documentCodeValid,
  documentNumberPattern,
  notExpired,
  sexValid,
  validityWithinTemplate,
} from './plausibility-rules';
import type { PlausibilityFinding, PlausibilityOptions, PlausibilityRule, RuleContext } from './plausibility-types';
import type { MrzResult } from './result';

/** All rules, in report order. */
export const PLAUSIBILITY_RULES: readonly PlausibilityRule[] = [
  checkDigitsHold,
  datesAreCalendarDates,
  birthBeforeExpiry,
  notExpired,
  agePlausible,
  validityWithinTemplate,
  countryCodesKnown,
  documentCodeValid,
  documentNumberPattern,
  sexValid,
  fieldsLeftAligned,
  nameFillers,
  noTrailingGarbage,
];

function resolved(raw: string | undefined, resolve: (yy: number, m: number, d: number, today: CalendarDate) => CalendarDate, today: CalendarDate): CalendarDate | null {
  if (raw === undefined) return null;
  const reading = readMrzDate(raw);
  if (reading.kind !== 'date') return null;
  const date = resolve(reading.yy, reading.month, reading.day, today);
  return isCalendarDate(date) ? date : null; // 29 February of a common year
}

/**
 * Runs every plausibility rule on a parsed MRZ. `today` (YYYY-MM-DD) is the reference day: pass the
 * examination date, not the machine clock, so the result can be reproduced. Birth dates take the
 * century that puts them on or before `today`; expiry dates 20YY unless more than 20 years ahead
 * (dates.ts). Throws on a malformed `today` (a caller error, not a finding).
 */
export function checkPlausibility(result: MrzResult, options: PlausibilityOptions): PlausibilityFinding[] {
  const today = parseIsoDate(options.today);
  if (!today) throw new RangeError(`today must be a YYYY-MM-DD calendar date, got ${JSON.stringify(options.today)}`);
  const usable = (name: 'birthDate' | 'expiryDate') => {
    const f = result.fields[name];
    return f && f.status !== 'unreadable' ? f.raw : undefined;
  };
  const context: RuleContext = {
    result,
    today,
    template: options.template ?? {},
    birth: resolved(usable('birthDate'), resolveBirthDate, today),
    expiry: resolved(usable('expiryDate'), resolveExpiryDate, today),
  };
  return PLAUSIBILITY_RULES.flatMap((rule) => rule(context));
}
