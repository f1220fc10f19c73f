/**
 * Links between what a case holds (same file, same image, same document, numbers, holders, portraits, series,
 * drafts, families, watchlists), as the renderer shows them. Entities are named by `type:id` refs
 * (`item:12`, `document:7`, `person:<key>`, `exhibit:2`, `family:<id>`, `watchlist-entry:<sha256>#<row>`).
 */

/** What a link asserts; each kind is produced by one linker module (docs/LINKS.md). */
export type LinkKind =
  | 'same-file'
  | 'same-image'
  | 'same-document'
  | 'number-reused'
  | 'holder-numbers'
  | 'same-portrait'
  | 'number-series'
  | 'draft-to-print'
  | 'family-member'
  | 'watchlist';

/** Every link kind, in the order the UI lists them. */
export const LINK_KINDS = ['same-file', 'same-image', 'same-document', 'number-reused', 'holder-numbers', 'same-portrait', 'number-series', 'draft-to-print', 'family-member', 'watchlist'] as const satisfies readonly LinkKind[];

/** The kinds of entity a ref names. */
export type EntityType = 'item' | 'document' | 'person' | 'exhibit' | 'family' | 'watchlist-entry';

/** An entity with its display label. */
export interface EntityView {
  readonly ref: string;
  readonly type: EntityType;
  readonly label: string;
}

/** One link with its evidence, strength and both ends labelled. */
export interface LinkView {
  readonly id: number;
  readonly kind: string;
  readonly from: EntityView;
  readonly to: EntityView;
  /** In [0, 1]; docs/LINKS.md gives each kind's scale. */
  readonly strength: number;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly summary: string;
}

/** A linking pass: when, by which linker version, from which inputs, and what it found. */
export interface LinkPassView {
  readonly runId: number;
  readonly linkerVersion: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The case has not changed since (same items, documents, template checks and watchlists). */
  readonly current: boolean;
  readonly byKind: Readonly<Record<string, number>>;
  readonly persons: number;
  readonly families: number;
  readonly watchlists: readonly { readonly name: string; readonly version: string; readonly sha256: string }[];
}

/** An item reached from the start through same-file, same-image and same-document links. */
export interface OccurrenceItemView {
  readonly itemId: number;
  readonly name: string;
  readonly exhibitPath: string;
  readonly exhibitId: number;
  readonly exhibitLabel: string;
  /** Link kinds followed from the start (`contains` for a document found in an item's bytes). */
  readonly via: readonly string[];
  /** The weakest link strength on the way (1 for the start itself). */
  readonly strength: number;
}

/** Everywhere the start (an item, a document or a person) occurs, and what relates to it. */
export interface OccurrencesView {
  readonly start: EntityView;
  readonly items: readonly OccurrenceItemView[];
  readonly exhibits: readonly { readonly exhibitId: number; readonly label: string; readonly items: number }[];
  readonly documents: readonly EntityView[];
  /** Holders of the documents reached, and forgery families they belong to. */
  readonly persons: readonly EntityView[];
  readonly families: readonly EntityView[];
  /** Links of other kinds touching the documents and persons reached (numbers, portraits, series, drafts, watchlists). */
  readonly related: readonly LinkView[];
  /** The walk stopped at its bound (OCCURRENCE_LIMIT). */
  readonly truncated: boolean;
  readonly pass: LinkPassView | null;
}

/** A bounded neighbourhood of the link graph around one entity. */
export interface LinkGraphView {
  readonly center: string;
  readonly nodes: readonly (EntityView & { readonly hop: number })[];
  /** Links and the structural edges `contains` (item → document), `on` (item → exhibit), `member` (document → person or family). */
  readonly edges: readonly { readonly id: string; readonly kind: string; readonly from: string; readonly to: string; readonly strength: number; readonly summary: string }[];
  readonly truncated: boolean;
}

/** A forgery family: documents that share production traces. */
export interface FamilyView {
  readonly ref: string;
  readonly label: string;
  readonly members: readonly EntityView[];
  readonly summary: string;
  readonly cohesion: number | null;
  readonly sharedTraits: readonly { readonly key: string; readonly label: string; readonly zoneId: string | null; readonly memberCount: number }[];
}

/** A watchlist kept in the case, with its provenance and its hits in the newest pass. */
export interface WatchlistView {
  readonly id: number;
  readonly name: string;
  readonly version: string;
  readonly sourceName: string;
  readonly sha256: string;
  readonly entryCount: number;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly hits: number;
}
