import { describe, expect, it } from 'vitest';
import { asExhibitId } from '../../../../native/engine/contract';
import { DEFAULT_FILTER_STATE, isFiltered, toGridQuery } from './grid-query';

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
      sortKey: 'dateTimeOriginal',
      sortDirection: 'desc',
    });
    expect(query).toEqual({
      filter: { kinds: ['jpeg', 'heif'], exhibitId: 3, hasGps: true, duplicates: 'near', errors: true, tag: 'relevant', text: 'DCIM' },
      sort: { key: 'dateTimeOriginal', direction: 'desc' },
    });
  });

  it('ignores whitespace-only text', () => {
    expect(isFiltered({ ...DEFAULT_FILTER_STATE, text: '   ' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTER_STATE, hasExif: true })).toBe(true);
    expect(toGridQuery({ ...DEFAULT_FILTER_STATE, documents: true }).filter).toEqual({ hasDocuments: true });
  });
});
