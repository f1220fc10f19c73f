/**
 * Turning raw MRZ field characters into readable text (Doc 9303 Part 3, 4.6 for names).
 */
import type { MrzFieldName } from './formats';
import type { MrzName } from './result';

/**
 * The name field split at the first `<<`: primary identifier (surname) before, secondary identifier
 * (given names) after; single `<` inside either becomes a space; trailing fillers are dropped. When the
 * field holds no `<<` the whole name is the primary identifier (Doc 9303 Part 3, 4.6.2: a name with one
 * component only). `full` says the field had no filler at its end (possible truncation, Part 3, 4.6.4).
 */
export function splitMrzName(raw: string): MrzName {
  const full = raw.length > 0 && !raw.endsWith('<');
  const body = raw.replace(/<+$/, '');
  const separator = body.indexOf('<<');
  const words = (s: string) => s.split('<').filter((w) => w.length > 0).join(' ');
  if (separator < 0) return { surname: words(body), givenNames: '', full };
  return { surname: words(body.slice(0, separator)), givenNames: words(body.slice(separator + 2)), full };
}

/**
 * Readable text of a field: names as `SURNAME, GIVEN NAMES` (or just `SURNAME`); optional data with
 * fillers trimmed at both ends and inner filler runs as one space (issuers use them as separators);
 * every other field with all fillers removed (codes such as `D<<` become `D`).
 */
export function cleanFieldText(name: MrzFieldName, raw: string): string {
  if (name === 'name') {
    const { surname, givenNames } = splitMrzName(raw);
    return givenNames ? `${surname}, ${givenNames}` : surname;
  }
  if (name.startsWith('optionalData') || name === 'personalNumber') return raw.replace(/^<+|<+$/g, '').replace(/<+/g, ' ');
  return raw.replace(/</g, '');
}
