import { describe, expect, it } from 'vitest';
import { ASSESSMENT_LEVELS } from '../../../../native/engine/contract';
import type { AssessmentReasonView, ZoneResultView, ZoneState } from '../../../../native/engine/contract';
import { LEVEL_META, ZONE_STATE_META, checkValueRows, countZoneStates, formatCheckValue, formatScore, orderReasons, orderZones } from './zone-state';

const zone = (id: string, state: ZoneState): ZoneResultView => ({ id, kind: 'text', field: null, box: { x: 0, y: 0, width: 1, height: 1 }, state, checks: [] });
const reason = (code: string, weight: number): AssessmentReasonView => ({ code, zone: null, message: code, weight, findingId: null });

describe('state and level presentation', () => {
  it('gives every zone state its own label, symbol and class (not colour alone)', () => {
    const states = Object.keys(ZONE_STATE_META) as ZoneState[];
    expect(states.sort()).toEqual(['agrees', 'deviates', 'not-checked', 'review']);
    for (const key of ['label', 'symbol', 'className'] as const) expect(new Set(states.map((s) => ZONE_STATE_META[s][key])).size).toBe(states.length);
    expect(ZONE_STATE_META.deviates.label).toBe('deviates');
    expect(ZONE_STATE_META['not-checked'].label).toBe('not checked');
  });

  it('has a label and tone for every assessment level, rising in alarm', () => {
    expect(ASSESSMENT_LEVELS.map((level) => LEVEL_META[level].tone)).toEqual(['ok', 'warn', 'danger']);
    for (const level of ASSESSMENT_LEVELS) expect(LEVEL_META[level].explanation).not.toMatch(/forged|genuine document/i);
  });
});

describe('ordering and counting', () => {
  const zones = [zone('a', 'agrees'), zone('b', 'deviates'), zone('c', 'not-checked'), zone('d', 'review'), zone('e', 'deviates')];

  it('lists deviations first, then review, agreements, unchecked; template order within a state', () => {
    expect(orderZones(zones).map((z) => z.id)).toEqual(['b', 'e', 'd', 'a', 'c']);
    expect(zones.map((z) => z.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('counts zones per state', () => {
    expect(countZoneStates(zones)).toEqual({ agrees: 1, review: 1, deviates: 2, 'not-checked': 1 });
    expect(countZoneStates([])).toEqual({ agrees: 0, review: 0, deviates: 0, 'not-checked': 0 });
  });

  it('orders reasons by weight', () => {
    expect(orderReasons([reason('x', 0.1), reason('y', 0.6), reason('z', 0.3)]).map((r) => r.code)).toEqual(['y', 'z', 'x']);
  });
});

describe('values', () => {
  it('formats scores and check values', () => {
    expect(formatScore(0.456)).toBe('0.46');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(Number.NaN)).toBe('—');
    expect(formatCheckValue(0.123456)).toBe('0.123');
    expect(formatCheckValue(12)).toBe('12');
    expect(formatCheckValue(true)).toBe('yes');
    expect(formatCheckValue(null)).toBe('—');
    expect(formatCheckValue('RP0000001')).toBe('RP0000001');
  });

  it('pairs a measurement with its expected bounds (<key>Min, <key>Max)', () => {
    const rows = checkValueRows({ measured: { bandZncc: 0.117, blocksLow: 226 }, expected: { bandZnccMin: 0.6, bandEnergyRatio: 1, blocksLowMax: 20 } });
    expect(rows).toEqual([
      { key: 'bandZncc', measured: '0.117', expected: '≥ 0.6' },
      { key: 'blocksLow', measured: '226', expected: '≤ 20' },
      { key: 'bandEnergyRatio', measured: '—', expected: '1' },
    ]);
  });

  it('pairs measured and expected values by key, measured keys first', () => {
    const rows = checkValueRows({ measured: { baselineMm: 2.134, text: 'RP1' }, expected: { text: '^RP[0-9]{7}$', baselineMm: 0.3, toleranceMm: 0.5 } });
    expect(rows).toEqual([
      { key: 'baselineMm', measured: '2.134', expected: '0.3' },
      { key: 'text', measured: 'RP1', expected: '^RP[0-9]{7}$' },
      { key: 'toleranceMm', measured: '—', expected: '0.5' },
    ]);
  });
});
