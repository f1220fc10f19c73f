/**
 * The engine contract: one method table, `noun.verb` → (args) → result.
 *
 * Every host (Electron utility process, browser-mode HTTP server, CLI, tests) serves exactly this
 * table, and the renderer's client is typed by it. Arguments are validated inside the engine
 * (`native/engine/rpc/validation.ts`): the caller is untrusted.
 */
import type { DocumentDetail, DocumentFilter, DocumentSummary, FindingView, SearchHit, TextLineView } from './documents';
import type { ItemForensics } from './forensics';
import type { FamilyView, LinkGraphView, LinkPassView, OccurrencesView, WatchlistView } from './links';
import type { PackExportView, PackImportView, SpecimenView, TemplateComparisonView, TemplateDetailView, TemplateDraftInput, TemplateSummaryView, TemplateTrialView, UnitKeyView } from './templates';
import type { CaseId, DocumentId, ExhibitId, ItemId, JobId } from './ids';
import type { ExportRequest, MergeView, ReportLanguageView, VerifyView } from './export';
import type {
  AppInfo,
  AuditPage,
  CaseSummary,
  Exhibit,
  ExhibitRecord,
  FsListing,
  ItemDetail,
  ItemFilter,
  ItemPage,
  ItemSortKey,
  JobState,
  Note,
} from './model';

export interface EngineApi {
  /** Version, host kind and data folder of the running engine. */
  'app.info': { args: Record<string, never>; result: AppInfo };

  /** Cases found in the data folder, newest first. */
  'cases.list': { args: Record<string, never>; result: readonly CaseSummary[] };
  /** Create a case folder in the data folder and record the creation in its audit log. */
  'cases.create': {
    args: { readonly title: string; readonly reference?: string; readonly examiner?: string };
    result: CaseSummary;
  };
  /** Summary of one case. */
  'cases.get': { args: { readonly caseId: CaseId }; result: CaseSummary };

  /** Exhibits of a case in creation order. */
  'exhibits.list': { args: { readonly caseId: CaseId }; result: readonly Exhibit[] };
  /** Register a seized device or medium with its collection record. Labels are unique per case. */
  'exhibits.create': { args: { readonly caseId: CaseId; readonly record: ExhibitRecord }; result: Exhibit };

  /**
   * Start importing files, folders (recursive) and zip archives into an exhibit. Returns at once;
   * progress arrives as `job.progress` events and the end as `job.finished`.
   * `referenceInPlace` records originals where they are instead of copying them into the case.
   */
  'evidence.import': {
    args: {
      readonly caseId: CaseId;
      readonly exhibitId: ExhibitId;
      readonly paths: readonly string[];
      readonly referenceInPlace?: boolean;
    };
    result: { readonly jobId: JobId };
  };

  /** Jobs of a case this engine has run since it started, running ones first, then newest first. */
  'jobs.list': { args: { readonly caseId: CaseId }; result: readonly JobState[] };
  /** Current state of a job. */
  'jobs.get': { args: { readonly jobId: JobId }; result: JobState };
  /** Ask a running job to stop after the file in hand; what is done stays done and consistent. */
  'jobs.cancel': { args: { readonly jobId: JobId }; result: { readonly cancelled: boolean } };

  /** One page of the evidence grid. */
  'items.query': {
    args: {
      readonly caseId: CaseId;
      readonly filter?: ItemFilter;
      readonly sort?: { readonly key: ItemSortKey; readonly direction: 'asc' | 'desc' };
      readonly offset: number;
      readonly limit: number;
    };
    result: ItemPage;
  };
  /** Full metadata, hashes, duplicate and near-duplicate siblings, tags and notes of one item. */
  'items.get': { args: { readonly caseId: CaseId; readonly itemId: ItemId }; result: ItemDetail };

  /** Text read from an item (MRZ, printed fields, general OCR) with the boxes where it was found. */
  'items.text': { args: { readonly caseId: CaseId; readonly itemId: ItemId }; result: readonly TextLineView[] };
  /** Findings about an item's content as a whole (not tied to one document), with provenance. */
  'items.findings': { args: { readonly caseId: CaseId; readonly itemId: ItemId }; result: readonly FindingView[] };

  /** Image forensics of an item: every forensic analyser's run, its maps and findings, and the fused score. */
  'items.forensics': { args: { readonly caseId: CaseId; readonly itemId: ItemId }; result: ItemForensics };

  /**
   * Run the analysers (document finder, MRZ reader and checks, printed-field OCR, image forensics) over every item of a
   * case. Results already stored for the same bytes and analyser version are reused. Returns at once;
   * progress arrives as `job.progress` events.
   */
  'analysis.start': { args: { readonly caseId: CaseId }; result: { readonly jobId: JobId } };

  /** Identity documents found in a case, in the order they were found. */
  'documents.list': { args: { readonly caseId: CaseId; readonly filter?: DocumentFilter }; result: readonly DocumentSummary[] };
  /** One document: quad, rectified image size, MRZ with per-character state, printed fields, cross-checks, findings. */
  'documents.get': { args: { readonly caseId: CaseId; readonly documentId: DocumentId }; result: DocumentDetail };

  /** The comparison of a found document with the template it follows, zone by zone, and its assessment; null before analysis. */
  'documents.comparison': { args: { readonly caseId: CaseId; readonly documentId: DocumentId }; result: TemplateComparisonView | null };

  /** The newest linking pass of a case (null before the first), and whether the case changed since. */
  'links.status': { args: { readonly caseId: CaseId }; result: LinkPassView | null };
  /**
   * Link the case now: same files, same images, same documents, numbers, holders, portraits, series, drafts,
   * families and watchlist hits, replacing the previous pass (analysis runs it too when it finishes).
   */
  'links.run': { args: { readonly caseId: CaseId }; result: LinkPassView };
  /** Everywhere an item, a document or a person occurs (same file, same image, same document), with related links. */
  'links.occurrences': { args: { readonly caseId: CaseId; readonly ref: string }; result: OccurrencesView };
  /** The link graph around one entity, up to `depth` hops (1-3), filtered by link kind and strength. */
  'links.graph': {
    args: { readonly caseId: CaseId; readonly ref: string; readonly depth?: number; readonly kinds?: readonly string[]; readonly minStrength?: number };
    result: LinkGraphView;
  };
  /** Forgery families of the newest pass, each with its members and shared traces. */
  'links.families': { args: { readonly caseId: CaseId }; result: readonly FamilyView[] };
  /** Watchlists kept in a case, with their provenance and hits. */
  'watchlists.list': { args: { readonly caseId: CaseId }; result: readonly WatchlistView[] };
  /** Validate a CSV watchlist file and keep it in the case; a list with any error is refused with every error. */
  'watchlists.import': { args: { readonly caseId: CaseId; readonly path: string }; result: WatchlistView };

  /** Every template this workstation knows (bundled, user folders, packs), with its trust and warning. */
  'templates.list': {
    args: Record<string, never>;
    result: {
      readonly templates: readonly TemplateSummaryView[];
      readonly problems: readonly { readonly dir: string; readonly error: string }[];
      /** Fingerprints on this workstation's trusted-signer list. */
      readonly trustedSigners: readonly string[];
    };
  };
  /** One template with its sides, zones and reference images. */
  'templates.get': { args: { readonly id: string; readonly version?: string }; result: TemplateDetailView };
  /** Verify a template pack and copy it into the user template folder; bad or unsigned packs load only with a warning. */
  'templates.importPack': { args: { readonly path: string }; result: PackImportView };
  /**
   * Copy library templates into a new (or empty) folder as a pack, signed with the unit key (made at first use;
   * `passphrase: null` writes an unsigned pack, which other workstations load only with a warning).
   */
  'templates.exportPack': {
    args: { readonly templates: readonly { readonly id: string; readonly version: string }[]; readonly dir: string; readonly passphrase: string | null };
    result: PackExportView;
  };
  /** Add a pack signer's fingerprint to (or remove it from) this workstation's trusted signers; returns the list. */
  'templates.trustSigner': { args: { readonly fingerprint: string; readonly trusted: boolean }; result: readonly string[] };
  /** Find and straighten the document in a genuine specimen image (a file, or an item of a case) for authoring. */
  'templates.specimen': {
    args: { readonly path?: string; readonly caseId?: CaseId; readonly itemId?: ItemId };
    result: SpecimenView;
  };
  /** Try an unsaved template on a file or on a document of a case; nothing is stored. */
  'templates.try': {
    args: { readonly draft: TemplateDraftInput; readonly path?: string; readonly caseId?: CaseId; readonly documentId?: DocumentId };
    result: TemplateTrialView;
  };
  /** Save an authored template into the user template folder (a new id, or a higher version of one there). */
  'templates.save': { args: { readonly draft: TemplateDraftInput }; result: TemplateSummaryView };

  /**
   * Start exporting an evidence package of a case (or of a selection) into `request.outDir`, signed with the unit
   * key. `passphrase` opens the key; null uses the one the host keeps (Electron: in safeStorage), if any. Returns
   * at once; progress arrives as `job.progress` events (kind `export`) and the package as the finished job's
   * `exported`.
   */
  'export.start': { args: { readonly caseId: CaseId; readonly request: ExportRequest; readonly passphrase: string | null }; result: { readonly jobId: JobId } };
  /** Verify a package (folder or zip) without its case: signature, manifests, Payload-Oxum, custody chain, file by file. */
  'export.verify': { args: { readonly path: string }; result: VerifyView };
  /**
   * Verify each package (absolute paths, folders or zips) and merge the ones that verify into the case: evidence
   * (one exhibit per source device), findings and documents with their origin. Refused packages are reported with
   * the reason, the others still merged; `shared` is over every package merged into the case so far.
   */
  'export.merge': { args: { readonly caseId: CaseId; readonly paths: readonly string[] }; result: MergeView };
  /** The languages the package report can be labelled in, default pair first. */
  'export.languages': { args: Record<string, never>; result: readonly ReportLanguageView[] };

  /** Whether the unit's signing key exists and its fingerprint, known without the passphrase. */
  'keys.unit': { args: Record<string, never>; result: UnitKeyView };

  /** Full-text search over every MRZ, printed-field and OCR line of a case (diacritics- and script-insensitive). */
  'search.query': { args: { readonly caseId: CaseId; readonly text: string; readonly limit?: number }; result: readonly SearchHit[] };

  /** All tag names in use in a case. */
  'tags.list': { args: { readonly caseId: CaseId }; result: readonly string[] };
  /** Tag an item (idempotent). */
  'tags.add': { args: { readonly caseId: CaseId; readonly itemId: ItemId; readonly tag: string }; result: readonly string[] };
  /** Remove a tag from an item. */
  'tags.remove': { args: { readonly caseId: CaseId; readonly itemId: ItemId; readonly tag: string }; result: readonly string[] };

  /** Add an examiner's note to an item. */
  'notes.add': { args: { readonly caseId: CaseId; readonly itemId: ItemId; readonly text: string }; result: Note };

  /** The hash-chained audit log, newest first, with the result of verifying the whole chain. */
  'audit.list': { args: { readonly caseId: CaseId; readonly offset: number; readonly limit: number }; result: AuditPage };

  /** Browser mode's stand-in for native dialogs: list a folder (home folder when `path` is absent). */
  'fs.list': { args: { readonly path?: string }; result: FsListing };
}

export type MethodName = keyof EngineApi;
export type ArgsOf<M extends MethodName> = EngineApi[M]['args'];
export type ResultOf<M extends MethodName> = EngineApi[M]['result'];

/** The table every engine implementation provides; a missing method is a compile error. */
export type EngineHandlers = {
  readonly [M in MethodName]: (args: ArgsOf<M>) => Promise<ResultOf<M>> | ResultOf<M>;
};

/** Every method name, for hosts that must check a name arriving from outside. */
export const METHOD_NAMES: readonly MethodName[] = [
  'app.info',
  'cases.list',
  'cases.create',
  'cases.get',
  'exhibits.list',
  'exhibits.create',
  'evidence.import',
  'jobs.list',
  'jobs.get',
  'jobs.cancel',
  'items.query',
  'items.get',
  'items.text',
  'items.findings',
  'items.forensics',
  'analysis.start',
  'documents.list',
  'documents.get',
  'documents.comparison',
  'links.status',
  'links.run',
  'links.occurrences',
  'links.graph',
  'links.families',
  'watchlists.list',
  'watchlists.import',
  'templates.list',
  'templates.get',
  'templates.importPack',
  'templates.exportPack',
  'templates.trustSigner',
  'templates.specimen',
  'templates.try',
  'templates.save',
  'export.start',
  'export.verify',
  'export.merge',
  'export.languages',
  'keys.unit',
  'search.query',
  'tags.list',
  'tags.add',
  'tags.remove',
  'notes.add',
  'audit.list',
  'fs.list',
];
