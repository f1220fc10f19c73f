/**
 * Field formats and template rules on the values read in the template's zones, and the VIZ against the MRZ
 * zone by zone: number pattern, printed date format, validity period, date order, and each printed field
 * that the MRZ also encodes. OCR can misread, so each indicator's deviation is scaled by the zone OCR
 * confidence (see `ocrTrust`) and keeps what was read.
 */
import type { MrzView } from '../../contract';
import { mrzRenderings } from '../../domain/transliteration';
import { crossCheckField, type VizField } from '../../domain/viz-crosscheck';
import { dayNumber, formatDate, parseIsoDate, resolveBirthDate, resolveExpiryDate, type CalendarDate } from '../../domain/mrz/dates';
import type { Template } from '../template';
import { clamp01, type TemplateIndicator } from './indicators';
import type { TextZone, ZoneReading } from './zone-text';

/**
 * How far a value read by OCR is trusted: Tesseract word confidence 90+ on the generated cards' bold print
 * reads right in every case checked; below 60 misreadings dominate (development seeds: genuine sex and
 * nationality zones misread at 40-60 in 9 of 45 captures). Linear between, floor 0.1: a contradiction read
 * at low confidence stays visible on its zone but weighs little.
 */
export function ocrTrust(confidence: number): number {
  return 0.1 + 0.9 * clamp01((confidence - 60) / 30);
}

/**
 * A reading of one or two characters (the sex marker) is misread far more often than its confidence says
 * (development seeds: 8 of 45 genuine sex zones read wrong at confidence 85-90), so its weight grows with its
 * length up to three characters.
 */
export function lengthTrust(text: string): number {
  return Math.min(1, text.replace(/\s/g, '').length / 3);
}

/**
 * Fields read as fixed-length digit and letter codes, where OCR misreads substitute one or two characters
 * in place and keep the length.
 */
const CODE_FIELDS: ReadonlySet<TextZone['field']> = new Set(['documentNumber', 'birthDate', 'expiryDate']);
/**
 * A printed code that disagrees with the MRZ in this many places at the same length is not explained by
 * misreading, whatever the OCR confidence: misread genuine numbers and dates differed in one or two places
 * (development seeds; confidence 40-60 on light print or uneven lighting), a changed number in most of them.
 */
const MANY_SUBSTITUTIONS = 3;
/** Weight of such a disagreement (as a reading at confidence 87). */
const MANY_SUBSTITUTIONS_TRUST = 0.9;

/** Trust in a code disagreement by its size: {@link MANY_SUBSTITUTIONS_TRUST} when it cannot be a misreading, else 0. */
export function substitutionTrust(field: TextZone['field'], viz: string, mrz: string): number {
  if (!CODE_FIELDS.has(field) || viz.length !== mrz.length) return 0;
  let differing = 0;
  for (let i = 0; i < viz.length; i++) if (viz[i] !== mrz[i]) differing++;
  return differing >= MANY_SUBSTITUTIONS ? MANY_SUBSTITUTIONS_TRUST : 0;
}

/**
 * MRZ name characters have no check digit, so a misread letter there goes unnoticed by the MRZ itself. When every
 * character at which a confident printed name and the MRZ name disagree was read in the MRZ with a score under
 * this, the disagreement is as likely the MRZ reader's: genuine scanner captures misread A as M and A as O at
 * scores 0.27-0.29, while every name letter of the 9 rewritten-MRZ forgeries of the development seeds scored 1.0;
 * correct letters of the misread line scored 0.48-1.0.
 */
const UNCERTAIN_MRZ_CHAR_SCORE = 0.4;
/** Weight kept for such a disagreement: visible on its zone for the examiner, too weak to raise the level alone. */
const UNCERTAIN_MRZ_TRUST = 0.15;
/**
 * A misread MRZ name line is read poorly as a whole: on 440 captures of seeds 1001-4001 (genuine and
 * rewritten-MRZ), the geometric mean of the name line's letter scores was 0.74-0.90 on the 5 lines read with
 * wrong letters (all scanner captures; one misread letter scored 0.93) and >= 0.996 on every line read right,
 * forged or not. Below this, a name disagreement weighs as an uncertain MRZ letter.
 */
const POOR_NAME_LINE_SCORE = 0.95;

/** Geometric mean of the reader's scores of the letters in the MRZ name field; null without scores. */
export function nameLineScore(mrz: MrzView): number | null {
  const name = mrz.fields.find((f) => f.name === 'name');
  if (!name) return null;
  let logSum = 0;
  let n = 0;
  for (const c of mrz.chars) {
    if (c.line !== name.line || c.column < name.start || c.column >= name.end || !/[A-Z]/.test(c.char)) continue;
    if (c.score === null) return null;
    logSum += Math.log(Math.max(1e-3, c.score));
    n++;
  }
  return n > 0 ? Math.exp(logSum / n) : null;
}

/**
 * A printed code that cannot be what the issuer printed (a document number not matching the zone's pattern,
 * a date that does not parse) is a failed reading as likely as a change, so the size of its disagreement says
 * nothing (a lighting capture read the number 'RPYESUSTY' at confidence 0).
 */
function wellFormedCode(reading: ZoneReading, zone: TextZone | undefined): boolean {
  if (reading.field === 'birthDate' || reading.field === 'expiryDate') return reading.normalized !== null;
  if (reading.field !== 'documentNumber' || !zone?.pattern) return true;
  try {
    return new RegExp(`^(?:${zone.pattern})$`).test(reading.normalized ?? reading.text);
  } catch {
    return true;
  }
}

/**
 * The MRZ characters (with their reader scores) at which the printed name `viz` and the MRZ name part disagree,
 * when some legitimate MRZ rendering of `viz` has the part's length; null when no rendering lines up.
 */
function disagreeingMrzChars(mrz: MrzView, field: TextZone['field'], viz: string): { char: string; score: number | null }[] | null {
  if (field !== 'surname' && field !== 'givenNames') return null;
  const name = mrz.fields.find((f) => f.name === 'name');
  if (!name) return null;
  const at = name.raw.indexOf('<<');
  const partStart = field === 'surname' ? 0 : at < 0 ? -1 : at + 2;
  if (partStart < 0) return null;
  const rest = name.raw.slice(partStart);
  const part = field === 'surname' ? (at < 0 ? rest : rest.slice(0, at)) : rest.replace(/<+$/, '');
  const rendering = mrzRenderings(viz).find((r) => r.length === part.length);
  if (!rendering) return null;
  const out: { char: string; score: number | null }[] = [];
  for (let i = 0; i < part.length; i++) {
    if (rendering[i] === part[i]) continue;
    const cell = mrz.chars.find((c) => c.line === name.line && c.column === name.start + partStart + i);
    out.push({ char: part[i]!, score: cell?.score ?? null });
  }
  return out;
}

/** Printed date format → regular expression. Only the forms templates use; others are not checked. */
const DATE_FORMATS: Readonly<Record<string, RegExp>> = {
  'DD.MM.YYYY': /^\d{2}\.\d{2}\.\d{4}$/,
  'DD/MM/YYYY': /^\d{2}\/\d{2}\/\d{4}$/,
  'DD MM YYYY': /^\d{2} \d{2} \d{4}$/,
  'YYYY-MM-DD': /^\d{4}-\d{2}-\d{2}$/,
};

/** Template field → cross-check field and the MRZ value it must agree with. */
const MRZ_VALUE: Readonly<Partial<Record<TextZone['field'], { check: VizField; value: (m: MrzView) => string | null }>>> = {
  documentNumber: { check: 'documentNumber', value: (m) => m.fields.find((f) => f.name === 'documentNumber')?.text ?? null },
  surname: { check: 'surname', value: (m) => namePart(m, 0) },
  givenNames: { check: 'givenNames', value: (m) => namePart(m, 1) },
  birthDate: { check: 'birthDate', value: (m) => raw(m, 'birthDate') },
  expiryDate: { check: 'expiryDate', value: (m) => raw(m, 'expiryDate') },
  nationality: { check: 'nationality', value: (m) => raw(m, 'nationality') },
  sex: { check: 'sex', value: (m) => raw(m, 'sex') },
};
const raw = (m: MrzView, name: string) => m.fields.find((f) => f.name === name)?.raw ?? null;
function namePart(m: MrzView, part: 0 | 1): string | null {
  const name = raw(m, 'name');
  if (name === null) return null;
  const at = name.indexOf('<<');
  return part === 0 ? (at < 0 ? name : name.slice(0, at)) : at < 0 ? '' : name.slice(at + 2);
}

function zoneIndicator(zone: ZoneReading, code: string, deviation: number, summary: string, measured: TemplateIndicator['measured'], expected: TemplateIndicator['expected']): TemplateIndicator {
  return { code, zoneId: zone.zoneId, deviation: clamp01(deviation), source: 'rules', summary, measured: { read: zone.text, ocrConfidence: zone.confidence, ...measured }, expected, region: null };
}

/** Number patterns and printed date formats of the text zones. */
export function formatIndicators(zones: readonly TextZone[], readings: readonly ZoneReading[]): TemplateIndicator[] {
  const out: TemplateIndicator[] = [];
  for (const reading of readings) {
    const zone = zones.find((z) => z.id === reading.zoneId);
    if (!zone || !reading.text) continue;
    const trust = ocrTrust(reading.confidence);
    if (zone.pattern) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(`^(?:${zone.pattern})$`);
      } catch {
        re = null;
      }
      const value = reading.normalized ?? reading.text;
      if (re && !re.test(value)) out.push(zoneIndicator(reading, 'template.format.pattern', trust, `printed '${reading.text}' does not match the template pattern ${zone.pattern}`, { value }, { pattern: zone.pattern }));
    }
    const format = zone.dateFormat ? DATE_FORMATS[zone.dateFormat] : undefined;
    if (format && !format.test(reading.text.replace(/\s+/g, ' ').trim())) {
      out.push(zoneIndicator(reading, 'template.format.date', trust * 0.8, `printed date '${reading.text}' is not in the template's form ${zone.dateFormat ?? ''}`, {}, { dateFormat: zone.dateFormat ?? null }));
    }
  }
  return out;
}

/**
 * Each printed field the MRZ also encodes, compared with it (transliteration and truncation allowed).
 * @param zones the text zones read (their number patterns tell a well-formed reading from a failed one)
 */
export function vizMrzIndicators(readings: readonly ZoneReading[], mrz: MrzView | null, zones: readonly TextZone[] = []): TemplateIndicator[] {
  if (!mrz?.format) return [];
  const out: TemplateIndicator[] = [];
  const lineScore = nameLineScore(mrz);
  for (const reading of readings) {
    const counterpart = MRZ_VALUE[reading.field];
    const mrzValue = counterpart?.value(mrz);
    if (!counterpart || mrzValue === null || mrzValue === undefined || !reading.text) continue;
    const result = crossCheckField(counterpart.check, reading.text, mrzValue);
    if (result.status !== 'mismatch') continue;
    const bySize = wellFormedCode(reading, zones.find((z) => z.id === reading.zoneId)) ? substitutionTrust(reading.field, result.vizNormalized, result.mrzNormalized) : 0;
    let trust = Math.max(ocrTrust(reading.confidence) * lengthTrust(reading.text), bySize);
    let summary = `printed ${reading.field} disagrees with the MRZ: ${result.explanation}`;
    const differing = disagreeingMrzChars(mrz, reading.field, reading.text);
    const isName = reading.field === 'surname' || reading.field === 'givenNames';
    if (differing?.length && differing.every((d) => d.score !== null && d.score < UNCERTAIN_MRZ_CHAR_SCORE)) {
      trust = Math.min(trust, UNCERTAIN_MRZ_TRUST);
      summary += `; the MRZ letters that differ were read with low scores (${differing.map((d) => `${d.char} ${d.score!.toFixed(2)}`).join(', ')}), so the MRZ reading may be wrong there`;
    } else if (isName && lineScore !== null && lineScore < POOR_NAME_LINE_SCORE) {
      trust = Math.min(trust, UNCERTAIN_MRZ_TRUST);
      summary += `; the MRZ name line was read poorly (letter scores ${lineScore.toFixed(2)} on average), so the MRZ reading may be wrong there`;
    }
    out.push(zoneIndicator(reading, 'viz.mrz-mismatch', trust, summary, { viz: result.vizNormalized }, { mrz: result.mrzNormalized }));
  }
  return out;
}

const isoOf = (readings: readonly ZoneReading[], field: TextZone['field']) => {
  const r = readings.find((z) => z.field === field && z.normalized);
  const date = r?.normalized ? parseIsoDate(r.normalized) : null;
  return date && r ? { date, reading: r } : null;
};

function mrzDate(mrz: MrzView | null, name: 'birthDate' | 'expiryDate', today: CalendarDate): CalendarDate | null {
  const f = mrz?.fields.find((x) => x.name === name);
  if (!f || f.status === 'invalid' || f.status === 'unreadable' || !/^\d{6}$/.test(f.raw)) return null;
  const [yy, mm, dd] = [Number(f.raw.slice(0, 2)), Number(f.raw.slice(2, 4)), Number(f.raw.slice(4, 6))];
  return name === 'birthDate' ? resolveBirthDate(yy, mm, dd, today) : resolveExpiryDate(yy, mm, dd, today);
}

/**
 * The date a rule uses: the MRZ's when its check digits hold (machine-read), with the century the printed
 * four-digit year gives when both agree on YYMMDD (the MRZ's two-digit year is resolved by convention: a
 * printed birth year 2030 is 1930 in the MRZ's reading, and only the VIZ says which); the VIZ's without a
 * usable MRZ date.
 */
function ruleDate(fromMrz: CalendarDate | null, printed: CalendarDate | null): CalendarDate | null {
  if (fromMrz && printed && fromMrz.year % 100 === printed.year % 100 && fromMrz.month === printed.month && fromMrz.day === printed.day) return printed;
  return fromMrz ?? printed;
}

/**
 * One day of slack on the validity rule: some issuers count the expiry day itself (issue 01.01.2024, expiry
 * 01.01.2029 is exactly 5 years).
 */
const VALIDITY_SLACK_DAYS = 1;

/**
 * Date rules with the issue date, which only the VIZ carries on TD1 cards: expiry after issue, validity no
 * longer than the template's maximum, birth before issue, issue not after the reference day. Birth and
 * expiry come from the MRZ when its check digits hold (it is machine-read), else from the VIZ (see `ruleDate`).
 */
export function dateRuleIndicators(template: Template, readings: readonly ZoneReading[], mrz: MrzView | null, todayIso: string): TemplateIndicator[] {
  const today = parseIsoDate(todayIso);
  const issue = isoOf(readings, 'issueDate');
  if (!today || !issue) return [];
  const birth = ruleDate(mrzDate(mrz, 'birthDate', today), isoOf(readings, 'birthDate')?.date ?? null);
  const expiry = ruleDate(mrzDate(mrz, 'expiryDate', today), isoOf(readings, 'expiryDate')?.date ?? null);
  const trust = ocrTrust(issue.reading.confidence);
  const out: TemplateIndicator[] = [];
  const day = (d: CalendarDate) => dayNumber(d);
  const rule = (code: string, summary: string, measured: TemplateIndicator['measured'], expected: TemplateIndicator['expected']) =>
    out.push(zoneIndicator(issue.reading, code, trust, summary, measured, expected));
  if (expiry && day(expiry) <= day(issue.date)) rule('template.rules.expiry-before-issue', `expiry ${formatDate(expiry)} is not after issue ${formatDate(issue.date)}`, { issue: formatDate(issue.date), expiry: formatDate(expiry) }, {});
  const maxYears = template.rules?.maxValidityYears;
  if (expiry && maxYears !== undefined && day(expiry) > day(issue.date)) {
    const limit = { year: issue.date.year + maxYears, month: issue.date.month, day: issue.date.day };
    if (day(expiry) > day(limit) + VALIDITY_SLACK_DAYS) {
      const years = (day(expiry) - day(issue.date)) / 365.25;
      rule('template.rules.validity-too-long', `validity from issue ${formatDate(issue.date)} to expiry ${formatDate(expiry)} is ${years.toFixed(1)} years; the template allows at most ${maxYears}`, { validityYears: Number(years.toFixed(2)) }, { maxValidityYears: maxYears });
    }
  }
  if (birth && day(birth) >= day(issue.date)) rule('template.rules.birth-after-issue', `birth ${formatDate(birth)} is not before issue ${formatDate(issue.date)}`, { birth: formatDate(birth), issue: formatDate(issue.date) }, {});
  if (day(issue.date) > day(today)) rule('template.rules.issue-in-future', `issue ${formatDate(issue.date)} is after the reference day ${formatDate(today)}`, { issue: formatDate(issue.date) }, { notAfter: formatDate(today) });
  return out;
}
