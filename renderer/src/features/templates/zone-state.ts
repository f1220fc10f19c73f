/**
 * How comparison results are shown: zone states and assessment levels as a colour class plus a text label
 * and a symbol (never colour alone), the order zones and reasons are listed in, and check values as text.
 */
import type { AssessmentLevel, AssessmentReasonView, ZoneCheckView, ZoneResultView, ZoneState } from '../../../../native/engine/contract';

export interface StateMeta {
  /** Words shown next to the zone. */
  readonly label: string;
  /** A symbol that carries the state without colour (also drawn on the image). */
  readonly symbol: string;
  /** CSS modifier: colour, border style (solid / dashed / dotted) and, for deviations, a hatch. */
  readonly className: string;
}

export const ZONE_STATE_META: Readonly<Record<ZoneState, StateMeta>> = {
  agrees: { label: 'agrees', symbol: '✓', className: 'zs-agrees' },
  review: { label: 'review', symbol: '?', className: 'zs-review' },
  deviates: { label: 'deviates', symbol: '✕', className: 'zs-deviates' },
  'not-checked': { label: 'not checked', symbol: '–', className: 'zs-not-checked' },
};

/** Zones listed most telling first: deviations, then what needs review, agreements, and what was not checked. */
export const ZONE_STATE_ORDER: readonly ZoneState[] = ['deviates', 'review', 'agrees', 'not-checked'];

export interface LevelMeta {
  readonly label: string;
  readonly tone: 'ok' | 'warn' | 'danger';
  /** What the level means, for the badge's title: indicators for an examiner, never a verdict. */
  readonly explanation: string;
}

export const LEVEL_META: Readonly<Record<AssessmentLevel, LevelMeta>> = {
  'no-indicators': { label: 'No indicators', tone: 'ok', explanation: 'Nothing measured departs from the template beyond what genuine captures show.' },
  review: { label: 'Review', tone: 'warn', explanation: 'Some measurements depart from the template; an examiner should look at them.' },
  'strong-indicators': { label: 'Strong indicators', tone: 'danger', explanation: 'Several or large departures from the template were measured; examine the document closely.' },
};

/** Zones in display order (state order, then template order), without changing the input. */
export function orderZones(zones: readonly ZoneResultView[]): ZoneResultView[] {
  return zones
    .map((zone, index) => ({ zone, index }))
    .sort((a, b) => ZONE_STATE_ORDER.indexOf(a.zone.state) - ZONE_STATE_ORDER.indexOf(b.zone.state) || a.index - b.index)
    .map((entry) => entry.zone);
}

/** How many zones are in each state. */
export function countZoneStates(zones: readonly ZoneResultView[]): Record<ZoneState, number> {
  const counts: Record<ZoneState, number> = { agrees: 0, review: 0, deviates: 0, 'not-checked': 0 };
  for (const zone of zones) counts[zone.state]++;
  return counts;
}

/** Reasons, largest contribution to the score first. */
export function orderReasons(reasons: readonly AssessmentReasonView[]): AssessmentReasonView[] {
  return [...reasons].sort((a, b) => b.weight - a.weight);
}

/** A score or deviation in [0, 1] with two decimals; '—' when missing. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(2);
}

/** A measured or expected value as text: numbers to at most 3 decimals, booleans as yes/no. */
export function formatCheckValue(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  return value;
}

export interface CheckValueRow {
  readonly key: string;
  readonly measured: string;
  /** The expected value, or the bound: `≥ 0.6` for an expected `<key>Min`, `≤ 2` for `<key>Max`. */
  readonly expected: string;
}

/**
 * One row per measured quantity with what the template expects of it side by side: the expected value of the
 * same name, or its bounds named `<key>Min` / `<key>Max` (as `bandZncc` against `bandZnccMin`); expected values
 * no measurement names get rows of their own.
 */
export function checkValueRows(check: Pick<ZoneCheckView, 'measured' | 'expected'>): CheckValueRow[] {
  const used = new Set<string>();
  const expectedOf = (key: string): string => {
    const parts: string[] = [];
    if (key in check.expected) {
      used.add(key);
      parts.push(formatCheckValue(check.expected[key]));
    }
    if (`${key}Min` in check.expected) {
      used.add(`${key}Min`);
      parts.push(`≥ ${formatCheckValue(check.expected[`${key}Min`])}`);
    }
    if (`${key}Max` in check.expected) {
      used.add(`${key}Max`);
      parts.push(`≤ ${formatCheckValue(check.expected[`${key}Max`])}`);
    }
    return parts.length ? parts.join(', ') : '—';
  };
  const rows = Object.keys(check.measured).map((key) => ({ key, measured: formatCheckValue(check.measured[key]), expected: expectedOf(key) }));
  for (const key of Object.keys(check.expected)) if (!used.has(key)) rows.push({ key, measured: '—', expected: formatCheckValue(check.expected[key]) });
  return rows;
}
