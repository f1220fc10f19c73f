/**
 * The linker: from what a case holds (items, documents with their template checks, watchlists, and the
 * measurements the link pass adds: portrait signatures, draft evidence, forgery traits) to entities and
 * links. Pure: no store, no files; `link-pass.ts` reads the case and writes the result.
 */
import { formatDate, resolveBirthDate } from '../domain/mrz/dates';
import type { LinkDocumentInput, LinkItemInput } from '../store/link-inputs.query';
import { holderNumberLinks, numberLinks, type NumberedDocument } from './document-links';
import { sameFileLinks, sameImageLinks } from './file-links';
import { normalizeDocumentNumber } from './number-parse';
import { findNumberSeries, type SeriesRule } from './number-series';
import { groupPersons, personKey, type PersonEntity, type PersonRecord } from './persons';
import { refString } from './refs';
import type { LinkDraft } from './types';
import { matchWatchlist, type Watchlist } from './watchlists';

/** Version of the linker's rules; stored with every pass. */
export const LINKER_VERSION = '1.0.0';

/**
 * A printed document number (template zone OCR) stands in for a missing or unverified MRZ number only when it is
 * well formed (letters then digits, as PRINTED_NUMBER) and read at this confidence or more: on the action day the
 * printed numbers of non-OCR-B MRZ permits read right at 86-89 while their MRZs read `RP72000I0`; below 80 a
 * misread digit would create false number links.
 */
const MIN_PRINTED_NUMBER_CONFIDENCE = 80;
const PRINTED_NUMBER = /^[A-Z]{0,4}[0-9]{5,12}$/;

/** Everything the linker reads. */
export interface LinkerInputs {
  readonly items: readonly LinkItemInput[];
  readonly documents: readonly LinkDocumentInput[];
  readonly exhibits: ReadonlyMap<number, string>;
  readonly watchlists: readonly Watchlist[];
  /** Number series plausibility rules (per template or issuing state). */
  readonly seriesRules?: readonly SeriesRule[];
  /** Links measured by the pass on images (same portrait, drafts to prints) and family memberships. */
  readonly measuredLinks?: readonly LinkDraft[];
  /** Entities measured by the pass (forgery families). */
  readonly measuredEntities?: readonly LinkerEntity[];
  /** The reference date of the pass (birth-date centuries), YYYY-MM-DD. */
  readonly today: string;
}

/** An entity made by the linker. */
export interface LinkerEntity {
  readonly ref: string;
  readonly type: 'person' | 'family';
  readonly label: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly members: readonly string[];
}

/** What the linker produced, with counts for the pass's record. */
export interface LinkerResult {
  readonly links: readonly LinkDraft[];
  readonly entities: readonly LinkerEntity[];
  readonly persons: readonly PersonEntity[];
  readonly stats: Readonly<Record<string, number>>;
}

const reading = (d: LinkDocumentInput, field: string) => d.readings.find((r) => r.field === field && r.text.trim() !== '') ?? null;

/** Birth date as YYYY-MM-DD: the printed one when it agrees with the MRZ's YYMMDD, else the MRZ's resolved. */
function birthDateOf(d: LinkDocumentInput, today: string): string | null {
  const printed = reading(d, 'birthDate')?.normalized ?? null;
  const raw = d.birthDate;
  if (raw && /^\d{6}$/.test(raw)) {
    if (printed && printed.slice(2, 4) + printed.slice(5, 7) + printed.slice(8, 10) === raw) return printed;
    const [y, m, day] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10))];
    return formatDate(resolveBirthDate(Number(raw.slice(0, 2)), Number(raw.slice(2, 4)), Number(raw.slice(4, 6)), { year: y, month: m, day }));
  }
  return printed;
}

/** Holder records of one document: its MRZ name and its printed name (two readings of one card). */
function personRecords(d: LinkDocumentInput, today: string): PersonRecord[] {
  const out: PersonRecord[] = [];
  const documentId = String(d.id);
  const surname = reading(d, 'surname');
  // An MRZ that does not verify was often misread as a whole (a non-OCR-B font): its name only when nothing was printed.
  if (d.surname && (d.mrzValid || !surname)) out.push({ documentId, surname: d.surname, givenNames: d.givenNames ?? '', birthDate: birthDateOf(d, today), nationality: d.nationality, source: 'mrz' });
  // The printed name goes with the printed birth date: an MRZ read in a wrong font can carry another one.
  if (surname) out.push({ documentId, surname: surname.text, givenNames: reading(d, 'givenNames')?.text ?? '', birthDate: reading(d, 'birthDate')?.normalized ?? birthDateOf(d, today), nationality: reading(d, 'nationality')?.text ?? null, source: 'viz' });
  return out;
}

/**
 * The document's numbers: the MRZ's (verified or not), and the printed one when it is well formed, read
 * confidently and different (a changed printed number, or an MRZ misread in a non-OCR-B font: `RP72000I0` for
 * RP7200010, and even a check-digit-valid `555555555`). A document is linked under each of its numbers.
 */
function numbersOf(d: LinkDocumentInput): Pick<NumberedDocument, 'number' | 'numberSource'>[] {
  const out: Pick<NumberedDocument, 'number' | 'numberSource'>[] = [];
  if (d.documentNumber) out.push({ number: normalizeDocumentNumber(d.documentNumber), numberSource: d.mrzValid ? 'mrz-verified' : 'mrz-unverified' });
  const printed = reading(d, 'documentNumber');
  const value = printed ? normalizeDocumentNumber(printed.normalized ?? printed.text) : '';
  if (printed && printed.confidence >= MIN_PRINTED_NUMBER_CONFIDENCE && PRINTED_NUMBER.test(value) && !out.some((n) => n.number === value)) out.push({ number: value, numberSource: 'viz' });
  return out.length ? out : [{ number: null, numberSource: null }];
}

/** One link per kind and pair of ends (a document linked under two numbers gives each pair once). */
function unique(links: readonly LinkDraft[]): LinkDraft[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.kind}|${l.from.type}:${l.from.id}|${l.to.type}:${l.to.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Run every linking rule over the inputs. */
export function linkCase(inputs: LinkerInputs): LinkerResult {
  const label = (id: number) => inputs.exhibits.get(id) ?? `exhibit ${id}`;
  // Document numbers read in each content: two files whose documents share no number are not one picture.
  const contentNumbers = new Map<string, Set<string>>();
  for (const d of inputs.documents) {
    for (const { number } of numbersOf(d)) if (number) contentNumbers.set(d.contentSha256, new Set([...(contentNumbers.get(d.contentSha256) ?? []), number]));
  }
  const contradicts = (a: { sha256: string | null }, b: { sha256: string | null }) => {
    const [na, nb] = [a.sha256 ? contentNumbers.get(a.sha256) : undefined, b.sha256 ? contentNumbers.get(b.sha256) : undefined];
    return !!na && !!nb && ![...na].some((n) => nb.has(n));
  };
  const links: LinkDraft[] = [...sameFileLinks(inputs.items, label), ...sameImageLinks(inputs.items, label, contradicts)];

  const records = inputs.documents.flatMap((d) => personRecords(d, inputs.today));
  const persons = groupPersons(records);
  const personOf = new Map<string, PersonEntity>();
  for (const p of persons) for (const id of p.documentIds) if (!personOf.has(id)) personOf.set(id, p);

  const personsOf = new Map<string, string[]>();
  for (const p of persons) for (const id of new Set(p.documentIds)) personsOf.set(id, [...(personsOf.get(id) ?? []), p.id]);
  const numbered: NumberedDocument[] = inputs.documents.flatMap((d) => {
    const p = personOf.get(String(d.id)) ?? null;
    return numbersOf(d).map((n) => ({
      id: d.id,
      ...n,
      issuingState: d.issuingState,
      personId: p?.id ?? null,
      personIds: personsOf.get(String(d.id)) ?? [],
      nameKey: p ? personKey(p.surname, p.givenNames) : null,
      holder: p ? `${p.surname}, ${p.givenNames}`.replace(/, $/, '') : 'an unread holder',
      birthDate: p?.birthDate ?? null,
      expiryDate: d.expiryDate ?? reading(d, 'expiryDate')?.normalized ?? null,
      mrzLines: d.mrzLines,
    }));
  });
  links.push(...unique([...numberLinks(numbered), ...holderNumberLinks(numbered)]));

  const templateOf = new Map(inputs.documents.map((d) => [d.id, d.templateId]));
  const series = findNumberSeries(
    numbered.filter((d) => d.number !== null).map((d) => ({ documentId: String(d.id), number: d.number!, templateId: templateOf.get(d.id) ?? null, issuingState: d.issuingState })),
    { rules: inputs.seriesRules ?? [] },
  );
  links.push(...unique(series.links));

  let watchlistHits = 0;
  const wlDocs = numbered.filter((d) => d.number).map((d) => ({ documentId: String(d.id), documentNumber: d.number }));
  for (const list of inputs.watchlists) {
    const hits = matchWatchlist(list, wlDocs, persons);
    watchlistHits += hits.length;
    links.push(...hits.map((h) => h.link));
  }
  links.push(...(inputs.measuredLinks ?? []));

  const entities: LinkerEntity[] = persons.map((p) => ({
    ref: refString({ type: 'person', id: p.id }),
    type: 'person',
    label: `${p.surname}, ${p.givenNames}${p.birthDate ? ` (${p.birthDate})` : ''}`,
    attributes: { surname: p.surname, givenNames: p.givenNames, birthDate: p.birthDate, nationalities: p.nationalities, renderings: p.renderings, merges: p.merges, heldApart: p.heldApart },
    members: [...new Set(p.documentIds)].map((id) => refString({ type: 'document', id })),
  }));
  entities.push(...(inputs.measuredEntities ?? []));
  const stats: Record<string, number> = {
    items: inputs.items.length,
    documents: inputs.documents.length,
    persons: persons.length,
    watchlists: inputs.watchlists.length,
    watchlistHits,
    seriesRuns: series.runs.length,
    seriesFlags: series.flags.length,
  };
  return { links, entities, persons, stats };
}
