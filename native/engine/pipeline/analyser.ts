/**
 * The analyser interface (ARCHITECTURE.md, "Analysis pipeline"). An analyser is a small versioned module;
 * the runner, not the analyser, decides what to run, stores results with provenance, and keeps one failing
 * item from stopping a job. Analysers never write to the case themselves: they return drafts.
 */
import type { BoxView, DocumentSide, MrzView, Severity, SizeClass, TextSource } from '../contract/documents';
import type { ItemKind } from '../contract';
import type { DecodedImage } from '../imaging/decode';

/** The item an analyser looks at. Results are keyed by `sha256`: identical bytes are analysed once. */
export interface AnalysisItem {
  readonly itemId: number;
  readonly name: string;
  readonly kind: ItemKind;
  readonly sha256: string;
  readonly width: number | null;
  readonly height: number | null;
  /** The ingest error recorded for the item (a damaged file may still be partly analysable). */
  readonly error: string | null;
}

/** A finding before it is stored: what was measured, in plain words, never a bare verdict. */
export interface FindingDraft {
  /** Stable dotted name, e.g. `mrz.check-digit`, `mrz.expired`, `viz.crosscheck`. */
  readonly kind: string;
  readonly severity: Severity;
  readonly confidence: number | null;
  /** Field the finding is about (MRZ or printed field name), if any. */
  readonly field?: string | null;
  /** Region in the coordinates named by `space`. */
  readonly region?: BoxView | null;
  readonly space?: 'item' | 'document';
  /** A document stored by an earlier analyser that this finding is about (see AnalyserContext.documents). */
  readonly documentId?: number;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** One line: what was measured and what it means. */
  readonly explanation: string;
}

export interface TextLineDraft {
  readonly source: TextSource;
  readonly text: string;
  readonly confidence: number | null;
  readonly box: BoxView | null;
  readonly space: 'item' | 'document';
  /** A stored document the line was read from (for analysers building on stored documents). */
  readonly documentId?: number;
  /**
   * Extra words indexed for search with this line, e.g. the parsed fields of an MRZ line (`UTOD23145890`
   * is one token as printed; its document number `D23145890` is indexed on its own).
   */
  readonly searchText?: string;
}

/** One identity document found in an item. */
export interface DocumentDraft {
  readonly sizeClass: SizeClass;
  readonly side: DocumentSide;
  readonly quad: readonly (readonly [number, number])[];
  readonly method: string;
  readonly confidence: number;
  /** Lossless PNG of the rectified document, stored in the case's blob store. */
  readonly rectifiedPng: Buffer;
  readonly rectifiedWidth: number;
  readonly rectifiedHeight: number;
  readonly mrz: MrzView | null;
  /** Key MRZ fields as read (dates YYMMDD as in the MRZ), for listing and linking. */
  readonly keyFields: {
    readonly documentNumber: string | null;
    readonly surname: string | null;
    readonly givenNames: string | null;
    readonly birthDate: string | null;
    readonly expiryDate: string | null;
    readonly issuingState: string | null;
    readonly nationality: string | null;
    readonly sex: string | null;
  };
  readonly details: Readonly<Record<string, unknown>>;
  readonly findings: readonly FindingDraft[];
  readonly textLines: readonly TextLineDraft[];
}

/**
 * A map an analyser produced (e.g. an ELA residual), stored as a lossless 8-bit greyscale PNG in the case's
 * blob store. `meta` says how to read the grey levels back into measurements (see forensics/stored-map.ts).
 */
export interface ArtifactDraft {
  /** Stable name within the run, e.g. `ela`, `noise`, `fused`. */
  readonly name: string;
  /** `map`: 8-bit greyscale measurement; `image`: an RGB picture (e.g. a document aligned into a template's frame). */
  readonly kind: 'map' | 'image';
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  /** A stored document the map is about (per-zone runs), else the whole item. */
  readonly documentId?: number;
  /** Index of a document in this run's own `documents` output, instead of `documentId`. */
  readonly documentOrdinal?: number;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** A score in [0, 1] the run measured, indexed for filtering (e.g. `forensics.manipulation`). */
export interface ScoreDraft {
  readonly name: string;
  readonly value: number;
}

/** A stored document checked against the templates (the `templates` analyser); indexed for filtering by level. */
export interface TemplateCheckDraft {
  /** A document stored by an earlier analyser, or -1 with `documentOrdinal`. */
  readonly documentId: number;
  /** Index of a document in this run's own `documents` output (a document this analyser found itself). */
  readonly documentOrdinal?: number;
  readonly templateId: string | null;
  readonly templateVersion: string | null;
  readonly templateSha256: string | null;
  readonly side: string | null;
  readonly matched: boolean;
  readonly recognitionScore: number;
  readonly score: number | null;
  readonly level: 'no-indicators' | 'review' | 'strong-indicators' | null;
  /** Name of this run's artifact holding the aligned document image, if any. */
  readonly alignedArtifact: string | null;
  /** The whole comparison (candidates, zones and checks, reasons, readings, homography), as JSON. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AnalyserOutput {
  readonly documents?: readonly DocumentDraft[];
  readonly templateChecks?: readonly TemplateCheckDraft[];
  readonly artifacts?: readonly ArtifactDraft[];
  readonly scores?: readonly ScoreDraft[];
  /** Findings about the whole item (not tied to one document). */
  readonly findings?: readonly FindingDraft[];
  readonly textLines?: readonly TextLineDraft[];
  /** Figures worth keeping with the run (stage timings, counts). */
  readonly metrics?: Readonly<Record<string, unknown>>;
}

export type AnalyserOutcome =
  | { readonly status: 'ok'; readonly output: AnalyserOutput }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly error: string };

/** What an earlier analyser stored for the same content (for analysers that build on its results). */
export interface StoredRunResults {
  readonly runId: number;
  readonly analyserId: string;
  readonly analyserVersion: string;
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly findings: readonly StoredFinding[];
  readonly artifacts: readonly StoredArtifact[];
  readonly scores: Readonly<Record<string, number>>;
}

export interface StoredFinding {
  readonly kind: string;
  readonly severity: Severity;
  readonly confidence: number | null;
  readonly region: BoxView | null;
  readonly documentId: number | null;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly explanation: string;
}

export interface StoredArtifact {
  readonly name: string;
  readonly blobSha256: string;
  readonly width: number;
  readonly height: number;
  readonly documentId: number | null;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** Documents stored by earlier analysers for the same content (for analysers that require them). */
export interface StoredDocument {
  readonly id: number;
  readonly sizeClass: SizeClass;
  readonly side: DocumentSide;
  readonly rectifiedSha256: string;
  readonly mrz: MrzView | null;
  /** Outline in upright full-resolution item pixels: top-left, top-right, bottom-right, bottom-left of the document. */
  readonly quad: readonly (readonly [number, number])[];
  readonly rectifiedWidth: number;
  readonly rectifiedHeight: number;
  /** Text lines read from the rectified document that have a box (document pixels): MRZ lines, printed fields. */
  readonly lines: readonly { readonly source: TextSource; readonly text: string; readonly box: BoxView }[];
}

export interface AnalyserContext {
  readonly signal: AbortSignal;
  /** The original bytes, read from the case (or the referenced original) and checked against `sha256`. */
  bytes(): Promise<Buffer>;
  /**
   * The upright decoded image (long side at most ANALYSIS_MAX_SIDE), shared by the analysers of one item.
   * Results in `item` space are in full-resolution upright pixels: multiply by fullWidth / width.
   */
  image(): Promise<DecodedImage>;
  /** Documents already stored for this content (by analysers that ran before). */
  documents(): readonly StoredDocument[];
  /** Bytes of a blob stored in the case (e.g. a rectified document image). */
  blob(sha256: string): Promise<Buffer>;
  /**
   * A value computed once per item and shared by every analyser of the item (e.g. the full-resolution
   * forensic decode): the first caller's `make` runs, later callers get the same promise.
   */
  shared<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** The stored results of a required analyser (current version) for this content, or null if it has none. */
  stored(analyserId: string): StoredRunResults | null;
}

export interface Analyser {
  readonly id: string;
  /** Semantic version; bumping it re-runs this analyser (and only it) on the next analysis. */
  readonly version: string;
  readonly title: string;
  /** Ids of analysers whose stored results this one reads. */
  readonly requires: readonly string[];
  /** The parameters it runs with, stored with every result. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Models and data files with their checksums, stored with every result. */
  resources(): Promise<Readonly<Record<string, unknown>>>;
  accepts(item: AnalysisItem): boolean;
  run(item: AnalysisItem, ctx: AnalyserContext): Promise<AnalyserOutcome>;
}

/** Analysers in an order where every analyser comes after those it requires. Throws on unknown or cyclic requirements. */
export function orderByRequirements(analysers: readonly Analyser[]): Analyser[] {
  const byId = new Map(analysers.map((a) => [a.id, a]));
  const ordered: Analyser[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (a: Analyser, path: string[]) => {
    const s = state.get(a.id);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`analyser requirements form a cycle: ${[...path, a.id].join(' → ')}`);
    state.set(a.id, 'visiting');
    for (const req of a.requires) {
      const dep = byId.get(req);
      if (!dep) throw new Error(`analyser ${a.id} requires ${req}, which is not registered`);
      visit(dep, [...path, a.id]);
    }
    state.set(a.id, 'done');
    ordered.push(a);
  };
  for (const a of analysers) visit(a, []);
  return ordered;
}

/**
 * Analysers grouped in waves: each analyser sits in the first wave after every analyser it requires, so
 * the analysers of one wave are independent of each other. Order within a wave follows the input order.
 */
export function requirementWaves(analysers: readonly Analyser[]): Analyser[][] {
  const ordered = orderByRequirements(analysers);
  const waveOf = new Map<string, number>();
  const waves: Analyser[][] = [];
  for (const a of ordered) {
    const wave = a.requires.reduce((w, req) => Math.max(w, (waveOf.get(req) ?? -1) + 1), 0);
    waveOf.set(a.id, wave);
    (waves[wave] ??= []).push(a);
  }
  return waves;
}
