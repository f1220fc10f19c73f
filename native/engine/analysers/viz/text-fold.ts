/**
 * Folding for label matching: case, diacritics and Cyrillic/Latin look-alikes are ignored, because OCR
 * with a mixed language set regularly reads "Презиме" with Latin "e" and "p", or drops "đ" to "d".
 */

/** Cyrillic letters whose glyphs look like a Latin letter (both sides are folded the same way). */
const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ј: 'j', ѕ: 's', і: 'i',
};

/** Letters that do not decompose under NFKD. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = { đ: 'd', ł: 'l', ø: 'o', ß: 'ss' };

/**
 * Lower case, no diacritics, look-alikes mapped to Latin, anything but letters and digits dropped, and
 * "rn" read as "m" (Tesseract's most common confusion on small print, two edits otherwise).
 */
export function foldForMatch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/./gu, (ch) => CYRILLIC_LOOKALIKES[ch] ?? UNDECOMPOSABLE[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/rn/g, 'm');
}

/** Levenshtein distance, stopping early once it exceeds `limit` (returns limit + 1 then). */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}
