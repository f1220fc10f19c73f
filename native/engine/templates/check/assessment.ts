/**
 * The assessment of a document against its template: a score in [0, 1], a level and the reasons.
 *
 * Each indicator contributes `weight(code) x deviation`; contributions combine as a noisy-OR
 * (score = 1 - prod(1 - contribution)), so one strong, exact indicator (a failing check digit, a printed
 * number that disagrees with the MRZ) is enough for `strong-indicators`, and several weak ones add up
 * without any one of them deciding. Weights and level thresholds are data
 * (`resources/data/template-assessment.json`), with the calibration figures the template benchmark wrote
 * (docs/TEMPLATES.md, "Assessment"; docs/BENCHMARKS.md, "Templates"). The level says how much the
 * measurements call for an examiner's attention, never whether the document is forged.
 */
import config from '../../../../resources/data/template-assessment.json';
import type { AssessmentLevel } from '../../contract';
import { clamp01, type TemplateIndicator } from './indicators';

export interface AssessmentConfig {
  readonly version: string;
  readonly weights: Readonly<Record<string, number>>;
  readonly defaultWeight: number;
  readonly levels: { readonly review: number; readonly strongIndicators: number };
  readonly minReasonContribution: number;
}

/** The shipped configuration. */
export const ASSESSMENT_CONFIG: AssessmentConfig = config;

export interface AssessmentReason {
  readonly code: string;
  readonly zone: string | null;
  readonly message: string;
  /** weight x deviation, [0, 1]. */
  readonly weight: number;
  /** Index of the indicator in the list given to {@link assess}. */
  readonly indicator: number;
}

export interface Assessment {
  readonly score: number;
  readonly level: AssessmentLevel;
  readonly reasons: readonly AssessmentReason[];
  readonly configVersion: string;
}

/** The level of a score under `cfg`. */
export function levelOf(score: number, cfg: AssessmentConfig = ASSESSMENT_CONFIG): AssessmentLevel {
  return score >= cfg.levels.strongIndicators ? 'strong-indicators' : score >= cfg.levels.review ? 'review' : 'no-indicators';
}

/** Weigh the indicators of one document: score, level, and the reasons that contributed, strongest first. */
export function assess(indicators: readonly TemplateIndicator[], cfg: AssessmentConfig = ASSESSMENT_CONFIG): Assessment {
  let keep = 1;
  const reasons: AssessmentReason[] = [];
  indicators.forEach((indicator, index) => {
    const weight = clamp01(cfg.weights[indicator.code] ?? cfg.defaultWeight);
    const contribution = weight * clamp01(indicator.deviation);
    keep *= 1 - contribution;
    if (contribution >= cfg.minReasonContribution) reasons.push({ code: indicator.code, zone: indicator.zoneId, message: indicator.summary, weight: Number(contribution.toFixed(3)), indicator: index });
  });
  reasons.sort((a, b) => b.weight - a.weight);
  const score = Number((1 - keep).toFixed(4));
  return { score, level: levelOf(score, cfg), reasons, configVersion: cfg.version };
}
