import type { ExportView } from './export';
/**
 * Data shapes that cross the engine boundary. Everything here is plain JSON: no Dates, no Buffers.
 * Times are ISO 8601 strings; EXIF times are kept exactly as written in the file (no time-zone guess).
 */
import type { CaseId, ExhibitId, ItemId, JobId } from './ids';

/** Summary of a case as shown in the case list. */
export interface CaseSummary {
  readonly id: CaseId;
  readonly title: string;
  readonly reference: string | null;
  readonly examiner: string | null;
  readonly createdAt: string;
  readonly dir: string;
  readonly itemCount: number;
  readonly exhibitCount: number;
}

/** The collection record of a seized device or medium (ISO/IEC 27037 "who, when, where, what"). */
export interface ExhibitRecord {
  readonly label: string;
  readonly description?: string | null;
  readonly seizedBy?: string | null;
  /** ISO 8601 date or date-time as entered by the examiner. */
  readonly seizedAt?: string | null;
  readonly place?: string | null;
  readonly sealNumber?: string | null;
  readonly deviceMake?: string | null;
  readonly deviceModel?: string | null;
  readonly deviceSerial?: string | null;
  readonly deviceImei?: string | null;
  readonly notes?: string | null;
}

export interface Exhibit extends Required<ExhibitRecord> {
  readonly id: ExhibitId;
  readonly createdAt: string;
  readonly itemCount: number;
}

/** Content type decided from the bytes, never from the file name. */
export type ItemKind = 'jpeg' | 'png' | 'heif' | 'webp' | 'avif' | 'tiff' | 'gif' | 'bmp' | 'pdf' | 'other';

/** Key EXIF values; every one is null when the file does not carry it. */
export interface KeyExif {
  readonly make: string | null;
  readonly model: string | null;
  readonly software: string | null;
  readonly dateTimeOriginal: string | null;
  readonly createDate: string | null;
  readonly modifyDate: string | null;
  /** Signed decimal degrees (south negative). */
  readonly gpsLatitude: number | null;
  /** Signed decimal degrees (west negative). */
  readonly gpsLongitude: number | null;
}

/** A file-name pattern recognised as a messenger's naming scheme. */
export interface MessengerName {
  readonly app: string;
  readonly patternId: string;
  /** Date encoded in the name (YYYY-MM-DD); for received media this is the save date, not capture. */
  readonly date: string | null;
  readonly time: string | null;
  readonly sequence: string | null;
  readonly meaning: string;
}

/** One row of the evidence grid: small and cheap to page through. */
export interface ItemRow {
  readonly id: ItemId;
  readonly exhibitId: ExhibitId;
  readonly exhibitPath: string;
  readonly name: string;
  readonly kind: ItemKind;
  readonly mime: string | null;
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly sha256: string | null;
  readonly hasThumbnail: boolean;
  readonly hasGps: boolean;
  readonly hasExif: boolean;
  readonly dateTimeOriginal: string | null;
  readonly duplicateGroup: string | null;
  readonly duplicateCount: number;
  readonly nearDuplicateGroup: number | null;
  readonly error: string | null;
  readonly tags: readonly string[];
  /** Fused manipulation-indicators score in [0, 1], or null when forensics has not run on the item. */
  readonly forensicScore: number | null;
  /** Watchlist hits of the newest linking pass on documents in the item or on their holders (0 before linking). */
  readonly watchlistHits: number;
}

export interface Note {
  readonly id: number;
  readonly text: string;
  readonly author: string | null;
  readonly createdAt: string;
}

/** A timestamp with the tag it came from, the raw value and its offset when one was recorded. */
export interface SourcedTime {
  readonly source: string;
  readonly raw: string;
  readonly offset: string | null;
}

/** Everything known about one item, for the item panel. */
export interface ItemDetail extends ItemRow {
  readonly originalPath: string;
  readonly storage: 'copied' | 'referenced';
  readonly sha1: string | null;
  readonly md5: string | null;
  readonly phash: string | null;
  readonly fileTimes: { readonly modified: string | null; readonly accessed: string | null; readonly created: string | null };
  readonly exif: KeyExif;
  readonly times: readonly SourcedTime[];
  readonly messenger: MessengerName | null;
  /** Every tag exifr read, grouped by block (ifd0, exif, gps, xmp, iptc, ...). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Things the extractor could not do that are not errors (e.g. no HEVC decoder for a preview). */
  readonly warnings: readonly string[];
  readonly importedAt: string;
  readonly duplicates: readonly ItemRow[];
  readonly nearDuplicates: readonly (ItemRow & { readonly distance: number })[];
  readonly notes: readonly Note[];
}

export type ItemSortKey = 'id' | 'name' | 'size' | 'dateTimeOriginal' | 'kind' | 'exhibitPath' | 'forensicScore';

/** Grid filters; all given conditions must hold. */
export interface ItemFilter {
  readonly kinds?: readonly ItemKind[];
  readonly exhibitId?: ExhibitId | null;
  readonly hasGps?: boolean;
  readonly hasExif?: boolean;
  readonly duplicates?: 'exact' | 'near' | 'any';
  readonly errors?: boolean;
  readonly tag?: string;
  /** Items in which the analysis found at least one identity document. */
  readonly hasDocuments?: boolean;
  /** Substring of the path inside the exhibit. */
  readonly text?: string;
  /** Items whose fused manipulation-indicators score is at least this (0..1); unanalysed items never match. */
  readonly minForensicScore?: number;
  /** Items with (true) or without (false) a watchlist hit in the newest linking pass. */
  readonly watchlistHits?: boolean;
}

export interface ItemPage {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly ItemRow[];
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditPage {
  readonly total: number;
  readonly chainValid: boolean;
  /** First sequence number whose hash does not verify, when the chain is broken. */
  readonly brokenAt: number | null;
  readonly entries: readonly AuditEntry[];
}

/** Summary of one import, as printed by `caselens ingest`. */
export interface ImportSummary {
  /** Items recorded by this run (including failed ones and content duplicates). */
  readonly added: number;
  /** Of the added items, those whose content (SHA-256) was already in the case or earlier in the run. */
  readonly duplicates: number;
  /** Files skipped because the same exhibit already holds them from the same path with the same hash. */
  readonly alreadyPresent: number;
  readonly failed: readonly { readonly path: string; readonly error: string }[];
  /** Items in the case after the run. */
  readonly items: number;
  readonly cancelled: boolean;
}

/** Summary of one analysis job, as printed by `caselens analyze`. */
export interface AnalysisSummary {
  /** Distinct contents (SHA-256) looked at. */
  readonly contents: number;
  /** Analyser runs performed by this job. */
  readonly runs: number;
  /** Runs not repeated because the same bytes had a stored result from the same analyser version. */
  readonly reused: number;
  readonly documents: number;
  readonly findings: number;
  readonly failed: readonly { readonly itemId: number; readonly name: string; readonly analyser: string; readonly error: string }[];
  readonly cancelled: boolean;
}

export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface JobState {
  readonly jobId: JobId;
  readonly caseId: CaseId;
  readonly kind: 'import' | 'analysis' | 'export';
  /** The exhibit an import writes into. */
  readonly exhibitId: ExhibitId | null;
  readonly status: JobStatus;
  /** `linking`: an analysis has finished and the case is being linked (links.run). */
  /** Export phases: `preparing` (choosing files), `reporting` (report, CASE graph), `copying` (done/total in bytes). */
  readonly phase: 'scanning' | 'importing' | 'grouping' | 'analysing' | 'linking' | 'preparing' | 'reporting' | 'copying' | 'finished';
  readonly done: number;
  readonly total: number | null;
  readonly currentPath: string | null;
  readonly summary: ImportSummary | null;
  /** Set when an analysis job has finished. */
  readonly analysis?: AnalysisSummary | null;
  /** Set when an export job has finished: the package made. */
  readonly exported?: ExportView | null;
  readonly error: string | null;
}

export interface FsEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: 'dir' | 'file';
  readonly size: number | null;
}

export interface FsListing {
  readonly path: string;
  readonly parent: string | null;
  readonly entries: readonly FsEntry[];
}

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'browser' | 'cli' | 'test';
  readonly dataDir: string;
  readonly homeDir: string;
}
