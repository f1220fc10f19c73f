/**
 * Keyboard navigation over the evidence grid, as pure index arithmetic. Items are laid out row by
 * row, `columns` per row; the index is the item's position in the current (filtered, sorted) list.
 */

/** Keys the grid handles for moving the selection. */
export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

const GRID_KEYS: ReadonlySet<string> = new Set<GridKey>(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** Shape of the grid at the moment of the key press. */
export interface GridGeometry {
  /** Items per row (at least 1). */
  readonly columns: number;
  /** Items in the list. */
  readonly count: number;
  /** Whole rows visible in the viewport, for PageUp/PageDown (defaults to 1). */
  readonly pageRows?: number;
}

/** Whether `key` (a KeyboardEvent.key) moves the grid selection. */
export function isGridKey(key: string): key is GridKey {
  return GRID_KEYS.has(key);
}

/** Row and column of an index. */
export function gridPosition(index: number, columns: number): { readonly row: number; readonly column: number } {
  const cols = Math.max(1, Math.floor(columns));
  return { row: Math.floor(index / cols), column: index % cols };
}

/**
 * The index selected after pressing `key` with `current` selected (-1: nothing selected).
 *
 * Left/Right step through the list (wrapping across rows), Up/Down move one row keeping the
 * column, Down onto a shorter last row lands on its last item, Home/End jump to the ends and
 * PageUp/PageDown move by the visible rows. The result is always a valid index, or -1 for an
 * empty list.
 */
export function nextGridIndex(current: number, key: GridKey, geometry: GridGeometry): number {
  const { count } = geometry;
  if (count <= 0) return -1;
  const columns = Math.max(1, Math.floor(geometry.columns));
  const last = count - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  if (current < 0 || current > last) return current > last ? last : 0;

  const lastRow = gridPosition(last, columns).row;
  const { row } = gridPosition(current, columns);
  const down = (rows: number): number => {
    if (row >= lastRow) return current;
    return Math.min(current + rows * columns, last);
  };
  const up = (rows: number): number => {
    if (row === 0) return current;
    return Math.max(current - rows * columns, current % columns);
  };
  const pageRows = Math.max(1, Math.floor(geometry.pageRows ?? 1));

  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, current - 1);
    case 'ArrowRight':
      return Math.min(last, current + 1);
    case 'ArrowDown':
      return down(1);
    case 'ArrowUp':
      return up(1);
    case 'PageDown':
      return down(pageRows);
    case 'PageUp':
      return up(pageRows);
  }
}
