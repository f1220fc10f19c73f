/**
 * Links between documents by their numbers and holders:
 * - `same-document`: captures of one card (same number, same issuer, same holder, no contradicting expiry);
 * - `number-reused`: one number on different holders (numbers are unique within an issuer's series, so at
 *   most one of the cards is what the issuer made);
 * - `holder-numbers`: one holder on documents with different numbers (a renewal, or several identities' cards
 *   made for one face: the validity periods tell which).
 * - `same-document` also between the documents of two files that show one picture (a `same-image` link): a
 *   messenger copy of a photo shows the card the photo shows, whatever its fields read as.
 * Each group is linked as a star from its first document (lowest id).
 */
import type { LinkDraft } from './types';

/** A document as these links need it; `personId` comes from `groupPersons`. */
export interface NumberedDocument {
  readonly id: number;
  /** Normalised document number (see number-parse.ts), or null when none was read reliably. */
  readonly number: string | null;
  /** Where the number came from: the MRZ (check digit verified or not) or the printed field. */
  readonly numberSource: 'mrz-verified' | 'mrz-unverified' | 'viz' | null;
  readonly issuingState: string | null;
  readonly personId: string | null;
  /** Every person a record of this document joined (its MRZ and printed names may have joined different ones). */
  readonly personIds?: readonly string[];
  /** The holder's name without the birth date (personKey of the name alone), or null when none was read. */
  readonly nameKey: string | null;
  readonly holder: string;
  readonly birthDate: string | null;
  /** YYYY-MM-DD or raw YYMMDD as read; compared only for equality. */
  readonly expiryDate: string | null;
  /**
   * Every reading of the expiry (the reliable MRZ's and the printed one, YYYY-MM-DD) when they differ on this
   * capture; captures contradict only when no reading of one is a reading of the other.
   */
  readonly expiryReadings?: readonly string[];
  readonly mrzLines: readonly string[];
}

/**
 * Same-document strengths. Identical MRZ lines 0.9: every encoded field and check digit agree, which only one
 * card (or a duplicate print of it) shows. Number, holder and expiry 0.8; number and holder with an expiry
 * unread on one side 0.7; number and name with the birth date read on one capture only (so the two are not one
 * person by the person rules) 0.6. Never 1: a workshop can print the same data twice, and captures of two such prints
 * are indistinguishable here by data alone (portraits and print traits tell more: same-portrait, families).
 */
export const SAME_DOCUMENT_STRENGTH = { identicalMrz: 0.9, numberHolderExpiry: 0.8, numberHolder: 0.7, numberName: 0.6 } as const;
/**
 * Number-reused strength: 0.8 when both numbers come from MRZs whose check digit verified (a misread is then
 * unlikely), 0.5 otherwise (one reading may be wrong by a character).
 */
export const NUMBER_REUSED_STRENGTH = { verified: 0.8, unverified: 0.5 } as const;
/**
 * Holder-numbers strength: 0.7 when the validity periods of the two documents overlap (two cards valid at once
 * for one holder is not a renewal), 0.4 when they do not or are unknown (a renewal explains it).
 */
export const HOLDER_NUMBERS_STRENGTH = { overlapping: 0.7, other: 0.4 } as const;

const doc = (id: number) => ({ type: 'document' as const, id: String(id) });

/**
 * The documents of one number split by issuer: numbers are unique within an issuer's series only. A document whose
 * issuer was not read (no reliable MRZ) belongs with the others when they name one issuer, and stays apart when
 * they name several (it cannot be told which series it is of).
 */
function byIssuer(group: readonly NumberedDocument[]): NumberedDocument[][] {
  const issuers = new Set(group.map((d) => d.issuingState).filter((s): s is string => s !== null));
  if (issuers.size <= 1) return [[...group]];
  const out = new Map<string, NumberedDocument[]>();
  for (const d of group) out.set(d.issuingState ?? '?', [...(out.get(d.issuingState ?? '?') ?? []), d]);
  return [...out.values()];
}

/** One holder on both: the same person, or the same name with a birth date missing on one of them. */
function sameHolder(a: NumberedDocument, b: NumberedDocument): boolean {
  if (a.personId !== null && a.personId === b.personId) return true;
  if (a.personIds?.some((p) => b.personIds?.includes(p))) return true;
  return a.nameKey !== null && a.nameKey === b.nameKey && (a.birthDate === null || b.birthDate === null);
}

function sameDocumentStrength(a: NumberedDocument, b: NumberedDocument): { strength: number; basis: string } {
  if (a.personId === null || a.personId !== b.personId) return { strength: SAME_DOCUMENT_STRENGTH.numberName, basis: 'same number and holder name (birth date read on one capture only)' };
  const mrzA = a.mrzLines.join('\n');
  if (mrzA && mrzA === b.mrzLines.join('\n')) return { strength: SAME_DOCUMENT_STRENGTH.identicalMrz, basis: 'identical MRZ lines' };
  if (a.expiryDate && a.expiryDate === b.expiryDate) return { strength: SAME_DOCUMENT_STRENGTH.numberHolderExpiry, basis: 'same number, holder and expiry date' };
  return { strength: SAME_DOCUMENT_STRENGTH.numberHolder, basis: 'same number and holder (expiry date not read on both)' };
}

/** The expiry dates contradict: both read and different. */
const expiryDiffers = (a: NumberedDocument, b: NumberedDocument) => {
  const [ra, rb] = [a.expiryReadings ?? (a.expiryDate ? [a.expiryDate] : []), b.expiryReadings ?? (b.expiryDate ? [b.expiryDate] : [])];
  return ra.length > 0 && rb.length > 0 && !ra.some((e) => rb.includes(e));
};

/** `same-document` and `number-reused` links among documents sharing an issuer (or of an unread issuer) and a number. */
export function numberLinks(documents: readonly NumberedDocument[]): LinkDraft[] {
  const byNumber = new Map<string, NumberedDocument[]>();
  for (const d of documents) {
    if (!d.number) continue;
    const list = byNumber.get(d.number);
    if (list) list.push(d);
    else byNumber.set(d.number, [d]);
  }
  const out: LinkDraft[] = [];
  for (const group of [...byNumber.values()].flatMap(byIssuer)) {
    if (group.length < 2) continue;
    // Instances: same holder and no contradicting expiry date.
    const instances: NumberedDocument[][] = [];
    for (const d of [...group].sort((a, b) => a.id - b.id)) {
      const home = instances.find((inst) => sameHolder(inst[0]!, d) && !inst.some((m) => expiryDiffers(m, d)));
      if (home) home.push(d);
      else instances.push([d]);
    }
    for (const inst of instances) {
      const first = inst[0]!;
      for (const other of inst.slice(1)) {
        const { strength, basis } = sameDocumentStrength(first, other);
        out.push({
          kind: 'same-document',
          from: doc(first.id),
          to: doc(other.id),
          strength,
          evidence: { number: first.number, issuingState: first.issuingState, person: first.personId, basis, expiry: [first.expiryDate, other.expiryDate] },
          summary: `documents ${first.id} and ${other.id} carry number ${first.number} of ${first.holder} (${basis})`,
        });
      }
    }
    const heads = instances.map((inst) => inst[0]!);
    const first = heads[0]!;
    for (const other of heads.slice(1)) {
      const verified = first.numberSource === 'mrz-verified' && other.numberSource === 'mrz-verified';
      const sameHolder = first.personId !== null && first.personId === other.personId;
      out.push({
        kind: 'number-reused',
        from: doc(first.id),
        to: doc(other.id),
        strength: verified ? NUMBER_REUSED_STRENGTH.verified : NUMBER_REUSED_STRENGTH.unverified,
        evidence: { number: first.number, issuingState: first.issuingState, holders: [first.holder, other.holder], persons: [first.personId, other.personId], birthDates: [first.birthDate, other.birthDate], expiry: [first.expiryDate, other.expiryDate], numberSources: [first.numberSource, other.numberSource] },
        summary: sameHolder
          ? `number ${first.number} appears on two documents of ${first.holder} with different expiry dates (${first.expiryDate} and ${other.expiryDate})`
          : `number ${first.number} appears on documents of ${first.holder} and of ${other.holder}`,
      });
    }
  }
  return out;
}

/** Validity as [issue-or-unknown, expiry]; overlap needs both expiries and is judged on expiry order only. */
function validityOverlaps(a: NumberedDocument, b: NumberedDocument, validityYears: number | null): boolean {
  if (!a.expiryDate || !b.expiryDate || validityYears === null) return false;
  const year = (e: string) => (e.length === 6 ? 2000 + Number(e.slice(0, 2)) : Number(e.slice(0, 4)));
  return Math.abs(year(a.expiryDate) - year(b.expiryDate)) < validityYears;
}

/**
 * `holder-numbers` links: for each person whose documents carry several numbers, a star from the first
 * number's first document to the first document of each other number.
 * @param validityYears how long a card is valid (template rule), to tell overlapping cards from renewals
 */
export function holderNumberLinks(documents: readonly NumberedDocument[], validityYears: number | null = 5): LinkDraft[] {
  const byPerson = new Map<string, NumberedDocument[]>();
  for (const d of documents) if (d.personId && d.number) byPerson.set(d.personId, [...(byPerson.get(d.personId) ?? []), d]);
  const out: LinkDraft[] = [];
  for (const [personId, docs] of byPerson) {
    const byNumber = new Map<string, NumberedDocument>();
    for (const d of [...docs].sort((a, b) => a.id - b.id)) if (!byNumber.has(d.number!)) byNumber.set(d.number!, d);
    if (byNumber.size < 2) continue;
    const [first, ...others] = [...byNumber.values()];
    for (const other of others) {
      if (other.id === first!.id) continue; // one document read under two numbers is not two cards
      const overlapping = validityOverlaps(first!, other, validityYears);
      out.push({
        kind: 'holder-numbers',
        from: doc(first!.id),
        to: doc(other.id),
        strength: overlapping ? HOLDER_NUMBERS_STRENGTH.overlapping : HOLDER_NUMBERS_STRENGTH.other,
        evidence: { person: personId, holder: first!.holder, numbers: [first!.number, other.number], expiry: [first!.expiryDate, other.expiryDate], validityOverlaps: overlapping },
        summary: `${first!.holder} holds documents with numbers ${first!.number} and ${other.number}${overlapping ? ', valid at the same time' : ''}`,
      });
    }
  }
  return out;
}

/**
 * Strength of a same-document link made from a same-image link: 0.75, below number, holder and expiry (0.8)
 * because a copy of a picture may have been edited, above number and holder alone (0.7) because the picture
 * itself is one capture of one card. Measured on the action day: the captures this rule adds are messenger copies
 * whose printed number read at confidence 41-45 (too low to be linked by number) or whose surname was not read.
 */
export const SAME_PICTURE_DOCUMENT_STRENGTH = 0.75;

/** A document as `samePictureLinks` needs it. */
export interface PictureDocument {
  readonly id: number;
  readonly contentSha256: string;
  readonly birthDate: string | null;
  readonly expiryDate: string | null;
  readonly holder: string;
}

/**
 * `same-document` links between the documents of files linked as one picture (`same-image`). Only when each file
 * holds exactly one document: with several cards in a picture, which one is which needs their positions, and a
 * wrong pairing would join two cards. Not when the two documents read different birth dates or expiry dates
 * (both read and different): then the picture was edited or the pHashes met by chance, and the fields decide.
 * @param imageLinks same-image links between items
 * @param shaOfItem the content SHA-256 of an item id
 * @param documents every document, with the content it was found in
 * @param known same-document links already made (by number): pairs they already join get no second link
 */
export function samePictureLinks(imageLinks: readonly LinkDraft[], shaOfItem: ReadonlyMap<string, string | null>, documents: readonly PictureDocument[], known: readonly LinkDraft[] = []): LinkDraft[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const join = (a: string, b: string) => parent.set(find(a), find(b));
  for (const l of known) if (l.kind === 'same-document') join(l.from.id, l.to.id);
  const bySha = new Map<string, PictureDocument[]>();
  for (const d of documents) bySha.set(d.contentSha256, [...(bySha.get(d.contentSha256) ?? []), d]);
  const differ = (a: string | null, b: string | null) => a !== null && b !== null && a !== b;
  const out: LinkDraft[] = [];
  for (const link of imageLinks) {
    if (link.kind !== 'same-image') continue;
    const [shaA, shaB] = [shaOfItem.get(link.from.id), shaOfItem.get(link.to.id)];
    const [docsA, docsB] = [shaA ? bySha.get(shaA) : undefined, shaB ? bySha.get(shaB) : undefined];
    if (docsA?.length !== 1 || docsB?.length !== 1) continue;
    const [a, b] = [docsA[0]!, docsB[0]!].sort((x, y) => x.id - y.id) as [PictureDocument, PictureDocument];
    if (differ(a.birthDate, b.birthDate) || differ(a.expiryDate, b.expiryDate)) continue;
    if (find(String(a.id)) === find(String(b.id))) continue;
    join(String(a.id), String(b.id));
    out.push({
      kind: 'same-document',
      from: doc(a.id),
      to: doc(b.id),
      strength: SAME_PICTURE_DOCUMENT_STRENGTH,
      evidence: { basis: 'same picture', sameImage: { from: link.from.id, to: link.to.id, strength: link.strength }, birthDates: [a.birthDate, b.birthDate], expiry: [a.expiryDate, b.expiryDate] },
      summary: `documents ${a.id} and ${b.id} are one card of ${a.holder === 'an unread holder' ? b.holder : a.holder}: their files show the same picture (item ${link.from.id} and item ${link.to.id})`,
    });
  }
  return out;
}
