import type Database from 'better-sqlite3';
import type { ExhibitId, ImportSummary } from '../contract';

export type ImportStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

/** One import run: which sources, into which exhibit, with which extractor version, and how it ended. */
export class ImportsRepo {
  constructor(private readonly db: Database.Database) {}

  start(exhibitId: ExhibitId, sources: readonly string[], referenceInPlace: boolean, extractor: Record<string, unknown>): number {
    const info = this.db
      .prepare(
        `INSERT INTO imports (exhibit_id, sources, reference_in_place, extractor, started_at, status) VALUES (?, ?, ?, ?, ?, 'running')`,
      )
      .run(exhibitId, JSON.stringify(sources), referenceInPlace ? 1 : 0, JSON.stringify(extractor), new Date().toISOString());
    return Number(info.lastInsertRowid);
  }

  finish(importId: number, status: Exclude<ImportStatus, 'running'>, summary: ImportSummary | null): void {
    this.db
      .prepare('UPDATE imports SET status = ?, finished_at = ?, summary = ? WHERE id = ?')
      .run(status, new Date().toISOString(), summary ? JSON.stringify(summary) : null, importId);
  }

  /**
   * Imports still marked running when a case is opened were cut off (process killed, power lost).
   * Their committed items are consistent; mark them interrupted so re-running the import completes them.
   */
  markInterrupted(): number[] {
    const ids = this.db.prepare("SELECT id FROM imports WHERE status = 'running'").pluck().all() as number[];
    if (ids.length) this.db.prepare("UPDATE imports SET status = 'interrupted', finished_at = ? WHERE status = 'running'").run(new Date().toISOString());
    return ids;
  }
}
