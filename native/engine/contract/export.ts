/**
 * Evidence packages (issue 7): what an export takes and returns, what verification reports, what a merge of
 * packages at a coordination centre finds. The package layout is in docs/EXPORT.md.
 */
import type { AssessmentLevel } from './templates';

/** SIENA handling code: H0 (no restriction) to H3 (restricted, originator's permission). */
export type HandlingCode = 'H0' | 'H1' | 'H2' | 'H3';
/** Source reliability (4x4 system): A completely reliable, B usually, C fairly, X cannot be judged. */
export type SourceReliability = 'A' | 'B' | 'C' | 'X';
/** Information accuracy: 1 known true, 2 known personally to the source, 3 not known personally but corroborated, 4 cannot be judged. */
export type InformationAccuracy = 1 | 2 | 3 | 4;

export const HANDLING_CODES: readonly HandlingCode[] = ['H0', 'H1', 'H2', 'H3'];
export const SOURCE_RELIABILITIES: readonly SourceReliability[] = ['A', 'B', 'C', 'X'];
export const INFORMATION_ACCURACIES: readonly InformationAccuracy[] = [1, 2, 3, 4];

/** The cover note of a package (`metadata/cover-note.json`, and bag-info.txt). */
export interface CoverNote {
  readonly handling: HandlingCode;
  readonly sourceReliability: SourceReliability;
  readonly informationAccuracy: InformationAccuracy;
  /** Who authorised the release, and on what basis. */
  readonly authorization: string;
  /** What the receiving unit is asked to do, if anything. */
  readonly requestedAction?: string | null;
}

/**
 * What a package holds. Every field selects items; the package holds the union. No field (or all empty): the
 * whole case. `levels` selects the items whose documents were assessed at one of the levels.
 */
export interface ExportScope {
  readonly itemIds?: readonly number[];
  readonly tags?: readonly string[];
  readonly levels?: readonly AssessmentLevel[];
}

/** An export request (engine method `export.create`, CLI `caselens export`). */
export interface ExportRequest {
  readonly scope?: ExportScope;
  readonly coverNote: CoverNote;
  /** Report label languages, primary first (default `['en', 'sr-Latn']`). */
  readonly languages?: readonly string[];
  /** A folder to create the package in; the package is named `EXP_<caseRef>_<UTC stamp>` (plus `.zip`). */
  readonly outDir: string;
  /** Write one zip file instead of a folder. */
  readonly zip?: boolean;
  /** The unit or organisation (bag-info Source-Organization, the report's cover). */
  readonly organisation?: string | null;
}

/** What an export made. */
export interface ExportView {
  /** The package folder or zip file. */
  readonly path: string;
  readonly container: 'folder' | 'zip';
  readonly items: number;
  readonly documents: number;
  /** Payload files and bytes (Payload-Oxum). */
  readonly payloadFiles: number;
  readonly payloadBytes: number;
  /** Fingerprint of the key that signed it. */
  readonly fingerprint: string;
  /** SHA-256 of the signed tag manifest. */
  readonly tagManifestSha256: string;
  readonly ms: number;
}

/** A language the package report can be labelled in (engine method `export.languages`). */
export interface ReportLanguageView {
  /** BCP 47 tag, as `ExportRequest.languages` takes it. */
  readonly tag: string;
  /** Its name in English, for a chooser. */
  readonly name: string;
}

/** One checked file of a package. */
export interface VerifiedFileView {
  readonly path: string;
  /** `ok`; `changed` (bytes differ from the manifest); `missing` (listed, absent); `added` (present, not listed). */
  readonly status: 'ok' | 'changed' | 'missing' | 'added';
  /** The manifest that lists it (`manifest-sha256.txt`, ...), null for an added file. */
  readonly manifest: string | null;
  readonly expected: string | null;
  readonly actual: string | null;
}

/** The result of verifying a package (engine method `export.verify`, CLI `caselens verify`). */
export interface VerifyView {
  /** True only when the signature, every manifest, every file and Payload-Oxum hold. */
  readonly ok: boolean;
  readonly path: string;
  readonly container: 'folder' | 'zip' | null;
  /** Why the package was not read at all (a hostile zip, not a bag), else null. */
  readonly refused: string | null;
  readonly signature: {
    readonly status: 'valid' | 'invalid' | 'missing';
    readonly fingerprint: string | null;
    readonly signer: string | null;
    readonly workstation: string | null;
    readonly signedAt: string | null;
    /** Whether the signing key is the one bag-info.txt names (covered by the tag manifest). */
    readonly matchesBagInfo: boolean | null;
  };
  readonly payloadOxum: { readonly ok: boolean; readonly declared: string | null; readonly actual: string };
  /** Every file checked; the bad ones first. */
  readonly files: readonly VerifiedFileView[];
  /** Every failure in words, each naming its file. Empty when ok. */
  readonly problems: readonly string[];
  /** bag-info.txt as read (label, value). */
  readonly bagInfo: readonly { readonly label: string; readonly value: string }[];
  /** The custody log's hash chain, recomputed from `metadata/custody-log.jsonl`; null when the package has none. */
  readonly custodyChain: { readonly valid: boolean; readonly entries: number; readonly brokenAt: number | null } | null;
}

/** What one merged package brought into the coordination case. */
export interface MergedPackageView {
  readonly path: string;
  readonly accepted: boolean;
  /** Why it was refused (verification failed: the first problems), when not accepted. */
  readonly reason: string | null;
  readonly fingerprint: string | null;
  readonly signer: string | null;
  readonly workstation: string | null;
  readonly caseReference: string | null;
  readonly itemsAdded: number;
  /** Items whose bytes the case already held (from another package or an earlier import). */
  readonly itemsAlreadyPresent: number;
  readonly findings: number;
  /** Documents the package's entities.json names. */
  readonly documents: number;
  /** The package (same signed tag manifest, same key) was merged into this case before: nothing new was added. */
  readonly alreadyMerged: boolean;
  /** SHA-256 of the signed tag manifest: with the fingerprint, what identifies the package. */
  readonly tagManifestSha256: string | null;
  readonly signedAt: string | null;
}

/** Something two or more packages share. */
export interface SharedAcrossView {
  readonly kind: 'same-file' | 'same-image' | 'same-document-number' | 'same-person';
  /** The shared value: a SHA-256, a pHash pair, a document number, a person's name and birth date. */
  readonly value: string;
  /** Package paths (by origin workstation) where it occurs, with what each calls it. */
  readonly occurrences: readonly {
    readonly package: string;
    readonly workstation: string | null;
    readonly signer: string | null;
    readonly fingerprint: string;
    /** What the package calls it: bag paths, document refs (joined with "; "). */
    readonly label: string;
  }[];
}

/** The result of merging packages into a coordination case (engine method `export.merge`, CLI `caselens merge`). */
export interface MergeView {
  readonly packages: readonly MergedPackageView[];
  readonly shared: readonly SharedAcrossView[];
}
