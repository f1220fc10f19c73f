/**
 * What a report shows, gathered once from the case (`build-model.ts`) and rendered three ways (HTML, PDF,
 * findings CSV). Plain data plus the image bytes the report embeds; renderers read nothing else.
 */
import type { AssessmentLevel, Severity, ZoneState } from '../../contract';

/** SIENA handling code. */
export type HandlingCode = 'H0' | 'H1' | 'H2' | 'H3';
/** Source reliability (4x4 system): A reliable … X cannot be assessed. */
export type SourceReliability = 'A' | 'B' | 'C' | 'X';
/** Information accuracy (4x4 system): 1 known to be true … 4 cannot be judged. */
export type InformationAccuracy = 1 | 2 | 3 | 4;

/** The cover note's codes, as the export gives them (also written to `metadata/cover-note.json`). */
export interface CoverNote {
  readonly handling: HandlingCode;
  readonly sourceReliability: SourceReliability;
  readonly informationAccuracy: InformationAccuracy;
  /** Who authorised the release, and on what basis. */
  readonly authorization: string;
  readonly requestedAction?: string | null;
}

/** One file of the evidence package, as the bag's manifest lists it. */
export interface PackagedFile {
  readonly bagPath: string;
  readonly size: number;
  readonly sha256: string;
}

/** An image the report embeds (JPEG or PNG bytes) with its pixel size. */
export interface ReportImage {
  readonly mime: 'image/jpeg' | 'image/png';
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

export interface ReportExhibit {
  readonly id: number;
  readonly label: string;
  readonly description: string | null;
  readonly seizedBy: string | null;
  readonly seizedAt: string | null;
  readonly place: string | null;
  readonly device: string | null;
  readonly serial: string | null;
  readonly imei: string | null;
  readonly seal: string | null;
  readonly notes: string | null;
  /** Selected items from this exhibit. */
  readonly itemIds: readonly number[];
}

/** A template zone in the document image's pixels, with its state and what was measured on it. */
export interface ReportZone {
  readonly id: string;
  readonly kind: string;
  readonly field: string | null;
  readonly state: ZoneState;
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly checks: readonly { readonly code: string; readonly deviation: number; readonly summary: string }[];
}

export interface ReportReason {
  readonly code: string;
  readonly zone: string | null;
  readonly message: string;
  readonly weight: number;
  /** The stored finding this reason stands for, when the check stored one. */
  readonly findingId: number | null;
}

export interface ReportDocument {
  readonly id: number;
  readonly itemId: number;
  readonly itemName: string;
  readonly exhibitLabel: string;
  readonly sha256: string;
  readonly sizeClass: string;
  readonly side: string;
  /** How the document was found (finder method) and with what confidence. */
  readonly method: string;
  readonly confidence: number;
  readonly documentNumber: string | null;
  readonly holder: string | null;
  /** `aligned`: warped into the template's frame, zones drawn; `rectified`: the finder's straightened crop. */
  readonly imageFrame: 'aligned' | 'rectified' | null;
  readonly image: ReportImage | null;
  readonly zones: readonly ReportZone[];
  readonly template: { readonly id: string; readonly version: string; readonly sha256: string | null; readonly title: string | null; readonly side: string | null; readonly recognitionScore: number; readonly matched: boolean } | null;
  readonly mrz: {
    readonly format: string | null;
    readonly valid: boolean;
    readonly lines: readonly string[];
    readonly checks: readonly { readonly name: string; readonly expected: string; readonly found: string; readonly valid: boolean }[];
    readonly corrections: readonly string[];
  } | null;
  readonly crossChecks: readonly { readonly field: string; readonly printed: string | null; readonly mrz: string | null; readonly status: 'match' | 'variant' | 'mismatch' | 'missing'; readonly explanation: string; readonly findingId: number | null }[];
  readonly assessment: { readonly level: AssessmentLevel; readonly score: number; readonly reasons: readonly ReportReason[] } | null;
  /** Findings about this document (ids into `ReportModel.findings`). */
  readonly findingIds: readonly number[];
}

export interface ReportMap {
  readonly artifactId: number;
  readonly analyserId: string;
  readonly name: string;
  readonly unit: string;
  readonly higherIsSuspicious: boolean;
  /** The map coloured over the item's thumbnail, upright. */
  readonly image: ReportImage;
}

export interface ReportItem {
  readonly id: number;
  readonly name: string;
  readonly exhibitId: number;
  readonly exhibitLabel: string;
  readonly exhibitPath: string;
  readonly size: number;
  readonly mime: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly sha256: string | null;
  /** An earlier selected item with the same bytes: results are listed there, not repeated. */
  readonly sameContentAs: number | null;
  readonly thumbnail: ReportImage | null;
  readonly forensicScore: number | null;
  readonly runs: readonly { readonly analyserId: string; readonly title: string; readonly version: string; readonly status: 'ok' | 'skipped' | 'failed'; readonly score: number | null; readonly reason: string | null }[];
  readonly maps: readonly ReportMap[];
  /** Findings about the item's content not tied to one document (ids into `ReportModel.findings`). */
  readonly findingIds: readonly number[];
  readonly documentIds: readonly number[];
}

export interface ReportFinding {
  readonly id: number;
  readonly itemId: number;
  readonly itemName: string;
  readonly sha256: string;
  readonly documentId: number | null;
  readonly analyserId: string;
  readonly analyserVersion: string;
  readonly kind: string;
  readonly severity: Severity;
  /** The finding's confidence in [0, 1] (the CLI's `score`), or null. */
  readonly score: number | null;
  readonly zone: string | null;
  readonly summary: string;
}

export interface ReportLink {
  readonly id: number;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly strength: number;
  readonly summary: string;
}

export interface ReportFamily {
  readonly ref: string;
  readonly label: string;
  readonly members: readonly string[];
}

export interface ReportMethod {
  readonly analyserId: string;
  readonly version: string;
  /** The run's parameters without its per-item `metrics`, as canonical JSON. */
  readonly parameters: string;
  /** How many of the selected items' contents it ran on with these parameters. */
  readonly runs: number;
}

export interface ReportModel {
  /** Language codes, primary first. */
  readonly languages: readonly string[];
  readonly software: string;
  readonly exportedAt: string;
  readonly signerFingerprint: string;
  readonly case: {
    readonly id: string;
    readonly title: string;
    readonly reference: string | null;
    readonly examiner: string | null;
    readonly organisation: string | null;
    readonly createdAt: string;
    readonly demo: boolean;
  };
  readonly coverNote: CoverNote;
  readonly summary: {
    readonly items: number;
    readonly exhibits: number;
    readonly documents: number;
    readonly documentsByLevel: Readonly<Record<AssessmentLevel | 'none', number>>;
    readonly findings: number;
    readonly findingsBySeverity: Readonly<Record<Severity, number>>;
    readonly links: number;
    readonly linksByKind: Readonly<Record<string, number>>;
    readonly families: number;
    readonly files: number;
  };
  readonly exhibits: readonly ReportExhibit[];
  readonly documents: readonly ReportDocument[];
  readonly items: readonly ReportItem[];
  readonly findings: readonly ReportFinding[];
  readonly links: readonly ReportLink[];
  readonly linkPass: { readonly id: number; readonly linkerVersion: string; readonly finishedAt: string | null } | null;
  readonly families: readonly ReportFamily[];
  readonly methods: readonly ReportMethod[];
  readonly packagedFiles: readonly PackagedFile[];
}
