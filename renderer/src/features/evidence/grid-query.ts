/** Grid filter and sort state as the toolbar edits it, and its translation into `items.query` args. */
import type { ExhibitId, ItemFilter, ItemKind, ItemSortKey } from '../../../../native/engine/contract';

/** Every content kind the engine distinguishes, in toolbar order. */
export const ITEM_KINDS: readonly ItemKind[] = ['jpeg', 'png', 'heif', 'webp', 'avif', 'tiff', 'gif', 'bmp', 'pdf', 'other'];

/** Sort keys with their toolbar labels. */
export const SORT_KEYS: readonly { readonly key: ItemSortKey; readonly label: string }[] = [
  { key: 'id', label: 'Import order' },
  { key: 'name', label: 'Name' },
  { key: 'size', label: 'Size' },
  { key: 'dateTimeOriginal', label: 'Date taken' },
  { key: 'kind', label: 'Type' },
  { key: 'exhibitPath', label: 'Path in exhibit' },
  { key: 'forensicScore', label: 'Forensic score' },
];

/** Thresholds of the forensic-score filter: quarters of the fused score's [0, 1] range; '' = any. */
export const MIN_SCORE_OPTIONS = ['', '0.25', '0.5', '0.75'] as const;
export type MinScoreOption = (typeof MIN_SCORE_OPTIONS)[number];

/** What the filter toolbar edits. */
export interface GridFilterState {
  readonly kinds: readonly ItemKind[];
  readonly exhibitId: ExhibitId | null;
  readonly hasGps: boolean;
  readonly hasExif: boolean;
  readonly duplicates: '' | 'exact' | 'near' | 'any';
  readonly errors: boolean;
  /** Only items in which the analysis found an identity document. */
  readonly documents: boolean;
  /** Only items with a watchlist hit in the newest linking pass. */
  readonly watchlist: boolean;
  readonly tag: string;
  readonly text: string;
  /** Only items whose fused manipulation-indicators score is at least this; '' for any (analysed or not). */
  readonly minScore: MinScoreOption;
  readonly sortKey: ItemSortKey;
  readonly sortDirection: 'asc' | 'desc';
}

/** The toolbar state with no filter, in import order. */
export const DEFAULT_FILTER_STATE: GridFilterState = {
  kinds: [],
  exhibitId: null,
  hasGps: false,
  hasExif: false,
  duplicates: '',
  errors: false,
  documents: false,
  watchlist: false,
  tag: '',
  text: '',
  minScore: '',
  sortKey: 'id',
  sortDirection: 'asc',
};

/** The filter and sort arguments of `items.query`. */
export interface GridQuery {
  readonly filter: ItemFilter;
  readonly sort: { readonly key: ItemSortKey; readonly direction: 'asc' | 'desc' };
}

/** Translate toolbar state into query arguments, leaving out conditions that are not set. */
export function toGridQuery(state: GridFilterState): GridQuery {
  const filter: { -readonly [K in keyof ItemFilter]: ItemFilter[K] } = {};
  if (state.kinds.length > 0) filter.kinds = [...state.kinds];
  if (state.exhibitId !== null) filter.exhibitId = state.exhibitId;
  if (state.hasGps) filter.hasGps = true;
  if (state.hasExif) filter.hasExif = true;
  if (state.duplicates) filter.duplicates = state.duplicates;
  if (state.errors) filter.errors = true;
  if (state.documents) filter.hasDocuments = true;
  if (state.watchlist) filter.watchlistHits = true;
  if (state.tag) filter.tag = state.tag;
  const text = state.text.trim();
  if (text) filter.text = text;
  if (state.minScore) filter.minForensicScore = Number(state.minScore);
  return { filter, sort: { key: state.sortKey, direction: state.sortDirection } };
}

/** Whether any filter condition (not the sort) is set. */
export function isFiltered(state: GridFilterState): boolean {
  return Object.keys(toGridQuery(state).filter).length > 0;
}
