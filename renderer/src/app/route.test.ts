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

describe('document and item routes', () => {
  it('parses a document and an item, and refuses malformed ids', () => {
    expect(parseRoute('#/cases/abc/documents')).toEqual({ view: 'case', caseId: 'abc', tab: 'documents' });
    expect(parseRoute('#/cases/abc/documents/12')).toEqual({ view: 'case', caseId: 'abc', tab: 'documents', documentId: 12 });
    expect(parseRoute('#/cases/abc/documents/012')).toEqual({ view: 'case', caseId: 'abc', tab: 'documents' });
    expect(parseRoute('#/cases/abc/items/7')).toEqual({ view: 'case', caseId: 'abc', tab: 'evidence', itemId: 7 });
    expect(parseRoute('#/cases/abc/items/x')).toEqual({ view: 'case', caseId: 'abc', tab: 'evidence' });
  });

  it('round-trips documents and items', () => {
    for (const hash of ['#/cases/abc/documents', '#/cases/abc/documents/3', '#/cases/abc/items/9', '#/cases/abc']) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
});
