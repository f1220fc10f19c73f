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

describe('template routes', () => {
  it('parses the library, one template, authoring and a new version', () => {
    expect(parseRoute('#/templates')).toEqual({ view: 'templates' });
    expect(parseRoute('#/templates/uto-rp-2024/1.0.0')).toEqual({ view: 'templates', template: { id: 'uto-rp-2024', version: '1.0.0' } });
    expect(parseRoute('#/templates/new')).toEqual({ view: 'template-new' });
    expect(parseRoute('#/templates/new/uto-rp-2024/1.2.0')).toEqual({ view: 'template-new', from: { id: 'uto-rp-2024', version: '1.2.0' } });
    // A template may itself be called "new": three parts are always id and version.
    expect(parseRoute('#/templates/new/1.0.0')).toEqual({ view: 'templates', template: { id: 'new', version: '1.0.0' } });
  });

  it('refuses ids and versions the template format does not allow', () => {
    expect(parseRoute('#/templates/UTO/1.0.0')).toEqual({ view: 'templates' });
    expect(parseRoute('#/templates/uto/1.0')).toEqual({ view: 'templates' });
    expect(parseRoute('#/templates/new/uto/x')).toEqual({ view: 'template-new' });
    expect(parseRoute('#/templates/a/1.0.0/extra')).toEqual({ view: 'templates' });
  });

  it('round-trips template routes', () => {
    for (const hash of ['#/templates', '#/templates/uto-rp-2024/1.0.0', '#/templates/new', '#/templates/new/uto-rp-2024/1.1.0']) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
});
