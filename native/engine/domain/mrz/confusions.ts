/**
 * OCR-B look-alike pairs used to repair characters that a field cannot hold and to propose alternatives
 * when a check digit fails. Data, not code: each pair has a cost (lower = more often confused) and the
 * reason it is in the table. OCR-B is the MRZ font of Doc 9303 Part 3, 4.2.
 */

/** One look-alike pair; the table is symmetric (either character may be read for the other). */
export interface ConfusionPair {
  readonly a: string;
  readonly b: string;
  /** Cost of assuming the reader saw one for the other, in the same unit as score differences (0-1). */
  readonly cost: number;
  readonly reason: string;
}

/**
 * Costs: 0.3 for pairs that differ by one small stroke or corner in OCR-B at MRZ resolution, 0.5 for
 * pairs that need two differences, 0.6 for digit/digit pairs (they can only be proposed by a failing
 * check digit, never forced by a charset, so they carry more doubt).
 */
export const OCR_B_CONFUSIONS: readonly ConfusionPair[] = [
  { a: 'O', b: '0', cost: 0.3, reason: 'O and 0 differ only in width and corner rounding in OCR-B' },
  { a: 'Q', b: '0', cost: 0.5, reason: 'Q is 0 with a short tail that blur or dust hides' },
  { a: 'D', b: '0', cost: 0.5, reason: 'D is 0 with a straight left side' },
  { a: 'U', b: '0', cost: 0.5, reason: 'U is 0 with an open top; a filled-in gap closes it' },
  { a: 'Q', b: 'O', cost: 0.5, reason: 'Q is O with a short tail' },
  { a: 'D', b: 'O', cost: 0.5, reason: 'D is O with a straight left side' },
  { a: 'I', b: '1', cost: 0.3, reason: 'I and 1 are both one vertical stroke; the 1 flag is small' },
  { a: 'L', b: '1', cost: 0.5, reason: 'L is a vertical stroke with a foot, like a 1 with its base' },
  { a: 'Z', b: '2', cost: 0.3, reason: 'Z and 2 share the top bar and diagonal; only the top curve differs' },
  { a: 'S', b: '5', cost: 0.3, reason: 'S and 5 share the lower bowl; the 5 has a corner on top' },
  { a: 'G', b: '6', cost: 0.3, reason: 'G and 6 are both an open bowl closing at the bottom' },
  { a: 'B', b: '8', cost: 0.3, reason: 'B and 8 are two stacked bowls; only the left side differs' },
  { a: 'T', b: '7', cost: 0.5, reason: 'T and 7 share the top bar; the stem angle differs' },
  { a: 'A', b: '4', cost: 0.5, reason: 'A and 4 share a closed triangle over an open base' },
  { a: 'E', b: '3', cost: 0.5, reason: 'E and 3 share three horizontal arms; a faint left stem makes E look like 3' },
  { a: 'K', b: '<', cost: 0.5, reason: 'the filler < resembles the arms of K when the stem is faint' },
  { a: '3', b: '8', cost: 0.6, reason: '3 is 8 with the left side open' },
  { a: '5', b: '6', cost: 0.6, reason: '5 is 6 with the lower left open' },
  { a: '6', b: '8', cost: 0.6, reason: '6 is 8 with the upper right open' },
  { a: '9', b: '8', cost: 0.6, reason: '9 is 8 with the lower left open' },
  { a: '0', b: '8', cost: 0.6, reason: '8 is 0 pinched at the waist' },
  { a: '1', b: '7', cost: 0.6, reason: '1 and 7 are both a stroke with a top flag' },
];

/** Look-alikes of `ch` (either side of a pair), cheapest first. */
export function lookAlikes(ch: string): readonly { readonly char: string; readonly cost: number; readonly reason: string }[] {
  return OCR_B_CONFUSIONS.filter((p) => p.a === ch || p.b === ch)
    .map((p) => ({ char: p.a === ch ? p.b : p.a, cost: p.cost, reason: p.reason }))
    .sort((x, y) => x.cost - y.cost);
}
