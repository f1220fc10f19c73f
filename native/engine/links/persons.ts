/**
 * Person entities from document fields (issue 6): holder names from the MRZ and the printed zone (VIZ) of
 * each document, normalised transliteration-aware (`person-names.ts`), grouped into persons when a name
 * rendering is shared and the birth dates agree, and compared pairwise with explainable rules.
 * Pure: callers pass the records in; nothing is read or written here.
 */
import { letterCount, normalizePersonName, personKeyOf, singleEdit, sortedTokens, type PersonNameForms } from './person-names';

export { normalizePersonName, personKey, personKeyOf, skeletonOf, type PersonNameForms } from './person-names';

/** One holder name as read from one document, the input of `groupPersons`. */
export interface PersonRecord {
  readonly documentId: string;
  readonly surname: string;
  readonly givenNames: string;
  /** YYYY-MM-DD, or null when not read. */
  readonly birthDate: string | null;
  /** Nationality code as read (e.g. `SRB`, `D`), or null. */
  readonly nationality: string | null;
  readonly source: 'mrz' | 'viz';
}

/** Why one record joined a person: the record, the record it was joined to, the rule and the shared value. */
export interface PersonMergeEvidence {
  readonly record: { readonly documentId: string; readonly source: PersonRecord['source'] };
  readonly joinedTo: { readonly documentId: string; readonly source: PersonRecord['source'] };
  /** `shared-rendering`: same MRZ rendering and same birth date; `same-document`: same document, same rendering, one birth date missing. */
  readonly rule: 'shared-rendering' | 'same-document';
  readonly rendering: string;
  readonly birthDate: string | null;
}

/** A person: the records that name them, the renderings of their name and why each record joined. */
export interface PersonEntity {
  /** `person:<key>`, with `~2`, `~3`, ... when two persons share a key (see `personKey`). */
  readonly id: string;
  readonly key: string;
  /** Display name: from the first printed (VIZ) record, which keeps diacritics, else the first record. */
  readonly surname: string;
  readonly givenNames: string;
  readonly birthDate: string | null;
  /** Every nationality read on the records (they may legitimately differ: `D`/`DEU`, dual nationals). */
  readonly nationalities: readonly string[];
  /** Union of the full MRZ renderings of all records. */
  readonly renderings: readonly string[];
  readonly documentIds: readonly string[];
  readonly records: readonly PersonRecord[];
  readonly merges: readonly PersonMergeEvidence[];
  /** Why a record of this person was kept apart from other persons its name matched (ambiguous same-document merge). */
  readonly heldApart: readonly string[];
}

/** Name part of `personMatch`. */
export type NameRule = 'shared-rendering' | 'skeleton' | 'given-order' | 'fields-swapped' | 'truncation' | 'one-edit' | 'none';

/** Result of `personMatch`. */
export interface PersonMatch {
  readonly match: 'same' | 'possible' | 'different';
  readonly evidence: {
    readonly nameRule: NameRule;
    readonly nameDetail: string;
    readonly birthDates: { readonly a: string | null; readonly b: string | null; readonly status: 'agree' | 'missing' | 'differ' };
    readonly nationality: { readonly a: string | null; readonly b: string | null; readonly status: 'agree' | 'missing' | 'differ' };
    readonly sameDocument: boolean;
    readonly explanation: string;
  };
}

/** What `personMatch` compares; `documentId` and `source` are optional refinements. */
export type PersonLike = Pick<PersonRecord, 'surname' | 'givenNames' | 'birthDate' | 'nationality'> & Partial<Pick<PersonRecord, 'documentId' | 'source'>>;

/**
 * The one-edit rule applies only when the shorter full name has at least this many letters (fillers not
 * counted). Chosen, not measured on a name corpus: at 10 letters one edit changes at most a tenth of the
 * name, typical of an OCR or typing slip, whereas in short names one letter separates distinct names
 * (ANA/ANE, LI<<WEI/LI<<WEN).
 */
export const MIN_LETTERS_FOR_ONE_EDIT = 10;

/**
 * The truncation rule applies only when the shorter (MRZ) form is at least this long: the TD1 name field has
 * 30 characters (Doc 9303 Part 5) and a cut can leave up to two trailing fillers (`<<`), which the MRZ
 * reader strips; TD2 (31) and TD3 (39) fields are longer, so 28 admits all three.
 */
export const MIN_TRUNCATED_LENGTH = 28;

const codeOf = (nationality: string | null) => (nationality ? nationality.toUpperCase().replace(/<+$/, '').trim() || null : null);
const status = (a: string | null, b: string | null) => (a === null || b === null ? 'missing' : a === b ? 'agree' : 'differ');

/** The name relation of two normalised names, strongest rule first. */
function nameRelation(a: PersonNameForms, b: PersonNameForms, sourceA?: string, sourceB?: string): { rule: NameRule; detail: string } {
  const fullB = new Set(b.full);
  const shared = a.full.find((f) => fullB.has(f));
  if (shared !== undefined) return { rule: 'shared-rendering', detail: `both render as ${shared}` };
  const skeletonsB = new Set(b.skeletons);
  const skeleton = a.skeletons.find((s) => skeletonsB.has(s));
  if (skeleton !== undefined) return { rule: 'skeleton', detail: `renderings differ only in transliteration digraphs (both fold to ${skeleton}): ${a.full[0] ?? ''} / ${b.full[0] ?? ''}` };
  const surnameShared = a.surnames.some((s) => s !== '' && b.surnames.includes(s));
  if (surnameShared) {
    for (const ga of a.givenNames) for (const gb of b.givenNames)
      if (ga !== gb && ga.includes('<') && sortedTokens(ga) === sortedTokens(gb)) return { rule: 'given-order', detail: `same surname, given names in another order: ${ga} / ${gb}` };
  }
  const swapped = a.surnames.some((s) => s !== '' && b.givenNames.includes(s)) && a.givenNames.some((g) => g !== '' && b.surnames.includes(g));
  if (swapped) return { rule: 'fields-swapped', detail: `surname and given names exchanged: ${a.full[0] ?? ''} / ${b.full[0] ?? ''}` };
  for (const [short, long, shortSource] of [[a, b, sourceA], [b, a, sourceB]] as const) {
    if (shortSource === 'viz') continue; // only the MRZ truncates names (Doc 9303 Part 3, 4.6.4)
    for (const s of short.full) {
      if (s.length < MIN_TRUNCATED_LENGTH) continue;
      const l = long.full.find((f) => f.length > s.length && f.startsWith(s));
      if (l !== undefined) return { rule: 'truncation', detail: `${s} (${s.length} characters) is the start of ${l}, as in a truncated MRZ name` };
    }
  }
  for (const fa of a.full) for (const fb of b.full) {
    if (Math.min(letterCount(fa), letterCount(fb)) < MIN_LETTERS_FOR_ONE_EDIT) continue;
    const edit = singleEdit(fa, fb);
    if (edit !== null) return { rule: 'one-edit', detail: `${fa} / ${fb} differ by one edit (${edit})` };
  }
  return { rule: 'none', detail: `no rule relates ${a.full[0] ?? '(no letters)'} and ${b.full[0] ?? '(no letters)'}` };
}

/**
 * Compares two holder names with birth dates, by explicit rules (no score):
 * - `same`: a shared MRZ rendering (transliteration variants included) and equal birth dates; or a shared
 *   rendering on two readings of the same document (`documentId` equal) with one birth date missing.
 * - `possible`: a shared rendering with a birth date missing on another document (the name alone does not
 *   identify a person); or, with equal birth dates, a weaker name relation: renderings equal after folding
 *   transliteration digraphs (`skeleton`, e.g. MRZs MUELLER/MULLER), given names in another order,
 *   surname and given names exchanged, an MRZ name that is the start of the other (`truncation`, at least
 *   MIN_TRUNCATED_LENGTH characters), or one edit in a name of at least MIN_LETTERS_FOR_ONE_EDIT letters.
 * - `different`: anything else, including equal names with different birth dates (namesakes).
 * Nationality is reported, not used: records of one person legitimately differ (`D`/`DEU`, dual nationals).
 * @param a first holder (record or entity fields)
 * @param b second holder
 */
export function personMatch(a: PersonLike, b: PersonLike): PersonMatch {
  return personMatchForms(a, normalizePersonName(a.surname, a.givenNames), b, normalizePersonName(b.surname, b.givenNames));
}

/**
 * `personMatch` with names already normalised, for callers that compare one name many times.
 * @param a first holder
 * @param formsA normalizePersonName(a.surname, a.givenNames)
 * @param b second holder
 * @param formsB normalizePersonName(b.surname, b.givenNames)
 */
export function personMatchForms(a: PersonLike, formsA: PersonNameForms, b: PersonLike, formsB: PersonNameForms): PersonMatch {
  const name = nameRelation(formsA, formsB, a.source, b.source);
  const birth = status(a.birthDate, b.birthDate);
  const natA = codeOf(a.nationality);
  const natB = codeOf(b.nationality);
  const sameDocument = a.documentId !== undefined && a.documentId === b.documentId;
  let match: PersonMatch['match'] = 'different';
  let why: string;
  if (name.rule === 'none') why = 'names do not match';
  else if (birth === 'differ') why = `birth dates differ (${a.birthDate ?? ''} / ${b.birthDate ?? ''})`;
  else if (name.rule === 'shared-rendering') {
    if (birth === 'agree') [match, why] = ['same', 'same name rendering and birth date'];
    else if (sameDocument) [match, why] = ['same', 'same name rendering on two readings of one document; a birth date is missing'];
    else [match, why] = ['possible', 'same name rendering but a birth date is missing, so namesakes cannot be excluded'];
  } else if (birth === 'agree') [match, why] = ['possible', `equal birth dates and a name relation weaker than a shared rendering (${name.rule})`];
  else why = `only a weak name relation (${name.rule}) and no birth date to support it`;
  return {
    match,
    evidence: {
      nameRule: name.rule,
      nameDetail: name.detail,
      birthDates: { a: a.birthDate, b: b.birthDate, status: birth },
      nationality: { a: natA, b: natB, status: status(natA, natB) },
      sameDocument,
      explanation: `${match}: ${why}; ${name.detail}`,
    },
  };
}

/** Appends to the list under `key`, creating it (linear, unlike copying the list on every append). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Union-find over record indices. */
function unionFind(n: number) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    while (parent[i] !== root) {
      const next = parent[i] ?? root;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  return { find, union: (a: number, b: number) => (parent[find(b)] = find(a)) };
}

/**
 * Groups holder records into persons. Two records join when they share a full MRZ rendering (so a VIZ
 * `Đorđević` joins an MRZ `DJORDJEVIC` and an MRZ `DORDEVIC`) and both carry the same birth date; a record
 * without a birth date joins only a record of the same document with a shared rendering, and only when
 * those candidates form a single person. Why: a missing birth date is not a wildcard. Two unrelated holders
 * named MARKO<<PETROVIC born on different days must stay two persons, and a wildcard record would chain them
 * into one (A~C and C~B give A~B). Reading the name twice on one card is the only safe exception.
 * Linear in the number of records and renderings (index lookups, no all-pairs).
 * @param records holder names, one per document reading (MRZ and VIZ of one card are two records)
 * @returns persons in order of their first record, each with the evidence of every merge
 */
export function groupPersons(records: readonly PersonRecord[]): PersonEntity[] {
  const memo = new Map<string, PersonNameForms>(); // readings repeat names: normalise each name once
  const parts = new Map<string, string[]>(); // and each name part (given names repeat across surnames)
  const named = records.map((r) => {
    const key = `${r.surname}\u0000${r.givenNames}`;
    const known = memo.get(key);
    if (known) return known;
    const fresh = normalizePersonName(r.surname, r.givenNames, parts);
    memo.set(key, fresh);
    return fresh;
  });
  const forms = named.map((n) => n.full);
  const sets = unionFind(records.length);
  const merges: { index: number; evidence: PersonMergeEvidence }[] = [];
  const ref = (r: PersonRecord) => ({ documentId: r.documentId, source: r.source });
  const join = (i: number, j: number, rule: PersonMergeEvidence['rule'], rendering: string) => {
    const [ri, rj] = [records[i], records[j]];
    if (!ri || !rj || sets.find(i) === sets.find(j)) return;
    sets.union(j, i);
    merges.push({ index: i, evidence: { record: ref(ri), joinedTo: ref(rj), rule, rendering, birthDate: ri.birthDate ?? rj.birthDate } });
  };
  const byRenderingAndBirth = new Map<string, number>();
  const byDocumentAndRendering = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const f of forms[i] ?? []) {
      pushTo(byDocumentAndRendering, `${r.documentId}\u0000${f}`, i);
      if (r.birthDate === null) continue;
      const key = `${f}\u0000${r.birthDate}`;
      const first = byRenderingAndBirth.get(key);
      if (first === undefined) byRenderingAndBirth.set(key, i);
      else join(i, first, 'shared-rendering', f);
    }
  });
  const heldApart = new Map<number, string[]>();
  records.forEach((r, i) => {
    if (r.birthDate !== null) return;
    const candidates = new Map<number, { j: number; rendering: string }>();
    for (const f of forms[i] ?? []) for (const j of byDocumentAndRendering.get(`${r.documentId}\u0000${f}`) ?? [])
      if (j !== i && sets.find(j) !== sets.find(i) && !candidates.has(sets.find(j))) candidates.set(sets.find(j), { j, rendering: f });
    const only = candidates.size === 1 ? [...candidates.values()][0] : undefined;
    if (only) join(i, only.j, 'same-document', only.rendering);
    else if (candidates.size > 1) heldApart.set(i, [`${r.source} reading of ${r.documentId} has no birth date and its name matches ${candidates.size} different persons on that document; not merged`]);
  });
  return buildEntities(records, named, sets.find, merges, heldApart);
}

function buildEntities(records: readonly PersonRecord[], named: readonly PersonNameForms[], find: (i: number) => number,
  merges: readonly { index: number; evidence: PersonMergeEvidence }[], heldApart: ReadonlyMap<number, string[]>): PersonEntity[] {
  const members = new Map<number, number[]>();
  records.forEach((_, i) => pushTo(members, find(i), i));
  const mergesOf = new Map<number, PersonMergeEvidence[]>();
  for (const m of merges) pushTo(mergesOf, find(m.index), m.evidence);
  const idCount = new Map<string, number>();
  const out: PersonEntity[] = [];
  for (const [root, indices] of [...members].sort((x, y) => (x[1][0] ?? 0) - (y[1][0] ?? 0))) {
    const recs = indices.map((i) => records[i]).filter((r): r is PersonRecord => r !== undefined);
    const displayIndex = indices.find((i) => records[i]?.source === 'viz') ?? indices[0] ?? 0;
    const display = records[displayIndex];
    const displayForms = named[displayIndex];
    if (!display || !displayForms) continue;
    const birthDate = recs.find((r) => r.birthDate !== null)?.birthDate ?? null;
    const key = personKeyOf(displayForms, birthDate);
    const n = (idCount.get(key) ?? 0) + 1;
    idCount.set(key, n);
    out.push({
      id: n === 1 ? `person:${key}` : `person:${key}~${n}`,
      key,
      surname: display.surname,
      givenNames: display.givenNames,
      birthDate,
      nationalities: [...new Set(recs.map((r) => codeOf(r.nationality)).filter((c): c is string => c !== null))],
      renderings: [...new Set(indices.flatMap((i) => named[i]?.full ?? []))],
      documentIds: [...new Set(recs.map((r) => r.documentId))],
      records: recs,
      merges: mergesOf.get(root) ?? [],
      heldApart: indices.flatMap((i) => heldApart.get(i) ?? []),
    });
  }
  return out;
}
