import type Database from 'better-sqlite3';
import { provenanceOf, queryFindings, type RunProvenanceRow } from './findings.query';
import {
  asDocumentId,
  asItemId,
  type BoxView,
  type DocumentDetail,
  type DocumentFilter,
  type DocumentId,
  type DocumentSummary,
  type FindingView,
  type ItemId,
  type MrzView,
  type ProvenanceView,
  type SearchHit,
  type Severity,
  type TextLineView,
  type TextSource,
} from '../contract';
import type { StoredDocument } from '../pipeline/analyser';
import { normalizeForSearch } from '../domain/transliteration';
import { preparedOn } from './prepared';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3 };

interface DocRow {
  id: number;
  run_id: number;
  content_sha256: string;
  size_class: DocumentSummary['sizeClass'];
  side: DocumentSummary['side'];
  quad: string;
  method: string;
  confidence: number;
  rectified_sha256: string;
  rectified_width: number;
  rectified_height: number;
  mrz_format: DocumentSummary['mrzFormat'];
  mrz_valid: number | null;
  mrz: string | null;
  document_number: string | null;
  surname: string | null;
  given_names: string | null;
  birth_date: string | null;
  expiry_date: string | null;
  issuing_state: string | null;
  nationality: string | null;
  details: string;
  item_id: number | null;
  item_name: string | null;
  exhibit_label: string | null;
  finding_count: number;
  worst: number | null;
  tc_template_id: string | null;
  tc_template_version: string | null;
  tc_level: DocumentSummary['assessmentLevel'];
  tc_score: number | null;
}


interface LineRow {
  id: number;
  source: TextLineView['source'];
  text: string;
  confidence: number | null;
  box: string | null;
  space: TextLineView['space'];
  document_id: number | null;
}

/** Findings that do not count as "something to look at" in the document list: plain read results. */
const INFORMATIONAL = "f.severity <> 'info'";

const DOC_SELECT = `
  SELECT d.*, i.id AS item_id, i.name AS item_name, e.label AS exhibit_label,
    (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND ${INFORMATIONAL}) AS finding_count,
    (SELECT MAX(CASE f.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 0 END)
       FROM findings f WHERE f.document_id = d.id AND ${INFORMATIONAL}) AS worst,
    tc.template_id AS tc_template_id, tc.template_version AS tc_template_version, tc.level AS tc_level, tc.score AS tc_score
  FROM documents d
  LEFT JOIN items i ON i.id = (SELECT MIN(id) FROM items WHERE sha256 = d.content_sha256)
  LEFT JOIN exhibits e ON e.id = i.exhibit_id
  LEFT JOIN template_checks tc ON tc.id = (SELECT MAX(id) FROM template_checks WHERE document_id = d.id)`;

const severityOf = (rank: number | null): Severity | null => (rank === null ? null : ((Object.keys(SEVERITY_RANK) as Severity[]).find((s) => SEVERITY_RANK[s] === rank) ?? null));

function summaryOf(row: DocRow): DocumentSummary {
  return {
    id: asDocumentId(row.id),
    itemId: asItemId(row.item_id ?? 0),
    itemName: row.item_name ?? '',
    exhibitLabel: row.exhibit_label ?? '',
    sizeClass: row.size_class,
    side: row.side,
    mrzFormat: row.mrz_format,
    mrzValid: row.mrz_valid === null ? null : row.mrz_valid === 1,
    documentNumber: row.document_number,
    surname: row.surname,
    givenNames: row.given_names,
    birthDate: row.birth_date,
    expiryDate: row.expiry_date,
    issuingState: row.issuing_state,
    nationality: row.nationality,
    findingCount: row.finding_count,
    worstSeverity: severityOf(row.worst),
    templateId: row.tc_template_id ? `${row.tc_template_id}@${row.tc_template_version ?? ''}` : null,
    assessmentLevel: row.tc_level,
    assessmentScore: row.tc_score,
  };
}

function lineOf(row: LineRow): TextLineView {
  return {
    id: row.id,
    source: row.source,
    text: row.text,
    confidence: row.confidence,
    box: row.box ? (JSON.parse(row.box) as BoxView) : null,
    space: row.space,
    documentId: row.document_id === null ? null : asDocumentId(row.document_id),
  };
}

/** FTS5 query from user text: every word must occur (as a prefix), quoted so no FTS syntax gets through. */
export function ftsQuery(text: string): string | null {
  const words = normalizeForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12); // a search box needs a handful of words; more only slows the query down
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/** Read side of documents, findings, text and search. */
export class DocumentsRepo {
  constructor(private readonly db: Database.Database) {}

  list(filter: DocumentFilter = {}): DocumentSummary[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.mrzValid !== undefined) where.push(filter.mrzValid ? 'd.mrz_valid = 1' : 'd.mrz_valid = 0');
    if (filter.assessmentLevel !== undefined) {
      where.push('tc.level = ?');
      params.push(filter.assessmentLevel);
    }
    const rows = this.db.prepare(`${DOC_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id`).all(...params) as DocRow[];
    const docs = rows.filter((r) => r.item_id !== null).map(summaryOf);
    return filter.withFindings === undefined ? docs : docs.filter((d) => (d.findingCount > 0) === filter.withFindings);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
  }

  get(id: DocumentId): DocumentDetail | null {
    const row = this.db.prepare(`${DOC_SELECT} WHERE d.id = ?`).get(id) as DocRow | undefined;
    if (!row || row.item_id === null) return null;
    const findings = this.findingsOfDocument(id);
    const details = JSON.parse(row.details) as Record<string, unknown>;
    const items = this.db
      .prepare('SELECT i.id, i.name, e.label FROM items i JOIN exhibits e ON e.id = i.exhibit_id WHERE i.sha256 = ? ORDER BY i.id')
      .all(row.content_sha256) as { id: number; name: string; label: string }[];
    const run = this.runProvenance(row.run_id);
    const viz = findings.filter((f) => f.kind === 'viz.field').map((f) => f.attributes as unknown as DocumentDetail['viz'][number]);
    const crossChecks = findings.filter((f) => f.kind === 'viz.crosscheck').map((f) => f.attributes as unknown as DocumentDetail['crossChecks'][number]);
    return {
      ...summaryOf(row),
      quad: JSON.parse(row.quad) as [number, number][],
      method: row.method,
      confidence: row.confidence,
      rectified: { width: row.rectified_width, height: row.rectified_height },
      mrz: row.mrz ? (JSON.parse(row.mrz) as MrzView) : null,
      viz: viz.length ? viz : ((details['viz'] as DocumentDetail['viz'] | undefined) ?? []),
      crossChecks,
      findings: findings.filter((f) => f.kind !== 'viz.field'),
      items: items.map((i) => ({ itemId: asItemId(i.id), name: i.name, exhibitLabel: i.label })),
      provenance: run,
    };
  }

  /** The rectified image's blob hash and the content it came from (for serving it). */
  rectifiedOf(id: DocumentId): { sha256: string; contentSha256: string } | null {
    const row = this.db.prepare('SELECT rectified_sha256, content_sha256 FROM documents WHERE id = ?').get(id) as { rectified_sha256: string; content_sha256: string } | undefined;
    return row ? { sha256: row.rectified_sha256, contentSha256: row.content_sha256 } : null;
  }

  /** Documents stored for one content hash (for analysers that build on them). */
  storedFor(contentSha256: string): StoredDocument[] {
    const rows = this.db
      .prepare('SELECT id, size_class, side, rectified_sha256, mrz, quad, rectified_width, rectified_height FROM documents WHERE content_sha256 = ? ORDER BY id')
      .all(contentSha256) as Pick<DocRow, 'id' | 'size_class' | 'side' | 'rectified_sha256' | 'mrz' | 'quad' | 'rectified_width' | 'rectified_height'>[];
    const lines = this.db.prepare("SELECT source, text, box FROM text_lines WHERE document_id = ? AND box IS NOT NULL AND space = 'document' ORDER BY source, line_no");
    return rows.map((r) => ({
      id: r.id,
      sizeClass: r.size_class,
      side: r.side,
      rectifiedSha256: r.rectified_sha256,
      mrz: r.mrz ? (JSON.parse(r.mrz) as MrzView) : null,
      quad: JSON.parse(r.quad) as [number, number][],
      rectifiedWidth: r.rectified_width,
      rectifiedHeight: r.rectified_height,
      lines: (lines.all(r.id) as { source: TextSource; text: string; box: string }[]).map((l) => ({ source: l.source, text: l.text, box: JSON.parse(l.box) as BoxView })),
    }));
  }


  documentIdsOfItem(itemId: ItemId): DocumentId[] {
    const rows = preparedOn(this.db, 'SELECT d.id FROM documents d JOIN items i ON i.sha256 = d.content_sha256 WHERE i.id = ? ORDER BY d.id').all(itemId) as { id: number }[];
    return rows.map((r) => asDocumentId(r.id));
  }

  findingsOfDocument(id: DocumentId): FindingView[] {
    return queryFindings(this.db, 'f.document_id = ?', [id]);
  }

  /** Findings about an item's content that are not tied to one document. */
  findingsOfItem(itemId: ItemId): FindingView[] {
    return queryFindings(this.db, 'f.document_id IS NULL AND r.input_sha256 = (SELECT sha256 FROM items WHERE id = ?)', [itemId]);
  }

  textOfItem(itemId: ItemId): TextLineView[] {
    const rows = this.db
      .prepare('SELECT id, source, text, confidence, box, space, document_id FROM text_lines WHERE content_sha256 = (SELECT sha256 FROM items WHERE id = ?) ORDER BY document_id IS NOT NULL, document_id, source, line_no')
      .all(itemId) as LineRow[];
    return rows.map(lineOf);
  }

  /** Lines matching every word of `text` (diacritics- and script-insensitive), best match first. */
  search(text: string, limit: number): SearchHit[] {
    const query = ftsQuery(text);
    if (!query) return [];
    const rows = this.db
      .prepare(
        `SELECT t.id, t.source, t.text, t.confidence, t.box, t.space, t.document_id, i.id AS item_id, i.name AS item_name, e.label AS exhibit_label
         FROM text_search s
         JOIN text_lines t ON t.id = s.rowid
         JOIN items i ON i.id = (SELECT MIN(id) FROM items WHERE sha256 = t.content_sha256)
         JOIN exhibits e ON e.id = i.exhibit_id
         WHERE text_search MATCH ?
         ORDER BY s.rank
         LIMIT ?`,
      )
      .all(query, limit) as (LineRow & { item_id: number; item_name: string; exhibit_label: string })[];
    return rows.map((r) => ({ line: lineOf(r), itemId: asItemId(r.item_id), itemName: r.item_name, exhibitLabel: r.exhibit_label }));
  }

  private runProvenance(runId: number): ProvenanceView {
    const r = this.db.prepare('SELECT analyser_id, analyser_version, parameters, resources, input_sha256, started_at, finished_at FROM analyser_runs WHERE id = ?').get(runId) as RunProvenanceRow;
    return provenanceOf(r);
  }

}
