/**
 * Read side of template checks (migration 4): the newest check of a document with its run's provenance, the
 * id of the aligned-image artifact, and the ids of the findings the check stored (to link zone checks and
 * assessment reasons to findings).
 */
import type Database from 'better-sqlite3';
import type { DocumentId, ProvenanceView } from '../contract';
import { provenanceOf, type RunProvenanceRow } from './findings.query';

export interface StoredTemplateCheck {
  readonly documentId: number;
  readonly itemId: number | null;
  readonly templateId: string | null;
  readonly templateVersion: string | null;
  readonly templateSha256: string | null;
  readonly side: string | null;
  readonly matched: boolean;
  readonly recognitionScore: number;
  readonly score: number | null;
  readonly level: 'no-indicators' | 'review' | 'strong-indicators' | null;
  readonly alignedArtifactId: number | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly provenance: ProvenanceView;
  /** Findings of the check's run about this document: id, kind and the indicator index they stand for. */
  readonly findings: readonly { readonly id: number; readonly kind: string; readonly indicator: number | null }[];
}

interface CheckRow extends RunProvenanceRow {
  run_id: number;
  document_id: number;
  content_sha256: string;
  template_id: string | null;
  template_version: string | null;
  template_sha256: string | null;
  side: string | null;
  matched: number;
  recognition_score: number;
  score: number | null;
  level: StoredTemplateCheck['level'];
  aligned_artifact: string | null;
  details: string;
}

export class TemplateChecksRepo {
  constructor(private readonly db: Database.Database) {}

  /** The newest template check of a document, or null when the `templates` analyser has not run on it. */
  latestOf(documentId: DocumentId): StoredTemplateCheck | null {
    const row = this.db
      .prepare(
        `SELECT tc.*, r.analyser_id, r.analyser_version, r.parameters, r.resources, r.input_sha256, r.started_at, r.finished_at
         FROM template_checks tc JOIN analyser_runs r ON r.id = tc.run_id
         WHERE tc.document_id = ? ORDER BY tc.id DESC LIMIT 1`,
      )
      .get(documentId) as CheckRow | undefined;
    if (!row) return null;
    const artifact = row.aligned_artifact
      ? ((this.db.prepare('SELECT id FROM artifacts WHERE run_id = ? AND name = ?').get(row.run_id, row.aligned_artifact) as { id: number } | undefined)?.id ?? null)
      : null;
    const item = this.db.prepare('SELECT MIN(id) AS id FROM items WHERE sha256 = ?').get(row.content_sha256) as { id: number | null };
    const findings = (this.db.prepare('SELECT id, kind, attributes FROM findings WHERE run_id = ? AND document_id = ? ORDER BY id').all(row.run_id, documentId) as { id: number; kind: string; attributes: string }[]).map((f) => {
      const index = (JSON.parse(f.attributes) as { indicator?: unknown }).indicator;
      return { id: f.id, kind: f.kind, indicator: typeof index === 'number' ? index : null };
    });
    return {
      documentId: row.document_id,
      itemId: item.id,
      templateId: row.template_id,
      templateVersion: row.template_version,
      templateSha256: row.template_sha256,
      side: row.side,
      matched: row.matched === 1,
      recognitionScore: row.recognition_score,
      score: row.score,
      level: row.level,
      alignedArtifactId: artifact,
      details: JSON.parse(row.details) as Record<string, unknown>,
      provenance: provenanceOf(row),
      findings,
    };
  }
}
