import { describe, expect, it } from 'vitest';
import { asCaseId } from '../../../../native/engine/contract';
import { formatRoute, isEntityRef, parseRoute } from '../../app/route';
import { formatStrength, formatVia, kindLabel, openTarget, passCounts, refType, shortSha } from './link-format';

describe('link formatting', () => {
  it('writes the path of link kinds and names the start', () => {
    expect(formatVia(['contains', 'same-document', 'contains'])).toBe('contains → same-document → contains');
    expect(formatVia([])).toBe('start');
  });

  it('shows strengths to two decimals, clamped to [0, 1]', () => {
    expect(formatStrength(0.8)).toBe('0.80');
    expect(formatStrength(0.915)).toBe('0.92');
    expect(formatStrength(1.2)).toBe('1.00');
    expect(formatStrength(Number.NaN)).toBe('—');
  });

  it('shortens a SHA-256 to 12 digits', () => {
    const sha = 'a'.repeat(12) + 'b'.repeat(52);
    expect(shortSha(sha)).toBe(`${'a'.repeat(12)}…`);
    expect(shortSha('abc')).toBe('abc');
  });

  it('labels known kinds and keeps others as written', () => {
    expect(kindLabel('same-document')).toBe('Same document');
    expect(kindLabel('contains')).toBe('contains');
  });

  it('orders the counts of a pass as the filters do and drops empty kinds', () => {
    expect(passCounts({ watchlist: 2, 'same-image': 3, 'number-series': 0, 'same-file': 1, zeta: 4 })).toEqual([
      { kind: 'same-file', label: 'Same file', count: 1 },
      { kind: 'same-image', label: 'Same image', count: 3 },
      { kind: 'watchlist', label: 'Watchlist', count: 2 },
      { kind: 'zeta', label: 'zeta', count: 4 },
    ]);
  });

  it('tells which refs open a view of their own', () => {
    expect(openTarget('item:12')).toEqual({ type: 'item', id: 12 });
    expect(openTarget('document:7')).toEqual({ type: 'document', id: 7 });
    expect(openTarget('person:DOE|JOHN|900101')).toBeNull();
    expect(openTarget('item:x')).toBeNull();
    expect(refType('watchlist-entry:ab#3')).toBe('watchlist-entry');
    expect(refType('nonsense:1')).toBeNull();
  });
});

describe('links routes', () => {
  it('parses the Links view with and without a centre, and refuses what is not an entity ref', () => {
    expect(parseRoute('#/cases/abc/links')).toEqual({ view: 'case', caseId: 'abc', tab: 'links' });
    expect(parseRoute('#/cases/abc/links/document%3A7')).toEqual({ view: 'case', caseId: 'abc', tab: 'links', linkRef: 'document:7' });
    expect(parseRoute('#/cases/abc/links/bogus%3A7')).toEqual({ view: 'case', caseId: 'abc', tab: 'links' });
    expect(parseRoute('#/cases/abc/links/%E0%A4%A')).toEqual({ view: 'case', caseId: 'abc', tab: 'links' });
    expect(isEntityRef('person:KOVACEVIC MILAN 850312')).toBe(false);
    expect(isEntityRef('watchlist-entry:ab12#3')).toBe(true);
  });

  it('round-trips refs holding ":", "#", "/" and "|"', () => {
    for (const linkRef of ['item:12', 'watchlist-entry:ab12#3', 'person:KOVACEVIC|MILAN|850312~2', 'family:f-1a/2']) {
      const route = { view: 'case', caseId: asCaseId('a b'), tab: 'links', linkRef } as const;
      expect(parseRoute(formatRoute(route))).toEqual(route);
    }
    expect(formatRoute({ view: 'case', caseId: asCaseId('c'), tab: 'links' })).toBe('#/cases/c/links');
  });
});
