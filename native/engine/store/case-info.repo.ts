import type Database from 'better-sqlite3';
import { asCaseId, EngineError, type CaseId } from '../contract';

export interface CaseInfo {
  readonly id: CaseId;
  readonly title: string;
  readonly reference: string | null;
  readonly examiner: string | null;
  readonly createdAt: string;
}

/** The one row describing the case itself. */
export class CaseInfoRepo {
  constructor(private readonly db: Database.Database) {}

  init(info: CaseInfo, appVersion: string): void {
    this.db
      .prepare('INSERT INTO case_info (id, title, reference, examiner, created_at, created_by_app) VALUES (?, ?, ?, ?, ?, ?)')
      .run(info.id, info.title, info.reference, info.examiner, info.createdAt, appVersion);
  }

  get(): CaseInfo {
    const row = this.db.prepare('SELECT id, title, reference, examiner, created_at FROM case_info LIMIT 1').get() as
      | { id: string; title: string; reference: string | null; examiner: string | null; created_at: string }
      | undefined;
    if (!row) throw new EngineError('refused', 'This folder holds a case database without case information; it is not a complete case.');
    return { id: asCaseId(row.id), title: row.title, reference: row.reference, examiner: row.examiner, createdAt: row.created_at };
  }
}
