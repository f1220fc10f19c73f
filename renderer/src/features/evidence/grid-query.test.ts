import { describe, expect, it } from 'vitest';
import { asExhibitId } from '../../../../native/engine/contract';
import { DEFAULT_FILTER_STATE, isFiltered, SORT_KEYS, toGridQuery } from './grid-query';

describe('toGridQuery', () => {
  it('sends an empty filter and the default sort for the default state', () => {
    expect(toGridQuery(DEFAULT_FILTER_STATE)).toEqual({ filter: {}, sort: { key: 'id', direction: 'asc' } });
    expect(isFiltered(DEFAULT_FILTER_STATE)).toBe(false);
  });

  it('includes only the conditions that are set', () => {
    const query = toGridQuery({
      ...DEFAULT_FILTER_STATE,
      kinds: ['jpeg', 'heif'],
      exhibitId: asExhibitId(3),
      hasGps: true,
      duplicates: 'near',
      errors: true,
      tag: 'relevant',
      text: '  DCIM ',
      minScore: '0.75',
      sortKey: 'dateTimeOriginal',
      sortDirection: 'desc',
    });
    expect(query).toEqual({
      filter: { kinds: ['jpeg', 'heif'], exhibitId: 3, hasGps: true, duplicates: 'near', errors: true, tag: 'relevant', text: 'DCIM', minForensicScore: 0.75 },
      sort: { key: 'dateTimeOriginal', direction: 'desc' },
    });
  });

  it('sends the forensic-score threshold as a number and sorts by the fused score', () => {
    expect(toGridQuery({ ...DEFAULT_FILTER_STATE, minScore: '0.25' }).filter).toEqual({ minForensicScore: 0.25 });
    expect(toGridQuery({ ...DEFAULT_FILTER_STATE, minScore: '0.5' }).filter).toEqual({ minForensicScore: 0.5 });
    expect(isFiltered({ ...DEFAULT_FILTER_STATE, minScore: '' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTER_STATE, minScore: '0.5' })).toBe(true);
    expect(toGridQuery({ ...DEFAULT_FILTER_STATE, sortKey: 'forensicScore', sortDirection: 'desc' }).sort).toEqual({ key: 'forensicScore', direction: 'desc' });
    expect(SORT_KEYS.map((s) => s.key)).toContain('forensicScore');
  });

  it('ignores whitespace-only text', () => {
    expect(isFiltered({ ...DEFAULT_FILTER_STATE, text: '   ' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTER_STATE, hasExif: true })).toBe(true);
    expect(toGridQuery({ ...DEFAULT_FILTER_STATE, documents: true }).filter).toEqual({ hasDocuments: true });
  });
});
