/**
 * Random MRZ-like line content for training: runs of letters, digits and fillers in the proportions of
 * real zones (names, numbers, dates, filler tails), so each glyph is seen with realistic neighbours.
 */
import type { SeededRandom } from './random';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALL = LETTERS + DIGITS;

/** The line layouts of ICAO Doc 9303 as (lines, characters per line). */
export const SYNTH_LAYOUTS = [
  { format: 'TD1', lines: 3, chars: 30 },
  { format: 'TD2', lines: 2, chars: 36 },
  { format: 'TD3', lines: 2, chars: 44 },
] as const;

/** One random line of `chars` MRZ characters. */
export function randomMrzLine(random: SeededRandom, chars: number): string {
  let out = '';
  // Lines start with a document code or a field, never with a long filler run.
  let filler = false;
  while (out.length < chars) {
    if (filler) {
      // Filler runs: mostly 1-2 (separators), sometimes long tails.
      const length = random.chance(0.6) ? random.int(1, 2) : random.int(3, 16);
      out += '<'.repeat(length);
    } else {
      const kind = random.next();
      const pool = kind < 0.45 ? LETTERS : kind < 0.8 ? DIGITS : ALL;
      const length = random.int(1, 12);
      for (let i = 0; i < length; i++) out += random.pick(pool.split(''));
    }
    filler = !filler;
  }
  return out.slice(0, chars);
}
