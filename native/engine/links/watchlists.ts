/**
 * CSV watchlists (issue 6): parse and validate (`watchlist-parse.ts`), then match documents by number and
 * persons by transliteration-aware name and birth date. Every hit cites the list's name, version and SHA-256
 * and the entry's row. A hit says what matched; whether it is the listed document or person is the
 * analyst's call. Pure: callers pass the list, documents and persons in.
 */
import { normalizeDocumentNumber } from './number-parse';
import { normalizePersonName, type PersonNameForms } from './person-names';
import { personMatchForms, type PersonEntity } from './persons';
import type { WatchlistEntry, WatchlistProvenance, Watchlist } from './watchlist-parse';
import type { EntityRef, LinkDraft } from './types';

export {
  isFormulaLike, MAX_LISTED_ERRORS, MAX_WATCHLIST_BYTES, parseWatchlist, WATCHLIST_COLUMNS,
  type Watchlist, type WatchlistColumn, type WatchlistEntry, type WatchlistError, type WatchlistParseResult, type WatchlistProvenance,
} from './watchlist-parse';

/** One document number reading to match (pass a document once per reading: MRZ, VIZ). */
export interface WatchlistDocument {
  readonly documentId: string;
  readonly documentNumber: string | null;
}

/** What made a hit. */
export type WatchlistMatchKind = 'document-number' | 'person-name-and-birth-date' | 'person-name' | 'person-name-variant';

/** One hit of a watchlist entry on a document or a person. */
export interface WatchlistHit {
  readonly entry: WatchlistEntry;
  readonly target: EntityRef;
  readonly matched: WatchlistMatchKind;
  readonly strength: number;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly provenance: WatchlistProvenance;
  /** The hit as a link draft (kind `watchlist`, from the target to the entry). */
  readonly link: LinkDraft;
}

/**
 * Strengths by what matched. Document number 0.9: exact equality of the identifier the list names, but the
 * list has no issuing-state column and a number is unique only within one issuer's series. Name and birth
 * date 0.9: what person watchlists identify by; namesakes born the same day exist. Name only 0.4: the entry
 * gives no birth date and a common name matches many holders, so each such hit needs checking by hand.
 * Name variant with birth date 0.6: one of personMatch's 'possible' rules (digraph scheme, given-name order,
 * truncation, one edit in a long name) with an equal birth date.
 */
export const HIT_STRENGTH: Readonly<Record<WatchlistMatchKind, number>> = {
  'document-number': 0.9,
  'person-name-and-birth-date': 0.9,
  'person-name': 0.4,
  'person-name-variant': 0.6,
};

/** Id of a list entry as a link end: the list's SHA-256 and the row. */
export function watchlistEntryId(provenance: WatchlistProvenance, row: number): string {
  return `${provenance.sha256}#${row}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function makeHit(list: Watchlist, entry: WatchlistEntry, target: EntityRef, matched: WatchlistMatchKind, evidence: Record<string, unknown>, what: string): WatchlistHit {
  const p = list.provenance;
  const strength = HIT_STRENGTH[matched];
  const listRef = { listName: p.listName, listVersion: p.listVersion, sha256: p.sha256, row: entry.row };
  return {
    entry, target, matched, strength, evidence, provenance: p,
    link: {
      kind: 'watchlist', from: target, to: { type: 'watchlist-entry', id: watchlistEntryId(p, entry.row) }, strength,
      evidence: { rule: matched, ...evidence, list: listRef },
      summary: `${what} matches row ${entry.row} of watchlist '${p.listName}' version ${p.listVersion} (${matched.replace(/-/g, ' ')}).`,
    },
  };
}

/**
 * Matches a watchlist against documents and persons. Document-number entries hit a document whose number
 * equals the entry's after normalisation (upper case, spaces and hyphens removed). Person entries hit a
 * person (from `groupPersons`) that shares a full MRZ rendering of the name (transliteration variants
 * included); when the entry has a birth date, the person's must be known and equal, otherwise there is no
 * hit. An entry with a birth date also hits, as `person-name-variant`, a person of equal birth date that
 * `personMatch` rates 'possible' (every such rule needs equal birth dates, so only entries born the same day
 * are compared). Index lookups by rendering, number and birth date; no all-pairs.
 * @param list a list accepted by parseWatchlist
 * @param documents document number readings
 * @param persons person entities
 * @returns hits, one per entry and target, in list order
 */
export function matchWatchlist(list: Watchlist, documents: readonly WatchlistDocument[], persons: readonly PersonEntity[]): WatchlistHit[] {
  const byNumber = new Map<string, WatchlistEntry[]>();
  const byRendering = new Map<string, WatchlistEntry[]>();
  const byBirthDate = new Map<string, { entry: WatchlistEntry; forms: PersonNameForms }[]>();
  for (const e of list.entries) {
    if (e.type === 'document-number' && e.documentNumber) pushTo(byNumber, e.documentNumber, e);
    if (e.type !== 'person' || !e.surname) continue;
    const forms = normalizePersonName(e.surname, e.givenNames ?? '');
    for (const f of forms.full) pushTo(byRendering, f, e);
    if (e.birthDate) pushTo(byBirthDate, e.birthDate, { entry: e, forms });
  }
  const hits = new Map<string, WatchlistHit>();
  const readings = new Map<string, string[]>();
  for (const d of documents) {
    if (!d.documentNumber) continue;
    const number = normalizeDocumentNumber(d.documentNumber);
    for (const e of byNumber.get(number) ?? []) {
      const key = `${e.row}|document|${d.documentId}`;
      pushTo(readings, key, d.documentNumber);
      const target: EntityRef = { type: 'document', id: d.documentId };
      hits.set(key, makeHit(list, e, target, 'document-number', { number, listed: e.documentNumber, readings: readings.get(key) }, `Document ${d.documentId} number ${number}`));
    }
  }
  for (const p of persons) {
    const target: EntityRef = { type: 'person', id: p.id };
    const who = `Person ${p.renderings[0] ?? p.surname}${p.birthDate ? ` born ${p.birthDate}` : ''}`;
    for (const rendering of p.renderings) for (const e of byRendering.get(rendering) ?? []) {
      const key = `${e.row}|person|${p.id}`;
      if (hits.has(key)) continue;
      if (e.birthDate === null) hits.set(key, makeHit(list, e, target, 'person-name', { rendering, birthDate: { listed: null, person: p.birthDate } }, who));
      else if (e.birthDate === p.birthDate) hits.set(key, makeHit(list, e, target, 'person-name-and-birth-date', { rendering, birthDate: { listed: e.birthDate, person: p.birthDate } }, who));
    }
    if (!p.birthDate) continue;
    const candidates = byBirthDate.get(p.birthDate) ?? [];
    const personForms = candidates.length > 0 ? normalizePersonName(p.surname, p.givenNames) : null;
    for (const { entry: e, forms } of candidates) {
      const key = `${e.row}|person|${p.id}`;
      if (hits.has(key) || !personForms) continue;
      const listed = { surname: e.surname ?? '', givenNames: e.givenNames ?? '', birthDate: e.birthDate, nationality: e.nationality };
      const m = personMatchForms(listed, forms, { surname: p.surname, givenNames: p.givenNames, birthDate: p.birthDate, nationality: p.nationalities[0] ?? null }, personForms);
      if (m.match === 'possible' || m.match === 'same') hits.set(key, makeHit(list, e, target, 'person-name-variant', { nameRule: m.evidence.nameRule, nameDetail: m.evidence.nameDetail, birthDate: { listed: e.birthDate, person: p.birthDate } }, who));
    }
  }
  return [...hits.values()].sort((a, b) => a.entry.row - b.entry.row);
}
