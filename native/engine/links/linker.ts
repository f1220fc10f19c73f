/**
 * The linker: from what a case holds (items, documents with their template checks, watchlists, and the
 * measurements the link pass adds: portrait signatures, draft evidence, forgery traits) to entities and
 * links. Pure: no store, no files; `link-pass.ts` reads the case and writes the result.
 */
import { formatDate, parseIsoDate, readMrzDate, resolveBirthDate, resolveExpiryDate } from '../domain/mrz/dates';
import type { LinkDocumentInput, LinkItemInput } from '../store/link-inputs.query';
import { holderNumberLinks, numberLinks, samePictureLinks, type NumberedDocument } from './document-links';
import { cardFamilies } from './family-entities';
import { sameFileLinks, sameImageLinks } from './file-links';
import type { ForgeryTraits } from './forgery-traits';
import { confusionKey, normalizeDocumentNumber } from './number-parse';
import { findNumberSeries, type SeriesRule } from './number-series';
import { groupPersons, personKey, type PersonEntity, type PersonRecord } from './persons';
import { refString } from './refs';
import type { LinkDraft } from './types';
import { matchWatchlist, type Watchlist } from './watchlists';

/** Version of the linker's rules; stored with every pass. */
export const LINKER_VERSION = '1.1.0';

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
  /** Entities measured by the pass. */
  readonly measuredEntities?: readonly LinkerEntity[];
  /** Production traits of the flagged documents, grouped here into forgery families (one product per card). */
  readonly forgeryTraits?: readonly ForgeryTraits[];
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
  /** What could not be linked, and why. */
  readonly notes: readonly string[];
}

const reading = (d: LinkDocumentInput, field: string) => d.readings.find((r) => r.field === field && r.text.trim() !== '') ?? null;

/**
 * Whether the MRZ's fields can be relied on at all: it was read and no date it holds is impossible (a month 55, a
 * filler inside a two-digit part; unknown parts `<<` are allowed, Doc 9303 Part 3, 4.7). An MRZ set in a monospace
 * font that is not OCR-B reads as repeated characters (`555555555`, `SSSSYSS…`, birth `055555`) whose check digits
 * hold by the repetition; on the generated action day 8 of 15 such captures read "valid", and none of them read
 * two possible dates. An MRZ that fails this lends the linker no number, name, issuer or date.
 */
function mrzReliable(d: LinkDocumentInput): boolean {
  const dateOk = (raw: string | null) => raw === null || readMrzDate(raw).kind !== 'invalid'; // not read, or a (partial) date
  return d.documentNumber !== null && dateOk(d.birthDate) && dateOk(d.expiryDate);
}
/** The MRZ's YYMMDD when it is a whole calendar date (not partial, not invalid). */
const wholeDate = (raw: string | null): string | null => (raw !== null && readMrzDate(raw).kind === 'date' ? raw : null);

const calendarOf = (today: string) => ({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)), day: Number(today.slice(8, 10)) });

/** Birth date as YYYY-MM-DD: the printed one when it agrees with the MRZ's YYMMDD, else the MRZ's resolved. */
function birthDateOf(d: LinkDocumentInput, today: string): string | null {
  const printed = reading(d, 'birthDate')?.normalized ?? null;
  const raw = wholeDate(d.birthDate);
  if (raw && mrzReliable(d)) {
    if (printed && printed.slice(2, 4) + printed.slice(5, 7) + printed.slice(8, 10) === raw) return printed;
    return formatDate(resolveBirthDate(Number(raw.slice(0, 2)), Number(raw.slice(2, 4)), Number(raw.slice(4, 6)), calendarOf(today)));
  }
  return printed;
}

/**
 * Expiry as YYYY-MM-DD, so that an MRZ's `310525` and a printed `25.05.2031` compare equal: the MRZ's when its
 * check digits hold, else the printed one, else an unverified but reliable MRZ's; null when none was read.
 */
function expiryOf(d: LinkDocumentInput, today: string): string | null {
  const { mrz, printed } = expiryReadingsOf(d, today);
  if (mrz && d.mrzValid) return mrz;
  return printed ?? mrz;
}

/** The expiry as the reliable MRZ and the printed field read it (YYYY-MM-DD), each null when not read. */
function expiryReadingsOf(d: LinkDocumentInput, today: string): { mrz: string | null; printed: string | null } {
  const raw = mrzReliable(d) ? wholeDate(d.expiryDate) : null;
  const mrz = raw ? formatDate(resolveExpiryDate(Number(raw.slice(0, 2)), Number(raw.slice(2, 4)), Number(raw.slice(4, 6)), calendarOf(today))) : null;
  const text = reading(d, 'expiryDate')?.normalized ?? null;
  return { mrz, printed: text && parseIsoDate(text) ? text : null };
}

/**
 * Both readings of the expiry when they disagree on one capture (an MRZ whose check digits hold by a misread, or a
 * printed date misread): either may be the card's. Undefined when they agree or only one was read.
 */
function expiryReadings(d: LinkDocumentInput, today: string): string[] | undefined {
  const { mrz, printed } = expiryReadingsOf(d, today);
  return mrz && printed && mrz !== printed ? [mrz, printed] : undefined;
}

/** Holder records of one document: its MRZ name and its printed name (two readings of one card). */
function personRecords(d: LinkDocumentInput, today: string): PersonRecord[] {
  const out: PersonRecord[] = [];
  const documentId = String(d.id);
  const surname = reading(d, 'surname');
  // An MRZ that does not verify was often misread as a whole (a non-OCR-B font): its name only when nothing was printed.
  if (d.surname && mrzReliable(d) && (d.mrzValid || !surname)) out.push({ documentId, surname: d.surname, givenNames: d.givenNames ?? '', birthDate: birthDateOf(d, today), nationality: d.nationality, source: 'mrz' });
  // The printed name goes with the printed birth date: an MRZ read in a wrong font can carry another one.
  if (surname) out.push({ documentId, surname: surname.text, givenNames: reading(d, 'givenNames')?.text ?? '', birthDate: reading(d, 'birthDate')?.normalized ?? birthDateOf(d, today), nationality: reading(d, 'nationality')?.text ?? null, source: 'viz' });
  return out;
}

/**
 * The document's numbers: the MRZ's (verified or not) when the MRZ is reliable (`mrzReliable`), and the printed
 * one when it is well formed, read confidently and different (a changed printed number, or an MRZ misread in a
 * non-OCR-B font: `RP72000I0` for RP7200010). A document is linked under each of its numbers.
 */
function numbersOf(d: LinkDocumentInput): Pick<NumberedDocument, 'number' | 'numberSource'>[] {
  const out: Pick<NumberedDocument, 'number' | 'numberSource'>[] = [];
  const printed = reading(d, 'documentNumber');
  const value = printed ? normalizeDocumentNumber(printed.normalized ?? printed.text) : '';
  const confidentPrinted = printed !== null && printed.confidence >= MIN_PRINTED_NUMBER_CONFIDENCE && PRINTED_NUMBER.test(value);
  // An MRZ number whose check digit fails is a misreading more often than a print: when the printed number was read
  // confidently it stands for the card (seed 11 of the action day: two permits' non-OCR-B MRZs both read `RP72000I2`).
  if (d.documentNumber && mrzReliable(d) && (d.mrzValid || !confidentPrinted)) out.push({ number: normalizeDocumentNumber(d.documentNumber), numberSource: d.mrzValid ? 'mrz-verified' : 'mrz-unverified' });
  if (confidentPrinted && !out.some((n) => n.number === value)) out.push({ number: value, numberSource: 'viz' });
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
  // Document numbers read in each content: two files whose documents share no number, even allowing for OCR
  // confusions (`RP72000II` and `RP7200011` may be one number), are not one picture.
  const contentNumbers = new Map<string, Set<string>>();
  for (const d of inputs.documents) {
    for (const { number } of numbersOf(d)) if (number) contentNumbers.set(d.contentSha256, new Set([...(contentNumbers.get(d.contentSha256) ?? []), confusionKey(number)]));
  }
  const contradicts = (a: { sha256: string | null }, b: { sha256: string | null }) => {
    const [na, nb] = [a.sha256 ? contentNumbers.get(a.sha256) : undefined, b.sha256 ? contentNumbers.get(b.sha256) : undefined];
    return !!na && !!nb && ![...na].some((n) => nb.has(n));
  };
  const imageLinks = sameImageLinks(inputs.items, label, contradicts);
  const links: LinkDraft[] = [...sameFileLinks(inputs.items, label), ...imageLinks];

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
      issuingState: mrzReliable(d) ? d.issuingState : null,
      personId: p?.id ?? null,
      personIds: personsOf.get(String(d.id)) ?? [],
      nameKey: p ? personKey(p.surname, p.givenNames) : null,
      holder: p ? `${p.surname}, ${p.givenNames}`.replace(/, $/, '') : 'an unread holder',
      birthDate: p?.birthDate ?? null,
      expiryDate: expiryOf(d, inputs.today),
      ...(expiryReadings(d, inputs.today) ? { expiryReadings: expiryReadings(d, inputs.today)! } : {}),
      mrzLines: d.mrzLines,
    }));
  });
  const byNumber = numberLinks(numbered);
  const holderOf = new Map(numbered.map((d) => [d.id, d.holder]));
  const pictureDocs = inputs.documents.map((d) => ({
    id: d.id,
    contentSha256: d.contentSha256,
    birthDate: birthDateOf(d, inputs.today) ?? reading(d, 'birthDate')?.normalized ?? null,
    expiryDate: expiryOf(d, inputs.today),
    holder: holderOf.get(d.id) ?? 'an unread holder',
  }));
  const byPicture = samePictureLinks(imageLinks, new Map(inputs.items.map((i) => [String(i.id), i.sha256])), pictureDocs, byNumber);
  links.push(...unique([...byNumber, ...byPicture, ...holderNumberLinks(numbered)]));

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
  const notes: string[] = [];
  const families = cardFamilies(inputs.forgeryTraits ?? [], [...byNumber, ...byPicture], notes);
  links.push(...families.links);

  const entities: LinkerEntity[] = persons.map((p) => ({
    ref: refString({ type: 'person', id: p.id }),
    type: 'person',
    label: `${p.surname}, ${p.givenNames}${p.birthDate ? ` (${p.birthDate})` : ''}`,
    attributes: { surname: p.surname, givenNames: p.givenNames, birthDate: p.birthDate, nationalities: p.nationalities, renderings: p.renderings, merges: p.merges, heldApart: p.heldApart },
    members: [...new Set(p.documentIds)].map((id) => refString({ type: 'document', id })),
  }));
  entities.push(...(inputs.measuredEntities ?? []), ...families.entities);
  const stats: Record<string, number> = {
    items: inputs.items.length,
    documents: inputs.documents.length,
    persons: persons.length,
    watchlists: inputs.watchlists.length,
    watchlistHits,
    seriesRuns: series.runs.length,
    seriesFlags: series.flags.length,
  };
  return { links, entities, persons, stats, notes };
}
