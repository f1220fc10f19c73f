import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ExhibitId, ImportSummary } from '../contract';
import { MESSENGER_PATTERNS_VERSION } from '../domain/messenger-names';
import type { CaseStore } from '../store/case-store';
import type { NewItem } from '../store/items.repo';
import { APP_VERSION } from '../version';
import { extractFile, hashBuffer, type ExtractedFile } from './extract';
import { MAX_DECODE_PIXELS, THUMBNAIL_SIZE } from './image';
import { NEAR_DUPLICATE_MAX_DISTANCE, nearDuplicateGroups } from './near-duplicates';
import { PHASH_ALGORITHM } from './phash';
import { scanSources, type SourceFile } from './sources';
import { DEFAULT_MAX_ARCHIVE_EXPANSION } from './zip-archive';

/**
 * Files in flight at once. Four keeps both cores busy (hashing on the main thread while libvips decodes
 * on its pool) without holding more than four files in memory.
 */
const DEFAULT_CONCURRENCY = 4;
/** Items committed per transaction: few enough that a crash loses little, enough to amortise fsync. */
const COMMIT_BATCH = 32;

export type ImportPhase = 'scanning' | 'importing' | 'grouping' | 'finished';

export interface ImportProgress {
  readonly phase: ImportPhase;
  readonly done: number;
  readonly total: number | null;
  readonly currentPath: string | null;
}

export interface ImportOptions {
  readonly exhibitId: ExhibitId;
  readonly paths: readonly string[];
  readonly referenceInPlace?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly maxArchiveExpansion?: number;
  readonly concurrency?: number;
  readonly actor?: string;
}

/** What the extractor was, recorded with each import: reproducibility needs the exact parameters. */
export function extractorDescription(referenceInPlace: boolean, maxArchiveExpansion: number): Record<string, unknown> {
  return {
    app: `CaseLens ${APP_VERSION}`,
    hashes: ['SHA-256', 'SHA-1', 'MD5'],
    perceptualHash: PHASH_ALGORITHM,
    nearDuplicateMaxDistance: NEAR_DUPLICATE_MAX_DISTANCE,
    thumbnailSize: THUMBNAIL_SIZE,
    maxDecodePixels: MAX_DECODE_PIXELS,
    maxArchiveExpansion,
    messengerPatterns: MESSENGER_PATTERNS_VERSION,
    storage: referenceInPlace ? 'referenced in place' : 'copied and verified',
  };
}

async function mapPool<T>(inputs: readonly T[], concurrency: number, signal: AbortSignal | undefined, work: (input: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, inputs.length) }, async () => {
    while (next < inputs.length && !signal?.aborted) await work(inputs[next++]!);
  });
  await Promise.all(runners);
}

/** Skip a file already recorded from the same path with the same size and modification time, unread. */
function unchangedSincePreviousImport(store: CaseStore, exhibitId: ExhibitId, source: SourceFile): boolean {
  if (source.problem) return store.items.holds(exhibitId, source.originalPath, null);
  return store.items.recordedFile(exhibitId, source.originalPath).some((row) => row.size === source.size && row.modified === source.fileTimes.modified);
}

/** Recompute near-duplicate groups over the whole case and store what changed. */
export function regroupNearDuplicates(store: CaseStore): number {
  const hashed = store.items.allPerceptualHashes();
  const groups = nearDuplicateGroups(hashed.map((row) => ({ id: row.id, phash: row.phash, contentKey: row.sha256 ?? `item:${row.id}` })));
  const changes = new Map<number, number | null>();
  for (const row of hashed) {
    const group = groups.get(row.id) ?? null;
    if (group !== row.nearGroup) changes.set(row.id, group);
  }
  if (changes.size) store.items.setNearGroups(changes);
  return changes.size;
}

/**
 * Import files, folders and zip archives into an exhibit. Each file is read once; originals are copied
 * into the blob store and verified (or referenced in place) and never modified. Items are committed in
 * small transactions, so a process killed mid-import leaves a consistent case, and running the same
 * import again adds only what is missing. Cancel stops after the files in hand.
 */
export async function runImport(store: CaseStore, options: ImportOptions): Promise<ImportSummary> {
  const referenceInPlace = options.referenceInPlace ?? false;
  const maxArchiveExpansion = options.maxArchiveExpansion ?? DEFAULT_MAX_ARCHIVE_EXPANSION;
  const actor = options.actor ?? store.info.examiner ?? 'examiner';
  const exhibit = store.exhibits.get(options.exhibitId);
  const sources = options.paths.map((p) => path.resolve(p));
  const importId = store.imports.start(exhibit.id, sources, referenceInPlace, extractorDescription(referenceInPlace, maxArchiveExpansion));
  store.audit.append(actor, 'import.started', { importId, exhibit: exhibit.label, sources, referenceInPlace });

  const progress = (phase: ImportPhase, done: number, total: number | null, currentPath: string | null) =>
    options.onProgress?.({ phase, done, total, currentPath });
  progress('scanning', 0, null, null);
  const scan = await scanSources(sources, { maxArchiveExpansion });
  const total = scan.files.length;

  let added = 0;
  let duplicates = 0;
  let alreadyPresent = 0;
  let done = 0;
  const failed: { path: string; error: string }[] = [];
  const pending: ExtractedFile[] = [];

  const commit = () => {
    const batch = pending.splice(0, pending.length);
    if (!batch.length) return;
    store.transaction(() => {
      for (const file of batch) {
        const sha256 = file.hashes?.sha256 ?? null;
        if (store.items.holds(exhibit.id, file.source.originalPath, sha256)) {
          alreadyPresent++;
          continue;
        }
        if (sha256 && store.items.hasContent(sha256)) duplicates++;
        store.items.insert(toNewItem(file, exhibit.id, importId, referenceInPlace));
        added++;
        if (file.error) failed.push({ path: file.source.originalPath, error: file.error });
      }
    });
  };

  let status: 'done' | 'cancelled' | 'failed' = 'done';
  try {
    progress('importing', 0, total, null);
    await mapPool(scan.files, options.concurrency ?? DEFAULT_CONCURRENCY, options.signal, async (source) => {
      if (unchangedSincePreviousImport(store, exhibit.id, source)) {
        alreadyPresent++;
      } else {
        const file = await extractFile(source, { spoolDir: referenceInPlace ? null : path.join(store.blobs.root, 'tmp') });
        const stored = await storeFile(store, file, referenceInPlace);
        pending.push(stored);
        if (pending.length >= COMMIT_BATCH) commit();
      }
      progress('importing', ++done, total, source.exhibitPath);
    });
    commit();
    if (options.signal?.aborted) status = 'cancelled';
    progress('grouping', done, total, null);
    regroupNearDuplicates(store);
  } catch (error) {
    status = 'failed';
    commit();
    store.imports.finish(importId, 'failed', null);
    store.audit.append(actor, 'import.failed', { importId, error: (error as Error).message });
    throw error;
  } finally {
    for (const archive of scan.archives) archive.close();
  }
  const summary: ImportSummary = { added, duplicates, alreadyPresent, failed, items: store.items.count(), cancelled: status === 'cancelled' };
  store.imports.finish(importId, status, summary);
  store.audit.append(actor, status === 'cancelled' ? 'import.cancelled' : 'import.finished', {
    importId,
    exhibit: exhibit.label,
    added,
    duplicates,
    alreadyPresent,
    failed: failed.length,
    items: summary.items,
  });
  progress('finished', done, total, null);
  return summary;
}

/** Put the original (unless referenced) and the thumbnail into the blob store; a failed copy becomes the item's error. */
async function storeFile(store: CaseStore, file: ExtractedFile, referenceInPlace: boolean): Promise<ExtractedFile & { thumbSha256: string | null }> {
  let error = file.error;
  let thumbSha256: string | null = null;
  try {
    if (!referenceInPlace && file.hashes && file.content) {
      if (file.content.kind === 'buffer') await store.blobs.put(file.content.data, file.hashes.sha256, { verify: true });
      else {
        await store.blobs.putFile(file.content.tempPath, file.hashes.sha256, { verify: true });
        await fs.rm(file.content.tempPath, { force: true });
      }
    }
    if (file.thumbnail) {
      const { sha256 } = hashBuffer(file.thumbnail);
      await store.blobs.put(file.thumbnail, sha256);
      thumbSha256 = sha256;
    }
  } catch (copyError) {
    error = [error, `copy into the case failed: ${(copyError as Error).message}`].filter(Boolean).join('; ');
  }
  // Drop the bytes now: the batch may wait for its commit while others are read.
  return { ...file, content: null, thumbnail: null, error, thumbSha256 };
}

function toNewItem(file: ExtractedFile & { thumbSha256?: string | null }, exhibitId: ExhibitId, importId: number, referenceInPlace: boolean): NewItem {
  return {
    exhibitId,
    importId,
    originalPath: file.source.originalPath,
    exhibitPath: file.source.exhibitPath,
    name: file.source.name,
    storage: referenceInPlace || !file.hashes ? 'referenced' : 'copied',
    size: file.size,
    kind: file.kind,
    mime: file.mime,
    sha256: file.hashes?.sha256 ?? null,
    sha1: file.hashes?.sha1 ?? null,
    md5: file.hashes?.md5 ?? null,
    width: file.width,
    height: file.height,
    phash: file.phash,
    thumbSha256: file.thumbSha256 ?? null,
    fileTimes: file.source.fileTimes,
    exif: file.exif,
    hasExif: file.hasExif,
    metadata: file.metadata,
    times: file.times,
    messenger: file.messenger,
    warnings: file.warnings,
    error: file.error,
  };
}
