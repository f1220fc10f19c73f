/**
 * Public types and the physical constants (ISO/IEC 7810 sizes, ICAO Doc 9303 MRZ print geometry) the
 * document finder measures against.
 */
import type { Point, Quad, RgbImage } from '../../imaging/raster';

/** ISO/IEC 7810 size class: ID-1 card (TD1), ID-2 card (TD2), ID-3 passport data page (TD3). */
export type SizeClass = 'ID1' | 'ID2' | 'ID3';

/** MRZ format by line count and length: TD1 3 x 30, TD2 2 x 36, TD3 2 x 44 characters. */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

/** How a document's outline was obtained. */
export type FindMethod = 'edges' | 'mrz-anchor' | 'whole-image';

/** Nominal document size in millimetres. */
export const SIZE_MM: Readonly<Record<SizeClass, { readonly width: number; readonly height: number }>> = {
  ID1: { width: 85.6, height: 53.98 },
  ID2: { width: 105, height: 74 },
  ID3: { width: 125, height: 88 },
};

/** Canonical rectified size at 300 dpi (mm / 25.4 * 300, rounded). */
export const CANONICAL_PX: Readonly<Record<SizeClass, { readonly width: number; readonly height: number }>> = {
  ID1: { width: 1011, height: 638 },
  ID2: { width: 1240, height: 874 },
  ID3: { width: 1476, height: 1039 },
};

/** OCR-B size 1 is printed at 10 characters per inch. */
export const MRZ_PITCH_MM = 2.54;
/** MRZ lines are printed at 6 lines per inch (ISO 1831). */
export const MRZ_LINE_PITCH_MM = 4.23;

/**
 * Nominal MRZ placement (Doc 9303 Parts 4-6, within its tolerances): characters per line, line count,
 * left edge of the first character, and the centre line of the bottom MRZ line above the bottom edge.
 * TD1 lines are centred on the card.
 */
export const MRZ_GEOMETRY: Readonly<Record<MrzFormat, { readonly sizeClass: SizeClass; readonly lines: number; readonly chars: number; readonly leftMm: number; readonly bottomCentreMm: number }>> = {
  TD1: { sizeClass: 'ID1', lines: 3, chars: 30, leftMm: (85.6 - 30 * MRZ_PITCH_MM) / 2, bottomCentreMm: 5.0 },
  TD2: { sizeClass: 'ID2', lines: 2, chars: 36, leftMm: 6.0, bottomCentreMm: 6.5 },
  TD3: { sizeClass: 'ID3', lines: 2, chars: 44, leftMm: 6.0, bottomCentreMm: 6.5 },
};

/**
 * A band of MRZ-like text: 2 or 3 parallel, equally long, evenly spaced lines of dense monospaced glyphs.
 * `quad` runs along the text (TL, TR, BR, BL) assuming the text is upright; whether it is really upright
 * or turned by 180 degrees is not decided here (`findDocuments` decides it from the document outline).
 */
export interface RotatedBand {
  readonly quad: Quad;
  readonly center: Point;
  /** Extent along the text, pixels. */
  readonly length: number;
  /** Extent across the lines, pixels. */
  readonly thickness: number;
  /** Direction of the text axis, degrees in (-90, 90], clockwise from +x (y points down). */
  readonly angleDeg: number;
  /** Number of text lines seen inside the band (2 or 3). */
  readonly lines: number;
  /** Estimated characters per line from the glyph pitch, or null when the pitch was not measurable. */
  readonly charsPerLine: number | null;
  /** MRZ format implied by lines and characters per line, or null when they do not fit one. */
  readonly format: MrzFormat | null;
  /** How MRZ-like the band looks, 0-1 (line regularity, equal lengths, pitch periodicity). */
  readonly score: number;
}

/** What a document's confidence is made of; each part is in [0, 1] and `confidence` is their product. */
export interface ConfidenceParts {
  /** Fraction of the outline's four sides that lie on a measured intensity edge (whole-image: a neutral 0.5, not measurable). */
  readonly edgeSupport: number;
  /** Closeness of the measured side ratio to the size class's nominal ratio (1 = exact). */
  readonly aspectFit: number;
  /** Closeness of the corner angles to a rectangle seen with at most ~15 degrees of tilt. */
  readonly shape: number;
  /** MRZ evidence: 0.8 + 0.2 x band score when an MRZ agrees with the outline, a neutral 0.8 when none was seen. */
  readonly mrz: number;
}

/** One document found in an image. */
export interface FoundDocument {
  /** Outline in source-image pixels, TL, TR, BR, BL of the document in landscape orientation. */
  readonly quad: Quad;
  readonly sizeClass: SizeClass;
  /** Whether `sizeClass` came from the MRZ format or only from the side ratio (ID-2 and ID-3 share ~1.42). */
  readonly sizeClassFrom: 'mrz' | 'aspect';
  readonly method: FindMethod;
  /** Product of `confidenceParts`. */
  readonly confidence: number;
  readonly confidenceParts: ConfidenceParts;
  /**
   * True when the 180-degree ambiguity was resolved by an MRZ at the bottom; false when the orientation is
   * only the one closest to the image's upright (a card could then be upside down, or, for a card seen
   * upright in portrait, turned by 90 degrees either way).
   */
  readonly orientationKnown: boolean;
  /** The document warped to its canonical 300-dpi size (see CANONICAL_PX). */
  readonly rectified: RgbImage;
  /** Where MRZ-like text was seen, in rectified coordinates (axis-aligned there). */
  readonly mrzBand?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly lines: number; readonly format: MrzFormat | null };
}

/** Options of `findDocuments`. */
export interface FindOptions {
  /** Return at most this many documents (best first before sorting); default 8. */
  readonly maxDocuments?: number;
  /** Skip rectification (`rectified` is then a 0x0 image): for callers that only need outlines. */
  readonly skipRectify?: boolean;
}
