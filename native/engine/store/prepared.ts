/**
 * Prepared statements kept per database connection. Preparing costs more than running a small query: the export
 * of a 5,000-item case asks the same per-item queries tens of thousands of times (the report model, the CASE graph
 * and the entities each read every item), and re-preparing them cost ≈1 s of main-thread time per export
 * (measured with --cpu-prof, docs/BENCHMARKS.md "Evidence packages"). Only for statements run with get/all/run
 * (one at a time), not for ones iterated while another runs.
 */
import type Database from 'better-sqlite3';

const kept = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement for `sql` on `db`, prepared once. */
export function preparedOn(db: Database.Database, sql: string): Database.Statement {
  let statements = kept.get(db);
  if (!statements) kept.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
