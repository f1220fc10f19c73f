/** Display helpers for links: kinds, paths of link kinds, strengths, refs and pass counts. Pure, tested. */
import type { EntityType, LinkKind } from '../../../../native/engine/contract';

/**
 * The link kinds of the linker (docs/LINKS.md, "Link kinds"), in the order the filters list them, with what each
 * means. The contract names kinds as strings; this list labels the contract's `LINK_KINDS`.
 */
export const LINK_KINDS: readonly { readonly kind: LinkKind; readonly label: string; readonly title: string }[] = [
  { kind: 'same-file', label: 'Same file', title: 'Equal SHA-256' },
  { kind: 'same-image', label: 'Same image', title: 'One picture in different bytes (perceptual hash)' },
  { kind: 'same-document', label: 'Same document', title: 'Different captures of one physical card' },
  { kind: 'number-reused', label: 'Number reused', title: 'One document number on different holders' },
  { kind: 'holder-numbers', label: 'Holder numbers', title: 'One holder with different document numbers' },
  { kind: 'same-portrait', label: 'Same portrait', title: 'One portrait on different documents' },
  { kind: 'number-series', label: 'Number series', title: 'Neighbours in a run of document numbers' },
  { kind: 'draft-to-print', label: 'Draft to print', title: 'Blank template, MRZ-generator trace or font file to a document' },
  { kind: 'family-member', label: 'Family', title: 'Shares production traces with a forgery family' },
  { kind: 'watchlist', label: 'Watchlist', title: 'Hit on an imported watchlist' },
];

/** Edges the graph view adds beside links: item → document, item → exhibit, document → person or family. */
export const STRUCTURAL_KINDS: readonly string[] = ['contains', 'on', 'member'];

/** What each entity type is called in the UI. */
export const ENTITY_TYPE_LABEL: Readonly<Record<EntityType, string>> = {
  item: 'Item',
  document: 'Document',
  person: 'Person',
  exhibit: 'Exhibit',
  family: 'Family',
  'watchlist-entry': 'Watchlist entry',
};

/** The UI label of a link kind (structural edges and unknown kinds are shown as written). */
export function kindLabel(kind: string): string {
  return LINK_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

/**
 * The path of link kinds an occurrence was reached by, e.g. `contains → same-document → contains`; the start
 * itself (an empty path) is `start`.
 */
export function formatVia(via: readonly string[]): string {
  return via.length === 0 ? 'start' : via.join(' → ');
}

/** A strength in [0, 1] with two decimals (the scales in docs/LINKS.md are given to 0.05). */
export function formatStrength(strength: number): string {
  return Number.isFinite(strength) ? Math.min(1, Math.max(0, strength)).toFixed(2) : '—';
}

/** Hex digits of a SHA-256 shown in tables: 12 (48 bits) tell lists apart at a glance; the full value is in the tooltip. */
const SHORT_SHA_DIGITS = 12;

/** The first digits of a SHA-256 for tables, with an ellipsis when cut. */
export function shortSha(sha256: string): string {
  return sha256.length > SHORT_SHA_DIGITS ? `${sha256.slice(0, SHORT_SHA_DIGITS)}…` : sha256;
}

/** Links per kind of a pass in the filters' order (unknown kinds after, by name), leaving out kinds with none. */
export function passCounts(byKind: Readonly<Record<string, number>>): { kind: string; label: string; count: number }[] {
  const order = (kind: string) => {
    const at = LINK_KINDS.findIndex((k) => k.kind === kind);
    return at < 0 ? LINK_KINDS.length : at;
  };
  return Object.entries(byKind)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([kind, count]) => ({ kind, label: kindLabel(kind), count }));
}

/** An entity that opens in a view of its own: an item (evidence panel) or a document (documents view). */
export type OpenTarget = { readonly type: 'item'; readonly id: number } | { readonly type: 'document'; readonly id: number };

/** What `ref` opens, or null for entities only the link graph shows (persons, families, exhibits, watchlist entries). */
export function openTarget(ref: string): OpenTarget | null {
  const match = /^(item|document):([1-9][0-9]{0,15})$/.exec(ref);
  if (!match) return null;
  return { type: match[1] === 'item' ? 'item' : 'document', id: Number(match[2]) };
}

/** The type named by a ref's prefix, or null when it names none. */
export function refType(ref: string): EntityType | null {
  const type = ref.slice(0, ref.indexOf(':'));
  return type in ENTITY_TYPE_LABEL ? (type as EntityType) : null;
}
