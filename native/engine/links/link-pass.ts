/**
 * One linking pass over a case: read what the case holds, link it (linker.ts), and replace the previous
 * pass's entities and links in one transaction, with the pass's provenance (linker version, parameters,
 * inputs fingerprint, watchlists with their SHA-256) and an audit-log entry. Evidence and analyser results
 * are only read.
 */
import type Database from 'better-sqlite3';
import type { CaseStore } from '../store/case-store';
import { linkDocuments, linkInputsFingerprint, linkItems } from '../store/link-inputs.query';
import type { LinkRunRecord } from '../store/links.repo';
import { linkCase, LINKER_VERSION } from './linker';
import { refString } from './refs';
import type { MeasuredResult } from './measure';
import type { Watchlist, WatchlistEntry } from './watchlists';

/** Summary of a pass, as the CLI and the UI report it. */
export interface LinkPassSummary {
  readonly runId: number;
  readonly linkerVersion: string;
  readonly fingerprint: string;
  readonly links: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly entities: number;
  readonly stats: Readonly<Record<string, number>>;
  readonly ms: number;
}

/** Links and entities measured outside the pure linker (portraits, drafts, families), given the case. */
export type MeasuredLinks = (store: CaseStore, documents: ReturnType<typeof linkDocuments>, items: ReturnType<typeof linkItems>) => Promise<MeasuredResult>;

/** The case's stored watchlists in the form the matcher takes. */
export function storedWatchlists(store: CaseStore): Watchlist[] {
  return store.links.watchlists().map((w) => ({
    provenance: { listName: w.name, listVersion: w.version, sha256: w.sha256, rowCount: w.entryCount, byteLength: w.byteLength, fileName: w.sourceName },
    entries: store.links.watchlistEntries(w.id) as WatchlistEntry[],
  }));
}

/** Whether `pass` was made from the case as it is now (same inputs fingerprint, same linker version). */
export function passIsCurrentFor(db: Database.Database, pass: LinkRunRecord | null): boolean {
  return pass !== null && pass.linkerVersion === LINKER_VERSION && pass.inputs.fingerprint === linkInputsFingerprint(db);
}

/** Whether the newest completed pass was made from the case as it is now. */
export function passIsCurrent(store: CaseStore, pass: LinkRunRecord | null = store.links.latestPass()): boolean {
  return passIsCurrentFor(store.db, pass);
}

/**
 * Link the case now.
 * @param options `today` (YYYY-MM-DD) resolves two-digit birth years; `measure` adds image-based links
 */
export async function runLinkPass(store: CaseStore, options: { readonly today?: string; readonly actor?: string; readonly measure?: MeasuredLinks } = {}): Promise<LinkPassSummary> {
  const t0 = performance.now();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const parameters = { today, measured: options.measure ? 'portraits, drafts, families' : 'none' };
  const fingerprint = linkInputsFingerprint(store.db);
  const runId = store.links.beginPass(LINKER_VERSION, parameters);
  try {
    const items = linkItems(store.db);
    const documents = linkDocuments(store.db);
    const watchlists = storedWatchlists(store);
    const measured = options.measure ? await options.measure(store, documents, items) : { links: [], entities: [], traits: [], notes: [] };
    const exhibits = new Map(store.exhibits.list().map((e) => [e.id as number, e.label]));
    const result = linkCase({ items, documents, exhibits, watchlists, measuredLinks: measured.links, measuredEntities: measured.entities, forgeryTraits: measured.traits, today });
    const links = result.links.map((l) => ({ kind: l.kind, from: refString(l.from), to: refString(l.to), strength: l.strength, evidence: l.evidence, summary: l.summary }));
    const inputs = { fingerprint, notes: [...measured.notes, ...result.notes], watchlists: watchlists.map((w) => ({ name: w.provenance.listName, version: w.provenance.listVersion, sha256: w.provenance.sha256 })), ...result.stats };
    store.links.completePass(runId, inputs, result.entities, links);
    const byKind: Record<string, number> = {};
    for (const l of links) byKind[l.kind] = (byKind[l.kind] ?? 0) + 1;
    store.audit.append(options.actor ?? 'caselens', 'links.computed', { runId, linkerVersion: LINKER_VERSION, fingerprint, links: links.length, byKind, entities: result.entities.length });
    return { runId, linkerVersion: LINKER_VERSION, fingerprint, links: links.length, byKind, entities: result.entities.length, stats: result.stats, ms: Math.round(performance.now() - t0) };
  } catch (error) {
    store.links.failPass(runId, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
