/**
 * Findings of one read document: failing check digits, corrections the engine made, ambiguities it
 * refused to resolve, and the plausibility rules. Each says what was measured; none is a verdict.
 */
import type { FindingDraft } from '../../pipeline/analyser';
import type { CheckedDocument } from './check-image';

/** Mean reader confidence below which a failing check digit may well be a misreading (stated in the finding). */
const LOW_READ_CONFIDENCE = 0.85;

export function documentFindings(doc: CheckedDocument): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const mrz = doc.mrz;
  if (!mrz) return findings;
  const readConfidence = doc.reading?.confidence ?? null;
  const lowRead = readConfidence !== null && readConfidence < LOW_READ_CONFIDENCE;
  for (const check of mrz.checks) {
    if (check.valid) continue;
    findings.push({
      kind: 'mrz.check-digit',
      severity: lowRead ? 'low' : 'high',
      confidence: readConfidence,
      field: check.id,
      space: 'document',
      attributes: { line: check.line, column: check.column, expected: check.expected, found: check.found, covers: check.covers, readConfidence },
      explanation:
        `${check.id} check digit at line ${check.line + 1}, column ${check.column + 1}: computed ${check.expected ?? '?'} from the data, ${check.found || 'nothing'} printed` +
        (lowRead ? ` (the MRZ was read with low confidence ${readConfidence!.toFixed(2)}: re-read by eye before relying on it)` : ''),
    });
  }
  // Check digits do not cover every character (names, codes) and a misread can satisfy them by chance: a
  // weakly read MRZ is said to be so even when every digit holds.
  if (lowRead && mrz.checks.every((c) => c.valid)) {
    findings.push({
      kind: 'mrz.read-confidence.low',
      severity: 'low',
      confidence: readConfidence,
      space: 'document',
      attributes: { readConfidence, threshold: LOW_READ_CONFIDENCE },
      explanation: `Every check digit holds, but the MRZ was read with mean confidence ${readConfidence!.toFixed(2)} (below ${LOW_READ_CONFIDENCE}): compare the characters with the image before relying on them`,
    });
  }
  for (const c of mrz.corrections) {
    findings.push({
      kind: 'mrz.correction',
      severity: 'info',
      confidence: null,
      field: c.field,
      space: 'document',
      attributes: { line: c.line, column: c.column, from: c.from, to: c.to, reason: c.reason, cost: c.cost },
      explanation: `Read ${c.from} at line ${c.line + 1}, column ${c.column + 1}, taken as ${c.to}: ${c.reason}`,
    });
  }
  for (const a of mrz.ambiguities) {
    findings.push({ kind: 'mrz.ambiguous', severity: 'low', confidence: null, field: a.check, space: 'document', attributes: { options: a.options.length, cost: a.cost }, explanation: a.explanation });
  }
  for (const issue of mrz.issues) {
    findings.push({ kind: `mrz.issue.${issue.kind}`, severity: 'low', confidence: null, space: 'document', attributes: { line: issue.line ?? null }, explanation: issue.message });
  }
  // The plausibility rules also report failing check digits; the finding above already carries them with
  // the reader's confidence, so they are not repeated.
  for (const p of doc.plausibility.filter((f) => f.kind !== 'mrz.check-digit.failed')) {
    findings.push({ kind: p.kind, severity: p.severity, confidence: null, field: p.field ?? null, space: 'document', attributes: p.attributes, explanation: p.explanation });
  }
  return findings;
}
