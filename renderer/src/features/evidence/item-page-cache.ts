/**
 * Page cache behind the virtualized evidence grid. The grid asks for index ranges; the cache
 * answers which `items.query` pages are missing, remembers loaded pages, drops far-away pages to
 * bound memory and survives refreshes by keeping stale rows on screen until fresh ones arrive.
 */
import type { ItemPage, ItemRow } from '../../../../native/engine/contract';

interface CachedPage {
  readonly rows: readonly ItemRow[];
  readonly epoch: number;
}

/** Loaded pages of one query (filter + sort). Create a new cache when the query changes. */
export class ItemPageCache<Q = unknown> {
  /** Items matching the query, or null before the first page arrived. */
  total: number | null = null;
  private readonly pages = new Map<number, CachedPage>();
  private readonly inFlight = new Map<number, number>();
  private epoch = 0;
  /** Whether `total` comes from the current epoch (a stale total must not limit what is fetched). */
  private totalFresh = false;

  /**
   * @param query the query these pages belong to (kept so fetchers use the matching arguments).
   * @param pageSize rows per `items.query` call.
   * @param maxPages pages kept in memory; the ones farthest from the last requested range go first.
   */
  constructor(
    readonly query: Q,
    readonly pageSize = 200,
    readonly maxPages = 40,
  ) {}

  /** The row at `index`, possibly from a stale page, or undefined while not loaded. */
  rowAt(index: number): ItemRow | undefined {
    if (index < 0 || (this.total !== null && index >= this.total)) return undefined;
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.rows[index % this.pageSize];
  }

  /** Page numbers covering indexes `first..last` (clamped to the total once a fresh one is known). */
  pagesFor(first: number, last: number): number[] {
    const clamp = this.total !== null && this.totalFresh;
    const lastIndex = clamp ? Math.min(last, (this.total ?? 0) - 1) : Math.max(first, last, 0);
    const start = Math.floor(Math.max(0, first) / this.pageSize);
    if (lastIndex < 0) return [];
    const end = Math.floor(lastIndex / this.pageSize);
    const pages: number[] = [];
    for (let page = start; page <= end; page++) pages.push(page);
    return pages;
  }

  /** Pages of `first..last` that are missing or stale and not already being fetched. */
  pagesToFetch(first: number, last: number): number[] {
    return this.pagesFor(first, last).filter((page) => {
      if (this.inFlight.get(page) === this.epoch) return false;
      return this.pages.get(page)?.epoch !== this.epoch;
    });
  }

  /** Mark a page as being fetched; returns the token to pass to `complete` or `fail`. */
  begin(page: number): number {
    this.inFlight.set(page, this.epoch);
    return this.epoch;
  }

  /**
   * Store a fetched page. Answers for an older epoch (the data changed meanwhile) are dropped.
   * @returns whether the page was stored (i.e. the view should re-render).
   */
  complete(page: number, token: number, result: ItemPage): boolean {
    if (this.inFlight.get(page) === token) this.inFlight.delete(page);
    if (token !== this.epoch) return false;
    this.total = result.total;
    this.totalFresh = true;
    this.pages.set(page, { rows: result.rows, epoch: token });
    return true;
  }

  /** Forget an in-flight fetch that failed so it can be retried. */
  fail(page: number, token: number): void {
    if (this.inFlight.get(page) === token) this.inFlight.delete(page);
  }

  /**
   * The underlying items changed: every page becomes stale (still shown) and will be refetched
   * when next requested. Pages outside `keepFirst..keepLast` are dropped right away.
   */
  invalidate(keepFirst: number, keepLast: number): void {
    const keep = new Set(this.pagesFor(keepFirst, keepLast));
    this.epoch++;
    this.totalFresh = false;
    for (const page of [...this.pages.keys()]) if (!keep.has(page)) this.pages.delete(page);
  }

  /** Drop the pages farthest from `first..last` while more than `maxPages` are held. */
  evict(first: number, last: number): void {
    if (this.pages.size <= this.maxPages) return;
    const centre = (first + last) / 2 / this.pageSize;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const page of byDistance.slice(0, this.pages.size - this.maxPages)) this.pages.delete(page);
  }

  /** Pages currently held (for tests and diagnostics). */
  get loadedPages(): number {
    return this.pages.size;
  }
}
