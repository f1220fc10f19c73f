/**
 * Writing a BagIt 1.0 bag (RFC 8493) from a plan: every source read once, SHA-256, SHA-512 and CRC-32 computed
 * from the same chunks as they are copied, each copy read back and its CRC-32 checked (copy-job.ts, on the copy
 * workers of copy-pool.ts), tag files and manifests generated, the tag manifest signed. Written to a temporary
 * sibling and renamed only when complete: a failure, a wrong expected hash or an abort leaves nothing behind.
 * Memory stays flat: files are streamed in 1 MiB chunks, one per copy worker.
 */
import { promises as fs, type Stats } from 'node:fs';
import { APP_VERSION } from '../../version';
import { folderOutput, zipOutput, type BagOutput, type BagTarget } from './bag-output';
import type { CopyJob, CopyResult, CopySource } from './copy-job';
import { CopyPool } from './copy-pool';
import type { Algorithm, Digests } from './hasher';
import { BagPlanError, checkPayloadPath, checkTagPath, PathRegistry, SIGNATURE_FILE } from './paths';
import { makeSignatureFile, SIGNED_FILE, type BagSigner } from './signature';
import { BAGIT_TXT, formatBagInfo, manifestLine, type BagInfoField } from './tag-text';

/**
 * Where a file's bytes come from: a file on disk (read once, never modified), bytes in memory, or bytes still being
 * made (`later`: e.g. the report, rendered while the evidence is copied). A `later` file is written when its
 * promise settles; put such files after the others so the copy does not wait for them. A rejected promise fails
 * the bag with its reason.
 */
export type BagSource = { readonly file: string } | { readonly bytes: Uint8Array } | { readonly later: Promise<Uint8Array> };

/** One payload file. */
export interface PayloadEntry {
  /** Path in the bag, under `data/`, `/`-separated. */
  readonly path: string;
  readonly source: BagSource;
  /** The SHA-256 the bytes must have (e.g. recorded at ingest); a mismatch fails the whole bag, naming the file. */
  readonly expectedSha256?: string;
}

/** One tag file of the caller's (e.g. `metadata/case.jsonld`): outside `data/`, listed in the tag manifests. */
export interface TagEntry {
  readonly path: string;
  readonly source: BagSource;
}

/** What goes into the bag. */
export interface BagPlan {
  readonly payload: readonly PayloadEntry[];
  readonly tags?: readonly TagEntry[];
  readonly sourceOrganization: string;
  readonly externalIdentifier: string;
  /** Further bag-info.txt elements, in order (Handling-Code, Source-Reliability, Information-Accuracy, Authorization...). */
  readonly info?: readonly BagInfoField[];
}

/** Progress of writeBag, in bytes of payload and caller tag files. */
export interface BagProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** Bag path being copied. */
  readonly path: string;
}

export interface WriteBagOptions {
  /** Sign the tag manifest (signature.json) and name the key in bag-info.txt. Without it the bag is unsigned. */
  readonly signer?: BagSigner;
  readonly onProgress?: (progress: BagProgress) => void;
  /**
   * Called once, when the first copy has been handed to a copy worker or a copy waits for a `later` file: from then
   * on the bag copies by itself, and the caller's thread is free to make the `later` files.
   */
  readonly onCopying?: () => void;
  readonly signal?: AbortSignal;
  /** fsync every file and folder before the final rename (default true). */
  readonly durable?: boolean;
  /** The bagging time (default now): Bagging-Date, zip entry times, signature time. */
  readonly now?: Date;
  /** Bag-Software-Agent (default `CaseLens <version>`). */
  readonly softwareAgent?: string;
}

/** One payload file as written. */
export interface WrittenFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly sha512: string;
}

/** What writeBag made. */
export interface WriteBagResult {
  readonly path: string;
  readonly container: 'folder' | 'zip';
  readonly payloadOxum: string;
  readonly payload: readonly WrittenFile[];
  /** SHA-256 of tagmanifest-sha256.txt (the signed bytes). */
  readonly tagManifestSha256: string;
  /** Fingerprint of the signing key, or null for an unsigned bag. */
  readonly fingerprint: string | null;
}

const ALGORITHMS: readonly Algorithm[] = ['sha256', 'sha512'];
const PAYLOAD_MANIFESTS = ALGORITHMS.map((a) => `manifest-${a}.txt`);
const TAG_MANIFESTS = ALGORITHMS.map((a) => `tagmanifest-${a}.txt`);
/** bag-info labels the writer sets itself; a caller's field may not repeat them. */
const WRITER_LABELS = ['Source-Organization', 'External-Identifier', 'Bagging-Date', 'Payload-Oxum', 'Bag-Size', 'Bag-Software-Agent', 'Signing-Key-Fingerprint'];

/** Bag-Size as people read it (decimal units, as RFC 8493's example "260 GB"). */
export function humanSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${units[unit]}`;
}

const isoDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Validate names and fields before anything is written; returns the size of every file source. */
async function checkPlan(plan: BagPlan): Promise<Map<string, number>> {
  const registry = new PathRegistry(['bagit.txt', 'bag-info.txt', SIGNATURE_FILE, ...PAYLOAD_MANIFESTS, ...TAG_MANIFESTS]);
  for (const entry of plan.payload) {
    checkPayloadPath(entry.path);
    registry.add(entry.path);
    if (entry.expectedSha256 !== undefined && !/^[0-9a-f]{64}$/i.test(entry.expectedSha256))
      throw new BagPlanError(`${entry.path}: expected SHA-256 ${JSON.stringify(entry.expectedSha256)} is not 64 hex digits`);
  }
  for (const entry of plan.tags ?? []) {
    checkTagPath(entry.path);
    registry.add(entry.path);
  }
  for (const field of plan.info ?? [])
    if (WRITER_LABELS.some((l) => l.toLowerCase() === field.label.toLowerCase())) throw new BagPlanError(`bag-info field ${field.label} is set by the writer, not the caller`);
  const sizes = new Map<string, number>();
  for (const entry of [...plan.payload, ...(plan.tags ?? [])]) {
    if (!('file' in entry.source)) continue;
    let stat: Stats;
    try {
      stat = await fs.stat(entry.source.file);
    } catch (e) {
      throw new BagPlanError(`${entry.path}: cannot read its source ${entry.source.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (!stat.isFile()) throw new BagPlanError(`${entry.path}: its source ${entry.source.file} is not a regular file`);
    sizes.set(entry.path, stat.size);
  }
  return sizes;
}

/**
 * Run `task` over `entries` with up to `limit` at once, results in the entries' order. After the first failure no
 * further entry starts (the task stops the running ones); the first failure is thrown once every running task has
 * settled, so nothing is still writing when the caller cleans up.
 */
async function inParallel<E, R>(entries: readonly E[], limit: number, task: (entry: E) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(entries.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (!failure && next < entries.length) {
      const index = next++;
      try {
        results[index] = await task(entries[index] as E);
      } catch (e) {
        failure ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, entries.length)) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}

/** Everything writeBag keeps of a written file. */
interface Written {
  readonly path: string;
  readonly size: number;
  readonly digests: Digests;
}

/**
 * Write a BagIt 1.0 bag. Throws BagPlanError for a bad plan (bad or colliding names, a missing source, an expected
 * hash that does not match), the signal's reason when aborted, and any I/O error; in every case nothing is left at
 * the target or beside it.
 * @param plan payload files, the caller's tag files and bag-info fields.
 * @param target a folder or a `.zip` path that does not exist yet.
 */
export async function writeBag(plan: BagPlan, target: BagTarget, options: WriteBagOptions = {}): Promise<WriteBagResult> {
  // Awaited where written; until then (and if the bag fails first) a rejection must not count as unhandled.
  for (const e of [...plan.payload, ...(plan.tags ?? [])]) if ('later' in e.source) e.source.later.catch(() => undefined);
  const sizes = await checkPlan(plan);
  /** Bytes of a source: a `later` one counts from when it is made. */
  const sizeOf = (source: BagSource, bagPath: string) => ('file' in source ? (sizes.get(bagPath) as number) : 'bytes' in source ? source.bytes.byteLength : 0);
  let bytesTotal = [...plan.payload, ...(plan.tags ?? [])].reduce((sum, e) => sum + sizeOf(e.source, e.path), 0);
  const now = options.now ?? new Date();
  const durable = options.durable ?? true;
  const signal = options.signal;
  signal?.throwIfAborted();
  const pool = new CopyPool();
  const output: BagOutput = target.container === 'zip' ? await zipOutput(target.path, durable, now) : await folderOutput(target.path, durable);
  let bytesDone = 0;
  let copying = false;
  const nowCopying = () => {
    if (copying) return;
    copying = true;
    options.onCopying?.();
  };

  /** The first failure (or the abort); it stops every other copy, and the bag fails with it once all have settled. */
  let firstFailure: { error: unknown } | null = null;
  let onFailure: (e: unknown) => void = () => undefined;
  const whenFailed = new Promise<never>((_, reject) => (onFailure = reject));
  whenFailed.catch(() => undefined);
  const failed = (e: unknown) => {
    firstFailure ??= { error: signal?.aborted ? signal.reason : e };
    pool.stop();
    onFailure(firstFailure.error);
  };
  // An abort stops the copies and ends every wait for a file made later.
  const stopCopies = () => failed(signal?.reason);
  signal?.addEventListener('abort', stopCopies, { once: true });
  if (signal?.aborted) stopCopies();
  const progress = (bagPath: string, n: number) => {
    bytesDone += n;
    options.onProgress?.({ bytesDone, bytesTotal, path: bagPath });
  };

  /** What a finished copy gives the bag, once its expected hash is checked and the output has its result. */
  const finish = async (entry: PayloadEntry | TagEntry, source: CopySource, result: CopyResult): Promise<Written> => {
    const expected = 'expectedSha256' in entry ? entry.expectedSha256?.toLowerCase() : undefined;
    if (expected !== undefined && expected !== result.sha256)
      throw new BagPlanError(`${entry.path}: its source ${'file' in source ? source.file : '(bytes)'} has SHA-256 ${result.sha256}, not the expected ${expected}`);
    await output.placed(entry.path, result);
    return { path: entry.path, size: result.size, digests: { sha256: result.sha256, sha512: result.sha512 } };
  };

  /**
   * Copy one file into the bag on a copy worker (a file made later waits for its bytes). Progress counts the
   * plan's files (`counted`), not the tag files the writer makes.
   */
  const copy = async (entry: PayloadEntry | TagEntry, counted = true): Promise<Written> => {
    try {
      let source: CopySource;
      if ('later' in entry.source) {
        nowCopying();
        source = { bytes: await Promise.race([entry.source.later, whenFailed]) };
        bytesTotal += source.bytes.byteLength;
      } else source = entry.source;
      const size = sizeOf(source, entry.path);
      const placement = await output.place(entry.path, size);
      const copied = pool.copy({ bagPath: entry.path, source, size, ...placement }, (n) => counted && progress(entry.path, n));
      nowCopying();
      return await finish(entry, source, await copied);
    } catch (e) {
      failed(e);
      throw e;
    }
  };

  /**
   * Copy the payload: the files that exist in one batch the copy workers share out among themselves (so they never
   * wait for this thread), the files made later as they are made. Results in the plan's order.
   */
  const copyPayload = async (): Promise<Written[]> => {
    const ready = plan.payload.flatMap((entry, index) => ('later' in entry.source ? [] : [{ entry, index, source: entry.source }]));
    const jobs: CopyJob[] = [];
    for (const { entry, source } of ready) {
      const size = sizeOf(source, entry.path);
      jobs.push({ bagPath: entry.path, source, size, ...(await output.place(entry.path, size)) });
    }
    const copies = pool.copyAll(jobs, (k, n) => progress((jobs[k] as CopyJob).bagPath, n));
    if (jobs.length > 0) nowCopying();
    const written: (Written | null)[] = new Array<Written | null>(plan.payload.length).fill(null);
    const readyDone = Promise.all(
      copies.map((copied, k) => {
        const { entry, index, source } = ready[k] as (typeof ready)[number];
        return copied.then((result) => finish(entry, source, result)).then((w) => void (written[index] = w), failed);
      }),
    );
    const late = plan.payload.flatMap((entry, index) => ('later' in entry.source ? [{ entry, index }] : []));
    const lateDone = inParallel(late, pool.capacity, async ({ entry, index }) => void (written[index] = await copy(entry))).catch(failed);
    await Promise.all([readyDone, lateDone]);
    if (firstFailure) throw (firstFailure as { error: unknown }).error;
    return written as Written[];
  };

  /** A tag file the writer makes (manifests, bag-info.txt...): copied like any other, so it is read back too. */
  const put = async (bagPath: string, bytes: Buffer): Promise<Digests> => (await copy({ path: bagPath, source: { bytes } }, false)).digests;

  try {
    const payload = await copyPayload();
    const tags = await inParallel(plan.tags ?? [], pool.capacity, (e) => copy(e));
    signal?.throwIfAborted();

    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const sortedPayload = [...payload].sort(byPath);
    const tagFiles: { path: string; digests: Digests }[] = [...tags];
    for (const algorithm of ALGORITHMS) {
      const text = sortedPayload.map((f) => manifestLine(f.digests[algorithm] as string, f.path)).join('');
      const name = `manifest-${algorithm}.txt`;
      tagFiles.push({ path: name, digests: await put(name, Buffer.from(text, 'utf8')) });
    }
    const octets = payload.reduce((sum, f) => sum + f.size, 0);
    const payloadOxum = `${octets}.${payload.length}`;
    const info: BagInfoField[] = [
      { label: 'Source-Organization', value: plan.sourceOrganization },
      { label: 'External-Identifier', value: plan.externalIdentifier },
      { label: 'Bagging-Date', value: isoDate(now) },
      { label: 'Payload-Oxum', value: payloadOxum },
      { label: 'Bag-Size', value: humanSize(octets) },
      { label: 'Bag-Software-Agent', value: options.softwareAgent ?? `CaseLens ${APP_VERSION}` },
      ...(options.signer ? [{ label: 'Signing-Key-Fingerprint', value: options.signer.key.fingerprint }] : []),
      ...(plan.info ?? []),
    ];
    tagFiles.push({ path: 'bag-info.txt', digests: await put('bag-info.txt', Buffer.from(formatBagInfo(info), 'utf8')) });
    tagFiles.push({ path: 'bagit.txt', digests: await put('bagit.txt', Buffer.from(BAGIT_TXT, 'utf8')) });
    tagFiles.sort(byPath);
    let tagManifest = Buffer.alloc(0);
    let tagManifestSha256 = '';
    for (const algorithm of ALGORITHMS) {
      const bytes = Buffer.from(tagFiles.map((f) => manifestLine(f.digests[algorithm] as string, f.path)).join(''), 'utf8');
      const digests = await put(`tagmanifest-${algorithm}.txt`, bytes);
      if (`tagmanifest-${algorithm}.txt` === SIGNED_FILE) {
        tagManifest = bytes;
        tagManifestSha256 = digests.sha256 as string;
      }
    }
    if (options.signer) await put(SIGNATURE_FILE, makeSignatureFile(tagManifest, options.signer, now));
    signal?.throwIfAborted();
    await output.finish();
    signal?.throwIfAborted();
    await output.commit();
    return {
      path: target.path,
      container: output.container,
      payloadOxum,
      payload: payload.map((f) => ({ path: f.path, size: f.size, sha256: f.digests.sha256 as string, sha512: f.digests.sha512 as string })),
      tagManifestSha256,
      fingerprint: options.signer?.key.fingerprint ?? null,
    };
  } catch (e) {
    await output.discard().catch(() => undefined);
    throw e;
  } finally {
    signal?.removeEventListener('abort', stopCopies);
    await pool.close();
  }
}

export { CopyCheckError } from './copy-job';
