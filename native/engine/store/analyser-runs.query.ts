/**
 * Read-only: the analyser runs behind a set of contents (newest run of each analyser per content), for the
 * methods section of a report: which analyser, which version, with which parameters.
 */
import type Database from 'better-sqlite3';

export interface ContentRun {
  readonly inputSha256: string;
  readonly analyserId: string;
  readonly analyserVersion: string;
  readonly status: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** SQLite's default limit on bound parameters is 32766; chunks of 500 contents keep every statement far below it. */
const CHUNK = 500;

/** The newest run of every analyser on each of `sha256s`, ordered by content and analyser id. */
export function newestRunsOn(db: Database.Database, sha256s: readonly string[]): ContentRun[] {
  const out: ContentRun[] = [];
  const unique = [...new Set(sha256s)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    const rows = db
      .prepare(
        `SELECT r.input_sha256, r.analyser_id, r.analyser_version, r.status, r.parameters FROM analyser_runs r
         WHERE r.input_sha256 IN (${part.map(() => '?').join(',')})
           AND r.id = (SELECT max(x.id) FROM analyser_runs x WHERE x.input_sha256 = r.input_sha256 AND x.analyser_id = r.analyser_id)
         ORDER BY r.input_sha256, r.analyser_id`,
      )
      .all(...part) as { input_sha256: string; analyser_id: string; analyser_version: string; status: string; parameters: string }[];
    for (const r of rows) out.push({ inputSha256: r.input_sha256, analyserId: r.analyser_id, analyserVersion: r.analyser_version, status: r.status, parameters: JSON.parse(r.parameters) as Record<string, unknown> });
  }
  return out;
}
