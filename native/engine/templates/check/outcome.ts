/**
 * A template check as it is stored and printed: the details JSON kept with the run (comparison view source),
 * the findings for the indicators that depart from the template, and the CLI contract's `template` and
 * `assessment` objects.
 */
import type { FindingDraft } from '../../pipeline/analyser';
import type { TemplateCheckResult } from './check-document';
import { AGREES_BELOW, indicatorSeverity, type TemplateIndicator } from './indicators';
import { referenceBoxToDocument } from './check-document';
import { invert, project } from '../align/geometry';

/** Findings kinds the check stores for the document as a whole. */
export const RECOGNITION_FINDING = 'template.recognition';
export const ASSESSMENT_FINDING = 'template.assessment';

const round = (v: number, digits = 3) => Number(v.toFixed(digits));

/** The JSON the store keeps for one check (`template_checks.details`) and the comparison view reads back. */
export function checkDetails(result: TemplateCheckResult): Record<string, unknown> {
  const m = result.matched;
  return {
    candidates: result.candidates,
    recognition: m ? m.by : 'none',
    reproportioned: result.reproportioned,
    template: m ? { id: m.candidate.template.template.id, version: m.candidate.template.template.version, sha256: m.candidate.template.sha256, title: m.candidate.template.template.title, side: m.candidate.side.side } : null,
    referenceSize: m ? { width: m.candidate.side.width, height: m.candidate.side.height } : null,
    alignment: m
      ? {
          homography: m.alignment.homography.map((v) => Number(v.toPrecision(8))),
          turned: m.alignment.turned,
          matches: m.alignment.matches,
          inliers: m.alignment.inliers,
          inlierRatio: round(m.alignment.inlierRatio),
          medianErrorPx: round(m.alignment.medianErrorPx, 2),
          staticSimilarity: round(m.alignment.staticSimilarity),
          score: round(m.alignment.score),
        }
      : null,
    indicators: result.indicators.map((i) => ({ ...i, deviation: round(i.deviation) })),
    zones: result.zones,
    readings: result.readings,
    assessment: result.assessment,
    notes: result.notes,
    timings: Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, Math.round(v)])),
  };
}

/** The document-space region of an indicator: its own region, else its zone's box, mapped back through the alignment. */
function documentRegion(indicator: TemplateIndicator, result: TemplateCheckResult) {
  const m = result.matched;
  if (!m) return null;
  const box = indicator.region ?? result.zones.find((z) => z.id === indicator.zoneId)?.box ?? null;
  return box ? referenceBoxToDocument(box, m.alignment.homography) : null;
}

/**
 * Findings for one check: recognition (always), the assessment (when a template matched), and one finding
 * per indicator at or above the review bound (AGREES_BELOW), placed on the document.
 */
export function checkFindings(documentId: number, result: TemplateCheckResult): FindingDraft[] {
  const m = result.matched;
  const best = result.candidates.reduce<(typeof result.candidates)[number] | null>((b, c) => (!b || c.score > b.score ? c : b), null);
  const out: FindingDraft[] = [
    {
      kind: RECOGNITION_FINDING,
      severity: 'info',
      confidence: m ? round(m.alignment.score) : best ? round(best.score) : 0,
      documentId,
      space: 'document',
      attributes: { matched: m?.by === 'print', recognition: m?.by ?? 'none', template: m ? `${m.candidate.template.template.id}@${m.candidate.template.template.version}` : null, templateSha256: m?.candidate.template.sha256 ?? null, candidates: result.candidates },
      explanation: m?.by === 'mrz-claim'
        ? `no template is recognised by its print; the MRZ claims ${m.candidate.template.template.id}@${m.candidate.template.template.version}, so the document was compared with it (recognition score ${m.alignment.score.toFixed(2)}, 0.50 needed)`
        : m
        ? `follows template ${m.candidate.template.template.id}@${m.candidate.template.template.version} side ${m.candidate.side.side} (recognition score ${m.alignment.score.toFixed(2)}: ${m.alignment.inliers} of ${m.alignment.matches} feature matches agree, fixed-print similarity ${m.alignment.staticSimilarity.toFixed(2)})`
        : `no known template fitted (${result.candidates.length} tried${best ? `; best ${best.templateId} side ${best.side}: ${best.reason}` : ''}); the document was not compared with a template`,
    },
  ];
  if (!m || !result.assessment) return out;
  const a = result.assessment;
  out.push({
    kind: ASSESSMENT_FINDING,
    severity: a.level === 'strong-indicators' ? 'high' : a.level === 'review' ? 'medium' : 'info',
    confidence: null,
    documentId,
    space: 'document',
    attributes: { score: a.score, level: a.level, reasons: a.reasons, configVersion: a.configVersion, template: `${m.candidate.template.template.id}@${m.candidate.template.template.version}` },
    explanation: a.reasons.length
      ? `template assessment ${a.level} (score ${a.score.toFixed(2)}): ${a.reasons.slice(0, 3).map((r) => `${r.zone ?? 'document'}: ${r.message}`).join('; ')}${a.reasons.length > 3 ? `; and ${a.reasons.length - 3} more` : ''}`
      : `template assessment ${a.level} (score ${a.score.toFixed(2)}): every zone checked agrees with ${m.candidate.template.template.id}`,
  });
  result.indicators.forEach((indicator, index) => {
    if (indicator.deviation < AGREES_BELOW) return;
    out.push({
      kind: indicator.code,
      severity: indicatorSeverity(indicator.deviation),
      confidence: round(indicator.deviation),
      field: result.zones.find((z) => z.id === indicator.zoneId)?.field ?? null,
      region: documentRegion(indicator, result),
      space: 'document',
      documentId,
      attributes: { zone: indicator.zoneId, indicator: index, deviation: round(indicator.deviation), source: indicator.source, measured: indicator.measured, expected: indicator.expected, template: `${m.candidate.template.template.id}@${m.candidate.template.template.version}` },
      explanation: `${indicator.zoneId ? `zone ${indicator.zoneId}` : 'document'}: ${indicator.summary}`,
    });
  });
  return out;
}

/** The CLI contract's per-document `template` object. */
export function templateJson(result: TemplateCheckResult) {
  const m = result.matched;
  const best = result.candidates.reduce<(typeof result.candidates)[number] | null>((b, c) => (!b || c.score > b.score ? c : b), null);
  if (m && m.by === 'print') return { id: m.candidate.template.template.id, version: m.candidate.template.template.version, sha256: m.candidate.template.sha256, side: m.candidate.side.side, matched: true, score: round(m.alignment.score) };
  if (m) return { id: m.candidate.template.template.id, version: m.candidate.template.template.version, sha256: m.candidate.template.sha256, side: m.candidate.side.side, matched: false, claimed: true, score: round(m.alignment.score), reason: 'not recognised by its print; compared with the template its MRZ claims' };
  return { id: best?.templateId ?? null, matched: false, score: best ? round(best.score) : 0, reason: best?.reason ?? 'no template to try' };
}

/** The CLI contract's per-document `assessment` object (null when no template matched). */
export function assessmentJson(result: TemplateCheckResult) {
  const a = result.assessment;
  return a ? { score: a.score, level: a.level, reasons: a.reasons.map((r) => ({ code: r.code, zone: r.zone, message: r.message, weight: r.weight })) } : null;
}

/**
 * The CLI's document entry for a card found only by locating a template's print in the whole image (no outline
 * found, no MRZ read): its outline is the template side's corners mapped back into the image (scaled by
 * `toOriginal` to the file's pixels), `method: 'template-located'`.
 */
export function locatedDocumentJson(result: TemplateCheckResult, toOriginal: number) {
  const m = result.matched!;
  const back = invert(m.alignment.homography);
  const { width, height } = m.candidate.side;
  const corners = ([[0, 0], [width, 0], [width, height], [0, height]] as const).map(([x, y]) => (back ? project(back, x, y) : ([0, 0] as const)));
  return {
    template: templateJson(result),
    assessment: assessmentJson(result),
    zones: result.zones.map((z) => ({ id: z.id, state: z.state })),
    quad: corners.map(([x, y]) => [Math.round(x * toOriginal * 10) / 10, Math.round(y * toOriginal * 10) / 10]),
    sizeClass: null,
    side: m.candidate.side.side,
    method: 'template-located',
    confidence: round(m.alignment.score),
    mrz: null,
    notes: result.notes,
  };
}
