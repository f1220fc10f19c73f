import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseId, DocumentId, Exhibit, ItemId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { useAsyncData } from '../../components/useAsyncData';
import { AnalysisBar } from '../documents/AnalysisBar';
import type { AnalysisJob } from '../documents/useAnalysisJob';
import { ItemPanel } from '../item/ItemPanel';
import { EvidenceGrid } from './EvidenceGrid';
import type { ThumbSize } from './EvidenceGrid';
import { FilterToolbar } from './FilterToolbar';
import { DEFAULT_FILTER_STATE, isFiltered, toGridQuery } from './grid-query';
import type { GridFilterState } from './grid-query';
import { useItemPages } from './useItemPages';
import './evidence.css';
import '../forensics/forensics.css';

export interface EvidenceViewProps {
  readonly caseId: CaseId;
  readonly exhibits: readonly Exhibit[];
  /** Changes whenever the case's items changed. */
  readonly dataVersion: number;
  /** The examiner changed an item (tags, notes): refresh every view. */
  readonly onChanged: () => void;
  /** An item to show in the panel (from a search hit or a document's item link). */
  readonly openItemId?: ItemId;
  readonly onOpenDocument: (documentId: DocumentId) => void;
  /** The case's analysis job (documents, OCR, image forensics), started and followed from the bar above the grid. */
  readonly analysis: AnalysisJob;
  /** The item selected in the grid (or opened in the panel) changed; null when none. */
  readonly onSelectionChange?: (itemId: ItemId | null) => void;
}

/** Analysis bar, filter toolbar, virtualized evidence grid and the item panel, with selection and keyboard focus. */
export function EvidenceView({ caseId, exhibits, dataVersion, onChanged, openItemId, onOpenDocument, analysis, onSelectionChange }: EvidenceViewProps) {
  const { client } = useEngine();
  const [filters, setFilters] = useState<GridFilterState>(DEFAULT_FILTER_STATE);
  const [thumbSize, setThumbSize] = useState<ThumbSize>('medium');
  const [selectedIndex, setSelectedIndex] = useState(-1);
  const [panelOpen, setPanelOpen] = useState(false);
  /** An item opened from the panel (a duplicate sibling) rather than from the grid selection. */
  const [pinnedId, setPinnedId] = useState<ItemId | null>(null);
  const gridRef = useRef<HTMLDivElement | null>(null);

  const query = useMemo(() => toGridQuery(filters), [filters]);
  const pages = useItemPages(caseId, query, dataVersion);
  const tags = useAsyncData(() => client.call('tags.list', { caseId }), [client, caseId, dataVersion]);

  const changeFilters = useCallback((next: GridFilterState) => {
    setFilters(next);
    setSelectedIndex(-1);
    setPinnedId(null);
    setPanelOpen(false);
  }, []);
  const select = useCallback((index: number) => {
    setSelectedIndex(index);
    setPinnedId(null);
  }, []);
  const pick = useCallback(
    (index: number) => {
      select(index);
      setPanelOpen(true);
      gridRef.current?.focus({ preventScroll: true });
    },
    [select],
  );
  const closePanel = useCallback(() => {
    setPanelOpen(false);
    setPinnedId(null);
    gridRef.current?.focus({ preventScroll: true });
  }, []);
  const openItem = useCallback((itemId: ItemId) => {
    setPinnedId(itemId);
    setPanelOpen(true);
  }, []);

  useEffect(() => {
    if (openItemId === undefined) return;
    setPinnedId(openItemId);
    setPanelOpen(true);
  }, [openItemId]);

  const panelItemId = pinnedId ?? pages.rowAt(selectedIndex)?.id ?? null;
  useEffect(() => onSelectionChange?.(panelItemId), [onSelectionChange, panelItemId]);
  useEffect(() => () => onSelectionChange?.(null), [onSelectionChange]);

  return (
    <div
      className="evidence"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && panelOpen && !event.defaultPrevented) {
          event.preventDefault();
          closePanel();
        }
      }}
    >
      <div className="evidence-analysis">
        <AnalysisBar analysis={analysis} />
      </div>
      <FilterToolbar
        filters={filters}
        onChange={changeFilters}
        exhibits={exhibits}
        tags={tags.data ?? []}
        total={pages.total}
        thumbSize={thumbSize}
        onThumbSize={setThumbSize}
      />
      {pages.error && (
        <div className="grid-error">
          <Banner tone="error" title="Could not load items.">
            {pages.error}
          </Banner>
        </div>
      )}
      <div className="evidence-body">
        <div className="evidence-grid-wrap">
          <EvidenceGrid
            caseId={caseId}
            pages={pages}
            selectedIndex={selectedIndex}
            thumbSize={thumbSize}
            emptyMessage={isFiltered(filters) ? 'No items match the filters.' : 'No evidence imported yet. Select an exhibit and choose Import.'}
            gridRef={gridRef}
            onSelect={select}
            onPick={pick}
            onOpen={() => setPanelOpen(true)}
          />
        </div>
        {panelOpen && panelItemId !== null && (
          <ItemPanel caseId={caseId} itemId={panelItemId} dataVersion={dataVersion} onOpenItem={openItem} onOpenDocument={onOpenDocument} onClose={closePanel} onChanged={onChanged} />
        )}
      </div>
    </div>
  );
}
