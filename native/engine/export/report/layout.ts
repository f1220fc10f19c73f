/**
 * What the HTML and the PDF share: the report's outline (sections and their entries, for the table of contents
 * and the PDF bookmarks), number and time formats, and how a zone state or an assessment level is drawn
 * (colour plus a symbol and a line style, so print in grey still tells them apart).
 */
import type { AssessmentLevel, Severity, ZoneState } from '../../contract';
import type { Labels, LabelKey } from './i18n/labels';
import type { ReportDocument, ReportItem, ReportModel } from './report-model';

/** One entry of the table of contents: an anchor id, its depth (0 = section) and its title. */
export interface OutlineEntry {
  readonly id: string;
  readonly depth: 0 | 1;
  readonly title: string;
}

export const documentTitle = (L: Labels, d: ReportDocument): string =>
  `${L('document.label')} ${d.id}: ${[d.documentNumber, d.holder].filter(Boolean).join(' · ') || d.itemName}`;
export const itemTitle = (L: Labels, i: ReportItem): string => `${L('item.label')} ${i.id}: ${i.exhibitLabel} · ${i.exhibitPath}`;

/**
 * An item with nothing to show beyond its identity: no analyser run, no picture, no document, no finding. Such
 * items are listed together in one table ("Items without results") instead of a page each: a page per item would
 * be a page of dashes, and an export of thousands of unexamined files would be thousands of such pages.
 */
export const isListedOnly = (i: ReportItem): boolean => !i.thumbnail && !i.runs.length && !i.maps.length && !i.findingIds.length && !i.documentIds.length;

/**
 * Items an exhibit's record lists by name in the PDF. The record is one key–value table whose cell cannot break
 * across pages: past a page of lines it is set as loose paragraphs (for 5,000 items, 100 pages of them and ≈0.8 s
 * of layout). 60 lines fit on the exhibit's page; every item is listed anyway in the items section with its
 * exhibit, and the HTML report lists them all, linked.
 */
export const EXHIBIT_ITEMS_LISTED = 60;

/** Anchor of the "Items without results" table. */
export const LISTED_ITEMS_ANCHOR = 'items-without-results';

/** The sections in order, with one entry per exhibit, document and item with results, and one for the items without. */
export function reportOutline(model: ReportModel, L: Labels): OutlineEntry[] {
  const section = (id: string, key: LabelKey): OutlineEntry => ({ id, depth: 0, title: L(key) });
  return [
    section('summary', 'section.summary'),
    section('exhibits', 'section.exhibits'),
    ...model.exhibits.map((e): OutlineEntry => ({ id: `exhibit-${e.id}`, depth: 1, title: `${L('exhibit.label')} ${e.label}` })),
    section('documents', 'section.documents'),
    ...model.documents.map((d): OutlineEntry => ({ id: `document-${d.id}`, depth: 1, title: documentTitle(L, d) })),
    section('items', 'section.items'),
    ...model.items.filter((i) => !isListedOnly(i)).map((i): OutlineEntry => ({ id: `item-${i.id}`, depth: 1, title: itemTitle(L, i) })),
    ...(model.items.some(isListedOnly) ? [{ id: LISTED_ITEMS_ANCHOR, depth: 1 as const, title: L('item.listedTitle', { count: model.items.filter(isListedOnly).length }) }] : []),
    section('links', 'section.links'),
    section('methods', 'section.methods'),
    section('limitations', 'section.limitations'),
    section('hashes', 'section.hashes'),
  ];
}

/** A score or weight in [0, 1] with two decimals; an en dash when missing. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(2);
}

/** An ISO time as `YYYY-MM-DD HH:MM:SS UTC` (language-neutral, unambiguous). */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A recorded time as given (it may carry its own offset); empty values as an en dash. */
export const orDash = (value: string | number | null | undefined): string => (value === null || value === undefined || value === '' ? '–' : String(value));

export interface StateStyle {
  readonly colour: string;
  readonly symbol: string;
  /** SVG / PDF dash pattern in px (empty: solid). */
  readonly dash: readonly number[];
  readonly width: number;
}

/** Zone states as the comparison view draws them (solid, dashed, dotted; hatched deviations), in print colours. */
export const ZONE_STYLE: Readonly<Record<ZoneState, StateStyle>> = {
  agrees: { colour: '#2e7d32', symbol: '✓', dash: [], width: 1.5 },
  review: { colour: '#b26a00', symbol: '?', dash: [6, 3], width: 2 },
  deviates: { colour: '#c62828', symbol: '✕', dash: [], width: 3 },
  'not-checked': { colour: '#757575', symbol: '–', dash: [1.5, 2.5], width: 1.5 },
};

export const LEVEL_COLOUR: Readonly<Record<AssessmentLevel | 'none', string>> = {
  'no-indicators': '#2e7d32',
  review: '#b26a00',
  'strong-indicators': '#c62828',
  none: '#555555',
};

export const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = { info: '#555555', low: '#555555', medium: '#b26a00', high: '#c62828' };

/** The label key of a link kind, or null for a kind this table does not know (its code is shown). */
export function linkKindKey(kind: string): LabelKey | null {
  const key = `link.${kind}`;
  return (['link.same-file', 'link.same-image', 'link.same-document', 'link.number-reused', 'link.holder-numbers', 'link.same-portrait', 'link.number-series', 'link.draft-to-print', 'link.family-member', 'link.watchlist'] as const).find((k) => k === key) ?? null;
}

/** Zones listed most telling first (deviations, review, agreements, not checked), template order within a state. */
export function orderedZones<T extends { readonly state: ZoneState }>(zones: readonly T[]): T[] {
  const order: ZoneState[] = ['deviates', 'review', 'agrees', 'not-checked'];
  return zones.map((z, i) => ({ z, i })).sort((a, b) => order.indexOf(a.z.state) - order.indexOf(b.z.state) || a.i - b.i).map((x) => x.z);
}
