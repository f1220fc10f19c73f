/**
 * `metadata/custody-log.jsonl`: the case's hash-chained audit log, one JSON object per line in sequence, exactly as
 * stored (`details` as the canonical JSON the hash was computed over), so anyone can recompute the chain:
 * `hash = SHA-256(prevHash + "\n" + canonical({seq, at, actor, action, details}))`, canonical = keys sorted, no
 * spaces; the first `prevHash` is 64 zeros. `verifyCustodyLog` does that for `caselens verify`.
 */
import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH } from '../../store/audit.repo';
import { auditRows } from '../../store/export.query';

/** The whole audit log as JSON lines. */
export function custodyLogJsonl(db: Database.Database): Buffer {
  const lines: string[] = [];
  for (const r of auditRows(db)) lines.push(JSON.stringify({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, details: JSON.parse(r.details) as unknown, prevHash: r.prev_hash, hash: r.hash }));
  return Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8');
}

/**
 * Recompute the chain of a custody log.
 * @returns whether every line's hash follows from the line before, how many entries, and the first broken one
 */
export function verifyCustodyLog(text: string): { valid: boolean; entries: number; brokenAt: number | null } {
  let prev = GENESIS_HASH;
  let entries = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    entries++;
    let e: { seq?: unknown; at?: unknown; actor?: unknown; action?: unknown; details?: unknown; prevHash?: unknown; hash?: unknown };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      return { valid: false, entries, brokenAt: entries };
    }
    const seq = typeof e.seq === 'number' ? e.seq : entries;
    const body = { seq: e.seq as number, at: e.at as string, actor: e.actor as string, action: e.action as string, details: e.details };
    if (e.seq !== entries || e.prevHash !== prev || auditHash(prev, body) !== e.hash) return { valid: false, entries, brokenAt: seq };
    prev = e.hash as string;
  }
  return { valid: true, entries, brokenAt: null };
}
