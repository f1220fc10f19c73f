import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { MIGRATIONS } from './index';

describe('migration 002 (documents, text, search)', () => {
  it('upgrades a version-1 database that holds data, keeping its rows', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1), 1);
    db.prepare(
      "INSERT INTO analyser_runs (analyser_id, analyser_version, input_sha256, status, started_at, finished_at) VALUES ('x', '1', 'abc', 'ok', 't', 't')",
    ).run();
    db.prepare("INSERT INTO findings (run_id, kind, severity, explanation, created_at) VALUES (1, 'k', 'info', 'e', 't')").run();
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    // The old finding survives and gains a NULL document link.
    expect(db.prepare('SELECT kind, document_id FROM findings').all()).toEqual([{ kind: 'k', document_id: null }]);
    const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[]).filter((t) =>
      ['documents', 'text_lines'].includes(t.name),
    );
    expect(tables.map((t) => t.name).sort()).toEqual(['documents', 'text_lines']);
    for (const t of tables) expect(t.sql).toMatch(/STRICT$/);
  });

  it('enforces the document and text-line rules', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 2);
    db.prepare(
      "INSERT INTO analyser_runs (analyser_id, analyser_version, input_sha256, status, started_at, finished_at) VALUES ('d', '1', 'abc', 'ok', 't', 't')",
    ).run();
    const insertDoc = (sizeClass: string, runId = 1, ordinal = 0) =>
      db
        .prepare(
          `INSERT INTO documents (run_id, content_sha256, ordinal, size_class, side, quad, method, confidence, rectified_sha256, rectified_width, rectified_height, created_at)
           VALUES (?, 'abc', ?, ?, 'back', '[]', 'edges', 0.9, 'f', 10, 10, 't')`,
        )
        .run(runId, ordinal, sizeClass);
    insertDoc('ID1');
    expect(() => insertDoc('ID9', 1, 1)).toThrow(/CHECK/);
    expect(() => insertDoc('ID1', 1, 0)).toThrow(/UNIQUE/);
    expect(() => insertDoc('ID1', 99, 2)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO text_lines (run_id, content_sha256, source, line_no, text, space) VALUES (1, 'abc', 'handwriting', 0, 'x', 'item')").run(),
    ).toThrow(/CHECK/);
  });

  it('indexes text for diacritics-insensitive full-text search', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 2);
    db.prepare('INSERT INTO text_search (rowid, normalized) VALUES (?, ?)').run(7, 'Đorđević Šaban');
    const match = (q: string) => (db.prepare('SELECT rowid FROM text_search WHERE text_search MATCH ?').all(q) as { rowid: number }[]).map((r) => r.rowid);
    expect(match('"saban"')).toEqual([7]);
    expect(match('"dor"*')).toEqual([]); // Đ is a letter of its own to unicode61: normalisation happens before indexing
    expect(match('"xyz"')).toEqual([]);
  });
});
