import { useEffect, useState } from 'react';
import type { Exhibit, ItemKind } from '../../../../native/engine/contract';
import { asExhibitId } from '../../../../native/engine/contract';
import { formatCount } from '../../components/format';
import type { ThumbSize } from './EvidenceGrid';
import { DEFAULT_FILTER_STATE, isFiltered, ITEM_KINDS, MIN_SCORE_OPTIONS, SORT_KEYS } from './grid-query';
import type { GridFilterState, MinScoreOption } from './grid-query';
import './evidence.css';

const TEXT_DEBOUNCE_MS = 250;

export interface FilterToolbarProps {
  readonly filters: GridFilterState;
  readonly onChange: (next: GridFilterState) => void;
  readonly exhibits: readonly Exhibit[];
  readonly tags: readonly string[];
  readonly total: number | null;
  readonly thumbSize: ThumbSize;
  readonly onThumbSize: (size: ThumbSize) => void;
}

/** Filters (type, exhibit, GPS, EXIF, duplicates, errors, documents, watchlist hits, tag, forensic score, path text), sort and the item count. */
export function FilterToolbar({ filters, onChange, exhibits, tags, total, thumbSize, onThumbSize }: FilterToolbarProps) {
  const [text, setText] = useState(filters.text);
  const set = (patch: Partial<GridFilterState>) => onChange({ ...filters, ...patch });

  useEffect(() => setText(filters.text), [filters.text]);
  useEffect(() => {
    if (text === filters.text) return;
    const timer = setTimeout(() => onChange({ ...filters, text }), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  const toggleKind = (kind: ItemKind) =>
    set({ kinds: filters.kinds.includes(kind) ? filters.kinds.filter((k) => k !== kind) : [...filters.kinds, kind] });
  const filtered = isFiltered(filters);

  return (
    <div className="filter-bar" role="toolbar" aria-label="Filters and sort">
      <span className={filtered ? 'grid-count filtered' : 'grid-count'} data-testid="grid-count" data-count={total ?? ''}>
        {total === null ? 'Loading…' : `${formatCount(total)} ${total === 1 ? 'item' : 'items'}${filtered ? ' (filtered)' : ''}`}
      </span>
      <details className="kinds-menu">
        <summary data-testid="filter-kinds">Type: {filters.kinds.length === 0 ? 'All' : filters.kinds.join(', ').toUpperCase()}</summary>
        <div className="kinds-popup">
          {ITEM_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={filters.kinds.includes(kind)} onChange={() => toggleKind(kind)} data-testid={`filter-kind-${kind}`} />
              {kind.toUpperCase()}
            </label>
          ))}
        </div>
      </details>
      <label>
        Exhibit
        <select
          value={filters.exhibitId ?? ''}
          onChange={(event) => set({ exhibitId: event.target.value ? asExhibitId(Number(event.target.value)) : null })}
          data-testid="filter-exhibit"
        >
          <option value="">All</option>
          {exhibits.map((exhibit) => (
            <option key={exhibit.id} value={exhibit.id}>
              {exhibit.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Duplicates
        <select value={filters.duplicates} onChange={(event) => set({ duplicates: event.target.value as GridFilterState['duplicates'] })} data-testid="filter-duplicates">
          <option value="">All</option>
          <option value="exact">Exact</option>
          <option value="near">Near</option>
          <option value="any">Exact or near</option>
        </select>
      </label>
      <span className="filter-group">
        <label>
          <input type="checkbox" checked={filters.hasGps} onChange={(event) => set({ hasGps: event.target.checked })} data-testid="filter-gps" />
          GPS
        </label>
        <label>
          <input type="checkbox" checked={filters.hasExif} onChange={(event) => set({ hasExif: event.target.checked })} data-testid="filter-exif" />
          EXIF
        </label>
        <label>
          <input type="checkbox" checked={filters.errors} onChange={(event) => set({ errors: event.target.checked })} data-testid="filter-errors" />
          Errors
        </label>
        <label title="Items in which the analysis found an identity document">
          <input type="checkbox" checked={filters.documents} onChange={(event) => set({ documents: event.target.checked })} data-testid="filter-documents" />
          Documents
        </label>
        <label title="Items with a watchlist hit in the newest linking pass (documents in them or their holders)">
          <input type="checkbox" checked={filters.watchlist} onChange={(event) => set({ watchlist: event.target.checked })} data-testid="filter-watchlist" />
          Watchlist
        </label>
      </span>
      <label>
        Tag
        <select value={filters.tag} onChange={(event) => set({ tag: event.target.value })} data-testid="filter-tag">
          <option value="">Any</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <label title="Fused manipulation-indicators score of the image forensics (analysed items only)">
        Forensic score
        <select value={filters.minScore} onChange={(event) => set({ minScore: event.target.value as MinScoreOption })} data-testid="filter-forensic-score">
          {MIN_SCORE_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {option ? `≥ ${Number(option).toFixed(2)}` : 'Any'}
            </option>
          ))}
        </select>
      </label>
      <input type="search" placeholder="Path contains…" value={text} onChange={(event) => setText(event.target.value)} aria-label="Path contains" data-testid="filter-text" />
      {filtered && (
        <button type="button" className="ghost" onClick={() => onChange({ ...DEFAULT_FILTER_STATE, sortKey: filters.sortKey, sortDirection: filters.sortDirection })}>
          Clear filters
        </button>
      )}
      <span className="spacer" />
      <label>
        Sort
        <select value={filters.sortKey} onChange={(event) => set({ sortKey: event.target.value as GridFilterState['sortKey'] })} data-testid="sort-key">
          {SORT_KEYS.map(({ key, label }) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => set({ sortDirection: filters.sortDirection === 'asc' ? 'desc' : 'asc' })}
        title={filters.sortDirection === 'asc' ? 'Ascending; click for descending' : 'Descending; click for ascending'}
        data-testid="sort-direction"
        data-direction={filters.sortDirection}
      >
        {filters.sortDirection === 'asc' ? 'Asc' : 'Desc'}
      </button>
      <select value={thumbSize} onChange={(event) => onThumbSize(event.target.value as ThumbSize)} aria-label="Thumbnail size">
        <option value="small">Small</option>
        <option value="medium">Medium</option>
        <option value="large">Large</option>
      </select>
    </div>
  );
}
