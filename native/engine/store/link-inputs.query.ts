/**
 * What the linker reads from a case, in one pass per table: items, documents with their newest template
 * check, and the watchlists. Template-check details are large (zones, indicators, readings); only the parts
 * the linker uses are extracted by SQLite (`json_extract`), and whole details only for documents whose
 * assessment is `review` or `strong-indicators` (the forgery-family traits), streamed to a callback so a
 * case of 50,000 items never holds them all.
 */
import type Database from 'better-sqlite3';

/** One item as the linker sees it. */
export interface LinkItemInput {
  readonly id: number;
  readonly exhibitId: number;
  readonly sha256: string | null;
  readonly phash: string | null;
  readonly nearGroup: number | null;
  readonly name: string;
  readonly exhibitPath: string;
  readonly kind: string;
  readonly mime: string | null;
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
}

/** A printed field read in a template zone (from the template check). */
export interface LinkReadingInput {
  readonly zoneId: string;
  readonly field: string;
  readonly text: string;
  readonly normalized: string | null;
  readonly confidence: number;
}

/** One found document with its MRZ fields and its newest template check's summary. */
export interface LinkDocumentInput {
  readonly id: number;
  readonly contentSha256: string;
  readonly documentNumber: string | null;
  readonly surname: string | null;
  readonly givenNames: string | null;
  readonly birthDate: string | null;
  readonly expiryDate: string | null;
  readonly issuingState: string | null;
  readonly nationality: string | null;
  readonly sex: string | null;
  readonly mrzFormat: string | null;
  readonly mrzValid: boolean | null;
  readonly mrzLines: readonly string[];
  readonly rectifiedSha256: string;
  readonly templateId: string | null;
  readonly templateVersion: string | null;
  readonly level: 'no-indicators' | 'review' | 'strong-indicators' | null;
  readonly assessmentScore: number | null;
  readonly readings: readonly LinkReadingInput[];
  /** Blob of the questioned document aligned into the template's frame (null without a matched check). */
  readonly alignedBlobSha256: string | null;
  /** The template's portrait zone in the aligned image's pixels (null without one). */
  readonly portraitBox: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
}

interface DocRow {
  id: number;
  content_sha256: string;
  document_number: string | null;
  surname: string | null;
  given_names: string | null;
  birth_date: string | null;
  expiry_date: string | null;
  issuing_state: string | null;
  nationality: string | null;
  sex: string | null;
  mrz_format: string | null;
  mrz_valid: number | null;
  mrz_lines: string | null;
  rectified_sha256: string;
  template_id: string | null;
  template_version: string | null;
  level: LinkDocumentInput['level'];
  score: number | null;
  readings: string | null;
  aligned_blob: string | null;
  portrait_box: string | null;
}

/** Every item of the case (errors included: a file that failed to decode still has a hash). */
export function linkItems(db: Database.Database): LinkItemInput[] {
  const rows = db
    .prepare('SELECT id, exhibit_id, sha256, phash, near_group, name, exhibit_path, kind, mime, size, width, height FROM items ORDER BY id')
    .all() as { id: number; exhibit_id: number; sha256: string | null; phash: string | null; near_group: number | null; name: string; exhibit_path: string; kind: string; mime: string | null; size: number; width: number | null; height: number | null }[];
  return rows.map((r) => ({ id: r.id, exhibitId: r.exhibit_id, sha256: r.sha256, phash: r.phash, nearGroup: r.near_group, name: r.name, exhibitPath: r.exhibit_path, kind: r.kind, mime: r.mime, size: r.size, width: r.width, height: r.height }));
}

/** Every found document with its newest template check (level, template, readings, aligned image). */
export function linkDocuments(db: Database.Database): LinkDocumentInput[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.content_sha256, d.document_number, d.surname, d.given_names, d.birth_date, d.expiry_date, d.issuing_state,
              d.nationality, d.sex, d.mrz_format, d.mrz_valid, json_extract(d.mrz, '$.lines') AS mrz_lines, d.rectified_sha256,
              tc.template_id, tc.template_version, tc.level, tc.score, json_extract(tc.details, '$.readings') AS readings,
              (SELECT a.blob_sha256 FROM artifacts a WHERE a.run_id = tc.run_id AND a.name = tc.aligned_artifact) AS aligned_blob,
              (SELECT json_extract(z.value, '$.box') FROM json_each(tc.details, '$.zones') z WHERE json_extract(z.value, '$.kind') = 'portrait' LIMIT 1) AS portrait_box
       FROM documents d
       LEFT JOIN template_checks tc ON tc.id = (SELECT MAX(id) FROM template_checks WHERE document_id = d.id)
       ORDER BY d.id`,
    )
    .all() as DocRow[];
  return rows.map((r) => ({
    id: r.id,
    contentSha256: r.content_sha256,
    documentNumber: r.document_number,
    surname: r.surname,
    givenNames: r.given_names,
    birthDate: r.birth_date,
    expiryDate: r.expiry_date,
    issuingState: r.issuing_state,
    nationality: r.nationality,
    sex: r.sex,
    mrzFormat: r.mrz_format,
    mrzValid: r.mrz_valid === null ? null : r.mrz_valid === 1,
    mrzLines: r.mrz_lines ? (JSON.parse(r.mrz_lines) as string[]) : [],
    rectifiedSha256: r.rectified_sha256,
    templateId: r.template_id,
    templateVersion: r.template_version,
    level: r.level,
    assessmentScore: r.score,
    readings: r.readings ? (JSON.parse(r.readings) as LinkReadingInput[]) : [],
    alignedBlobSha256: r.aligned_blob,
    portraitBox: r.portrait_box ? (JSON.parse(r.portrait_box) as LinkDocumentInput['portraitBox']) : null,
  }));
}

/** A flagged document's stored check with what the family traits also read. */
export interface FlaggedCheck {
  readonly documentId: number;
  readonly details: Record<string, unknown>;
  /** The document's MRZ view (JSON as stored), or null. */
  readonly mrz: unknown;
  /** Attributes of the newest `jpeg.structure.*-tables` finding on the document's file (quality, label, family), or null. */
  readonly jpeg: Record<string, unknown> | null;
}

/**
 * Call `visit` with the whole stored check of every document assessed `review` or `strong-indicators`
 * (newest check per document), one row at a time.
 */
export function forEachFlaggedCheck(db: Database.Database, visit: (check: FlaggedCheck) => void): void {
  const rows = db
    .prepare(
      `SELECT tc.document_id, tc.details, d.mrz,
              (SELECT f.attributes FROM findings f JOIN analyser_runs r ON r.id = f.run_id
               WHERE r.input_sha256 = tc.content_sha256 AND f.kind LIKE 'jpeg.structure.%tables' ORDER BY f.id DESC LIMIT 1) AS jpeg
       FROM template_checks tc JOIN documents d ON d.id = tc.document_id
       WHERE tc.level IN ('review', 'strong-indicators') AND tc.id = (SELECT MAX(id) FROM template_checks WHERE document_id = tc.document_id)
       ORDER BY tc.document_id`,
    )
    .iterate() as IterableIterator<{ document_id: number; details: string; mrz: string | null; jpeg: string | null }>;
  for (const row of rows) {
    visit({ documentId: row.document_id, details: JSON.parse(row.details) as Record<string, unknown>, mrz: row.mrz ? (JSON.parse(row.mrz) as unknown) : null, jpeg: row.jpeg ? (JSON.parse(row.jpeg) as Record<string, unknown>) : null });
  }
}

/**
 * What a linking pass depends on, cheaply: the newest row and the count of items, documents, template checks
 * and watchlists. A pass whose recorded fingerprint differs from the case's is out of date.
 */
export function linkInputsFingerprint(db: Database.Database): string {
  const row = db
    .prepare(
      `SELECT (SELECT COUNT(*) || '/' || IFNULL(MAX(id), 0) FROM items) AS items,
              (SELECT COUNT(*) || '/' || IFNULL(MAX(id), 0) FROM documents) AS documents,
              (SELECT COUNT(*) || '/' || IFNULL(MAX(id), 0) FROM template_checks) AS checks,
              (SELECT COUNT(*) || '/' || IFNULL(MAX(id), 0) FROM watchlists) AS watchlists`,
    )
    .get() as { items: string; documents: string; checks: string; watchlists: string };
  return `items ${row.items}; documents ${row.documents}; template checks ${row.checks}; watchlists ${row.watchlists}`;
}
