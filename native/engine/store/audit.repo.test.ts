import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AuditRepo, GENESIS_HASH } from './audit.repo';
import { migrate } from './migrate';

function freshLog() {
  const db = new Database(':memory:');
  migrate(db);
  return { db, audit: new AuditRepo(db) };
}

describe('hash-chained audit log', () => {
  it('chains each entry to the previous one and verifies', () => {
    const { audit } = freshLog();
    const first = audit.append('alice', 'case.created', { title: 'T' });
    const second = audit.append('alice', 'tag.added', { itemId: 1, tag: 'passport' });
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(audit.verify()).toEqual({ valid: true, brokenAt: null });
    expect(audit.page(0, 10)).toMatchObject({ total: 2, chainValid: true });
  });

  it('refuses UPDATE and DELETE through triggers', () => {
    const { db, audit } = freshLog();
    audit.append('alice', 'a', {});
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('names the first entry whose content was changed behind its back', () => {
    const { db, audit } = freshLog();
    for (let i = 0; i < 5; i++) audit.append('alice', 'note.added', { n: i });
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details = '{\"n\":99}' WHERE seq = 3").run();
    expect(audit.verify()).toEqual({ valid: false, brokenAt: 3 });
  });

  it('detects a removed entry', () => {
    const { db, audit } = freshLog();
    for (let i = 0; i < 4; i++) audit.append('alice', 'x', { i });
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(audit.verify()).toEqual({ valid: false, brokenAt: 3 });
  });
});
