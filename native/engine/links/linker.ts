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
import { groupPersons, type PersonEntity, type PersonRecord } from './persons';
import { refString } from './refs';
import type { LinkDraft } from './types';
import { matchWatchlist, type Watchlist } from './watchlists';

/** Version of the linker's rules; stored with every pass. */
export const LINKER_VERSION = '1.0.0';

/**
 * A printed document number (template zone OCR) stands in for a missing MRZ number only when read at this
 * confidence or more: at 90+ the generated cards' numbers read right in every case checked (rules.ts), and a
 * wrong number would create false number links.
 */
const MIN_PRINTED_NUMBER_CONFIDENCE = 90;

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
  const birthDate = birthDateOf(d, today);
  const out: PersonRecord[] = [];
  const documentId = String(d.id);
  if (d.surname) out.push({ documentId, surname: d.surname, givenNames: d.givenNames ?? '', birthDate, nationality: d.nationality, source: 'mrz' });
  const surname = reading(d, 'surname');
  if (surname) out.push({ documentId, surname: surname.text, givenNames: reading(d, 'givenNames')?.text ?? '', birthDate, nationality: reading(d, 'nationality')?.text ?? null, source: 'viz' });
  return out;
}

/** The document's number: the MRZ's, else a confidently printed one. */
function numberOf(d: LinkDocumentInput): Pick<NumberedDocument, 'number' | 'numberSource'> {
  if (d.documentNumber) return { number: normalizeDocumentNumber(d.documentNumber), numberSource: d.mrzValid ? 'mrz-verified' : 'mrz-unverified' };
  const printed = reading(d, 'documentNumber');
  if (printed && printed.confidence >= MIN_PRINTED_NUMBER_CONFIDENCE) return { number: normalizeDocumentNumber(printed.normalized ?? printed.text), numberSource: 'viz' };
  return { number: null, numberSource: null };
}

/** Run every linking rule over the inputs. */
export function linkCase(inputs: LinkerInputs): LinkerResult {
  const label = (id: number) => inputs.exhibits.get(id) ?? `exhibit ${id}`;
  const links: LinkDraft[] = [...sameFileLinks(inputs.items, label), ...sameImageLinks(inputs.items, label)];

  const records = inputs.documents.flatMap((d) => personRecords(d, inputs.today));
  const persons = groupPersons(records);
  const personOf = new Map<string, PersonEntity>();
  for (const p of persons) for (const id of p.documentIds) if (!personOf.has(id)) personOf.set(id, p);

  const numbered: NumberedDocument[] = inputs.documents.map((d) => {
    const p = personOf.get(String(d.id)) ?? null;
    return {
      id: d.id,
      ...numberOf(d),
      issuingState: d.issuingState,
      personId: p?.id ?? null,
      holder: p ? `${p.surname}, ${p.givenNames}`.replace(/, $/, '') : 'an unread holder',
      birthDate: p?.birthDate ?? null,
      expiryDate: d.expiryDate ?? reading(d, 'expiryDate')?.normalized ?? null,
      mrzLines: d.mrzLines,
    };
  });
  links.push(...numberLinks(numbered), ...holderNumberLinks(numbered));

  const templateOf = new Map(inputs.documents.map((d) => [d.id, d.templateId]));
  const series = findNumberSeries(
    numbered.filter((d) => d.number !== null).map((d) => ({ documentId: String(d.id), number: d.number!, templateId: templateOf.get(d.id) ?? null, issuingState: d.issuingState })),
    { rules: inputs.seriesRules ?? [] },
  );
  links.push(...series.links);

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
