import { describe, expect, it } from 'vitest';
import { asCaseId } from '../../../native/engine/contract';
import { formatRoute, parseRoute } from './route';

describe('routes', () => {
  it('parses the case list, a case and its audit log', () => {
    expect(parseRoute('')).toEqual({ view: 'cases' });
    expect(parseRoute('#/cases')).toEqual({ view: 'cases' });
    expect(parseRoute('#/cases/abc')).toEqual({ view: 'case', caseId: 'abc', tab: 'evidence' });
    expect(parseRoute('#/cases/abc/audit')).toEqual({ view: 'case', caseId: 'abc', tab: 'audit' });
    expect(parseRoute('#/nonsense')).toEqual({ view: 'cases' });
    expect(parseRoute('#/cases/%E0%A4%A')).toEqual({ view: 'cases' });
  });

  it('round-trips', () => {
    const route = { view: 'case', caseId: asCaseId('a b'), tab: 'audit' } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute({ view: 'cases' })).toBe('#/cases');
  });
});
