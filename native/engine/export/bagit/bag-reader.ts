/**
 * Reading a bag's files without trusting it: a folder walked without following links, or a zip read entry by
 * entry through yauzl without extracting anything to disk. A zip that could hurt whoever extracts or reads it
 * (path traversal, absolute names, symbolic links, encrypted or duplicate entries, overlapping entries,
 * declared sizes or ratios no honest archive has) is refused whole, with the reason.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { zipNameRefusal } from '../../ingest/zip-archive';
import type { ChunkPool } from './chunk-pool';
import { collisionKey } from './paths';

/** Bytes per read when streaming a file: large enough to keep syscalls and thread hops rare, small enough to keep memory flat. */
export const READ_CHUNK = 1024 * 1024;

/** Limits on a zip before any entry is read. */
export interface ZipLimits {
  /** Sum of declared uncompressed sizes (default 64 GiB, as ingest: above a full phone extraction, below any bomb's claim). */
  readonly maxExpansion?: number;
  /** Entries (default 2 million: the listing is held in memory, about 1 KB each). */
  readonly maxEntries?: number;
}
const DEFAULT_MAX_EXPANSION = 64 * 1024 ** 3;
const DEFAULT_MAX_ENTRIES = 2_000_000;
/** Deflate cannot exceed about 1032:1; an entry claiming more inflates from overlapping or forged data. */
const MAX_DEFLATE_RATIO = 1100;
/** Below this size a high ratio is harmless (a few MB of zeros), so the ratio rule ignores it. */
const RATIO_MIN_BYTES = 1024 * 1024;
/** Size of a local file header before its name and extra field (APPNOTE 4.3.7). */
const LOCAL_HEADER_FIXED = 30;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** A zip refused before reading, with the reason. */
export class ZipRefusedError extends Error {
  override readonly name = 'ZipRefusedError';
}

/** A bag's files as a reader sees them. */
export interface BagReader {
  readonly container: 'folder' | 'zip';
  /** Regular files by bag path (relative to the bag root, `/`-separated) → size in bytes. */
  readonly files: ReadonlyMap<string, number>;
  /** Things present that are not regular files inside the bag (links, devices, entries outside the bag folder). */
  readonly strays: readonly string[];
  open(bagPath: string): Promise<Readable>;
  /** Stream a file's chunks to `onChunk` (a folder reads into the pool's reusable buffers). Returns the bytes read. */
  eachChunk(bagPath: string, pool: ChunkPool, onChunk: (chunk: Buffer) => Promise<void>, signal?: AbortSignal): Promise<number>;
  close(): void;
}

/** eachChunk over a readable stream (zip entries). */
async function streamChunks(stream: Readable, onChunk: (chunk: Buffer) => Promise<void>, signal?: AbortSignal): Promise<number> {
  let total = 0;
  for await (const chunk of stream) {
    signal?.throwIfAborted();
    total += (chunk as Buffer).length;
    await onChunk(chunk as Buffer);
  }
  return total;
}

/** Walk a folder bag: regular files listed, symbolic links and special files named as strays and never followed. */
export async function openFolderBag(root: string): Promise<BagReader> {
  const files = new Map<string, number>();
  const strays: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const names = (await fs.readdir(dir)).sort();
    for (const name of names) {
      const full = path.join(dir, name);
      const rel = prefix + name;
      const stat = await fs.lstat(full);
      if (stat.isDirectory()) await walk(full, `${rel}/`);
      else if (stat.isFile()) files.set(rel, stat.size);
      else strays.push(`${rel} is ${stat.isSymbolicLink() ? 'a symbolic link (not followed)' : 'not a regular file'}`);
    }
  };
  await walk(root, '');
  return {
    container: 'folder',
    files,
    strays,
    open: async (bagPath) => createReadStream(path.join(root, ...bagPath.split('/')), { highWaterMark: READ_CHUNK }),
    async eachChunk(bagPath, pool, onChunk, signal) {
      const handle = await fs.open(path.join(root, ...bagPath.split('/')), 'r');
      try {
        return await pool.readFile(handle, onChunk, signal);
      } finally {
        await handle.close();
      }
    },
    close: () => undefined,
  };
}

function openYauzl(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error || !zip ? reject(error ?? new Error('cannot open zip')) : resolve(zip),
    ),
  );
}

/** Every central-directory entry, names decoded (UTF-8 when flagged, else CP437 approximated by Latin-1, as ingest does). */
function listEntries(zip: yauzl.ZipFile, maxEntries: number): Promise<{ name: string; entry: yauzl.Entry }[]> {
  if (zip.entryCount > maxEntries) return Promise.reject(new ZipRefusedError(`zip refused: ${zip.entryCount} entries, more than the limit of ${maxEntries}`));
  return new Promise((resolve, reject) => {
    const out: { name: string; entry: yauzl.Entry }[] = [];
    zip.on('error', reject);
    zip.on('entry', (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      out.push({ name: entry.generalPurposeBitFlag & 0x800 ? raw.toString('utf8') : raw.toString('latin1'), entry });
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.readEntry();
  });
}

/** The first reason to refuse the whole zip, or null. */
function zipRefusal(entries: readonly { name: string; entry: yauzl.Entry }[], maxExpansion: number): string | null {
  let declared = 0;
  const names = new Map<string, string>();
  for (const { name, entry } of entries) {
    const nameProblem = zipNameRefusal(name);
    if (nameProblem) return `zip ${nameProblem}`;
    if (name.includes('\\')) return `zip refused: entry name has a backslash, a separator on Windows (${JSON.stringify(name)})`;
    if (entry.generalPurposeBitFlag & 0x1) return `zip refused: entry ${JSON.stringify(name)} is encrypted`;
    const unixMode = entry.externalFileAttributes >>> 16;
    if (entry.versionMadeBy >> 8 === 3 && (unixMode & S_IFMT) === S_IFLNK) return `zip refused: entry ${JSON.stringify(name)} is a symbolic link`;
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return `zip refused: entry ${JSON.stringify(name)} uses compression method ${entry.compressionMethod}`;
    if (entry.uncompressedSize > RATIO_MIN_BYTES && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > MAX_DEFLATE_RATIO)
      return `zip refused: entry ${JSON.stringify(name)} claims ${entry.uncompressedSize} bytes from ${entry.compressedSize} (a ratio deflate cannot reach)`;
    if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) return `zip refused: stored entry ${JSON.stringify(name)} has different compressed and uncompressed sizes`;
    declared += entry.uncompressedSize;
    if (declared > maxExpansion) return `zip refused: entries declare more than ${maxExpansion} bytes in all`;
    const key = collisionKey(name.replace(/\/$/, ''));
    const previous = names.get(key);
    if (previous !== undefined)
      return previous === name
        ? `zip refused: duplicate entry ${JSON.stringify(name)}`
        : `zip refused: entries ${JSON.stringify(previous)} and ${JSON.stringify(name)} differ only by case or Unicode normalisation`;
    names.set(key, name);
  }
  const byOffset = [...entries].sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
  for (let i = 0; i + 1 < byOffset.length; i++) {
    const a = byOffset[i] as { name: string; entry: yauzl.Entry };
    const b = byOffset[i + 1] as { name: string; entry: yauzl.Entry };
    // A lower bound of where a's data ends (its local extra field may be longer): anything past b's header overlaps.
    const end = a.entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_FIXED + a.entry.fileNameLength + a.entry.compressedSize;
    if (end > b.entry.relativeOffsetOfLocalHeader) return `zip refused: entries ${JSON.stringify(a.name)} and ${JSON.stringify(b.name)} overlap (a zip bomb's construction)`;
  }
  return null;
}

/**
 * Open a zipped bag: the bag is the archive root when it holds `bagit.txt`, else the single top-level folder
 * holding it (RFC 8493 serialisation). Throws ZipRefusedError with the reason for a hostile or unreadable zip.
 */
export async function openZipBag(file: string, limits: ZipLimits = {}): Promise<BagReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openYauzl(file);
  } catch (e) {
    throw new ZipRefusedError(`zip cannot be read: ${(e as Error).message}`);
  }
  try {
    let entries: { name: string; entry: yauzl.Entry }[];
    try {
      entries = await listEntries(zip, limits.maxEntries ?? DEFAULT_MAX_ENTRIES);
    } catch (e) {
      throw e instanceof ZipRefusedError ? e : new ZipRefusedError(`zip cannot be read: ${(e as Error).message}`);
    }
    const refusal = zipRefusal(entries, limits.maxExpansion ?? DEFAULT_MAX_EXPANSION);
    if (refusal) throw new ZipRefusedError(refusal);
    const fileEntries = entries.filter((e) => !e.name.endsWith('/'));
    const roots = new Set(fileEntries.filter((e) => /^[^/]+\/bagit\.txt$/.test(e.name)).map((e) => e.name.slice(0, e.name.indexOf('/') + 1)));
    const prefix = fileEntries.some((e) => e.name === 'bagit.txt') ? '' : roots.size === 1 ? ([...roots][0] as string) : null;
    if (prefix === null) throw new ZipRefusedError(roots.size > 1 ? 'zip holds more than one bag folder' : 'zip holds no bagit.txt: not a bag');
    const files = new Map<string, number>();
    const byPath = new Map<string, yauzl.Entry>();
    const strays: string[] = [];
    for (const { name, entry } of fileEntries) {
      if (!name.startsWith(prefix)) {
        strays.push(`${name} lies outside the bag folder ${prefix}`);
        continue;
      }
      files.set(name.slice(prefix.length), entry.uncompressedSize);
      byPath.set(name.slice(prefix.length), entry);
    }
    const open = (bagPath: string) =>
        new Promise<Readable>((resolve, reject) => {
          const entry = byPath.get(bagPath);
          if (!entry) return reject(new Error(`${bagPath} is not in the zip`));
          zip.openReadStream(entry, (e, stream) => (e || !stream ? reject(e ?? new Error(`cannot read ${bagPath}`)) : resolve(stream)));
        });
    return {
      container: 'zip',
      files,
      strays,
      open,
      eachChunk: async (bagPath, _pool, onChunk, signal) => streamChunks(await open(bagPath), onChunk, signal),
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/** Open a bag folder or zip (by what the path is). */
export async function openBag(target: string, limits?: ZipLimits): Promise<BagReader> {
  const stat = await fs.stat(target);
  return stat.isDirectory() ? openFolderBag(target) : openZipBag(target, limits);
}

/** Read a whole small file of a bag, refusing one larger than `maxBytes`. */
export async function readSmall(reader: BagReader, bagPath: string, maxBytes: number): Promise<Buffer> {
  const size = reader.files.get(bagPath);
  if (size === undefined) throw new Error(`${bagPath} is missing`);
  if (size > maxBytes) throw new Error(`${bagPath} is ${size} bytes, more than the ${maxBytes} read into memory`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of await reader.open(bagPath)) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw new Error(`${bagPath} is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
