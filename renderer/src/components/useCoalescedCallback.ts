import { useCallback, useEffect, useRef } from 'react';

/** A scheduler that coalesces bursts of calls into one call at most every `delayMs`. */
export interface Coalesced {
  /** Run `fn` after `delayMs` unless a run is already scheduled. */
  schedule(): void;
  /** Run `fn` now, cancelling a scheduled run. */
  flush(): void;
}

/**
 * Coalesce frequent triggers (e.g. `items.changed` during an import) into trailing calls of `fn`.
 * The latest `fn` is used.
 */
export function useCoalescedCallback(fn: () => void, delayMs: number): Coalesced {
  const fnRef = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    fnRef.current = fn;
  });
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    fnRef.current();
  }, []);
  const schedule = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      fnRef.current();
    }, delayMs);
  }, [delayMs]);
  return { schedule, flush };
}
