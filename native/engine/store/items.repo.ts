import type Database from 'better-sqlite3';
import {
  MANIPULATION_SCORE_NAME,
  asExhibitId,
  asItemId,
  EngineError,
  type ExhibitId,
  type ItemDetail,
  type ItemFilter,
  type ItemId,
  type ItemKind,
  type ItemPage,
  type ItemRow,
  type ItemSortKey,
  type KeyExif,
  type MessengerName,
  type SourcedTime,
} from '../contract';
import { hamming } from '../ingest/phash';

/** What ingest records for one file occurrence. */
export interface NewItem {
  readonly exhibitId: ExhibitId;
  readonly importId: number;
  readonly originalPath: string;
  readonly exhibitPath: string;
  readonly name: string;
  readonly storage: 'copied' | 'referenced';
  readonly size: number;
  readonly kind: ItemKind;
  readonly mime: string | null;
  readonly sha256: string | null;
  readonly sha1: string | null;
  readonly md5: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly phash: string | null;
  readonly thumbSha256: string | null;
  readonly fileTimes: { readonly modified: string | null; readonly accessed: string | null; readonly created: string | null };
  readonly exif: KeyExif;
  readonly hasExif: boolean;
  readonly metadata: Record<string, unknown>;
  readonly times: readonly SourcedTime[];
  readonly messenger: MessengerName | null;
  readonly warnings: readonly string[];
  readonly error: string | null;
}

interface Row {
  id: number;
  exhibit_id: number;
  original_path: string;
  exhibit_path: string;
  name: string;
  storage: 'copied' | 'referenced';
  size: number;
  kind: ItemKind;
  mime: string | null;
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  width: number | null;
  height: number | null;
  phash: string | null;
  thumb_sha256: string | null;
  preview_sha256: string | null;
  file_modified: string | null;
  file_accessed: string | null;
  file_created: string | null;
  exif_make: string | null;
  exif_model: string | null;
  exif_software: string | null;
  exif_date_time_original: string | null;
  exif_create_date: string | null;
  exif_modify_date: string | null;
  gps_latitude: number | null;
  gps_longitude: number | null;
  has_exif: number;
  metadata: string;
  times: string;
  messenger: string | null;
  warnings: string;
  near_group: number | null;
  error: string | null;
  imported_at: string;
  dup_count: number;
  tag_list: string | null;
  forensic_score: number | null;
  watchlist_hits?: number;
}

/**
 * The item's fused forensic score: the value of the newest fusion run on its content (an older analyser
 * version's score stays stored for provenance but no longer describes the item).
 */
const FORENSIC_SCORE_SQL = `(SELECT s.value FROM scores s WHERE s.content_sha256 = i.sha256 AND s.name = '${MANIPULATION_SCORE_NAME}' ORDER BY s.run_id DESC LIMIT 1)`;

/**
 * Watchlist hits of the newest linking pass on an item: links of kind `watchlist` from a document found in its
 * bytes, or from the person holding such a document.
 */
const WATCHLIST_HITS_SQL = `(SELECT COUNT(*) FROM documents wd JOIN links wl ON wl.kind = 'watchlist'
  AND (wl.from_ref = 'document:' || wd.id OR wl.from_ref IN (SELECT wm.entity_ref FROM entity_members wm WHERE wm.member_ref = 'document:' || wd.id))
  WHERE wd.content_sha256 = i.sha256)`;

const SORT_COLUMNS: Record<ItemSortKey, string> = {
  id: 'i.id',
  name: 'i.name COLLATE NOCASE',
  size: 'i.size',
  dateTimeOriginal: 'i.exif_date_time_original',
  kind: 'i.kind',
  exhibitPath: 'i.exhibit_path COLLATE NOCASE',
  forensicScore: 'forensic_score',
};

const SELECT_ROW = `SELECT i.*,
  CASE WHEN i.sha256 IS NULL THEN 1 ELSE (SELECT count(*) FROM items d WHERE d.sha256 = i.sha256) END AS dup_count,
  (SELECT group_concat(t.name, char(31)) FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id) AS tag_list,
  ${FORENSIC_SCORE_SQL} AS forensic_score,
  ${WATCHLIST_HITS_SQL} AS watchlist_hits
  FROM items i`;

function toRow(row: Row): ItemRow {
  return {
    id: asItemId(row.id),
    exhibitId: asExhibitId(row.exhibit_id),
    exhibitPath: row.exhibit_path,
    name: row.name,
    kind: row.kind,
    mime: row.mime,
    size: row.size,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    hasThumbnail: row.thumb_sha256 !== null,
    hasGps: row.gps_latitude !== null && row.gps_longitude !== null,
    hasExif: row.has_exif === 1,
    dateTimeOriginal: row.exif_date_time_original,
    duplicateGroup: row.dup_count > 1 ? row.sha256 : null,
    duplicateCount: row.dup_count,
    nearDuplicateGroup: row.near_group,
    error: row.error,
    tags: row.tag_list ? row.tag_list.split('\u001f').sort() : [],
    forensicScore: row.forensic_score,
    watchlistHits: row.watchlist_hits ?? 0,
  };
}

/** Everything stored for one item, without its siblings and notes. */
export type ItemRecord = Omit<ItemDetail, 'duplicates' | 'nearDuplicates' | 'notes'>;

function toRecord(row: Row): ItemRecord {
  return {
    ...toRow(row),
    originalPath: row.original_path,
    storage: row.storage,
    sha1: row.sha1,
    md5: row.md5,
    phash: row.phash,
    fileTimes: { modified: row.file_modified, accessed: row.file_accessed, created: row.file_created },
    exif: {
      make: row.exif_make,
      model: row.exif_model,
      software: row.exif_software,
      dateTimeOriginal: row.exif_date_time_original,
      createDate: row.exif_create_date,
      modifyDate: row.exif_modify_date,
      gpsLatitude: row.gps_latitude,
      gpsLongitude: row.gps_longitude,
    },
    times: JSON.parse(row.times) as SourcedTime[],
    messenger: row.messenger ? (JSON.parse(row.messenger) as MessengerName) : null,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    warnings: JSON.parse(row.warnings) as string[],
    importedAt: row.imported_at,
  };
}

/** Escape LIKE wildcards so a path fragment is matched literally. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereClause(filter: ItemFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.kinds?.length) {
    parts.push(`i.kind IN (${filter.kinds.map(() => '?').join(',')})`);
    params.push(...filter.kinds);
  }
  if (filter.exhibitId != null) {
    parts.push('i.exhibit_id = ?');
    params.push(filter.exhibitId);
  }
  if (filter.hasGps !== undefined) parts.push(filter.hasGps ? 'i.gps_latitude IS NOT NULL' : 'i.gps_latitude IS NULL');
  if (filter.hasExif !== undefined) parts.push(`i.has_exif = ${filter.hasExif ? 1 : 0}`);
  if (filter.hasDocuments !== undefined) parts.push(`${filter.hasDocuments ? '' : 'NOT '}EXISTS (SELECT 1 FROM documents d WHERE d.content_sha256 = i.sha256)`);
  if (filter.errors !== undefined) parts.push(filter.errors ? 'i.error IS NOT NULL' : 'i.error IS NULL');
  const exact = 'EXISTS (SELECT 1 FROM items d WHERE d.sha256 = i.sha256 AND d.id <> i.id)';
  if (filter.duplicates === 'exact') parts.push(exact);
  if (filter.duplicates === 'near') parts.push('i.near_group IS NOT NULL');
  if (filter.duplicates === 'any') parts.push(`(${exact} OR i.near_group IS NOT NULL)`);
  if (filter.tag) {
    parts.push('EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id AND t.name = ?)');
    params.push(filter.tag);
  }
  if (filter.minForensicScore !== undefined) {
    parts.push(`${FORENSIC_SCORE_SQL} >= ?`);
    params.push(filter.minForensicScore);
  }
  if (filter.watchlistHits !== undefined) parts.push(`${WATCHLIST_HITS_SQL} ${filter.watchlistHits ? '>' : '='} 0`);
  if (filter.text) {
    parts.push("i.exhibit_path LIKE ? ESCAPE '\\'");
    params.push(likeLiteral(filter.text));
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Evidence items: one row per file occurrence in an exhibit. */
export class ItemsRepo {
  /**
   * Prepared statements of the per-item reads, kept: preparing one costs more than running it (an export of 5,000
   * items reads each item three times; re-preparing took ≈2 s of a 2 GB export, measured with --cpu-prof).
   */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  insert(item: NewItem, importedAt = new Date().toISOString()): ItemId {
    const info = this.db
      .prepare(
        `INSERT INTO items (exhibit_id, import_id, original_path, exhibit_path, name, storage, size, kind, mime, sha256, sha1, md5,
          width, height, phash, thumb_sha256, file_modified, file_accessed, file_created, exif_make, exif_model, exif_software,
          exif_date_time_original, exif_create_date, exif_modify_date, gps_latitude, gps_longitude, has_exif, metadata, times,
          messenger, warnings, error, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        item.exhibitId,
        item.importId,
        item.originalPath,
        item.exhibitPath,
        item.name,
        item.storage,
        item.size,
        item.kind,
        item.mime,
        item.sha256,
        item.sha1,
        item.md5,
        item.width,
        item.height,
        item.phash,
        item.thumbSha256,
        item.fileTimes.modified,
        item.fileTimes.accessed,
        item.fileTimes.created,
        item.exif.make,
        item.exif.model,
        item.exif.software,
        item.exif.dateTimeOriginal,
        item.exif.createDate,
        item.exif.modifyDate,
        item.exif.gpsLatitude,
        item.exif.gpsLongitude,
        item.hasExif ? 1 : 0,
        JSON.stringify(item.metadata),
        JSON.stringify(item.times),
        item.messenger ? JSON.stringify(item.messenger) : null,
        JSON.stringify(item.warnings),
        item.error,
        importedAt,
      );
    return asItemId(Number(info.lastInsertRowid));
  }

  /** Whether this exhibit already holds this source path (with this content, when a hash is given). */
  holds(exhibitId: ExhibitId, originalPath: string, sha256: string | null): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM items WHERE exhibit_id = ? AND original_path = ? AND ifnull(sha256, \'\') = ?')
        .get(exhibitId, originalPath, sha256 ?? '') !== undefined
    );
  }

  /** Size and modification time recorded for a source path, to skip unchanged files without reading them. */
  recordedFile(exhibitId: ExhibitId, originalPath: string): { size: number; modified: string | null }[] {
    return this.db
      .prepare('SELECT size, file_modified AS modified FROM items WHERE exhibit_id = ? AND original_path = ?')
      .all(exhibitId, originalPath) as { size: number; modified: string | null }[];
  }

  hasContent(sha256: string): boolean {
    return this.db.prepare('SELECT 1 FROM items WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  }

  query(filter: ItemFilter, sort: { key: ItemSortKey; direction: 'asc' | 'desc' }, offset: number, limit: number): ItemPage {
    const where = whereClause(filter);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM items i ${where.sql}`).get(...where.params) as { n: number }).n;
    const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare(`${SELECT_ROW} ${where.sql} ORDER BY ${SORT_COLUMNS[sort.key]} ${direction}, i.id ${direction} LIMIT ? OFFSET ?`)
      .all(...where.params, limit, offset) as Row[];
    return { total, offset, rows: rows.map(toRow) };
  }

  /** Raw storage facts the host needs to serve assets and derived images. */
  storageOf(id: ItemId): { originalPath: string; storage: 'copied' | 'referenced'; sha256: string | null; kind: ItemKind; thumbSha256: string | null; previewSha256: string | null } | null {
    const row = this
      .prepared('SELECT original_path, storage, sha256, kind, thumb_sha256, preview_sha256 FROM items WHERE id = ?')
      .get(id) as Pick<Row, 'original_path' | 'storage' | 'sha256' | 'kind' | 'thumb_sha256' | 'preview_sha256'> | undefined;
    if (!row) return null;
    return {
      originalPath: row.original_path,
      storage: row.storage,
      sha256: row.sha256,
      kind: row.kind,
      thumbSha256: row.thumb_sha256,
      previewSha256: row.preview_sha256,
    };
  }

  /**
   * One item per distinct content (the first imported), for analysis: results are keyed by SHA-256, so
   * exact duplicates are analysed once. Ordered by item id.
   */
  analysisCandidates(): { itemId: number; name: string; kind: ItemKind; sha256: string; width: number | null; height: number | null; error: string | null }[] {
    return this.db
      .prepare(
        `SELECT i.id AS itemId, i.name, i.kind, i.sha256, i.width, i.height, i.error FROM items i
         WHERE i.sha256 IS NOT NULL AND i.id = (SELECT MIN(j.id) FROM items j WHERE j.sha256 = i.sha256) ORDER BY i.id`,
      )
      .all() as { itemId: number; name: string; kind: ItemKind; sha256: string; width: number | null; height: number | null; error: string | null }[];
  }

  setPreview(id: ItemId, sha256: string): void {
    this.db.prepare('UPDATE items SET preview_sha256 = ? WHERE id = ?').run(sha256, id);
  }

  get(id: ItemId): ItemDetail {
    const row = this.prepared(`${SELECT_ROW} WHERE i.id = ?`).get(id) as Row | undefined;
    if (!row) throw new EngineError('not-found', `No item ${id} in this case.`);
    const duplicates = row.sha256
      ? (this.prepared(`${SELECT_ROW} WHERE i.sha256 = ? AND i.id <> ? ORDER BY i.id`).all(row.sha256, id) as Row[]).map(toRow)
      : [];
    const nearDuplicates =
      row.near_group !== null && row.phash
        ? (this.prepared(`${SELECT_ROW} WHERE i.near_group = ? AND i.id <> ? ORDER BY i.id`).all(row.near_group, id) as Row[])
            .filter((sibling) => sibling.sha256 !== row.sha256)
            .map((sibling) => ({ ...toRow(sibling), distance: sibling.phash ? hamming(row.phash!, sibling.phash) : 64 }))
            .sort((a, b) => a.distance - b.distance)
        : [];
    const notes = this.prepared('SELECT id, text, author, created_at AS createdAt FROM notes WHERE item_id = ? ORDER BY id').all(id) as ItemDetail['notes'];
    return {
      ...toRecord(row),
      duplicates,
      nearDuplicates,
      notes,
    };
  }

  /** Every perceptual hash in the case, for near-duplicate grouping. */
  allPerceptualHashes(): { id: number; phash: string; sha256: string | null; nearGroup: number | null }[] {
    return this.db
      .prepare('SELECT id, phash, sha256, near_group AS nearGroup FROM items WHERE phash IS NOT NULL ORDER BY id')
      .all() as { id: number; phash: string; sha256: string | null; nearGroup: number | null }[];
  }

  /** Write changed near-duplicate group assignments in one transaction. */
  setNearGroups(changes: ReadonlyMap<number, number | null>): void {
    const update = this.db.prepare('UPDATE items SET near_group = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const [id, group] of changes) update.run(group, id);
    })();
  }

  /**
   * Every item's record in one pass (duplicate counts by window function, no per-item queries), for the
   * CLI listing and exports of large cases.
   */
  *iterateRecords(): IterableIterator<ItemRecord> {
    const rows = this.db.prepare(
      `SELECT i.*,
         CASE WHEN i.sha256 IS NULL THEN 1 ELSE count(*) OVER (PARTITION BY i.sha256) END AS dup_count,
         (SELECT group_concat(t.name, char(31)) FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id) AS tag_list,
         ${FORENSIC_SCORE_SQL} AS forensic_score
       FROM items i ORDER BY i.id`,
    );
    for (const row of rows.iterate() as IterableIterator<Row>) yield toRecord(row);
  }

  /** Every item with its siblings and notes (one query set per item: for tests and small cases). */
  *iterateAll(): IterableIterator<ItemDetail> {
    const ids = this.db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    for (const id of ids) yield this.get(asItemId(id));
  }
}
