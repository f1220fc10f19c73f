import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditPage } from '../contract';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/** Canonical JSON (sorted keys) so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The hash of one entry: SHA-256 over the previous hash and the canonical entry body. */
export function auditHash(prevHash: string, body: { seq: number; at: string; actor: string; action: string; details: unknown }): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(body)).digest('hex');
}

const toEntry = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  actor: row.actor,
  action: row.action,
  details: JSON.parse(row.details) as Record<string, unknown>,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/**
 * The append-only, hash-chained audit log. UPDATE and DELETE are refused by triggers; each row
 * carries the hash of the one before, so any edit made behind the app's back breaks the chain.
 */
export class AuditRepo {
  constructor(private readonly db: Database.Database) {}

  append(actor: string, action: string, details: Record<string, unknown>, at = new Date().toISOString()): AuditEntry {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const body = { seq, at, actor, action, details };
    const hash = auditHash(prevHash, body);
    this.db
      .prepare('INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(seq, at, actor, action, canonical(details), prevHash, hash);
    return { seq, at, actor, action, details, prevHash, hash };
  }

  /** Recompute the whole chain; returns the first sequence number that does not verify. */
  verify(): { valid: boolean; brokenAt: number | null } {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    for (const row of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
      const body = { seq: row.seq, at: row.at, actor: row.actor, action: row.action, details: JSON.parse(row.details) as unknown };
      if (row.seq !== expectedSeq || row.prev_hash !== prev || auditHash(prev, body) !== row.hash) {
        return { valid: false, brokenAt: row.seq };
      }
      prev = row.hash;
      expectedSeq++;
    }
    return { valid: true, brokenAt: null };
  }

  page(offset: number, limit: number): AuditPage {
    const total = (this.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?').all(limit, offset) as AuditRow[];
    const { valid, brokenAt } = this.verify();
    return { total, chainValid: valid, brokenAt, entries: rows.map(toEntry) };
  }
}
