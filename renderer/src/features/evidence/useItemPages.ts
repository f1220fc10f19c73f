import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseId, ItemRow } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { errorMessage } from '../../components/format';
import type { GridQuery } from './grid-query';
import { ItemPageCache } from './item-page-cache';

/** Rows of one grid query, fetched page by page as the grid scrolls. */
export interface ItemPages {
  /** Matching items, or null until the first page arrived. */
  readonly total: number | null;
  /** Changes whenever rows arrive, so memoised views can re-render. */
  readonly version: number;
  readonly error: string | null;
  /** Identifies the query; changes when filter or sort change. */
  readonly queryKey: string;
  rowAt(index: number): ItemRow | undefined;
  /** Make sure the pages covering `first..last` are loaded (fetching lazily). */
  ensureRange(first: number, last: number): void;
}

/**
 * Page through `items.query` for the grid: one cache per (case, filter, sort), refreshed in place
 * (stale rows stay visible) whenever `dataVersion` changes.
 */
export function useItemPages(caseId: CaseId, query: GridQuery, dataVersion: number, pageSize = 200): ItemPages {
  const { client } = useEngine();
  const queryKey = `${caseId}|${JSON.stringify(query)}`;
  // The cache belongs to the query text; `query` itself is a new object on every toolbar edit.
  const cache = useMemo(() => new ItemPageCache(query, pageSize), [queryKey, pageSize]);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const range = useRef({ first: 0, last: pageSize - 1 });

  const ensureRange = useCallback(
    (first: number, last: number) => {
      range.current = { first, last };
      for (const page of cache.pagesToFetch(first, last)) {
        const token = cache.begin(page);
        client
          .call('items.query', {
            caseId,
            filter: cache.query.filter,
            sort: cache.query.sort,
            offset: page * cache.pageSize,
            limit: cache.pageSize,
          })
          .then(
            (result) => {
              if (!cache.complete(page, token, result)) return;
              setError(null);
              setVersion((value) => value + 1);
            },
            (failure: unknown) => {
              cache.fail(page, token);
              setError(errorMessage(failure));
            },
          );
      }
      cache.evict(first, last);
    },
    [cache, caseId, client],
  );

  useEffect(() => {
    range.current = { first: 0, last: pageSize - 1 };
    ensureRange(0, pageSize - 1);
  }, [ensureRange, pageSize]);

  const seenVersion = useRef(dataVersion);
  useEffect(() => {
    if (seenVersion.current === dataVersion) return;
    seenVersion.current = dataVersion;
    const { first, last } = range.current;
    cache.invalidate(first, last);
    ensureRange(first, last);
  }, [dataVersion, cache, ensureRange]);

  const rowAt = useCallback((index: number) => cache.rowAt(index), [cache]);
  return { total: cache.total, version, error, queryKey, rowAt, ensureRange };
}
