import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { asItemId } from '../contract';
import { CaseStore } from './case-store';
import { migrate, NewerSchemaError, schemaVersion } from './migrate';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

const temp = () => mkdtempSync(path.join(os.tmpdir(), 'caselens-store-'));
const open: CaseStore[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

describe('migrations', () => {
  it('migration 001 creates every foundation table as STRICT and stamps user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 1), 1)).toBe(1);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    const names = tables.map((t) => t.name);
    for (const name of ['case_info', 'exhibits', 'imports', 'items', 'analyser_runs', 'findings', 'tags', 'item_tags', 'notes', 'audit_log']) {
      expect(names).toContain(name);
    }
    for (const table of tables) expect(table.sql).toMatch(/STRICT$/);
    // STRICT rejects a value of the wrong type instead of storing it silently.
    expect(() => db.prepare("INSERT INTO tags (id, name) VALUES ('not a number', 'x')").run()).toThrow();
  });

  it('is idempotent and leaves a current database unchanged', () => {
    const db = new Database(':memory:');
    migrate(db);
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  });

  it('refuses a database written by a newer version, clearly, without touching it', async () => {
    const dir = temp();
    const store = await CaseStore.create(path.join(dir, 'c'), { title: 'T' });
    store.db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    store.close();
    expect(() => migrate(new Database(path.join(dir, 'c', 'case.sqlite')))).toThrow(NewerSchemaError);
    await expect(CaseStore.open(path.join(dir, 'c'))).rejects.toThrow(/newer CaseLens/);
    const db = new Database(path.join(dir, 'c', 'case.sqlite'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 5);
    db.close();
  });
});

describe('case store', () => {
  it('creates a case folder with WAL, foreign keys and an audit entry', async () => {
    const store = await CaseStore.create(path.join(temp(), 'case'), { title: '  Operation X ', examiner: 'A. Analyst' });
    open.push(store);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.summary()).toMatchObject({ title: 'Operation X', examiner: 'A. Analyst', itemCount: 0, exhibitCount: 0 });
    expect(store.audit.page(0, 10).entries.map((e) => e.action)).toEqual(['case.created']);
  });

  it('refuses to create a case in a non-empty folder or over an existing case', async () => {
    const dir = path.join(temp(), 'case');
    open.push(await CaseStore.create(dir, { title: 'A' }));
    await expect(CaseStore.create(dir, { title: 'B' })).rejects.toThrow(/already exists/);
  });

  it('stores the full collection record of an exhibit and refuses duplicate labels', async () => {
    const store = await CaseStore.create(path.join(temp(), 'case'), { title: 'T' });
    open.push(store);
    const exhibit = store.exhibits.create({
      label: 'EXH-01',
      description: 'Phone of suspect A',
      seizedBy: 'Insp. B. Marković',
      seizedAt: '2024-03-14T06:10',
      place: 'Apartment 4, Fictional Street 12',
      sealNumber: 'SEAL-000123',
      deviceMake: 'Samsung',
      deviceModel: 'Galaxy A52',
      deviceSerial: 'R58N000000X',
      deviceImei: '356000000000001',
      notes: 'Screen cracked',
    });
    expect(store.exhibits.get(exhibit.id)).toMatchObject({ label: 'EXH-01', sealNumber: 'SEAL-000123', deviceImei: '356000000000001', itemCount: 0 });
    expect(() => store.exhibits.create({ label: 'EXH-01' })).toThrow(/already exists/);
  });

  it('rejects tags and notes on items that do not exist', async () => {
    const store = await CaseStore.create(path.join(temp(), 'case'), { title: 'T' });
    open.push(store);
    expect(() => store.annotations.addTag(asItemId(99), 'x')).toThrow(/No item 99/);
    expect(() => store.annotations.addNote(asItemId(99), 'x', null)).toThrow(/No item 99/);
  });
});
