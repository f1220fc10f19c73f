import Database from 'better-sqlite3';

/** Milliseconds a writer waits for a lock held by another connection before failing. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Open a case database with the settings every connection must have: WAL (readers never block the
 * writer, and a crash leaves a consistent file), enforced foreign keys, and a busy timeout.
 */
export function openDatabase(file: string, options: { readonly readonly?: boolean } = {}): Database.Database {
  // CASELENS_SQLITE_BINDING: an addon built for another runtime's ABI (Electron during development, staged by
  // scripts/start.mjs), while node_modules holds the build for plain Node that the CLI and tests use.
  const nativeBinding = process.env.CASELENS_SQLITE_BINDING || undefined;
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, nativeBinding });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // FULL: a committed import survives power loss too, not only a process crash; commits are batched.
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}
