import type Database from 'better-sqlite3';
import type { BoxView, Severity } from '../contract/documents';
import type { ArtifactDraft, DocumentDraft, FindingDraft, ScoreDraft, StoredRunResults, TemplateCheckDraft, TextLineDraft } from '../pipeline/analyser';
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
  /** Maps, already written to the blob store (PNG bytes dropped). */
  readonly artifacts?: readonly (Omit<ArtifactDraft, 'png'> & { readonly blobSha256: string })[];
  readonly scores?: readonly ScoreDraft[];
  readonly templateChecks?: readonly TemplateCheckDraft[];
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
    const ownDocuments: number[] = [];
    results.documents.forEach((doc, ordinal) => {
      const documentId = this.insertDocument(runId, run.inputSha256, ordinal, doc, now);
      ownDocuments.push(documentId);
      for (const finding of doc.findings) this.insertFinding(runId, documentId, finding, now);
      doc.textLines.forEach((line, lineNo) => this.insertTextLine(runId, run.inputSha256, documentId, lineNo, line));
    });
    for (const finding of results.findings) this.insertFinding(runId, finding.documentId ?? null, finding, now);
    results.textLines.forEach((line, lineNo) => this.insertTextLine(runId, run.inputSha256, line.documentId ?? null, lineNo, line));
    for (const artifact of results.artifacts ?? []) {
      this.db
        .prepare(
          `INSERT INTO artifacts (run_id, content_sha256, document_id, name, kind, media_type, blob_sha256, width, height, meta)
           VALUES (?, ?, ?, ?, ?, 'image/png', ?, ?, ?, ?)`,
        )
        .run(runId, run.inputSha256, artifact.documentOrdinal === undefined ? (artifact.documentId ?? null) : (ownDocuments[artifact.documentOrdinal] ?? null), artifact.name, artifact.kind, artifact.blobSha256, artifact.width, artifact.height, JSON.stringify(artifact.meta));
    }
    for (const check of results.templateChecks ?? []) {
      this.db
        .prepare(
          `INSERT INTO template_checks (run_id, content_sha256, document_id, template_id, template_version, template_sha256, side, matched, recognition_score, score, level, aligned_artifact, details)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(runId, run.inputSha256, check.documentOrdinal === undefined ? check.documentId : (ownDocuments[check.documentOrdinal] ?? null), check.templateId, check.templateVersion, check.templateSha256, check.side, check.matched ? 1 : 0, check.recognitionScore, check.score, check.level, check.alignedArtifact, JSON.stringify(check.details));
    }
    for (const score of results.scores ?? []) {
      if (!(score.value >= 0 && score.value <= 1)) throw new RangeError(`score ${score.name} must be in [0, 1], got ${score.value}`);
      this.db.prepare('INSERT INTO scores (run_id, content_sha256, name, value) VALUES (?, ?, ?, ?)').run(runId, run.inputSha256, score.name, score.value);
    }
    return runId;
  }

  /** What a run of this analyser version stored for this content: findings, artifacts and scores. */
  storedResults(inputSha256: string, analyserId: string, analyserVersion: string): StoredRunResults | null {
    const run = this.db
      .prepare('SELECT id, status, parameters FROM analyser_runs WHERE input_sha256 = ? AND analyser_id = ? AND analyser_version = ?')
      .get(inputSha256, analyserId, analyserVersion) as { id: number; status: StoredRunResults['status']; parameters: string } | undefined;
    if (!run) return null;
    const findings = this.db
      .prepare('SELECT kind, severity, confidence, region, document_id, attributes, explanation FROM findings WHERE run_id = ? ORDER BY id')
      .all(run.id) as { kind: string; severity: Severity; confidence: number | null; region: string | null; document_id: number | null; attributes: string; explanation: string }[];
    const artifacts = this.db
      .prepare('SELECT name, blob_sha256, width, height, document_id, meta FROM artifacts WHERE run_id = ? ORDER BY id')
      .all(run.id) as { name: string; blob_sha256: string; width: number; height: number; document_id: number | null; meta: string }[];
    const scores = this.db.prepare('SELECT name, value FROM scores WHERE run_id = ?').all(run.id) as { name: string; value: number }[];
    return {
      runId: run.id,
      analyserId,
      analyserVersion,
      status: run.status,
      parameters: JSON.parse(run.parameters) as Record<string, unknown>,
      findings: findings.map((f) => ({
        kind: f.kind,
        severity: f.severity,
        confidence: f.confidence,
        region: f.region ? (JSON.parse(f.region) as BoxView) : null,
        documentId: f.document_id,
        attributes: JSON.parse(f.attributes) as Record<string, unknown>,
        explanation: f.explanation,
      })),
      artifacts: artifacts.map((a) => ({ name: a.name, blobSha256: a.blob_sha256, width: a.width, height: a.height, documentId: a.document_id, meta: JSON.parse(a.meta) as Record<string, unknown> })),
      scores: Object.fromEntries(scores.map((x) => [x.name, x.value])),
    };
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
