/**
 * What the engine tells the UI about identity documents found in items, their MRZ and printed fields,
 * the findings on them, and full-text search over everything read. Coordinates are pixels: `item` space
 * is the upright original image (EXIF orientation applied), `document` space the rectified document image.
 */
import type { DocumentId, ItemId } from './ids';
import type { AssessmentLevel } from './templates';

/** ISO/IEC 7810 size classes: ID-1 cards (TD1), ID-2 (TD2), ID-3 passport pages (TD3). */
export type SizeClass = 'ID1' | 'ID2' | 'ID3';
export type DocumentSide = 'front' | 'back' | 'data-page' | 'unknown';
export type Severity = 'info' | 'low' | 'medium' | 'high';
export type MrzFormatName = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

export interface BoxView {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type FieldStatus = 'valid' | 'invalid' | 'corrected' | 'unchecked' | 'unreadable';

/** One MRZ field: raw characters, readable text, status and where it sits (line, [start, end) columns). */
export interface MrzFieldView {
  readonly name: string;
  readonly raw: string;
  readonly text: string;
  readonly status: FieldStatus;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface MrzCheckView {
  readonly name: string;
  readonly line: number;
  readonly column: number;
  readonly expected: string;
  readonly found: string;
  readonly valid: boolean;
}

/** A character the engine changed because check digits or field rules required it. */
export interface MrzCorrectionView {
  readonly line: number;
  readonly column: number;
  readonly from: string;
  readonly to: string;
  readonly field: string;
  readonly reason: string;
}

/** One MRZ character with its cell on the rectified image, for highlighting. */
export interface MrzCharView {
  readonly line: number;
  readonly column: number;
  readonly char: string;
  readonly score: number | null;
  readonly box: BoxView | null;
  /** `failing`: inside a field or check digit that does not verify; `corrected`: changed by the engine. */
  readonly state: 'ok' | 'corrected' | 'failing';
}

export interface MrzView {
  readonly format: MrzFormatName | null;
  readonly valid: boolean;
  readonly lines: readonly string[];
  readonly rawLines: readonly string[];
  readonly fields: readonly MrzFieldView[];
  readonly checks: readonly MrzCheckView[];
  readonly corrections: readonly MrzCorrectionView[];
  readonly chars: readonly MrzCharView[];
}

/** Provenance every result carries: which analyser, which version, with what, on which bytes. */
export interface ProvenanceView {
  readonly analyserId: string;
  readonly analyserVersion: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly resources: Readonly<Record<string, unknown>>;
  readonly inputSha256: string;
  readonly startedAt: string;
  readonly finishedAt: string;
}

export interface FindingView {
  readonly id: number;
  readonly kind: string;
  readonly severity: Severity;
  readonly confidence: number | null;
  readonly field: string | null;
  /** Where the finding points, in the coordinates named by `space` (upright item pixels, or the rectified document). */
  readonly region: BoxView | null;
  readonly space: 'item' | 'document';
  readonly explanation: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly provenance: ProvenanceView;
}

export interface VizFieldView {
  readonly field: string;
  readonly text: string;
  readonly confidence: number | null;
  readonly box: BoxView | null;
  readonly source: string;
}

export interface CrossCheckView {
  readonly field: string;
  readonly viz: string | null;
  readonly mrz: string | null;
  readonly status: 'match' | 'variant' | 'mismatch' | 'missing';
  readonly explanation: string;
}

export interface DocumentSummary {
  readonly id: DocumentId;
  /** The first item holding these bytes (others are listed in the detail). */
  readonly itemId: ItemId;
  readonly itemName: string;
  readonly exhibitLabel: string;
  readonly sizeClass: SizeClass;
  readonly side: DocumentSide;
  readonly mrzFormat: MrzFormatName | null;
  readonly mrzValid: boolean | null;
  readonly documentNumber: string | null;
  readonly surname: string | null;
  readonly givenNames: string | null;
  readonly birthDate: string | null;
  readonly expiryDate: string | null;
  readonly issuingState: string | null;
  readonly nationality: string | null;
  readonly findingCount: number;
  readonly worstSeverity: Severity | null;
  /** The template the document was recognised as (`id@version`), or null (none fitted, or not analysed). */
  readonly templateId: string | null;
  readonly assessmentLevel: AssessmentLevel | null;
  readonly assessmentScore: number | null;
}

export interface DocumentDetail extends DocumentSummary {
  /** Outline in item pixels: top-left, top-right, bottom-right, bottom-left. */
  readonly quad: readonly (readonly [number, number])[];
  readonly method: string;
  readonly confidence: number;
  readonly rectified: { readonly width: number; readonly height: number };
  readonly mrz: MrzView | null;
  readonly viz: readonly VizFieldView[];
  readonly crossChecks: readonly CrossCheckView[];
  readonly findings: readonly FindingView[];
  readonly items: readonly { readonly itemId: ItemId; readonly name: string; readonly exhibitLabel: string }[];
  readonly provenance: ProvenanceView;
}

export interface DocumentFilter {
  readonly mrzValid?: boolean;
  readonly withFindings?: boolean;
  /** Only documents whose template assessment has this level. */
  readonly assessmentLevel?: AssessmentLevel;
}

export type TextSource = 'mrz' | 'viz' | 'ocr';

/** One line of text read from an item or a document, with where it was found. */
export interface TextLineView {
  readonly id: number;
  readonly source: TextSource;
  readonly text: string;
  readonly confidence: number | null;
  readonly box: BoxView | null;
  readonly space: 'item' | 'document';
  readonly documentId: DocumentId | null;
}

export interface SearchHit {
  readonly line: TextLineView;
  readonly itemId: ItemId;
  readonly itemName: string;
  readonly exhibitLabel: string;
}
