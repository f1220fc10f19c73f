import { describe, expect, it } from 'vitest';
import { assess, ASSESSMENT_CONFIG, levelOf } from './assessment';
import type { TemplateIndicator } from './indicators';
import { zoneResults, zoneState } from './zone-results';

const indicator = (code: string, deviation: number, zoneId: string | null = 'z'): TemplateIndicator => ({ code, zoneId, deviation, source: 'comparison', summary: `${code} measured`, measured: {}, expected: {}, region: null });

describe('assessment', () => {
  it('gives no indicators, score 0, when every check agrees', () => {
    const a = assess([indicator('template.layout', 0), indicator('template.background', 0.1)]);
    expect(a.level).toBe('no-indicators');
    expect(a.score).toBeLessThan(ASSESSMENT_CONFIG.levels.review);
    expect(a.reasons.map((r) => r.code)).toEqual(['template.background']);
  });

  it('lets one exact indicator (a failing check digit) reach strong indicators on its own', () => {
    const a = assess([indicator('template.layout', 0), indicator('mrz.check-digit.failed', 1, 'mrz')]);
    expect(a.level).toBe('strong-indicators');
    expect(a.reasons[0]).toMatchObject({ code: 'mrz.check-digit.failed', zone: 'mrz', indicator: 1 });
  });

  it('adds weak indicators up (noisy-OR) without any one deciding', () => {
    const cfg = { version: 'test', weights: { a: 0.6, b: 0.8 }, defaultWeight: 0.5, levels: { review: 0.35, strongIndicators: 0.75 }, minReasonContribution: 0.05 };
    const one = assess([indicator('a', 0.5)], cfg);
    const three = assess([indicator('a', 0.5), indicator('b', 0.5, 'y'), indicator('other', 0.8, 'p')], cfg);
    expect(one.level).toBe('no-indicators');
    expect(three.level).toBe('review');
    expect(three.score).toBeCloseTo(1 - (1 - 0.3) * (1 - 0.4) * (1 - 0.4), 3);
    expect(three.reasons.map((r) => r.weight)).toEqual([...three.reasons.map((r) => r.weight)].sort((a, b) => b - a));
  });

  it('does not count what says nothing about forgery (an expired document)', () => {
    expect(assess([indicator('mrz.expired', 0.6, 'mrz')]).score).toBe(0);
  });

  it('maps scores to levels at the configured thresholds', () => {
    expect(levelOf(ASSESSMENT_CONFIG.levels.review - 0.001)).toBe('no-indicators');
    expect(levelOf(ASSESSMENT_CONFIG.levels.review)).toBe('review');
    expect(levelOf(ASSESSMENT_CONFIG.levels.strongIndicators)).toBe('strong-indicators');
  });
});

describe('zone states', () => {
  it('shows the worst deviation measured on a zone, and not-checked when nothing measured it', () => {
    expect(zoneState([])).toBe('not-checked');
    expect(zoneState([0.1, 0.2])).toBe('agrees');
    expect(zoneState([0.1, 0.5])).toBe('review');
    expect(zoneState([0.9, 0.1])).toBe('deviates');
    const zones = zoneResults(
      [
        { id: 'a', kind: 'portrait', box: [0.1, 0.1, 0.2, 0.3] },
        { id: 'b', kind: 'signature', box: [0.5, 0.5, 0.1, 0.1] },
      ],
      1000,
      600,
      [indicator('template.portrait-border', 0.8, 'a')],
    );
    expect(zones[0]).toMatchObject({ id: 'a', state: 'deviates', indicators: [0], box: { x: 100, y: 60, width: 200, height: 180 } });
    expect(zones[1]).toMatchObject({ id: 'b', state: 'not-checked', indicators: [] });
  });
});
