/**
 * Character values and the check digit of ICAO Doc 9303 Part 3, section 4.9 ("Check digits in the MRZ").
 */

/** Repeating weights of the check-digit computation (Doc 9303 Part 3, 4.9). */
export const CHECK_WEIGHTS: readonly [7, 3, 1] = [7, 3, 1];

/**
 * Numeric value of one MRZ character: `0`-`9` are themselves, `A`-`Z` are 10-35, the filler `<` is 0
 * (Doc 9303 Part 3, 4.9). Returns null for anything outside the MRZ alphabet (lower case included), so a
 * caller can tell "unreadable" from "zero".
 */
export function mrzCharValue(ch: string): number | null {
  if (ch.length !== 1) return null;
  if (ch === '<') return 0;
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return null;
}

/** Weight of the character at 0-based index `index` of a checked string (7, 3, 1 repeating). */
export function checkWeight(index: number): number {
  return CHECK_WEIGHTS[index % 3] ?? 1;
}

/**
 * The 7-3-1 check digit (0-9) over `data`: sum of value x weight modulo 10 (Doc 9303 Part 3, 4.9).
 * Returns null when `data` holds a character outside the MRZ alphabet (the digit is then undefined,
 * not zero). Known limitation of the scheme itself: `0`, `A`, `K`, `U` share a value modulo 10, and
 * transpositions of characters whose values differ by 5 in certain positions go undetected.
 */
export function mrzCheckDigit(data: string): number | null {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const value = mrzCharValue(data[i] ?? '');
    if (value === null) return null;
    sum += value * checkWeight(i);
  }
  return sum % 10;
}

/**
 * True when `found` (the character printed in the check position) is the check digit of `data`.
 * `allowFillerWhenEmpty`: Doc 9303 Part 4 (TD3 personal number) allows `<` instead of `0` when the
 * checked field is all fillers.
 */
export function checkDigitHolds(data: string, found: string, allowFillerWhenEmpty = false): boolean {
  const expected = mrzCheckDigit(data);
  if (expected === null) return false;
  if (found === String(expected)) return true;
  return allowFillerWhenEmpty && found === '<' && /^<*$/.test(data);
}
