/** Reading findings with their run's provenance: shared by the documents and forensics repositories. */
import type Database from 'better-sqlite3';
import type { BoxView, FindingView, ProvenanceView, Severity } from '../contract/documents';
import { preparedOn } from './prepared';

export interface RunProvenanceRow {
  analyser_id: string;
  analyser_version: string;
  parameters: string;
  resources: string;
  input_sha256: string;
  started_at: string;
  finished_at: string;
}

interface FindingRow extends RunProvenanceRow {
  id: number;
  kind: string;
  severity: Severity;
  confidence: number | null;
  region: string | null;
  attributes: string;
  explanation: string;
}

export function provenanceOf(r: RunProvenanceRow): ProvenanceView {
  return {
    analyserId: r.analyser_id,
    analyserVersion: r.analyser_version,
    parameters: JSON.parse(r.parameters) as Record<string, unknown>,
    resources: JSON.parse(r.resources) as Record<string, unknown>,
    inputSha256: r.input_sha256,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** Findings (`f`) joined with their runs (`r`) matching `where`, in the order they were stored. */
export function queryFindings(db: Database.Database, where: string, params: readonly unknown[]): FindingView[] {
  const rows = preparedOn(
    db,
    `SELECT f.id, f.kind, f.severity, f.confidence, f.region, f.attributes, f.explanation, r.analyser_id, r.analyser_version, r.parameters, r.resources,
         r.input_sha256, r.started_at, r.finished_at
       FROM findings f JOIN analyser_runs r ON r.id = f.run_id WHERE ${where} ORDER BY f.id`,
  ).all(...params) as FindingRow[];
  return rows.map((r) => {
    const attributes = JSON.parse(r.attributes) as Record<string, unknown>;
    return {
      id: r.id,
      kind: r.kind,
      severity: r.severity,
      confidence: r.confidence,
      field: typeof attributes['field'] === 'string' ? attributes['field'] : null,
      region: r.region ? (JSON.parse(r.region) as BoxView) : null,
      space: attributes['space'] === 'document' ? 'document' : 'item',
      explanation: r.explanation,
      attributes,
      provenance: provenanceOf(r),
    };
  });
}
