import { describe, expect, it } from 'vitest';
import { asExhibitId, asItemId } from '../../../../native/engine/contract';
import type { ItemPage, ItemRow } from '../../../../native/engine/contract';
import { ItemPageCache } from './item-page-cache';

function row(id: number): ItemRow {
  return {
    id: asItemId(id), exhibitId: asExhibitId(1), exhibitPath: `DCIM/${id}.jpg`, name: `${id}.jpg`, kind: 'jpeg', mime: 'image/jpeg',
    size: 1, width: null, height: null, sha256: null, hasThumbnail: false, hasGps: false, hasExif: false, dateTimeOriginal: null,
    duplicateGroup: null, duplicateCount: 0, nearDuplicateGroup: null, error: null, tags: [], forensicScore: null, watchlistHits: 0,
  };
}

function page(cache: ItemPageCache, index: number, total: number): ItemPage {
  const offset = index * cache.pageSize;
  const rows = Array.from({ length: Math.max(0, Math.min(cache.pageSize, total - offset)) }, (_, i) => row(offset + i + 1));
  return { total, offset, rows };
}

describe('ItemPageCache', () => {
  it('asks for the first page before the total is known', () => {
    const cache = new ItemPageCache({}, 200);
    expect(cache.pagesToFetch(0, 0)).toEqual([0]);
  });

  it('computes the pages for a visible range, clamped to the total', () => {
    const cache = new ItemPageCache({}, 200);
    cache.complete(0, cache.begin(0), page(cache, 0, 50_000));
    expect(cache.pagesToFetch(150, 450)).toEqual([1, 2]);
    expect(cache.pagesFor(49_900, 50_500)).toEqual([249]);
  });

  it('serves rows by index and does not refetch loaded or in-flight pages', () => {
    const cache = new ItemPageCache({}, 200);
    cache.complete(0, cache.begin(0), page(cache, 0, 1000));
    expect(cache.rowAt(0)?.id).toBe(1);
    expect(cache.rowAt(199)?.id).toBe(200);
    expect(cache.rowAt(200)).toBeUndefined();
    cache.begin(1);
    expect(cache.pagesToFetch(0, 450)).toEqual([2]);
  });

  it('keeps stale rows visible after invalidation but refetches them', () => {
    const cache = new ItemPageCache({}, 100);
    const token = cache.begin(0);
    cache.complete(0, token, page(cache, 0, 300));
    cache.complete(2, cache.begin(2), page(cache, 2, 300));
    cache.invalidate(0, 50);
    expect(cache.rowAt(10)?.id).toBe(11);
    expect(cache.rowAt(250)).toBeUndefined();
    expect(cache.pagesToFetch(0, 50)).toEqual([0]);
  });

  it('refetches after invalidation even when the known total was zero', () => {
    const cache = new ItemPageCache({}, 100);
    cache.complete(0, cache.begin(0), { total: 0, offset: 0, rows: [] });
    expect(cache.pagesToFetch(0, 5)).toEqual([]);
    cache.invalidate(0, 5);
    expect(cache.pagesToFetch(0, 5)).toEqual([0]);
    cache.complete(0, cache.begin(0), page(cache, 0, 9));
    expect(cache.total).toBe(9);
    expect(cache.rowAt(8)?.id).toBe(9);
  });

  it('fetches pages beyond a stale total after invalidation (the list grew)', () => {
    const cache = new ItemPageCache({}, 100);
    cache.complete(0, cache.begin(0), page(cache, 0, 150));
    cache.complete(1, cache.begin(1), page(cache, 1, 150));
    cache.invalidate(0, 250);
    expect(cache.pagesToFetch(0, 250)).toEqual([0, 1, 2]);
  });

  it('drops answers that belong to an older epoch', () => {
    const cache = new ItemPageCache({}, 100);
    const token = cache.begin(0);
    cache.invalidate(0, 0);
    expect(cache.complete(0, token, page(cache, 0, 10))).toBe(false);
    expect(cache.total).toBeNull();
    expect(cache.pagesToFetch(0, 0)).toEqual([0]);
  });

  it('allows a retry after a failure', () => {
    const cache = new ItemPageCache({}, 100);
    const token = cache.begin(0);
    expect(cache.pagesToFetch(0, 0)).toEqual([]);
    cache.fail(0, token);
    expect(cache.pagesToFetch(0, 0)).toEqual([0]);
  });

  it('hides rows beyond a shrunken total', () => {
    const cache = new ItemPageCache({}, 100);
    cache.complete(0, cache.begin(0), page(cache, 0, 100));
    cache.invalidate(0, 99);
    cache.complete(0, cache.begin(0), { total: 5, offset: 0, rows: page(cache, 0, 5).rows });
    expect(cache.rowAt(4)?.id).toBe(5);
    expect(cache.rowAt(5)).toBeUndefined();
  });

  it('evicts the pages farthest from the visible range', () => {
    const cache = new ItemPageCache({}, 10, 3);
    for (const index of [0, 1, 2, 8, 9]) cache.complete(index, cache.begin(index), page(cache, index, 100));
    cache.evict(85, 95);
    expect(cache.loadedPages).toBe(3);
    expect(cache.rowAt(0)).toBeUndefined();
    expect(cache.rowAt(90)?.id).toBe(91);
  });
});
