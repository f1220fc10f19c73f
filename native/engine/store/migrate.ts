import type Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

/** Thrown when a case was written by a newer CaseLens: opening it could corrupt it. */
export class NewerSchemaError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `This case was written by a newer CaseLens (database schema ${found}; this version supports up to ${supported}). ` +
        'Open it with that version or newer; it has not been changed.',
    );
    this.name = 'NewerSchemaError';
  }
}

/** Read the schema version stamped in the database. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring a database up to `target` (default: this build's version). Each migration runs in its own
 * transaction together with its `user_version` stamp, so a crash leaves the previous version intact.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, target = SCHEMA_VERSION): number {
  const current = schemaVersion(db);
  if (current > target) throw new NewerSchemaError(current, target);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
