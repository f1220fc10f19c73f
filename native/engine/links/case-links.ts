/**
 * Case-level entry points of the linker: keep the newest pass current, and bring watchlists into a case.
 */
import { EngineError } from '../contract';
import type { CaseStore } from '../store/case-store';
import type { LinkRunRecord, StoredWatchlist } from '../store/links.repo';
import { passIsCurrent, runLinkPass } from './link-pass';
import { measureCaseLinks } from './measure';
import { parseWatchlist } from './watchlists';

/** Errors listed in the refusal of a watchlist (the rest are counted). */
const LISTED_ERRORS = 20;

/** The newest pass, after linking the case when it is out of date (or was never linked). */
export async function ensureCurrentPass(store: CaseStore, log: (message: string) => void = () => {}): Promise<LinkRunRecord> {
  const latest = store.links.latestPass();
  if (latest && passIsCurrent(store, latest)) return latest;
  log(latest ? 'the case changed since it was last linked: linking it again' : 'linking the case');
  const summary = await runLinkPass(store, { measure: measureCaseLinks });
  log(`linked in ${summary.ms} ms: ${summary.links} links, ${summary.entities} entities`);
  return store.links.latestPass()!;
}

/**
 * Validate a CSV watchlist and keep it in the case (all or nothing), recorded in the audit log. A list with
 * any error is refused with every error by row and column (the first LISTED_ERRORS in the message).
 */
export function importWatchlist(store: CaseStore, bytes: Uint8Array, fileName: string, by: string): StoredWatchlist {
  const parsed = parseWatchlist(bytes, { fileName });
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, LISTED_ERRORS).map((e) => `${e.row === null ? 'file' : `row ${e.row}`}${e.column ? ` column ${e.column}` : ''}: ${e.message}`);
    const more = parsed.errorCount > shown.length ? `\n(and ${parsed.errorCount - shown.length} more)` : '';
    throw new EngineError('invalid-args', `Watchlist ${fileName} refused (${parsed.errorCount} error${parsed.errorCount === 1 ? '' : 's'}):\n${shown.join('\n')}${more}`);
  }
  const { provenance, entries } = parsed.list;
  return store.transaction(() => {
    const stored = store.links.addWatchlist(
      { name: provenance.listName, version: provenance.listVersion, sourceName: fileName, sha256: provenance.sha256, byteLength: provenance.byteLength, entries: entries.map((e) => ({ row: e.row, entry: e })) },
      by,
    );
    store.audit.append(by, 'watchlist.imported', { name: stored.name, version: stored.version, sha256: stored.sha256, entries: stored.entryCount, file: fileName });
    return stored;
  });
}
