/**
 * One indicator of a template check: something measured on the questioned document that departs from the
 * template (or holds, with deviation 0), tied to a zone. Comparisons, rules, MRZ checks and per-zone forensics
 * all end up in this shape, which the assessment weighs and the store keeps as findings.
 */
import type { BoxView, Severity } from '../../contract';

export type IndicatorSource = 'comparison' | 'rules' | 'mrz' | 'forensics';
export type IndicatorValue = number | string | boolean | null;

export interface TemplateIndicator {
  /** Stable code: `template.<check>` for comparisons, `template.rules.*`, `template.format.*`, `viz.mrz-mismatch`, `mrz.*`, `forensics.portrait`. */
  readonly code: string;
  /** Template zone id, or null for the document as a whole. */
  readonly zoneId: string | null;
  /** 0 = as on genuine captures of the template; 1 = far outside them. */
  readonly deviation: number;
  readonly source: IndicatorSource;
  readonly summary: string;
  readonly measured: Readonly<Record<string, IndicatorValue>>;
  readonly expected: Readonly<Record<string, IndicatorValue>>;
  /** Where, in reference pixels of the template side, or null. */
  readonly region: BoxView | null;
}

/** Deviation at and above which a zone is shown as deviating, and below which it agrees (see zoneState). */
export const DEVIATES_AT = 0.7;
/** Below this a check is within what genuine captures of the bundled template showed (comparators' calibration). */
export const AGREES_BELOW = 0.3;

/** Severity of a finding stored for an indicator. */
export function indicatorSeverity(deviation: number): Severity {
  return deviation >= DEVIATES_AT ? 'high' : deviation >= AGREES_BELOW ? 'medium' : 'info';
}

export const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
