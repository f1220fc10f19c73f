/**
 * Read side of the link graph: the structural edges that are facts of the case rather than links (an item
 * holds the documents found in its bytes, an item belongs to an exhibit) and display labels of entity refs.
 */
import type Database from 'better-sqlite3';

/** An item as the graph shows it. */
export interface GraphItem {
  readonly id: number;
  readonly name: string;
  readonly exhibitPath: string;
  readonly exhibitId: number;
  readonly exhibitLabel: string;
  readonly sha256: string | null;
}

/** SQLite's default bound on host parameters is 32,766; chunks keep every query far below it. */
const CHUNK = 500;

function chunked<T, R>(values: readonly T[], run: (chunk: readonly T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...run(values.slice(i, i + CHUNK)));
  return out;
}
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Items by id, with their exhibit. */
export function graphItems(db: Database.Database, ids: readonly number[]): GraphItem[] {
  return chunked(ids, (chunk) =>
    db
      .prepare(`SELECT i.id, i.name, i.exhibit_path AS exhibitPath, i.exhibit_id AS exhibitId, e.label AS exhibitLabel, i.sha256 FROM items i JOIN exhibits e ON e.id = i.exhibit_id WHERE i.id IN (${marks(chunk.length)})`)
      .all(...chunk) as GraphItem[],
  );
}

/** Document ids found in the bytes of each item (documents hang off content, so byte copies share them). */
export function documentsOfItems(db: Database.Database, itemIds: readonly number[]): { itemId: number; documentId: number }[] {
  return chunked(itemIds, (chunk) =>
    db.prepare(`SELECT i.id AS itemId, d.id AS documentId FROM items i JOIN documents d ON d.content_sha256 = i.sha256 WHERE i.id IN (${marks(chunk.length)})`).all(...chunk) as { itemId: number; documentId: number }[],
  );
}

/** Items whose bytes hold each document. */
export function itemsOfDocuments(db: Database.Database, documentIds: readonly number[]): { itemId: number; documentId: number }[] {
  return chunked(documentIds, (chunk) =>
    db.prepare(`SELECT i.id AS itemId, d.id AS documentId FROM documents d JOIN items i ON i.sha256 = d.content_sha256 WHERE d.id IN (${marks(chunk.length)})`).all(...chunk) as { itemId: number; documentId: number }[],
  );
}

/** Display labels of documents: number, holder, and the first item that holds it. */
export function documentLabels(db: Database.Database, documentIds: readonly number[]): Map<number, string> {
  const rows = chunked(documentIds, (chunk) =>
    db
      .prepare(
        `SELECT d.id, d.document_number AS number, d.surname, d.given_names AS givenNames,
                (SELECT i.name FROM items i WHERE i.sha256 = d.content_sha256 ORDER BY i.id LIMIT 1) AS itemName
         FROM documents d WHERE d.id IN (${marks(chunk.length)})`,
      )
      .all(...chunk) as { id: number; number: string | null; surname: string | null; givenNames: string | null; itemName: string | null }[],
  );
  const holder = (r: { surname: string | null; givenNames: string | null }) => (r.surname ? `${r.surname}${r.givenNames ? `, ${r.givenNames}` : ''}` : null);
  return new Map(rows.map((r) => [r.id, [r.number ?? 'no number read', holder(r), r.itemName ? `in ${r.itemName}` : null].filter((x) => x !== null).join(' · ')]));
}

/** Labels of entities (persons, families) by ref. */
export function entityLabels(db: Database.Database, refs: readonly string[]): Map<string, string> {
  const rows = chunked(refs, (chunk) => db.prepare(`SELECT ref, label FROM entities WHERE ref IN (${marks(chunk.length)})`).all(...chunk) as { ref: string; label: string }[]);
  return new Map(rows.map((r) => [r.ref, r.label]));
}

/** Labels of watchlist entries (`<sha256>#<row>`): the list's name, version and row. */
export function watchlistEntryLabels(db: Database.Database, ids: readonly string[]): Map<string, string> {
  const lists = db.prepare('SELECT name, version, sha256 FROM watchlists').all() as { name: string; version: string; sha256: string }[];
  const bySha = new Map(lists.map((l) => [l.sha256, l]));
  const out = new Map<string, string>();
  for (const id of ids) {
    const [sha, row] = id.split('#');
    const list = sha ? bySha.get(sha) : undefined;
    out.set(id, list ? `${list.name} ${list.version}, row ${row ?? '?'}` : `watchlist entry ${id}`);
  }
  return out;
}

/** Watchlist hits per item: links of kind `watchlist` from a document found in the item's bytes or from its holder. */
export function watchlistHitsOfItems(db: Database.Database, itemIds: readonly number[]): Map<number, number> {
  const rows = chunked(itemIds, (chunk) =>
    db
      .prepare(
        `SELECT i.id AS itemId, COUNT(l.id) AS hits FROM items i JOIN documents d ON d.content_sha256 = i.sha256
         JOIN links l ON l.kind = 'watchlist' AND (l.from_ref = 'document:' || d.id
           OR l.from_ref IN (SELECT m.entity_ref FROM entity_members m WHERE m.member_ref = 'document:' || d.id))
         WHERE i.id IN (${marks(chunk.length)}) GROUP BY i.id`,
      )
      .all(...chunk) as { itemId: number; hits: number }[],
  );
  return new Map(rows.map((r) => [r.itemId, r.hits]));
}
