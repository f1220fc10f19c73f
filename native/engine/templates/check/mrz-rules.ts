/**
 * The MRZ against the template's MRZ expectations (document codes, issuing state, number pattern, maximum
 * validity) and the plausibility rules of the MRZ engine (check digits, dates, codes, fillers), as indicators
 * on the template's MRZ zone. Check digits are taken as the documents analyser stored them (after its
 * corrections); the other rules run on the stored lines with the template's expectations.
 */
import type { MrzView } from '../../contract';
import { checkPlausibility, readMrz, type FindingSeverity } from '../../domain/mrz';
import { mrzExpectations, type Template } from '../template';
import type { TemplateIndicator } from './indicators';

/** Severity of a plausibility finding → deviation: `high` rules are exact (a check digit, a code), `info` carries nothing. */
const DEVIATION_OF: Readonly<Record<FindingSeverity, number>> = { high: 1, medium: 0.6, low: 0.3, info: 0 };

/** Indicators of the MRZ as read, on zone `zoneId` (the template's MRZ zone), against `template`. */
export function mrzIndicators(template: Template, mrz: MrzView | null, zoneId: string | null, today: string): TemplateIndicator[] {
  if (!mrz?.format) return [];
  const out: TemplateIndicator[] = [];
  for (const check of mrz.checks.filter((c) => !c.valid)) {
    out.push({
      code: 'mrz.check-digit.failed',
      zoneId,
      deviation: 1,
      source: 'mrz',
      summary: `${check.name} check digit at line ${check.line + 1} column ${check.column + 1} is '${check.found}', computed '${check.expected}'`,
      measured: { found: check.found },
      expected: { computed: check.expected },
      region: null,
    });
  }
  if (template.mrz?.format && template.mrz.format !== mrz.format) {
    out.push({ code: 'template.mrz.format', zoneId, deviation: 1, source: 'mrz', summary: `MRZ is ${mrz.format}; the template's is ${template.mrz.format}`, measured: { format: mrz.format }, expected: { format: template.mrz.format }, region: null });
  }
  const reparsed = readMrz(mrz.lines);
  for (const finding of checkPlausibility(reparsed, { today, template: mrzExpectations(template) })) {
    if (finding.kind === 'mrz.check-digit.failed') continue;
    out.push({ code: finding.kind, zoneId, deviation: DEVIATION_OF[finding.severity], source: 'mrz', summary: finding.explanation, measured: { ...finding.attributes }, expected: {}, region: null });
  }
  return out;
}
