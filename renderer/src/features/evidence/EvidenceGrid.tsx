import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { CaseId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { GridCard } from './GridCard';
import { isGridKey, nextGridIndex } from './grid-navigation';
import type { ItemPages } from './useItemPages';
import './evidence.css';

/** Card sizes the toolbar offers. */
export type ThumbSize = 'small' | 'medium' | 'large';

const SIZES: Record<ThumbSize, { readonly minWidth: number; readonly thumb: number }> = {
  small: { minWidth: 118, thumb: 88 },
  medium: { minWidth: 160, thumb: 124 },
  large: { minWidth: 236, thumb: 188 },
};
const CAPTION = 42;
const GAP = 8;
const PAD = 10;
/** Trailing delay between the visible range changing and pages being requested. */
const FETCH_THROTTLE_MS = 40;

export interface EvidenceGridProps {
  readonly caseId: CaseId;
  readonly pages: ItemPages;
  readonly selectedIndex: number;
  readonly thumbSize: ThumbSize;
  readonly emptyMessage: string;
  readonly gridRef: RefObject<HTMLDivElement | null>;
  /** Keyboard moved the selection. */
  readonly onSelect: (index: number) => void;
  /** A card was clicked (select and show it). */
  readonly onPick: (index: number) => void;
  /** Enter: open the item panel for the selection. */
  readonly onOpen: () => void;
}

/**
 * The evidence grid: rows of cards virtualized with @tanstack/react-virtual, pages fetched for the
 * visible range only, keyboard navigation (arrows, Home/End, PageUp/PageDown, Enter).
 */
export function EvidenceGrid(props: EvidenceGridProps) {
  const { caseId, pages, selectedIndex, thumbSize, emptyMessage, gridRef, onSelect, onPick, onOpen } = props;
  const { assetUrl } = useEngine();
  const [viewport, setViewport] = useState({ width: 0, height: 0 });

  useLayoutEffect(() => {
    const element = gridRef.current;
    if (!element) return;
    const measure = () => setViewport({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [gridRef]);

  const size = SIZES[thumbSize];
  const inner = Math.max(0, viewport.width - 2 * PAD);
  const columns = Math.max(1, Math.floor((inner + GAP) / (size.minWidth + GAP)));
  const rowHeight = size.thumb + CAPTION + GAP;
  const total = pages.total ?? 0;
  const rowCount = Math.ceil(total / columns);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => gridRef.current,
    estimateSize: () => rowHeight,
    overscan: 3,
    paddingStart: PAD,
    paddingEnd: PAD,
    // Let React batch scroll-driven renders instead of rendering synchronously in the scroll event.
    useFlushSync: false,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const virtualRows = virtualizer.getVirtualItems();
  const firstIndex = (virtualRows[0]?.index ?? 0) * columns;
  const lastIndex = ((virtualRows[virtualRows.length - 1]?.index ?? 0) + 1) * columns - 1;

  const wanted = useRef({ first: firstIndex, last: lastIndex, ensure: pages.ensureRange });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    wanted.current = { first: firstIndex, last: lastIndex, ensure: pages.ensureRange };
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      wanted.current.ensure(wanted.current.first, wanted.current.last);
    }, FETCH_THROTTLE_MS);
  }, [firstIndex, lastIndex, pages.ensureRange]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(Math.floor(selectedIndex / columns), { align: 'auto' });
  }, [selectedIndex, columns, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (isGridKey(event.key)) {
      event.preventDefault();
      const pageRows = Math.max(1, Math.floor(viewport.height / rowHeight));
      const next = nextGridIndex(selectedIndex, event.key, { columns, count: total, pageRows });
      if (next >= 0 && next !== selectedIndex) onSelect(next);
    } else if (event.key === 'Enter' && selectedIndex >= 0) {
      event.preventDefault();
      onOpen();
    }
  };

  const selectedRow = selectedIndex >= 0 ? Math.floor(selectedIndex / columns) : -1;
  const selectedVisible = virtualRows.some((row) => row.index === selectedRow) && pages.rowAt(selectedIndex) !== undefined;

  return (
    <div
      ref={gridRef}
      className="grid-scroll"
      role="grid"
      tabIndex={0}
      aria-label="Evidence items"
      aria-rowcount={rowCount}
      aria-colcount={columns}
      aria-activedescendant={selectedVisible ? `grid-card-${selectedIndex}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="grid"
      data-columns={columns}
      data-total={total}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualRows.map((virtualRow) => {
          const start = virtualRow.index * columns;
          const end = Math.min(total, start + columns);
          const cells = [];
          for (let index = start; index < end; index++) {
            const row = pages.rowAt(index);
            cells.push(
              row ? (
                <GridCard
                  key={row.id}
                  row={row}
                  index={index}
                  selected={index === selectedIndex}
                  thumbUrl={assetUrl(caseId, row.id, 'thumb')}
                  thumbHeight={size.thumb}
                  onPick={onPick}
                />
              ) : (
                <div key={`pending-${index}`} className="card placeholder" role="gridcell" aria-busy="true" aria-selected={index === selectedIndex} />
              ),
            );
          }
          return (
            <div
              key={virtualRow.key}
              className="grid-row"
              role="row"
              aria-rowindex={virtualRow.index + 1}
              style={{ transform: `translateY(${virtualRow.start}px)`, height: rowHeight - GAP, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
            >
              {cells}
            </div>
          );
        })}
      </div>
      {pages.total === 0 && <div className="grid-empty">{emptyMessage}</div>}
    </div>
  );
}
