/** Shapes of printed-field (VIZ) extraction. */
import type { OcrBox } from '../ocr/ocr-types';

/** The printed fields the extractor knows. */
export const VIZ_FIELD_NAMES = [
  'surname',
  'givenNames',
  'dateOfBirth',
  'sex',
  'nationality',
  'documentNumber',
  'dateOfExpiry',
  'dateOfIssue',
  'placeOfBirth',
] as const;

/** One of {@link VIZ_FIELD_NAMES}. */
export type VizFieldName = (typeof VIZ_FIELD_NAMES)[number];

/** How a field's value was found. */
export type VizSource = 'label' | 'zone' | 'pattern';

/** One extracted printed field. */
export interface VizField {
  readonly field: VizFieldName;
  /** The value as read (words joined by single spaces). */
  readonly text: string;
  /**
   * Canonical form where one exists: dates as YYYY-MM-DD, sex as M/F/X, document numbers upper case
   * without spaces; otherwise the text with collapsed spaces. Null when the text does not parse (a date
   * field whose text holds no date).
   */
  readonly normalized: string | null;
  /** Mean Tesseract confidence of the value's words, 0–100. */
  readonly confidence: number;
  /** Where the value is, in pixels of the recognised image. */
  readonly box: OcrBox;
  readonly source: VizSource;
  /** The label text that located the value (source `label`), with the label's language. */
  readonly label?: { readonly text: string; readonly language: string };
}

/** A template zone: where a field's value is printed, as fractions of the image's width and height. */
export interface VizZone {
  readonly field: string;
  /** `[x, y, width, height]`, each 0–1. */
  readonly box: readonly [number, number, number, number];
}
