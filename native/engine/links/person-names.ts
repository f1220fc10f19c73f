/**
 * Transliteration-aware person names for the linker: every legitimate MRZ rendering of a name (ICAO Doc 9303
 * Part 3, section 6, through `native/engine/domain/transliteration.ts` and its data table), a scheme-free
 * "skeleton" for keys, and the small string measures `persons.ts` explains its matches with.
 * A printed (VIZ) name such as `Đorđević` and the MRZ name of the same holder (`DORDEVIC` or `DJORDJEVIC`)
 * share a rendering and give the same key.
 */
import table from '../../../resources/data/transliteration.json';
import { MAX_RENDERINGS, mrzRenderings } from '../domain/transliteration';

/** The renderings of one person's name. */
export interface PersonNameForms {
  /** MRZ renderings of the surname (primary identifier), preferred first. */
  readonly surnames: readonly string[];
  /** MRZ renderings of the given names (secondary identifier), preferred first; `['']` when there are none. */
  readonly givenNames: readonly string[];
  /** Full MRZ name forms `SURNAME<<GIVEN<NAMES`, preferred first; empty when the name has no letters. */
  readonly full: readonly string[];
  /** Scheme-free folding of every full form (see `skeletonOf`), deduplicated. */
  readonly skeletons: readonly string[];
}

/**
 * Digraph → single letter, derived from the transliteration table: wherever a letter has several legitimate
 * renderings (Ä AE/A, Đ D/DJ, Ж Z/ZH, Ц C/TS, Х H/KH, ...), the longer ones fold to the shortest. Folding both
 * sides of a comparison with it removes the scheme choice (MUELLER and MULLER both give MULLER).
 */
const DIGRAPH_FOLDS: ReadonlyMap<string, string> = (() => {
  const folds = new Map<string, string>();
  const sections = [table.latin, table.cyrillic] as readonly Record<string, { readonly mrz: readonly string[] }>[];
  for (const section of sections) {
    for (const entry of Object.values(section)) {
      const options = [...new Set(entry.mrz)];
      if (options.length < 2) continue;
      const shortest = options.reduce((a, b) => (b.length < a.length ? b : a));
      for (const option of options) if (option !== shortest && !folds.has(option)) folds.set(option, shortest);
    }
  }
  return folds;
})();

/** Longest digraph in DIGRAPH_FOLDS, so the fold scans only that far ahead. */
const LONGEST_DIGRAPH = Math.max(1, ...[...DIGRAPH_FOLDS.keys()].map((k) => k.length));

/** The digraph folds, for tests and for evidence ("AE→A, DJ→D, ..."). */
export function digraphFolds(): ReadonlyMap<string, string> {
  return DIGRAPH_FOLDS;
}

/**
 * Folds an MRZ-form name to its scheme-free skeleton: left to right, the longest digraph of DIGRAPH_FOLDS at
 * each position is replaced by its single-letter form (`DJORDJEVIC` → `DORDEVIC`, `ZHARKO` → `ZARKO`).
 * Known limitation: the fold also applies to digraphs that were spelled, not transliterated (`RAEL` → `RAL`),
 * and a digraph formed across two letters of different schemes can fold differently; it is therefore used
 * for keys and 'possible' matches, never alone for 'same'.
 */
export function skeletonOf(mrzForm: string): string {
  let out = '';
  let i = 0;
  while (i < mrzForm.length) {
    let done = false;
    for (let len = Math.min(LONGEST_DIGRAPH, mrzForm.length - i); len >= 2 && !done; len--) {
      const fold = DIGRAPH_FOLDS.get(mrzForm.slice(i, i + len));
      if (fold !== undefined) {
        out += fold;
        i += len;
        done = true;
      }
    }
    if (!done) {
      out += mrzForm[i] ?? '';
      i += 1;
    }
  }
  return out;
}

/**
 * One name part (printed or MRZ) to its MRZ renderings; MRZ fillers `<` are read as spaces first.
 * Fast path: a part of plain A-Z letters and separators (every MRZ name) has exactly one rendering, upper
 * case with `<` for each run of separators, which is what `mrzRenderings` returns for it (tested) at a
 * fraction of its cost (about 30 µs a call measured on this machine, which dominates grouping 50,000 records).
 */
function partRenderings(text: string): string[] {
  if (/^[A-Za-z<\s-]*$/.test(text)) return [text.toUpperCase().replace(/[<\s-]+/g, '<').replace(/^<|<$/g, '')];
  return mrzRenderings(text.replace(/</g, ' '));
}

/**
 * All legitimate MRZ renderings of a person's name, from a printed (VIZ) name with diacritics or Cyrillic or
 * from an MRZ name with `<` separators: `('Đorđević', 'Žarko')` → full forms `DORDEVIC<<ZARKO`,
 * `DJORDJEVIC<<ZARKO`; `('DJORDJEVIC', 'ZARKO')` → `DJORDJEVIC<<ZARKO`. Each part is rendered by
 * `mrzRenderings` (one scheme per part, Doc 9303 Part 3 section 6); the full forms are the product of the
 * part renderings, capped at MAX_RENDERINGS (the transliteration module's cap, for the same reason).
 * @param surname primary identifier as printed or as read from the MRZ
 * @param givenNames secondary identifier(s), space- or `<`-separated; empty when the holder has none
 * @param partCache optional map the caller keeps across calls: name part → renderings (given names and
 *   surnames repeat across records, and rendering a printed part is the costly step)
 */
export function normalizePersonName(surname: string, givenNames: string, partCache?: Map<string, string[]>): PersonNameForms {
  const render = (part: string) => {
    const known = partCache?.get(part);
    if (known) return known;
    const fresh = partRenderings(part);
    partCache?.set(part, fresh);
    return fresh;
  };
  const surnames = render(surname);
  const given = render(givenNames);
  const hasLetters = surnames.some((s) => s !== '') || given.some((g) => g !== '');
  const full = hasLetters ? [...new Set(surnames.flatMap((s) => given.map((g) => `${s}<<${g}`)))].slice(0, MAX_RENDERINGS) : [];
  return { surnames, givenNames: given, full, skeletons: [...new Set(full.map(skeletonOf))] };
}

/**
 * Key of a person for indexes and display: the skeleton of the preferred full rendering, then `|` and the
 * birth date (or `|?` when unknown). A printed name and any of its legitimate MRZ renderings give the same
 * key (`Đorđević`/`DJORDJEVIC` → `DORDEVIC<<...`). The key is coarser than "shares a rendering" (two MRZs
 * `MUELLER` and `MULLER` also share it), so grouping uses shared renderings and the key only names groups.
 * Returns `?|...` for a name without letters.
 * @param surname primary identifier (printed or MRZ)
 * @param givenNames secondary identifier(s)
 * @param birthDate YYYY-MM-DD or null
 */
export function personKey(surname: string, givenNames: string, birthDate: string | null = null): string {
  return personKeyOf(normalizePersonName(surname, givenNames), birthDate);
}

/**
 * `personKey` from names already normalised (same result, no second normalisation).
 * @param forms the result of normalizePersonName
 * @param birthDate YYYY-MM-DD or null
 */
export function personKeyOf(forms: PersonNameForms, birthDate: string | null): string {
  return `${forms.skeletons[0] ?? '?'}|${birthDate ?? '?'}`;
}

/** Letters of an MRZ form, without fillers: the length the one-edit rule is measured on. */
export function letterCount(mrzForm: string): number {
  return mrzForm.replace(/</g, '').length;
}

/**
 * Whether two strings differ by exactly one edit: one substitution, insertion, deletion, or transposition of
 * two adjacent characters (optimal string alignment distance 1). Linear time.
 * @returns a description of the edit (`substitution at 5: 'C'→'K'`) or null when the distance is not 1
 */
export function singleEdit(a: string, b: string): string | null {
  if (a === b || Math.abs(a.length - b.length) > 1) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return `substitution at ${i + 1}: '${a[i] ?? ''}'→'${b[i] ?? ''}'`;
    if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return `transposition at ${i + 1}: '${a.slice(i, i + 2)}'→'${b.slice(i, i + 2)}'`;
    return null;
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  if (longer.slice(i + 1) !== shorter.slice(i)) return null;
  return a.length > b.length ? `deletion at ${i + 1}: '${longer[i] ?? ''}'` : `insertion at ${i + 1}: '${longer[i] ?? ''}'`;
}

/** Given-name tokens in alphabetical order, for the order-insensitive comparison. */
export function sortedTokens(mrzPart: string): string {
  return mrzPart.split('<').filter(Boolean).sort().join('<');
}
