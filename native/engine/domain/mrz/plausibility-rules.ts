/**
 * The individual plausibility rules. Each is a small function of the parsed MRZ; thresholds carry their
 * reason. References are to ICAO Doc 9303 (8th ed.).
 */
import { classifyCountryCode } from './country-codes';
import { dayNumber, formatDate, readMrzDate, wholeYears } from './dates';
import type { MrzFieldName } from './formats';
import type { PlausibilityFinding, PlausibilityRule, RuleContext } from './plausibility-types';
import type { MrzField } from './result';

const finding = (f: PlausibilityFinding): PlausibilityFinding => f;
/** A field worth judging: present and not unreadable (unreadable fields are the parser's report). */
const usable = (ctx: RuleContext, name: MrzFieldName): MrzField | null => {
  const f = ctx.result.fields[name];
  return f && f.status !== 'unreadable' ? f : null;
};

/** Birth and expiry are calendar dates (or `<<`-marked partial dates, Part 3 4.7). */
export const datesAreCalendarDates: PlausibilityRule = (ctx) => {
  const out: PlausibilityFinding[] = [];
  for (const [name, resolved] of [['birthDate', ctx.birth], ['expiryDate', ctx.expiry]] as const) {
    const f = usable(ctx, name);
    if (!f || resolved) continue;
    const reading = readMrzDate(f.raw);
    if (reading.kind === 'partial')
      out.push(finding({ kind: 'mrz.date.partial', severity: name === 'birthDate' ? 'info' : 'low', field: name, explanation: `${name} '${f.raw}' has unknown parts marked with fillers (allowed by Doc 9303 Part 3, 4.7)`, attributes: { raw: f.raw } }));
    else {
      const why = reading.kind === 'invalid' ? reading.reason : 'not a calendar date in the resolved century';
      out.push(finding({ kind: 'mrz.date.invalid', severity: 'high', field: name, explanation: `${name} '${f.raw}' is not a calendar date: ${why}`, attributes: { raw: f.raw } }));
    }
  }
  return out;
};

/** Birth strictly before expiry. */
export const birthBeforeExpiry: PlausibilityRule = ({ birth, expiry }) =>
  birth && expiry && dayNumber(birth) >= dayNumber(expiry)
    ? [finding({ kind: 'mrz.birth-after-expiry', severity: 'high', field: 'expiryDate', explanation: `birth ${formatDate(birth)} is not before expiry ${formatDate(expiry)}`, attributes: { birth: formatDate(birth), expiry: formatDate(expiry) } })]
    : [];

/** Expired relative to `today`: a finding in itself (the document is no longer valid). */
export const notExpired: PlausibilityRule = ({ expiry, today }) =>
  expiry && dayNumber(expiry) < dayNumber(today)
    ? [finding({ kind: 'mrz.expired', severity: 'medium', field: 'expiryDate', explanation: `expired on ${formatDate(expiry)}, ${dayNumber(today) - dayNumber(expiry)} days before ${formatDate(today)}`, attributes: { expiry: formatDate(expiry), today: formatDate(today), daysExpired: dayNumber(today) - dayNumber(expiry) } })]
    : [];

/**
 * Age bound. Birth dates are resolved so that the holder is at most about 100 today (dates.ts), so an
 * implausible age shows up at expiry: living past 110 (supercentenarians) is so rare, a few hundred people
 * worldwide, that a document valid until the holder is over 110 deserves a look. Known false positive:
 * holders truly born in the other century (the MRZ year has 2 digits).
 */
const MAX_AGE_AT_EXPIRY = 110;

/** Holder's age at expiry within human bounds. */
export const agePlausible: PlausibilityRule = ({ birth, expiry }) => {
  if (!birth || !expiry) return [];
  const atExpiry = wholeYears(birth, expiry);
  return atExpiry > MAX_AGE_AT_EXPIRY
    ? [finding({ kind: 'mrz.age.implausible', severity: 'low', field: 'birthDate', explanation: `holder born ${formatDate(birth)} would be ${atExpiry} years old at expiry ${formatDate(expiry)} (bound ${MAX_AGE_AT_EXPIRY})`, attributes: { ageAtExpiry: atExpiry, birth: formatDate(birth), expiry: formatDate(expiry) } })]
    : [];
};

/** Issuing state and nationality are real codes (ISO 3166-1 alpha-3 or ICAO, Part 3 section 5), and match the template. */
export const countryCodesKnown: PlausibilityRule = (ctx) => {
  const out: PlausibilityFinding[] = [];
  for (const [name, label] of [['issuingState', 'state'], ['nationality', 'nationality']] as const) {
    const f = usable(ctx, name);
    if (!f) continue;
    const code = classifyCountryCode(f.raw);
    const attributes = { code: code.code, raw: f.raw, table: code.kind };
    if (code.kind === 'unknown') out.push(finding({ kind: `mrz.${label}.unknown`, severity: 'high', field: name, explanation: `'${f.raw}' is neither an ISO 3166-1 alpha-3 nor an ICAO Doc 9303 code`, attributes }));
    if (code.kind === 'specimen') out.push(finding({ kind: `mrz.${label}.specimen`, severity: 'info', field: name, explanation: `'${code.code}' is a specimen code: ${code.description ?? ''}`, attributes }));
    if (code.kind === 'historical') out.push(finding({ kind: `mrz.${label}.historical`, severity: 'low', field: name, explanation: `'${code.code}' is a withdrawn code: ${code.description ?? ''}`, attributes }));
  }
  const state = usable(ctx, 'issuingState');
  const expected = ctx.template.issuingState?.replace(/<+$/, '');
  if (state && expected && state.text !== expected)
    out.push(finding({ kind: 'mrz.state.template-mismatch', severity: 'high', field: 'issuingState', explanation: `issuing state '${state.text}' but the template expects '${expected}'`, attributes: { found: state.text, expected } }));
  return out;
};

/** Document code rules: TD1/TD2 A, C or I then not V (Parts 5, 6); TD3 P (Part 4); visas V (Part 7); template list. */
export const documentCodeValid: PlausibilityRule = (ctx) => {
  const f = usable(ctx, 'documentCode');
  const format = ctx.result.format;
  if (!f || !format) return [];
  const [first = '', second = ''] = f.raw;
  let rule: string | null = null;
  if ((format === 'TD1' || format === 'TD2') && (!'ACI'.includes(first) || second === 'V')) rule = `${format} codes start with A, C or I and the second character is not V`;
  if (format === 'TD3' && first !== 'P') rule = 'TD3 (passport) codes start with P';
  if ((format === 'MRVA' || format === 'MRVB') && first !== 'V') rule = 'visa codes start with V';
  const out: PlausibilityFinding[] = [];
  if (rule) out.push(finding({ kind: 'mrz.document-code.invalid', severity: 'high', field: 'documentCode', explanation: `document code '${f.raw}': ${rule}`, attributes: { code: f.raw, format } }));
  const allowed = ctx.template.documentCodes?.map((c) => c.replace(/</g, ''));
  if (allowed && !allowed.includes(f.text))
    out.push(finding({ kind: 'mrz.document-code.unexpected', severity: 'medium', field: 'documentCode', explanation: `document code '${f.raw}' is not among the template's ${allowed.join(', ')}`, attributes: { code: f.raw, allowed: allowed.join(',') } }));
  return out;
};

/** Document number matches the template pattern (whole number, anchored). */
export const documentNumberPattern: PlausibilityRule = (ctx) => {
  const f = usable(ctx, 'documentNumber');
  const pattern = ctx.template.documentNumberPattern;
  if (!f || !pattern) return [];
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    return [finding({ kind: 'template.pattern.invalid', severity: 'info', field: 'documentNumber', explanation: `template number pattern '${pattern}' is not a valid regular expression; not checked`, attributes: { pattern } })];
  }
  return re.test(f.text) ? [] : [finding({ kind: 'mrz.document-number.pattern', severity: 'high', field: 'documentNumber', explanation: `document number '${f.text}' does not match the template pattern ${pattern}`, attributes: { number: f.text, pattern } })];
};

/** Sex is M, F, `<` (unspecified) or X (Part 3 4.5; X is used by several states for non-binary or unspecified). */
export const sexValid: PlausibilityRule = (ctx) => {
  const f = usable(ctx, 'sex');
  return f && !['M', 'F', '<', 'X'].includes(f.raw)
    ? [finding({ kind: 'mrz.sex.invalid', severity: 'high', field: 'sex', explanation: `sex '${f.raw}' is not M, F, X or <`, attributes: { raw: f.raw } })]
    : [];
};

/** Expiry no further ahead than the template's maximum validity (an issue date cannot be later than today). */
export const validityWithinTemplate: PlausibilityRule = ({ expiry, today, template }) => {
  const max = template.maxValidityYears;
  if (!expiry || max === undefined) return [];
  const years = wholeYears(today, expiry);
  const limit = { year: today.year + max, month: today.month, day: today.day };
  return dayNumber(expiry) > dayNumber(limit)
    ? [finding({ kind: 'mrz.validity.too-long', severity: 'high', field: 'expiryDate', explanation: `expiry ${formatDate(expiry)} is more than ${max} years after ${formatDate(today)}: even if issued today it exceeds the template's maximum validity`, attributes: { expiry: formatDate(expiry), maxValidityYears: max, yearsAhead: years } })]
    : [];
};

/** Every check digit that still fails after correction (Part 3 4.9). */
export const checkDigitsHold: PlausibilityRule = ({ result }) =>
  result.checks
    .filter((c) => !c.valid)
    .map((c) => finding({ kind: 'mrz.check-digit.failed', severity: 'high', explanation: `${c.id} check digit at line ${c.line + 1} column ${c.column + 1} is '${c.found}', computed '${c.expected ?? '?'}'`, attributes: { check: c.id, expected: c.expected, found: c.found } }));
