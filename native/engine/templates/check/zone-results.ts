/**
 * Each template zone with the indicators about it and its state for display: `deviates` when any indicator
 * reaches DEVIATES_AT, `review` from AGREES_BELOW, `agrees` when it was checked and stayed below, and
 * `not-checked` when nothing measured it.
 */
import type { BoxView, ZoneState } from '../../contract';
import type { TemplateZone } from '../template';
import { AGREES_BELOW, DEVIATES_AT, type TemplateIndicator } from './indicators';

export interface ZoneResult {
  readonly id: string;
  readonly kind: TemplateZone['kind'];
  readonly field: string | null;
  /** In reference pixels. */
  readonly box: BoxView;
  readonly state: ZoneState;
  /** Indexes into the indicator list the result was built from. */
  readonly indicators: readonly number[];
}

/** The state of a zone from the deviations measured on it. */
export function zoneState(deviations: readonly number[]): ZoneState {
  if (!deviations.length) return 'not-checked';
  const worst = Math.max(...deviations);
  return worst >= DEVIATES_AT ? 'deviates' : worst >= AGREES_BELOW ? 'review' : 'agrees';
}

/** One result per zone of the side, in template order. */
export function zoneResults(zones: readonly TemplateZone[], width: number, height: number, indicators: readonly TemplateIndicator[]): ZoneResult[] {
  return zones.map((zone) => {
    const [fx, fy, fw, fh] = zone.box;
    const mine = indicators.flatMap((ind, i) => (ind.zoneId === zone.id ? [i] : []));
    return {
      id: zone.id,
      kind: zone.kind,
      field: zone.kind === 'text' ? zone.field : null,
      box: { x: Math.round(fx * width), y: Math.round(fy * height), width: Math.round(fw * width), height: Math.round(fh * height) },
      state: zoneState(mine.map((i) => indicators[i]!.deviation)),
      indicators: mine,
    };
  });
}
