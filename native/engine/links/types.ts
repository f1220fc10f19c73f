/**
 * Shapes shared by the linker modules (`native/engine/links/`): the kinds of link, the reference to an entity at
 * either end, and the draft of one link with its evidence. docs/LINKS.md describes every kind and its strength.
 */

import type { LinkKind } from '../contract';

export { LINK_KINDS, type LinkKind } from '../contract';

/** Reference to one entity of the case (an item, a document instance, a person, ...) by its id. */
export interface EntityRef {
  readonly type: 'item' | 'document' | 'person' | 'exhibit' | 'family' | 'watchlist-entry';
  readonly id: string;
}

/** A link between two entities, with its evidence and a strength in [0,1]. */
export interface LinkDraft {
  readonly kind: LinkKind;
  readonly from: EntityRef;
  readonly to: EntityRef;
  /** 0..1, with the reason for its scale documented next to the constant that produces it. */
  readonly strength: number;
  /** What was measured (values, hashes, distances, rule). */
  readonly evidence: Readonly<Record<string, unknown>>;
  /** One factual sentence. */
  readonly summary: string;
}
