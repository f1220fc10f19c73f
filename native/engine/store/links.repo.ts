/**
 * Links, entities and forgery families of the newest linking pass (migration 5), and the case's watchlists.
 *
 * A pass is written whole: `beginPass` records the run, `completePass` replaces every entity and link of
 * earlier passes in one transaction and marks the run done, so readers always see one consistent pass. A
 * pass that died half-way stays `running` until the next pass marks it `failed`; its partial rows never
 * exist because nothing is written before `completePass`.
 */
import type Database from 'better-sqlite3';
import { EngineError } from '../contract';

/** An entity as the linker made it: a person, a forgery family or a document instance, with its members. */
export interface EntityRecord {
  readonly ref: string;
  readonly type: 'person' | 'family' | 'document-instance';
  readonly label: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly members: readonly string[];
}

/** A stored link. */
export interface LinkRecord {
  readonly id: number;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly strength: number;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly summary: string;
}

/** One linking pass (provenance of every link and entity of the pass). */
export interface LinkRunRecord {
  readonly id: number;
  readonly linkerVersion: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly status: 'running' | 'done' | 'failed';
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** A watchlist kept in the case, with its provenance. */
export interface StoredWatchlist {
  readonly id: number;
  readonly name: string;
  readonly version: string;
  readonly sourceName: string;
  readonly sha256: string;
  readonly byteLength: number;
  readonly entryCount: number;
  readonly importedAt: string;
  readonly importedBy: string;
}

/** Filter of link queries. */
export interface LinkQuery {
  readonly kinds?: readonly string[];
  readonly minStrength?: number;
  readonly limit?: number;
}

interface LinkRow {
  id: number;
  kind: string;
  from_ref: string;
  to_ref: string;
  strength: number;
  evidence: string;
  summary: string;
}
interface RunRow {
  id: number;
  linker_version: string;
  parameters: string;
  inputs: string;
  status: LinkRunRecord['status'];
  error: string | null;
  started_at: string;
  finished_at: string | null;
}
interface EntityRow {
  ref: string;
  type: EntityRecord['type'];
  label: string;
  attributes: string;
}

const toLink = (r: LinkRow): LinkRecord => ({ id: r.id, kind: r.kind, from: r.from_ref, to: r.to_ref, strength: r.strength, evidence: JSON.parse(r.evidence) as Record<string, unknown>, summary: r.summary });
const toRun = (r: RunRow): LinkRunRecord => ({
  id: r.id,
  linkerVersion: r.linker_version,
  parameters: JSON.parse(r.parameters) as Record<string, unknown>,
  inputs: JSON.parse(r.inputs) as Record<string, unknown>,
  status: r.status,
  error: r.error,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** Links bound per query by default: the UI pages, the CLI asks for all. */
const DEFAULT_LIMIT = 10_000;

export class LinksRepo {
  constructor(private readonly db: Database.Database) {}

  /** Record the start of a pass; earlier passes still `running` died and are marked failed. */
  beginPass(linkerVersion: string, parameters: Record<string, unknown>, at = new Date().toISOString()): number {
    this.db.prepare(`UPDATE link_runs SET status = 'failed', error = 'interrupted: a later pass started', finished_at = ? WHERE status = 'running'`).run(at);
    const info = this.db.prepare(`INSERT INTO link_runs (linker_version, parameters, status, started_at) VALUES (?, ?, 'running', ?)`).run(linkerVersion, JSON.stringify(parameters), at);
    return Number(info.lastInsertRowid);
  }

  /** Replace the previous pass's entities and links with this pass's, and mark it done (one transaction). */
  completePass(runId: number, inputs: Record<string, unknown>, entities: readonly EntityRecord[], links: readonly Omit<LinkRecord, 'id'>[], at = new Date().toISOString()): void {
    const insertEntity = this.db.prepare('INSERT INTO entities (ref, run_id, type, label, attributes) VALUES (?, ?, ?, ?, ?)');
    const insertMember = this.db.prepare('INSERT OR IGNORE INTO entity_members (entity_ref, member_ref) VALUES (?, ?)');
    const insertLink = this.db.prepare('INSERT INTO links (run_id, kind, from_ref, to_ref, strength, evidence, summary) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM links').run();
      this.db.prepare('DELETE FROM entity_members').run();
      this.db.prepare('DELETE FROM entities').run();
      for (const e of entities) {
        insertEntity.run(e.ref, runId, e.type, e.label, JSON.stringify(e.attributes));
        for (const m of e.members) insertMember.run(e.ref, m);
      }
      for (const l of links) insertLink.run(runId, l.kind, l.from, l.to, l.strength, JSON.stringify(l.evidence), l.summary);
      this.db.prepare(`UPDATE link_runs SET status = 'done', inputs = ?, finished_at = ? WHERE id = ?`).run(JSON.stringify(inputs), at, runId);
    })();
  }

  /** Mark a pass failed (its results were never written). */
  failPass(runId: number, error: string, at = new Date().toISOString()): void {
    this.db.prepare(`UPDATE link_runs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`).run(error, at, runId);
  }

  /** The newest pass that completed, or null before the first. */
  latestPass(): LinkRunRecord | null {
    const row = this.db.prepare(`SELECT * FROM link_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1`).get() as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  /** Every link of the newest pass, strongest first within each kind. */
  all(query: LinkQuery = {}): LinkRecord[] {
    const { where, params } = linkFilter(query);
    const rows = this.db.prepare(`SELECT * FROM links ${where ? `WHERE ${where}` : ''} ORDER BY kind, strength DESC, id LIMIT ?`).all(...params, query.limit ?? Number.MAX_SAFE_INTEGER) as LinkRow[];
    return rows.map(toLink);
  }

  /** Links touching any of `refs` (either end). */
  touching(refs: readonly string[], query: LinkQuery = {}): LinkRecord[] {
    if (refs.length === 0) return [];
    const { where, params } = linkFilter(query);
    const marks = refs.map(() => '?').join(',');
    const rows = this.db
      .prepare(`SELECT * FROM links WHERE (from_ref IN (${marks}) OR to_ref IN (${marks}))${where ? ` AND ${where}` : ''} ORDER BY strength DESC, id LIMIT ?`)
      .all(...refs, ...refs, ...params, query.limit ?? DEFAULT_LIMIT) as LinkRow[];
    return rows.map(toLink);
  }

  /** Link counts per kind of the newest pass. */
  countsByKind(): Record<string, number> {
    const rows = this.db.prepare('SELECT kind, COUNT(*) AS n FROM links GROUP BY kind').all() as { kind: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }

  /** One entity with its members, or null. */
  entity(ref: string): EntityRecord | null {
    const row = this.db.prepare('SELECT * FROM entities WHERE ref = ?').get(ref) as EntityRow | undefined;
    return row ? this.withMembers(row) : null;
  }

  /** Entities of a type (families, persons, document instances), in label order. */
  entities(type: EntityRecord['type'], limit = DEFAULT_LIMIT): EntityRecord[] {
    const rows = this.db.prepare('SELECT * FROM entities WHERE type = ? ORDER BY label, ref LIMIT ?').all(type, limit) as EntityRow[];
    return rows.map((r) => this.withMembers(r));
  }

  /** Entities that have `memberRef` among their members. */
  entitiesWithMember(memberRef: string): EntityRecord[] {
    const rows = this.db.prepare('SELECT e.* FROM entity_members m JOIN entities e ON e.ref = m.entity_ref WHERE m.member_ref = ? ORDER BY e.type, e.ref').all(memberRef) as EntityRow[];
    return rows.map((r) => this.withMembers(r));
  }

  /** Keep a validated watchlist; a list of the same name and version already in the case is refused. */
  addWatchlist(list: { name: string; version: string; sourceName: string; sha256: string; byteLength: number; entries: readonly { row: number; entry: unknown }[] }, by: string, at = new Date().toISOString()): StoredWatchlist {
    const existing = this.db.prepare('SELECT sha256 FROM watchlists WHERE name = ? AND version = ?').get(list.name, list.version) as { sha256: string } | undefined;
    if (existing) {
      throw new EngineError('conflict', existing.sha256 === list.sha256 ? `Watchlist ${list.name} version ${list.version} is already in this case.` : `A different watchlist ${list.name} version ${list.version} is already in this case; give the new list another version.`);
    }
    const insertEntry = this.db.prepare('INSERT INTO watchlist_entries (watchlist_id, row_no, entry) VALUES (?, ?, ?)');
    const id = this.db.transaction(() => {
      const info = this.db
        .prepare('INSERT INTO watchlists (name, version, source_name, sha256, byte_length, entry_count, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(list.name, list.version, list.sourceName, list.sha256, list.byteLength, list.entries.length, at, by);
      const wid = Number(info.lastInsertRowid);
      for (const e of list.entries) insertEntry.run(wid, e.row, JSON.stringify(e.entry));
      return wid;
    })();
    return this.watchlists().find((w) => w.id === id)!;
  }

  /** Watchlists in import order. */
  watchlists(): StoredWatchlist[] {
    const rows = this.db.prepare('SELECT * FROM watchlists ORDER BY id').all() as {
      id: number;
      name: string;
      version: string;
      source_name: string;
      sha256: string;
      byte_length: number;
      entry_count: number;
      imported_at: string;
      imported_by: string;
    }[];
    return rows.map((r) => ({ id: r.id, name: r.name, version: r.version, sourceName: r.source_name, sha256: r.sha256, byteLength: r.byte_length, entryCount: r.entry_count, importedAt: r.imported_at, importedBy: r.imported_by }));
  }

  /** The stored entries of a watchlist (as parsed at import), in row order. */
  watchlistEntries(watchlistId: number): unknown[] {
    const rows = this.db.prepare('SELECT entry FROM watchlist_entries WHERE watchlist_id = ? ORDER BY row_no').all(watchlistId) as { entry: string }[];
    return rows.map((r) => JSON.parse(r.entry) as unknown);
  }

  /** A cached portrait signature (JSON) or the failure recorded for it; undefined when never measured. */
  cachedSignature(blobSha256: string, box: string, version: number): { signature: string | null; failure: string | null } | undefined {
    return this.db.prepare('SELECT signature, failure FROM portrait_signatures WHERE blob_sha256 = ? AND box = ? AND version = ?').get(blobSha256, box, version) as { signature: string | null; failure: string | null } | undefined;
  }

  /** Remember a portrait signature (or why none could be made) for an image and box. */
  cacheSignature(blobSha256: string, box: string, version: number, signature: string | null, failure: string | null): void {
    this.db.prepare('INSERT OR REPLACE INTO portrait_signatures (blob_sha256, box, version, signature, failure) VALUES (?, ?, ?, ?, ?)').run(blobSha256, box, version, signature, failure);
  }

  private withMembers(row: EntityRow): EntityRecord {
    const members = (this.db.prepare('SELECT member_ref FROM entity_members WHERE entity_ref = ? ORDER BY member_ref').all(row.ref) as { member_ref: string }[]).map((m) => m.member_ref);
    return { ref: row.ref, type: row.type, label: row.label, attributes: JSON.parse(row.attributes) as Record<string, unknown>, members };
  }
}

function linkFilter(query: LinkQuery): { where: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (query.kinds?.length) {
    parts.push(`kind IN (${query.kinds.map(() => '?').join(',')})`);
    params.push(...query.kinds);
  }
  if (query.minStrength !== undefined) {
    parts.push('strength >= ?');
    params.push(query.minStrength);
  }
  return { where: parts.join(' AND '), params };
}
