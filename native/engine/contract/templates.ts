/**
 * What the engine tells the UI about document templates (docs/TEMPLATES.md): the library with each
 * template's trust, a template's sides and zones with its reference images, the comparison of a found
 * document with the template it follows (zone by zone), the assessment, and template authoring.
 * Coordinates in `reference` space are pixels of the template side's reference image.
 */
import type { BoxView, MrzView, ProvenanceView, SizeClass } from './documents';
import type { DocumentId, ItemId } from './ids';

/** The three assessment levels (docs/TEMPLATES.md, "Assessment"). Indicators for an examiner, never a verdict. */
export type AssessmentLevel = 'no-indicators' | 'review' | 'strong-indicators';
export const ASSESSMENT_LEVELS: readonly AssessmentLevel[] = ['no-indicators', 'review', 'strong-indicators'];

/** The printed fields a `text` zone may name (docs/TEMPLATES.md, zone `kind`); the template schema and the authoring UI share it. */
export const TEMPLATE_TEXT_FIELDS = [
  'documentNumber',
  'surname',
  'givenNames',
  'nationality',
  'birthDate',
  'sex',
  'expiryDate',
  'issueDate',
  'placeOfBirth',
  'permitType',
  'remarks',
] as const;

/** Where a template came from and how far it can be trusted. */
export interface TemplateTrustView {
  /** `bundled` (shipped), `folder` (a loose user folder), or a pack's verification status. */
  readonly status: 'bundled' | 'folder' | 'signed' | 'unsigned' | 'invalid';
  /** Fingerprint of the pack's signer when its signature verifies. */
  readonly signer: string | null;
  /** The signer is on this workstation's list of trusted signers. */
  readonly trustedSigner: boolean;
  readonly pack: string | null;
  readonly problems: readonly string[];
  /** The warning the UI must show with this template, or null when none is needed. */
  readonly warning: string | null;
}

export interface TemplateSummaryView {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly issuingState: string;
  readonly category: string;
  readonly source: 'bundled' | 'user' | 'pack';
  readonly trust: TemplateTrustView;
  /** SHA-256 of template.json: what every result citing the template records. */
  readonly sha256: string;
  readonly sides: readonly { readonly name: string; readonly zones: number }[];
}

/** A zone as the template describes it (`box` = [x, y, width, height] as fractions of the side's image). */
export interface TemplateZoneView {
  readonly id: string;
  readonly kind: 'portrait' | 'text' | 'static-text' | 'mrz' | 'security' | 'signature';
  readonly box: readonly [number, number, number, number];
  readonly field?: string;
  readonly pattern?: string;
  readonly dateFormat?: string;
  readonly script?: string;
  readonly align?: 'left' | 'right' | 'center';
  readonly sample?: string;
  readonly text?: string;
  readonly feature?: string;
}

export interface TemplateSideView {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** The reference image as a `data:image/png;base64,...` URL. */
  readonly imageDataUrl: string;
  readonly zones: readonly TemplateZoneView[];
}

export interface TemplateDetailView extends TemplateSummaryView {
  readonly sidesDetail: readonly TemplateSideView[];
  /** template.json as stored (the whole description, including extensions). */
  readonly definition: Readonly<Record<string, unknown>>;
}

/** The result of importing a template pack into the user template folder. */
export interface PackImportView {
  readonly status: TemplateTrustView['status'];
  readonly signer: string | null;
  readonly trustedSigner: boolean;
  readonly problems: readonly string[];
  /** Templates the pack holds (`id@version`). */
  readonly templates: readonly string[];
  readonly warning: string | null;
  /** Where the pack was copied to. */
  readonly dir: string;
}

/** The result of exporting library templates as a pack (`templates.exportPack`). */
export interface PackExportView {
  /** The pack folder written. */
  readonly dir: string;
  /** Templates it holds (`id@version`). */
  readonly templates: readonly string[];
  /** Files listed in pack.json (template.json and reference images of every template). */
  readonly files: number;
  /** Their total size in bytes. */
  readonly bytes: number;
  /** Fingerprint of the unit key that signed pack.json, null for an unsigned pack. */
  readonly signer: string | null;
  /** The unit key was made by this export (its first use). */
  readonly keyCreated: boolean;
  readonly createdAt: string;
  /** What the receiving workstation will show (unsigned pack), or null. */
  readonly warning: string | null;
}

/** The unit's signing key as far as it can be known without its passphrase (`keys.unit`). */
export interface UnitKeyView {
  readonly exists: boolean;
  /** Null when there is no key yet, or for a key made before its public half was kept, until it next signs. */
  readonly fingerprint: string | null;
  /** The encrypted private key file (`<data folder>/keys/unit-ed25519.pem`). */
  readonly path: string;
  /** Shorter passphrases are refused. */
  readonly minPassphraseLength: number;
  /** The host keeps the passphrase for the examiner (Electron: safeStorage), so a signing call may omit it. */
  readonly passphraseKept?: boolean;
}

/** One template tried during recognition. */
export interface RecognitionCandidateView {
  readonly templateId: string;
  readonly templateVersion: string;
  readonly side: string;
  readonly score: number;
  readonly matched: boolean;
  /** What decided it (inliers, static-print similarity), in plain words. */
  readonly reason: string;
}

/** One measurement of a zone against the template (see docs/TEMPLATES.md, "Comparison"). */
export interface ZoneCheckView {
  readonly check: string;
  /** 0 = as on genuine captures of the template, 1 = far outside them. */
  readonly deviation: number;
  readonly summary: string;
  readonly measured: Readonly<Record<string, number | string | boolean | null>>;
  readonly expected: Readonly<Record<string, number | string | boolean | null>>;
  /** The stored finding this check produced (when it deviates), for linking. */
  readonly findingId: number | null;
}

export type ZoneState = 'agrees' | 'review' | 'deviates' | 'not-checked';

export interface ZoneResultView {
  readonly id: string;
  readonly kind: TemplateZoneView['kind'];
  readonly field: string | null;
  /** The zone in reference pixels. */
  readonly box: BoxView;
  readonly state: ZoneState;
  readonly checks: readonly ZoneCheckView[];
}

export interface AssessmentReasonView {
  /** Stable code, e.g. `template.background`, `mrz.check-digit`, `viz.mrz-mismatch`. */
  readonly code: string;
  /** Template zone id, or null for the whole document. */
  readonly zone: string | null;
  readonly message: string;
  /** Contribution to the score, [0, 1]. */
  readonly weight: number;
  readonly findingId: number | null;
}

export interface AssessmentView {
  readonly score: number;
  readonly level: AssessmentLevel;
  readonly reasons: readonly AssessmentReasonView[];
}

/** A document compared with the templates: recognition, zone-by-zone comparison and assessment. */
export interface TemplateCheckView {
  /**
   * The template the document was compared with, or null when none fitted and none is claimed (the document was
   * not forced onto one).
   */
  readonly template: (TemplateSummaryView & { readonly side: string }) | null;
  /** The document's fixed print follows the template (recognised). */
  readonly matched: boolean;
  /** `print`: recognised; `mrz-claim`: not recognised, compared with the template its MRZ claims; `none`. */
  readonly recognition: 'print' | 'mrz-claim' | 'none';
  readonly score: number;
  readonly candidates: readonly RecognitionCandidateView[];
  /** Size of the template side's reference image: the frame of `zones[].box` and of the aligned image. */
  readonly referenceSize: { readonly width: number; readonly height: number } | null;
  readonly zones: readonly ZoneResultView[];
  readonly assessment: AssessmentView | null;
}

/** A found document of a case compared with the template it follows, as stored by the `templates` analyser. */
export interface TemplateComparisonView extends TemplateCheckView {
  readonly documentId: DocumentId;
  readonly itemId: ItemId;
  /** The questioned document warped into the reference frame: item asset `artifact-<id>` (RGB PNG). */
  readonly alignedArtifactId: number | null;
  readonly provenance: ProvenanceView;
}

/** An unsaved template tried on an image (authoring): nothing is stored. */
export interface TemplateTrialView extends TemplateCheckView {
  /** The questioned document warped into the reference frame, as a PNG data URL, or null when not matched. */
  readonly alignedDataUrl: string | null;
}

/** A template being authored: its description and, per side, the draft image it was drawn on. */
export interface TemplateDraftInput {
  /** template.json content; side `image` names are assigned on save. */
  readonly definition: Readonly<Record<string, unknown>>;
  /** Side name → draft image id from `templates.specimen`. */
  readonly images: Readonly<Record<string, string>>;
}

/** A genuine specimen image, found and rectified for authoring. */
export interface SpecimenView {
  readonly draftImageId: string;
  readonly width: number;
  readonly height: number;
  readonly imageDataUrl: string;
  readonly sizeClass: SizeClass | null;
  /** MRZ read from the specimen (pre-fills the MRZ expectations), or null. */
  readonly mrz: MrzView | null;
  /** How the specimen was straightened (`document-finder`, or `as-is` when no outline was found). */
  readonly method: string;
}
