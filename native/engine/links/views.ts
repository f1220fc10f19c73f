/**
 * The linker's results as the contract shows them: labelled links, the pass, families, watchlists, and the
 * walks behind "other occurrences" and the link graph. Reads only.
 */
import type { EntityType, EntityView, FamilyView, LinkGraphView, LinkPassView, LinkView, OccurrencesView, WatchlistView } from '../contract';
import type { CaseReader } from '../store/case-store';
import { documentLabels, documentsOfItems, entityLabels, graphItems, itemsOfDocuments, watchlistEntryLabels } from '../store/link-graph.query';
import type { LinkRecord, LinkRunRecord } from '../store/links.repo';
import { passIsCurrentFor } from './link-pass';
import { parseRef } from './refs';

/** Link kinds that mean "the same thing occurs again": followed by the occurrences walk. */
export const OCCURRENCE_KINDS = ['same-file', 'same-image', 'same-document'] as const;
/**
 * Links weaker than this are not followed by the occurrences walk: a same-image link chained in by a third
 * picture (0.5) or a pHash at the grouping bound (0.6) still is; nothing weaker exists among these kinds.
 */
const OCCURRENCE_MIN_STRENGTH = 0.5;
/** Bound of the walk: an item copied to thousands of places is listed up to here, then `truncated`. */
export const OCCURRENCE_LIMIT = 2000;
/** Bound of the graph view: beyond a few hundred nodes a drawing stops being readable. */
const GRAPH_NODE_LIMIT = 250;

const typeOf = (ref: string): EntityType => (parseRef(ref)?.type ?? 'item') as EntityType;
const idNum = (ref: string) => Number(ref.slice(ref.indexOf(':') + 1));

/** Display labels for refs of every type. */
export function labelRefs(store: CaseReader, refs: Iterable<string>): Map<string, string> {
  const all = [...new Set(refs)];
  const byType = (t: string) => all.filter((r) => r.startsWith(`${t}:`));
  const out = new Map<string, string>();
  for (const item of graphItems(store.db, byType('item').map(idNum))) out.set(`item:${item.id}`, `${item.name} (${item.exhibitLabel})`);
  for (const [id, label] of documentLabels(store.db, byType('document').map(idNum))) out.set(`document:${id}`, label);
  for (const [ref, label] of entityLabels(store.db, [...byType('person'), ...byType('family')])) out.set(ref, label);
  const exhibits = new Map(store.exhibits.list().map((e) => [`exhibit:${e.id}`, e.label]));
  for (const r of byType('exhibit')) out.set(r, exhibits.get(r) ?? r);
  const entries = byType('watchlist-entry');
  for (const [id, label] of watchlistEntryLabels(store.db, entries.map((r) => r.slice('watchlist-entry:'.length)))) out.set(`watchlist-entry:${id}`, label);
  return out;
}

const entity = (ref: string, labels: ReadonlyMap<string, string>): EntityView => ({ ref, type: typeOf(ref), label: labels.get(ref) ?? ref });

/** Stored links with both ends labelled. */
export function linkViews(store: CaseReader, links: readonly LinkRecord[]): LinkView[] {
  const labels = labelRefs(store, links.flatMap((l) => [l.from, l.to]));
  return links.map((l) => ({ id: l.id, kind: l.kind, from: entity(l.from, labels), to: entity(l.to, labels), strength: l.strength, evidence: l.evidence, summary: l.summary }));
}

/** The newest pass as the UI shows it, or null before the first. */
export function passView(store: CaseReader, pass: LinkRunRecord | null = store.links.latestPass()): LinkPassView | null {
  if (!pass) return null;
  const watchlists = Array.isArray(pass.inputs.watchlists) ? (pass.inputs.watchlists as LinkPassView['watchlists']) : [];
  return {
    runId: pass.id,
    linkerVersion: pass.linkerVersion,
    startedAt: pass.startedAt,
    finishedAt: pass.finishedAt,
    current: passIsCurrentFor(store.db, pass),
    byKind: store.links.countsByKind(),
    persons: Number(pass.inputs.persons ?? 0),
    families: store.links.entities('family').length,
    watchlists,
  };
}

/**
 * Everywhere `start` occurs: a breadth-first walk over same-file, same-image and same-document links and the
 * structural edge between an item and the documents found in its bytes, from an item, a document or a
 * person (whose documents start the walk). Holders, families and links of other kinds touching what was
 * reached are listed beside it, not walked.
 */
export function occurrences(store: CaseReader, start: string): OccurrencesView {
  const seen = new Map<string, { via: string[]; strength: number }>();
  let frontier: string[] = [];
  const visit = (ref: string, via: string[], strength: number) => {
    if (seen.has(ref)) return;
    seen.set(ref, { via, strength });
    frontier.push(ref);
  };
  if (start.startsWith('person:') || start.startsWith('family:')) {
    visit(start, [], 1);
    frontier = [];
    for (const m of store.links.entity(start)?.members ?? []) visit(m, ['member'], 1);
  } else visit(start, [], 1);
  let truncated = false;
  while (frontier.length > 0 && !truncated) {
    const level = frontier;
    frontier = [];
    const items = level.filter((r) => r.startsWith('item:')).map(idNum);
    const docs = level.filter((r) => r.startsWith('document:')).map(idNum);
    for (const { itemId, documentId } of documentsOfItems(store.db, items)) {
      const from = seen.get(`item:${itemId}`)!;
      visit(`document:${documentId}`, [...from.via, 'contains'], from.strength);
    }
    for (const { itemId, documentId } of itemsOfDocuments(store.db, docs)) {
      const from = seen.get(`document:${documentId}`)!;
      visit(`item:${itemId}`, [...from.via, 'contains'], from.strength);
    }
    for (const l of store.links.touching(level, { kinds: [...OCCURRENCE_KINDS], minStrength: OCCURRENCE_MIN_STRENGTH })) {
      const [here, there] = seen.has(l.from) && !seen.has(l.to) ? [l.from, l.to] : [l.to, l.from];
      const from = seen.get(here);
      if (from) visit(there, [...from.via, l.kind], Math.min(from.strength, l.strength));
    }
    truncated = seen.size > OCCURRENCE_LIMIT;
  }
  const itemRefs = [...seen.keys()].filter((r) => r.startsWith('item:'));
  const items = graphItems(store.db, itemRefs.map(idNum)).map((i) => ({ itemId: i.id, name: i.name, exhibitPath: i.exhibitPath, exhibitId: i.exhibitId, exhibitLabel: i.exhibitLabel, via: seen.get(`item:${i.id}`)!.via, strength: seen.get(`item:${i.id}`)!.strength }));
  items.sort((a, b) => a.via.length - b.via.length || a.itemId - b.itemId);
  const exhibits = new Map<number, { exhibitId: number; label: string; items: number }>();
  for (const i of items) {
    const e = exhibits.get(i.exhibitId) ?? { exhibitId: i.exhibitId, label: i.exhibitLabel, items: 0 };
    e.items++;
    exhibits.set(i.exhibitId, e);
  }
  const docRefs = [...seen.keys()].filter((r) => r.startsWith('document:'));
  const holders = new Set<string>();
  for (const d of docRefs) for (const e of store.links.entitiesWithMember(d)) holders.add(e.ref);
  const related = store.links.touching([...docRefs, ...holders].slice(0, OCCURRENCE_LIMIT)).filter((l) => !(OCCURRENCE_KINDS as readonly string[]).includes(l.kind));
  const labels = labelRefs(store, [start, ...docRefs, ...holders]);
  return {
    start: entity(start, labels),
    items,
    exhibits: [...exhibits.values()].sort((a, b) => a.label.localeCompare(b.label)),
    documents: docRefs.map((r) => entity(r, labels)),
    persons: [...holders].filter((r) => r.startsWith('person:')).map((r) => entity(r, labels)),
    families: [...holders].filter((r) => r.startsWith('family:')).map((r) => entity(r, labels)),
    related: linkViews(store, related),
    truncated,
    pass: passView(store),
  };
}

/**
 * The neighbourhood of `center` up to `depth` hops over links (filtered by kind and strength; no kinds or an empty
 * list means every kind) and the structural edges item → document (`contains`), item → exhibit (`on`, also for
 * the items of the last hop) and document → person or family (`member`).
 */
export function linkGraph(store: CaseReader, center: string, options: { depth?: number; kinds?: readonly string[]; minStrength?: number } = {}): LinkGraphView {
  const depth = Math.min(3, Math.max(1, options.depth ?? 2));
  const hops = new Map<string, number>([[center, 0]]);
  const edges = new Map<string, LinkGraphView['edges'][number]>();
  let frontier = [center];
  let truncated = false;
  const add = (ref: string, hop: number) => {
    if (hops.has(ref)) return;
    if (hops.size >= GRAPH_NODE_LIMIT) {
      truncated = true;
      return;
    }
    hops.set(ref, hop);
    frontier.push(ref);
  };
  const edge = (id: string, kind: string, from: string, to: string, strength: number, summary: string) => {
    if (hops.has(from) && hops.has(to)) edges.set(id, { id, kind, from, to, strength, summary });
  };
  for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
    const level = frontier;
    frontier = [];
    const items = level.filter((r) => r.startsWith('item:')).map(idNum);
    const contains = [...documentsOfItems(store.db, items), ...itemsOfDocuments(store.db, level.filter((r) => r.startsWith('document:')).map(idNum))];
    for (const { itemId, documentId } of contains) {
      add(`item:${itemId}`, hop);
      add(`document:${documentId}`, hop);
      edge(`c${itemId}-${documentId}`, 'contains', `item:${itemId}`, `document:${documentId}`, 1, 'document found in the file');
    }
    for (const i of graphItems(store.db, items)) {
      add(`exhibit:${i.exhibitId}`, hop);
      edge(`o${i.id}`, 'on', `item:${i.id}`, `exhibit:${i.exhibitId}`, 1, `on ${i.exhibitLabel}`);
    }
    for (const r of level.filter((x) => x.startsWith('document:'))) {
      for (const e of store.links.entitiesWithMember(r)) {
        add(e.ref, hop);
        edge(`m${r}-${e.ref}`, 'member', r, e.ref, 1, `member of ${e.label}`);
      }
    }
    for (const r of level.filter((x) => x.startsWith('person:') || x.startsWith('family:'))) {
      for (const m of store.links.entity(r)?.members ?? []) {
        add(m, hop);
        edge(`m${m}-${r}`, 'member', m, r, 1, 'member');
      }
    }
    const linkQuery = { ...(options.kinds?.length ? { kinds: options.kinds } : {}), ...(options.minStrength === undefined ? {} : { minStrength: options.minStrength }) };
    for (const l of store.links.touching(level.filter((x) => !x.startsWith('exhibit:')), linkQuery)) {
      add(hops.has(l.from) ? l.to : l.from, hop);
      edge(`l${l.id}`, l.kind, l.from, l.to, l.strength, l.summary);
    }
  }
  // Items reached on the last hop: their exhibit still belongs to them (which device holds the file is what the
  // analyst follows), so it is drawn even though the walk stops there.
  const lastItems = frontier.filter((r) => r.startsWith('item:')).map(idNum);
  for (const i of graphItems(store.db, lastItems)) {
    add(`exhibit:${i.exhibitId}`, hops.get(`item:${i.id}`) ?? depth);
    edge(`o${i.id}`, 'on', `item:${i.id}`, `exhibit:${i.exhibitId}`, 1, `on ${i.exhibitLabel}`);
  }
  const labels = labelRefs(store, hops.keys());
  return { center, nodes: [...hops].map(([ref, hop]) => ({ ...entity(ref, labels), hop })), edges: [...edges.values()], truncated };
}

/** The forgery families of the newest pass. */
export function familyViews(store: CaseReader): FamilyView[] {
  const families = store.links.entities('family');
  const labels = labelRefs(store, families.flatMap((f) => f.members));
  return families.map((f) => ({
    ref: f.ref,
    label: f.label,
    members: f.members.map((m) => entity(m, labels)),
    summary: typeof f.attributes.summary === 'string' ? f.attributes.summary : f.label,
    cohesion: typeof f.attributes.cohesion === 'number' ? f.attributes.cohesion : null,
    sharedTraits: Array.isArray(f.attributes.sharedTraits) ? (f.attributes.sharedTraits as FamilyView['sharedTraits']) : [],
  }));
}

/** The case's watchlists with their hits in the newest pass. */
export function watchlistViews(store: CaseReader): WatchlistView[] {
  const hits = new Map<string, number>();
  for (const l of store.links.all({ kinds: ['watchlist'] })) {
    const sha = l.to.slice('watchlist-entry:'.length).split('#')[0] ?? '';
    hits.set(sha, (hits.get(sha) ?? 0) + 1);
  }
  return store.links.watchlists().map((w) => ({ ...w, hits: hits.get(w.sha256) ?? 0 }));
}
