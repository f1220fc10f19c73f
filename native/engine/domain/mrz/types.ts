/**
 * Shared shapes between the OCR-B reader (which sees pixels) and the MRZ engine (which knows ICAO Doc 9303).
 * The reader hands over every character position with its ranked alternatives; the engine uses check
 * digits and field rules to choose among them and records every correction it makes.
 */
import type { Box } from '../../imaging/raster';

/** Machine-readable-zone layouts of ICAO Doc 9303. MRV-A/MRV-B are visas (no composite check digit). */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

/** The MRZ alphabet: A-Z, 0-9 and the filler `<`. */
export const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** One alternative for a character position: a letter of MRZ_ALPHABET and a score in [0, 1] (higher is better). */
export interface CharCandidate {
  readonly char: string;
  readonly score: number;
}

/** One character position as read: alternatives best first (at least one), and where it was on the image. */
export interface ReadChar {
  readonly candidates: readonly CharCandidate[];
  /** Cell of this character in the coordinates of the image the reader was given. */
  readonly box?: Box;
}

/** One MRZ line as read, left to right. */
export interface ReadLine {
  readonly chars: readonly ReadChar[];
  /** Bounding box of the whole line in the reader's image coordinates. */
  readonly box?: Box;
}
