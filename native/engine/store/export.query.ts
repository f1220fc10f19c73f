/**
 * Read-only queries of the evidence-package export: which items a scope selects, and for those items what the
 * package copies (originals, rectified documents, stored maps and images) and cites (templates).
 */
import type Database from 'better-sqlite3';
import type { AssessmentLevel } from '../contract';

/** SQLite binds at most 32,766 parameters; ids are looked up in chunks well below. */
const CHUNK = 500;

function chunked<T>(ids: readonly number[], run: (part: readonly number[], marks: string) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    out.push(...run(part, part.map(() => '?').join(',')));
  }
  return out;
}

/** Every item id of the case, ascending. */
export function allItemIds(db: Database.Database): number[] {
  return (db.prepare('SELECT id FROM items ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

/** Ids of the items carrying any of the tags. */
export function itemIdsWithTags(db: Database.Database, tags: readonly string[]): number[] {
  if (!tags.length) return [];
  return (db.prepare(`SELECT DISTINCT it.item_id AS id FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE t.name IN (${tags.map(() => '?').join(',')}) ORDER BY id`).all(...tags) as { id: number }[]).map((r) => r.id);
}

/** Ids of the items holding a document whose newest template check is at one of the levels. */
export function itemIdsAtLevels(db: Database.Database, levels: readonly AssessmentLevel[]): number[] {
  if (!levels.length) return [];
  return (
    db
      .prepare(
        `SELECT DISTINCT i.id FROM items i JOIN documents d ON d.content_sha256 = i.sha256
         JOIN template_checks tc ON tc.id = (SELECT MAX(id) FROM template_checks WHERE document_id = d.id)
         WHERE tc.level IN (${levels.map(() => '?').join(',')}) ORDER BY i.id`,
      )
      .all(...levels) as { id: number }[]
  ).map((r) => r.id);
}

/** Ids among `ids` that are items of the case. */
export function existingItemIds(db: Database.Database, ids: readonly number[]): number[] {
  return chunked(ids, (part, marks) => (db.prepare(`SELECT id FROM items WHERE id IN (${marks})`).all(...part) as { id: number }[]).map((r) => r.id));
}

/** An item as the package copies it. */
export interface ExportItemRow {
  readonly id: number;
  readonly exhibitId: number;
  readonly exhibitLabel: string;
  readonly exhibitPath: string;
  readonly originalPath: string;
  readonly storage: 'copied' | 'referenced';
  readonly sha256: string | null;
  readonly size: number;
  readonly mime: string | null;
  readonly error: string | null;
  /** EXIF GPS position (decimal degrees), null where the file has none. */
  readonly gpsLatitude: number | null;
  readonly gpsLongitude: number | null;
}

/** The items of `ids` with their exhibit, storage and hash, ascending by id. */
export function exportItems(db: Database.Database, ids: readonly number[]): ExportItemRow[] {
  return chunked(
    ids,
    (part, marks) =>
      db
        .prepare(
          `SELECT i.id, i.exhibit_id AS exhibitId, e.label AS exhibitLabel, i.exhibit_path AS exhibitPath, i.original_path AS originalPath,
                  i.storage, i.sha256, i.size, i.mime, i.error, i.gps_latitude AS gpsLatitude, i.gps_longitude AS gpsLongitude
           FROM items i JOIN exhibits e ON e.id = i.exhibit_id WHERE i.id IN (${marks})`,
        )
        .all(...part) as ExportItemRow[],
  ).sort((a, b) => a.id - b.id);
}

/** A stored image derived from an item's bytes: a rectified document, or an analyser's map or image. */
export interface DerivedRow {
  readonly itemId: number;
  readonly documentId: number | null;
  readonly artifactId: number | null;
  /** `rectified` for a document's straightened card, else the artifact's name (`ela.map`, `templates.aligned`...). */
  readonly name: string;
  readonly analyser: string | null;
  readonly blobSha256: string;
  readonly mediaType: string;
}

/**
 * The rectified documents and stored artifacts of the items' contents. Byte copies share one content: each
 * derived file is listed once, under the lowest item id holding the content.
 */
export function derivedOf(db: Database.Database, ids: readonly number[]): DerivedRow[] {
  const rows = chunked(ids, (part, marks) => [
    ...(db
      .prepare(
        `SELECT MIN(i.id) AS itemId, d.id AS documentId, NULL AS artifactId, 'rectified' AS name, NULL AS analyser, d.rectified_sha256 AS blobSha256, 'image/png' AS mediaType
         FROM documents d JOIN items i ON i.sha256 = d.content_sha256 WHERE i.id IN (${marks}) GROUP BY d.id`,
      )
      .all(...part) as DerivedRow[]),
    ...(db
      .prepare(
        `SELECT MIN(i.id) AS itemId, a.document_id AS documentId, a.id AS artifactId, a.name, r.analyser_id AS analyser, a.blob_sha256 AS blobSha256, a.media_type AS mediaType
         FROM artifacts a JOIN analyser_runs r ON r.id = a.run_id JOIN items i ON i.sha256 = a.content_sha256 WHERE i.id IN (${marks}) GROUP BY a.id`,
      )
      .all(...part) as DerivedRow[]),
  ]);
  // A content selected through items of two chunks appears twice: keep the lowest item.
  const unique = new Map<string, DerivedRow>();
  for (const r of rows) {
    const key = r.artifactId !== null ? `a${r.artifactId}` : `d${r.documentId}`;
    const seen = unique.get(key);
    if (!seen || r.itemId < seen.itemId) unique.set(key, r);
  }
  return [...unique.values()].sort((a, b) => a.itemId - b.itemId || (a.documentId ?? 0) - (b.documentId ?? 0) || (a.artifactId ?? 0) - (b.artifactId ?? 0));
}

/** The template versions the newest checks of the items' documents cite. */
export function citedTemplates(db: Database.Database, ids: readonly number[]): { id: string; version: string; sha256: string }[] {
  const rows = chunked(
    ids,
    (part, marks) =>
      db
        .prepare(
          `SELECT DISTINCT tc.template_id AS id, tc.template_version AS version, tc.template_sha256 AS sha256
           FROM template_checks tc JOIN documents d ON d.id = tc.document_id JOIN items i ON i.sha256 = d.content_sha256
           WHERE i.id IN (${marks}) AND tc.template_id IS NOT NULL AND tc.id = (SELECT MAX(id) FROM template_checks WHERE document_id = d.id)`,
        )
        .all(...part) as { id: string; version: string; sha256: string }[],
  );
  const unique = new Map(rows.map((r) => [`${r.id}@${r.version}@${r.sha256}`, r]));
  return [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version < b.version ? -1 : 1));
}

/** Every audit-log row in sequence, as stored (details as canonical JSON text). */
export function auditRows(db: Database.Database): IterableIterator<{ seq: number; at: string; actor: string; action: string; details: string; prev_hash: string; hash: string }> {
  return db.prepare('SELECT seq, at, actor, action, details, prev_hash, hash FROM audit_log ORDER BY seq').iterate() as IterableIterator<{ seq: number; at: string; actor: string; action: string; details: string; prev_hash: string; hash: string }>;
}
