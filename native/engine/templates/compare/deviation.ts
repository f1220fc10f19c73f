/**
 * How measurements become a deviation (0 = within what genuine captures show, 1 = far outside), and the
 * result builders every comparator uses. Each comparator documents the two anchors of its ramps next
 * to its constants: the largest value measured on genuine captures and the value its target forgery
 * reaches.
 */
import type { ComparisonCheck, Region, ZoneComparison } from './types';

/**
 * Linear ramp: 0 up to `genuineBound` (the edge of what genuine captures show), 1 from `fullAt` on.
 * Works for decreasing scales too (`fullAt < genuineBound`, e.g. a correlation).
 */
export function ramp(value: number, genuineBound: number, fullAt: number): number {
  if (!Number.isFinite(value)) return 0;
  const t = (value - genuineBound) / (fullAt - genuineBound);
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/** `v` rounded to `digits` decimals (measurements are reported rounded; deviations are computed unrounded). */
export function rounded(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Every value of a record rounded (see {@link rounded}). */
export function roundedRecord(values: Readonly<Record<string, number>>, digits = 3): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) out[k] = rounded(v, digits);
  return out;
}

/** A measured result (values rounded for reporting). */
export function measuredResult(
  zoneId: string,
  check: ComparisonCheck,
  region: Region,
  measured: Readonly<Record<string, number>>,
  expected: Readonly<Record<string, number>>,
  deviation: number,
  summary: string,
): ZoneComparison {
  return { zoneId, check, status: 'measured', measured: roundedRecord(measured), expected: roundedRecord(expected), deviation: rounded(deviation), region, summary };
}

/** A neutral result: the check could not be made; deviation 0 and the reason in the summary. */
export function notMeasured(zoneId: string, check: ComparisonCheck, region: Region, reason: string): ZoneComparison {
  return { zoneId, check, status: 'not-measured', measured: {}, expected: {}, deviation: 0, region, summary: `${check} not measured: ${reason}` };
}

/** "0.68 mm below" / "0.12 mm above" style wording for a signed offset (positive = `positiveWord`). */
export function signedMm(valueMm: number, positiveWord: string, negativeWord: string): string {
  return `${Math.abs(valueMm).toFixed(2)} mm ${valueMm >= 0 ? positiveWord : negativeWord}`;
}

/** A ratio as a whole percentage ("104 %"). */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}
