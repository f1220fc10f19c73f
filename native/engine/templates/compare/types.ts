/**
 * Shapes shared by the zone comparators (CaseLens issue 5, "Comparison"): one measurement per template
 * zone and check, comparing a questioned document already aligned into the template's reference frame
 * with the template's reference image.
 */
import type { Box } from '../../imaging/raster';

/** Which comparator produced a {@link ZoneComparison}. */
export type ComparisonCheck = 'layout' | 'font' | 'mrz-font' | 'background' | 'static-text' | 'portrait-border';

/** A rectangle in reference pixels. */
export type Region = Box;

/** One measurement of one zone of the questioned document against the template. */
export interface ZoneComparison {
  readonly zoneId: string;
  readonly check: ComparisonCheck;
  /**
   * `measured` when the check could be made; `not-measured` when the input did not allow it (zone too
   * small, no ink, no MRZ read, image size mismatch): deviation is then 0 and the summary says why.
   */
  readonly status: 'measured' | 'not-measured';
  /** What was measured on the questioned document (named, with units in the name). */
  readonly measured: Readonly<Record<string, number>>;
  /** The same on the template's reference, or the genuine range. */
  readonly expected: Readonly<Record<string, number>>;
  /** 0 = within what genuine captures show; 1 = far outside (each mapping is documented next to its constants). */
  readonly deviation: number;
  /** Where, in reference pixels. */
  readonly region: Region;
  /** One factual sentence: what was measured against what. */
  readonly summary: string;
}

/** Options of `compareZones`. */
export interface CompareOptions {
  /**
   * The text printed in a zone (zone id → text), e.g. from the MRZ or OCR. The `font` check compares
   * glyphs with the atlas only when it knows the characters; `mrz-font` uses `texts.mrz` (lines joined by
   * newlines) instead of its own reading to pair cells when given.
   */
  readonly texts?: Readonly<Record<string, string>>;
  /** Run only these checks (default: every check that applies to a zone's kind). */
  readonly checks?: readonly ComparisonCheck[];
  /**
   * Which reference pixels the questioned document covers (the aligner's `covered` mask, reference width x
   * height); zones the capture does not cover are not measured. Default: all covered.
   */
  readonly covered?: Uint8Array;
}
