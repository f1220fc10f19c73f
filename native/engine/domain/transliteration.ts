/**
 * Transliteration of printed names to the MRZ (ICAO Doc 9303 Part 3, section 6) and a folding for
 * full-text search, both driven by the data file `resources/data/transliteration.json` (Latin letters
 * with diacritics, Serbian and Macedonian Cyrillic with the ICAO generic Cyrillic table, separators).
 */
import table from '../../../resources/data/transliteration.json';

/** One table entry: the legitimate MRZ renderings (preferred first) and the search form. */
interface Entry {
  readonly mrz: readonly string[];
  readonly search?: string;
  readonly note?: string;
}

/** Version of the transliteration table, to be cited with cross-check findings. */
export const TRANSLITERATION_VERSION: string = table.version;

const LETTERS: ReadonlyMap<string, Entry> = new Map<string, Entry>([...Object.entries(table.latin as Record<string, Entry>), ...Object.entries(table.cyrillic as Record<string, Entry>)]);
const SEPARATORS: ReadonlyMap<string, Entry> = new Map(Object.entries(table.separators as Record<string, Entry>));

/**
 * At most this many renderings are returned. Schemes (3) x apostrophe choices (2 each) stay far below it
 * for real names; the cap only guards against pathological input (a line of 40 apostrophes).
 */
export const MAX_RENDERINGS = 64;

/** Entry for one character (looked up as written, then upper-cased), or null. */
function entryOf(ch: string): Entry | null {
  const upper = ch.toUpperCase();
  return LETTERS.get(ch) ?? (upper.length === 1 ? LETTERS.get(upper) : undefined) ?? null;
}

/** Base letter by Unicode decomposition (É → E), or null when that is not A-Z. */
function decomposed(ch: string): string | null {
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  return /^[A-Z]+$/.test(base) ? base : null;
}

/** How one character renders: scheme-dependent letter options, scheme-independent separator options, or fixed. */
type CharRendering = { readonly kind: 'letter' | 'separator'; readonly options: readonly string[] };

function renderingOf(ch: string): CharRendering {
  if (/^[A-Za-z]$/.test(ch)) return { kind: 'letter', options: [ch.toUpperCase()] };
  const entry = entryOf(ch);
  if (entry) return { kind: 'letter', options: entry.mrz };
  const separator = SEPARATORS.get(ch) ?? (/\s/.test(ch) ? SEPARATORS.get(' ') : undefined);
  if (separator) return { kind: 'separator', options: separator.mrz };
  const base = decomposed(ch);
  return { kind: 'letter', options: [base ?? ''] };
}

/** Runs of fillers collapse to one; fillers at either end go (the MRZ has no leading filler in a name part). */
function tidy(rendering: string): string {
  return rendering.replace(/<{2,}/g, '<').replace(/^<+|<+$/g, '');
}

/**
 * Every legitimate MRZ rendering of a printed name part (e.g. a surname), preferred first, at most
 * MAX_RENDERINGS: `Müller` → `MUELLER`, `MULLER`; `Ђорђевић` → `DORDEVIC`, `DJORDJEVIC`; `Жарко` → `ZARKO`,
 * `ZHARKO`; spaces and hyphens become `<`, apostrophes are omitted or `<`. Doc 9303 Part 3, section 6.
 * A name is rendered in one scheme throughout (the `schemes` of the data file): `MUELLER<MULLER`-style
 * mixtures are not legitimate and are not produced. It renders one identifier; joining surname and given
 * names with `<<` is the caller's. Known limitation: letters outside the table and without a Latin
 * decomposition (Greek, Arabic, ...) are dropped, not transliterated.
 */
export function mrzRenderings(text: string): string[] {
  const chars = [...text.normalize('NFC')].map(renderingOf);
  const schemes = Math.max(1, ...chars.filter((c) => c.kind === 'letter').map((c) => c.options.length));
  const out: string[] = [];
  for (let scheme = 0; scheme < schemes; scheme++) {
    let partial = [''];
    for (const c of chars) {
      const options = c.kind === 'letter' ? [c.options[Math.min(scheme, c.options.length - 1)] ?? ''] : c.options;
      partial = partial.flatMap((prefix) => options.map((option) => prefix + option)).slice(0, MAX_RENDERINGS);
    }
    out.push(...partial.map(tidy));
  }
  return [...new Set(out)].slice(0, MAX_RENDERINGS);
}

/**
 * Text folded for full-text search: upper case, diacritics removed (Ä → A, ß → SS, Đ → D), Serbian and
 * Macedonian Cyrillic to Latin (Ж → Z, Љ → LJ), apostrophes dropped (O'Neil → ONEIL), anything else that is
 * not a letter or digit to a single space.
 * Known false negative: the digraph spellings (MUELLER, DJORDJEVIC) fold to themselves, not to MULLER/DORDEVIC.
 */
export function normalizeForSearch(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const entry = entryOf(ch);
    const separator = SEPARATORS.get(ch);
    if (entry) out += entry.search ?? entry.mrz[0] ?? '';
    else if (separator && separator.mrz[0] === '' && separator.mrz.includes('<')) out += ''; // apostrophe: O'Neil is ONEIL
    else if (/[\p{L}\p{N}]/u.test(ch)) out += ch.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    else out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}
