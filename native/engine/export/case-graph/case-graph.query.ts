/**
 * Read-only queries of the CASE graph export that the repositories do not offer: every analyser run on the
 * contents in scope (with runs that found nothing), the findings and artifacts of those runs, and the imports
 * that brought the items in. Plain SELECTs on the reader's connection; nothing here writes.
 */
import type Database from 'better-sqlite3';
import type { RunRecord as StoredRun } from '../../store/analysis.repo';

/** A stored analyser run (the store's RunRecord) with its row id. */
export interface RunRecord extends StoredRun {
  readonly id: number;
}

export interface FindingRecord {
  readonly id: number;
  readonly runId: number;
  readonly documentId: number | null;
  readonly kind: string;
  readonly severity: string;
  readonly confidence: number | null;
  readonly region: Readonly<Record<string, unknown>> | null;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly explanation: string;
}

export interface ArtifactRecord {
  readonly id: number;
  readonly runId: number;
  readonly contentSha256: string;
  readonly documentId: number | null;
  readonly name: string;
  readonly kind: string;
  readonly mediaType: string;
}

export interface ImportRecord {
  readonly id: number;
  readonly exhibitId: number;
  readonly extractor: Readonly<Record<string, unknown>>;
  readonly referenceInPlace: boolean;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: string;
}

/** SQLite's default bound-parameter limit is 32766; stay well below it per statement. */
const CHUNK = 500;

function chunked<T, R>(values: readonly T[], read: (chunk: readonly T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...read(values.slice(i, i + CHUNK)));
  return out;
}

const marks = (n: number) => new Array(n).fill('?').join(',');
const json = (text: string | null): Record<string, unknown> => (text ? (JSON.parse(text) as Record<string, unknown>) : {});

/** Every analyser run on these contents, ordered by run id. */
export function runsOnContents(db: Database.Database, sha256s: readonly string[]): RunRecord[] {
  const rows = chunked(sha256s, (chunk) =>
    db.prepare(`SELECT * FROM analyser_runs WHERE input_sha256 IN (${marks(chunk.length)})`).all(...chunk) as {
      id: number; analyser_id: string; analyser_version: string; input_sha256: string; parameters: string; resources: string;
      status: RunRecord['status']; error: string | null; started_at: string; finished_at: string;
    }[],
  );
  return rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, analyserId: r.analyser_id, analyserVersion: r.analyser_version, inputSha256: r.input_sha256, parameters: json(r.parameters), resources: json(r.resources), status: r.status, error: r.error, startedAt: r.started_at, finishedAt: r.finished_at }));
}

/** The findings of these runs, ordered by finding id. */
export function findingsOfRuns(db: Database.Database, runIds: readonly number[]): FindingRecord[] {
  const rows = chunked(runIds, (chunk) =>
    db.prepare(`SELECT id, run_id, document_id, kind, severity, confidence, region, attributes, explanation FROM findings WHERE run_id IN (${marks(chunk.length)})`).all(...chunk) as {
      id: number; run_id: number; document_id: number | null; kind: string; severity: string; confidence: number | null; region: string | null; attributes: string; explanation: string;
    }[],
  );
  return rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, runId: r.run_id, documentId: r.document_id, kind: r.kind, severity: r.severity, confidence: r.confidence, region: r.region ? json(r.region) : null, attributes: json(r.attributes), explanation: r.explanation }));
}

/** Stored artifacts by id (forensic maps, aligned images), for derived files that name one. */
export function artifactsById(db: Database.Database, ids: readonly number[]): Map<number, ArtifactRecord> {
  const rows = chunked(ids, (chunk) =>
    db.prepare(`SELECT id, run_id, content_sha256, document_id, name, kind, media_type FROM artifacts WHERE id IN (${marks(chunk.length)})`).all(...chunk) as {
      id: number; run_id: number; content_sha256: string; document_id: number | null; name: string; kind: string; media_type: string;
    }[],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, runId: r.run_id, contentSha256: r.content_sha256, documentId: r.document_id, name: r.name, kind: r.kind, mediaType: r.media_type }]));
}

/** The import of each of these items (item id → import), and the imports themselves ordered by id. */
export function importsOfItems(db: Database.Database, itemIds: readonly number[]): { byItem: Map<number, number>; imports: ImportRecord[] } {
  const pairs = chunked(itemIds, (chunk) => db.prepare(`SELECT id, import_id FROM items WHERE id IN (${marks(chunk.length)})`).all(...chunk) as { id: number; import_id: number }[]);
  const byItem = new Map(pairs.map((p) => [p.id, p.import_id]));
  const importIds = [...new Set(pairs.map((p) => p.import_id))].sort((a, b) => a - b);
  const rows = chunked(importIds, (chunk) =>
    db.prepare(`SELECT id, exhibit_id, extractor, reference_in_place, started_at, finished_at, status FROM imports WHERE id IN (${marks(chunk.length)})`).all(...chunk) as {
      id: number; exhibit_id: number; extractor: string; reference_in_place: number; started_at: string; finished_at: string | null; status: string;
    }[],
  );
  const imports = rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, exhibitId: r.exhibit_id, extractor: json(r.extractor), referenceInPlace: r.reference_in_place === 1, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status }));
  return { byItem, imports };
}

/** The run that found each of these documents (document id → run id). */
export function documentRuns(db: Database.Database, documentIds: readonly number[]): Map<number, number> {
  const rows = chunked(documentIds, (chunk) => db.prepare(`SELECT id, run_id FROM documents WHERE id IN (${marks(chunk.length)})`).all(...chunk) as { id: number; run_id: number }[]);
  return new Map(rows.map((r) => [r.id, r.run_id]));
}

/** The scores (name → value in [0, 1]) each of these runs stored, e.g. a kernel's image-level score or the fused score. */
export function scoresOfRuns(db: Database.Database, runIds: readonly number[]): Map<number, Record<string, number>> {
  const rows = chunked(runIds, (chunk) => db.prepare(`SELECT run_id, name, value FROM scores WHERE run_id IN (${marks(chunk.length)}) ORDER BY run_id, name`).all(...chunk) as { run_id: number; name: string; value: number }[]);
  const out = new Map<number, Record<string, number>>();
  for (const r of rows) out.set(r.run_id, { ...(out.get(r.run_id) ?? {}), [r.name]: r.value });
  return out;
}
