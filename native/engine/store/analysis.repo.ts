import type Database from 'better-sqlite3';
import type { DocumentDraft, FindingDraft, TextLineDraft } from '../pipeline/analyser';
import { mrzRenderings, normalizeForSearch } from '../domain/transliteration';

/** One analyser run on one content hash, as the runner records it. */
export interface RunRecord {
  readonly analyserId: string;
  readonly analyserVersion: string;
  readonly inputSha256: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly resources: Readonly<Record<string, unknown>>;
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string;
}

export interface RunResults {
  readonly documents: readonly (DocumentDraft & { readonly rectifiedSha256: string })[];
  readonly findings: readonly FindingDraft[];
  readonly textLines: readonly TextLineDraft[];
}

/**
 * Writes analyser results: the run row (keyed by content hash, analyser id and version), its documents,
 * findings and text lines, and the full-text index, all in the caller's transaction. Results are
 * append-only except that a failed run may be replaced by a retry.
 */
export class AnalysisRepo {
  constructor(private readonly db: Database.Database) {}

  /** The stored run for this content and analyser version, if any. */
  findRun(inputSha256: string, analyserId: string, analyserVersion: string): { id: number; status: RunRecord['status'] } | null {
    const row = this.db
      .prepare('SELECT id, status FROM analyser_runs WHERE input_sha256 = ? AND analyser_id = ? AND analyser_version = ?')
      .get(inputSha256, analyserId, analyserVersion) as { id: number; status: RunRecord['status'] } | undefined;
    return row ?? null;
  }

  /** Remove a failed run so it can be retried (a failed run has no documents, findings or text). */
  deleteFailedRun(runId: number): void {
    this.db.prepare("DELETE FROM analyser_runs WHERE id = ? AND status = 'failed'").run(runId);
  }

  /** Record a run with everything it produced. Call inside a transaction. */
  insertRun(run: RunRecord, results: RunResults): number {
    const runId = Number(
      this.db
        .prepare(
          `INSERT INTO analyser_runs (analyser_id, analyser_version, input_sha256, parameters, resources, status, error, started_at, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(run.analyserId, run.analyserVersion, run.inputSha256, JSON.stringify(run.parameters), JSON.stringify(run.resources), run.status, run.error, run.startedAt, run.finishedAt)
        .lastInsertRowid,
    );
    const now = run.finishedAt;
    results.documents.forEach((doc, ordinal) => {
      const documentId = this.insertDocument(runId, run.inputSha256, ordinal, doc, now);
      for (const finding of doc.findings) this.insertFinding(runId, documentId, finding, now);
      doc.textLines.forEach((line, lineNo) => this.insertTextLine(runId, run.inputSha256, documentId, lineNo, line));
    });
    for (const finding of results.findings) this.insertFinding(runId, finding.documentId ?? null, finding, now);
    results.textLines.forEach((line, lineNo) => this.insertTextLine(runId, run.inputSha256, line.documentId ?? null, lineNo, line));
    return runId;
  }

  private insertDocument(runId: number, sha256: string, ordinal: number, doc: DocumentDraft & { rectifiedSha256: string }, now: string): number {
    const k = doc.keyFields;
    return Number(
      this.db
        .prepare(
          `INSERT INTO documents (run_id, content_sha256, ordinal, size_class, side, quad, method, confidence, rectified_sha256,
             rectified_width, rectified_height, mrz_format, mrz_valid, mrz, document_number, surname, given_names, birth_date,
             expiry_date, issuing_state, nationality, sex, details, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          sha256,
          ordinal,
          doc.sizeClass,
          doc.side,
          JSON.stringify(doc.quad),
          doc.method,
          doc.confidence,
          doc.rectifiedSha256,
          doc.rectifiedWidth,
          doc.rectifiedHeight,
          doc.mrz?.format ?? null,
          doc.mrz ? (doc.mrz.valid ? 1 : 0) : null,
          doc.mrz ? JSON.stringify(doc.mrz) : null,
          k.documentNumber,
          k.surname,
          k.givenNames,
          k.birthDate,
          k.expiryDate,
          k.issuingState,
          k.nationality,
          k.sex,
          JSON.stringify(doc.details),
          now,
        ).lastInsertRowid,
    );
  }

  private insertFinding(runId: number, documentId: number | null, f: FindingDraft, now: string): void {
    const attributes = { ...f.attributes, ...(f.field ? { field: f.field } : {}), ...(f.space ? { space: f.space } : {}) };
    this.db
      .prepare(
        `INSERT INTO findings (run_id, item_id, kind, severity, confidence, region, attributes, explanation, artifact_sha256, created_at, document_id)
         VALUES (?, NULL, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      )
      .run(runId, f.kind, f.severity, f.confidence, f.region ? JSON.stringify(f.region) : null, JSON.stringify(attributes), f.explanation, now, documentId);
  }

  private insertTextLine(runId: number, sha256: string, documentId: number | null, lineNo: number, line: TextLineDraft): void {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO text_lines (run_id, content_sha256, document_id, source, line_no, text, confidence, box, space)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(runId, sha256, documentId, line.source, lineNo, line.text, line.confidence, line.box ? JSON.stringify(line.box) : null, line.space).lastInsertRowid,
    );
    this.db.prepare('INSERT INTO text_search (rowid, normalized) VALUES (?, ?)').run(id, searchableText(line));
  }
}

/**
 * What the full-text index holds for a line: the transliterated, diacritics-free text, plus for MRZ lines
 * the name and number tokens split at fillers (`ERIKSSON<<ANNA` is indexed as `ERIKSSON ANNA`).
 */
export function searchableText(line: Pick<TextLineDraft, 'source' | 'text' | 'searchText'>): string {
  const text = line.source === 'mrz' ? line.text.replace(/</g, ' ') : line.text;
  const folded = normalizeForSearch(line.searchText ? `${text} ${line.searchText}` : text);
  // Words with letters outside A-Z also get their other legitimate spellings (Đorđević: DORDEVIC and
  // DJORDJEVIC; Müller: MULLER and MUELLER), so a search typed either way finds them.
  const seen = new Set(folded.split(' '));
  const variants: string[] = [];
  for (const word of text.split(/\s+/)) {
    if (!/[^\x00-\x7F]/.test(word)) continue;
    for (const rendering of mrzRenderings(word)) {
      const v = normalizeForSearch(rendering.replace(/</g, ' '));
      for (const w of v.split(' ')) {
        if (!w || seen.has(w)) continue;
        seen.add(w);
        variants.push(w);
      }
    }
  }
  return variants.length ? `${folded} ${variants.join(' ')}` : folded;
}
