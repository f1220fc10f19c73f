/**
 * Writing a BagIt 1.0 bag (RFC 8493) from a plan: every source read once, SHA-256, SHA-512 and CRC-32 computed
 * from the same chunks as they are copied, each copy read back and its CRC-32 checked, tag files and manifests
 * generated, the tag manifest signed. Written to a temporary sibling and renamed only when complete: a failure, a wrong expected
 * hash or an abort leaves nothing behind. Memory stays flat: files are streamed in READ_CHUNK pieces.
 */
import { promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { APP_VERSION } from '../../version';
import { openZipBag, READ_CHUNK } from './bag-reader';
import { folderOutput, zipOutput, type BagOutput, type BagTarget, type FileSink } from './bag-output';
import { digestsOf, Hasher, type Algorithm, type Digests } from './hasher';
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

/** A source whose bytes exist. */
type ReadySource = Exclude<BagSource, { readonly later: Promise<Uint8Array> }>;

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
  readonly signal?: AbortSignal;
  /** Hash SHA-512 in a worker thread (default true). */
  readonly threads?: boolean;
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

/** Feeds chunks of one source to `onChunk` (file sources through the hasher's reusable buffers, one read ahead). */
async function copySource(source: ReadySource, size: number, onChunk: (chunk: Buffer) => Promise<void>, signal: AbortSignal | undefined, label: string, hasher: Hasher): Promise<number> {
  if ('bytes' in source) {
    const bytes = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
    for (let offset = 0; offset < bytes.length; offset += READ_CHUNK) {
      signal?.throwIfAborted();
      await onChunk(bytes.subarray(offset, offset + READ_CHUNK));
    }
    return bytes.length;
  }
  const handle = await fs.open(source.file, 'r');
  try {
    const read = await hasher.pool.readFile(handle, onChunk, signal);
    if (read !== size) throw new Error(`${label}: its source ${source.file} changed size while being read (${size} bytes listed, ${read} read)`);
    return read;
  } finally {
    await handle.close();
  }
}

/**
 * The read-back check of a written copy is a CRC-32 (zlib's, ≈5 GB/s here) compared with the CRC-32 of the bytes
 * read from the source, not a second SHA-256 (≈1.8 GB/s on this hardware). Why that is enough: the read-back
 * (from the device for a direct-I/O copy, from the page cache otherwise, direct-file.ts) is there to catch a
 * fault in the write path (a reused buffer written twice, a short or misplaced write, a chunk dropped or
 * repeated, a device that stored other bytes), and CRC-32 detects any such change
 * (every burst up to 32 bits, all but 2^-32 of the rest); it is no defence against deliberate tampering and need
 * not be: the manifests' SHA-256 and SHA-512 are computed from the source bytes as read, not from the copy, and
 * `caselens verify` re-hashes every file of the package from disk with both algorithms.
 */
async function crc32OfWritten(output: BagOutput, bagPath: string, size: number, hasher: Hasher, signal: AbortSignal | undefined): Promise<number> {
  const readAll = async (handle: FileHandle) => {
    let crc = 0;
    const read = await hasher.pool.readFile(
      handle,
      async (chunk) => {
        crc = crc32(chunk, crc);
      },
      signal,
    );
    if (read !== size) throw new CopyCheckError(bagPath, `as ${read} bytes, not ${size}`);
    return crc;
  };
  const handle = await output.openWritten(bagPath);
  try {
    return await readAll(handle);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
  } finally {
    await handle.close();
  }
  // A direct read the kernel refused: read the copy through the page cache instead.
  const plain = await fs.open(output.diskPath(bagPath) as string, 'r');
  try {
    return await readAll(plain);
  } finally {
    await plain.close();
  }
}

/**
 * Run `task` over `entries` with up to `limit` at once, results in the entries' order. After the first failure no
 * further entry starts and running ones are told to stop (`stopped()`); the first failure is thrown once every
 * running task has settled, so nothing is still writing when the caller cleans up.
 */
async function inParallel<E, R>(entries: readonly E[], limit: number, task: (entry: E, stopped: () => boolean) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(entries.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const stopped = () => failure !== null;
  const lane = async () => {
    while (!failure && next < entries.length) {
      const index = next++;
      try {
        results[index] = await task(entries[index] as E, stopped);
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
  const hasher = new Hasher(options.threads ?? true);
  const output: BagOutput = target.container === 'zip' ? await zipOutput(target.path, durable, now) : await folderOutput(target.path, durable);
  let bytesDone = 0;
  /** CRC-32 of the bytes of everything written, as read from its source, to check the copies against. */
  const writtenCrc = new Map<string, number>();

  /** Read-back checks run behind the copy, one at a time; the first failure fails the bag. */
  let checking: Promise<void> = Promise.resolve();
  let checkFailure: unknown = null;
  const checkBehind = (bagPath: string, size: number, crc: number) => {
    checking = checking
      .then(async () => {
        if (checkFailure) return;
        const copied = await crc32OfWritten(output, bagPath, size, hasher, signal);
        if (copied !== crc) throw crcMismatch(bagPath, copied, crc);
      })
      .catch((e: unknown) => void (checkFailure ??= e));
  };

  const copy = async (entry: PayloadEntry | TagEntry, stopped: () => boolean): Promise<Written> => {
    if (checkFailure) throw checkFailure;
    let source: ReadySource;
    if ('later' in entry.source) {
      source = { bytes: await entry.source.later };
      bytesTotal += source.bytes.byteLength;
    } else source = entry.source;
    const size = sizeOf(source, entry.path);
    const job = hasher.begin(ALGORITHMS);
    const sink: FileSink = await output.file(entry.path, size);
    let read: number;
    let crc = 0;
    /** Writes not yet settled: a folder copy keeps several in flight (bag-output.ts), each holding its chunk's buffer. */
    const writing = new Set<Promise<void>>();
    let writeFailure: unknown = null;
    try {
      read = await copySource(
        source,
        size,
        async (chunk) => {
          if (stopped()) throw new Error('stopped: another file of the bag failed');
          crc = crc32(chunk, crc);
          const slot = hasher.pool.slotOf(chunk);
          if (slot) hasher.pool.retain(slot);
          const write: Promise<void> = sink
            .write(chunk)
            .catch((e: unknown) => void (writeFailure ??= e))
            .finally(() => {
              if (slot) hasher.pool.release(slot);
              writing.delete(write);
            });
          writing.add(write);
          await job.update(chunk);
          while (writing.size >= output.writesInFlight) await Promise.race(writing);
          if (writeFailure) throw writeFailure;
          bytesDone += chunk.length;
          options.onProgress?.({ bytesDone, bytesTotal, path: entry.path });
        },
        signal,
        entry.path,
        hasher,
      );
      await Promise.all(writing);
      if (writeFailure) throw writeFailure;
    } catch (e) {
      await Promise.all(writing);
      await sink.abandon();
      throw e;
    }
    await sink.end();
    const digests = await job.digest();
    const expected = 'expectedSha256' in entry ? entry.expectedSha256?.toLowerCase() : undefined;
    if (expected !== undefined && expected !== digests.sha256)
      throw new BagPlanError(`${entry.path}: its source ${'file' in source ? source.file : '(bytes)'} has SHA-256 ${digests.sha256}, not the expected ${expected}`);
    const disk = output.diskPath(entry.path);
    if (disk !== null) {
      const copiedSize = (await fs.stat(disk)).size;
      if (copiedSize !== read) throw new CopyCheckError(entry.path, `as ${copiedSize} bytes, not ${read}`);
      checkBehind(entry.path, read, crc);
    }
    writtenCrc.set(entry.path, crc);
    return { path: entry.path, size: read, digests };
  };

  const put = async (bagPath: string, bytes: Buffer): Promise<Digests> => {
    const sink = await output.file(bagPath, bytes.length);
    await sink.write(bytes);
    await sink.end();
    const digests = digestsOf(bytes, ALGORITHMS);
    const disk = output.diskPath(bagPath);
    if (disk !== null) {
      const copied = crc32(await fs.readFile(disk));
      if (copied !== crc32(bytes)) throw crcMismatch(bagPath, copied, crc32(bytes));
    }
    writtenCrc.set(bagPath, crc32(bytes));
    return digests;
  };

  try {
    const payload = await inParallel(plan.payload, output.filesInFlight, copy);
    const tags = await inParallel(plan.tags ?? [], output.filesInFlight, copy);
    await checking;
    if (checkFailure) throw checkFailure;
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
    if (output.container === 'zip') await checkZipCopy(output.scratch, writtenCrc, signal);
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
    await checking;
    await output.discard().catch(() => undefined);
    throw e;
  } finally {
    await hasher.close();
  }
}

/** A written copy (a file, or a zip entry) does not read back as the bytes that were read from its source. */
export class CopyCheckError extends Error {
  /**
   * @param bagPath the file whose copy is wrong
   * @param what how the copy differs (its CRC-32 or its size against the source's)
   */
  constructor(
    readonly bagPath: string,
    what: string,
  ) {
    super(`${bagPath}: the written copy reads back ${what} as read from its source`);
  }
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
/** The CRC-32 mismatch error. */
const crcMismatch = (bagPath: string, copied: number, read: number) => new CopyCheckError(bagPath, `with CRC-32 ${hex8(copied)}, not ${hex8(read)}`);

/**
 * Read every entry of the written zip back (through yauzl, which does not check the zip's own CRC-32s) and compare
 * its CRC-32 with that of the bytes read from the source.
 */
async function checkZipCopy(zipFile: string, expected: ReadonlyMap<string, number>, signal: AbortSignal | undefined): Promise<void> {
  const reader = await openZipBag(zipFile);
  try {
    if (reader.files.size !== expected.size || reader.strays.length > 0) throw new Error(`the written zip holds ${reader.files.size} files, ${expected.size} were written`);
    for (const [bagPath, crc] of expected) {
      signal?.throwIfAborted();
      let copied = 0;
      for await (const chunk of await reader.open(bagPath)) copied = crc32(chunk as Buffer, copied);
      if (copied !== crc) throw crcMismatch(bagPath, copied, crc);
    }
  } finally {
    reader.close();
  }
}
