import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import type { ItemKind, KeyExif, MessengerName, SourcedTime } from '../contract';
import { parseMessengerName } from '../domain/messenger-names';
import { extractMetadata } from './exif';
import { extensionMismatch, sniffKind, SNIFF_BYTES } from './file-kind';
import { extractImage } from './image';
import type { SourceFile } from './sources';

/**
 * Files up to this size are read into memory once and every extractor works on that one buffer.
 * Larger files (videos, disk images) are streamed through the hashers instead; 128 MiB keeps peak
 * memory under the 1 GB target with four files in flight.
 */
export const IN_MEMORY_LIMIT = 128 * 1024 * 1024;

/** Image kinds whose metadata exifr can read. */
const METADATA_KINDS: ReadonlySet<ItemKind> = new Set(['jpeg', 'png', 'heif', 'webp', 'avif', 'tiff', 'gif']);

export interface Hashes {
  readonly sha256: string;
  readonly sha1: string;
  readonly md5: string;
}

/** The content of a file, held in memory or spooled to a temp file when large. */
export type Content = { readonly kind: 'buffer'; readonly data: Buffer } | { readonly kind: 'spooled'; readonly tempPath: string };

export interface ExtractedFile {
  readonly source: SourceFile;
  readonly size: number;
  readonly hashes: Hashes | null;
  readonly content: Content | null;
  readonly kind: ItemKind;
  readonly mime: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly phash: string | null;
  readonly thumbnail: Buffer | null;
  readonly exif: KeyExif;
  readonly hasExif: boolean;
  readonly metadata: Record<string, unknown>;
  readonly times: SourcedTime[];
  readonly messenger: MessengerName | null;
  readonly warnings: string[];
  readonly error: string | null;
}

const NO_EXIF: KeyExif = { make: null, model: null, software: null, dateTimeOriginal: null, createDate: null, modifyDate: null, gpsLatitude: null, gpsLongitude: null };

export function hashBuffer(data: Buffer): Hashes {
  return {
    sha256: createHash('sha256').update(data).digest('hex'),
    sha1: createHash('sha1').update(data).digest('hex'),
    md5: createHash('md5').update(data).digest('hex'),
  };
}

async function readAll(source: SourceFile): Promise<Buffer> {
  if (source.diskPath) return fs.readFile(source.diskPath);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of await source.open()) {
    total += (chunk as Buffer).length;
    if (total > IN_MEMORY_LIMIT) throw new Error('entry is larger than it declared');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

/** Stream a large file once: three hashes and the first bytes, spooled to `tempDir` when a copy is wanted. */
async function streamLarge(source: SourceFile, tempDir: string | null): Promise<{ hashes: Hashes; head: Buffer; size: number; tempPath: string | null }> {
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1');
  const md5 = createHash('md5');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sha256.update(chunk);
      sha1.update(chunk);
      md5.update(chunk);
      size += chunk.length;
      if (headLength < SNIFF_BYTES) {
        headChunks.push(chunk.subarray(0, SNIFF_BYTES - headLength));
        headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
      }
      done(null, tempDir ? chunk : undefined);
    },
  });
  const tempPath = tempDir ? path.join(tempDir, randomUUID()) : null;
  const sink = tempPath
    ? createWriteStream(tempPath, { flags: 'wx' })
    : new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(await source.open(), tap, sink);
  return { hashes: { sha256: sha256.digest('hex'), sha1: sha1.digest('hex'), md5: md5.digest('hex') }, head: Buffer.concat(headChunks), size, tempPath };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Everything ingest learns about one file, from a single read: hashes, type by content, metadata,
 * pixel size, thumbnail and perceptual hash. Never throws for a bad file: problems become `error`.
 */
export async function extractFile(source: SourceFile, options: { spoolDir: string | null }): Promise<ExtractedFile> {
  const messenger = parseMessengerName(source.name);
  const base = {
    source,
    size: source.size,
    hashes: null,
    content: null,
    kind: 'other' as ItemKind,
    mime: null,
    width: null,
    height: null,
    phash: null,
    thumbnail: null,
    exif: NO_EXIF,
    hasExif: false,
    metadata: {},
    times: [],
    messenger,
    warnings: [] as string[],
  };
  if (source.problem) return { ...base, error: source.problem };

  if (source.size > IN_MEMORY_LIMIT) {
    try {
      const large = await streamLarge(source, options.spoolDir);
      const sniffed = await sniffKind(large.head);
      return {
        ...base,
        size: large.size,
        hashes: large.hashes,
        content: large.tempPath ? { kind: 'spooled', tempPath: large.tempPath } : null,
        kind: sniffed.kind,
        mime: sniffed.mime,
        warnings: [`larger than ${IN_MEMORY_LIMIT / 1024 ** 2} MiB: hashed and kept, metadata and thumbnail not extracted`],
        error: source.flaw ?? extensionMismatch(source.name, sniffed),
      };
    } catch (error) {
      return { ...base, error: `could not be read: ${messageOf(error)}` };
    }
  }

  let data: Buffer;
  try {
    data = await readAll(source);
  } catch (error) {
    return { ...base, error: `could not be read: ${messageOf(error)}` };
  }
  const hashes = hashBuffer(data);
  if (data.length === 0) return { ...base, size: 0, hashes, content: { kind: 'buffer', data }, error: 'empty file (0 bytes)' };

  const sniffed = await sniffKind(data);
  const mismatch = extensionMismatch(source.name, sniffed);
  const [metadata, image] = await Promise.all([
    METADATA_KINDS.has(sniffed.kind) ? extractMetadata(data) : Promise.resolve(null),
    extractImage(data, sniffed.kind),
  ]);
  return {
    ...base,
    size: data.length,
    hashes,
    content: { kind: 'buffer', data },
    kind: sniffed.kind,
    mime: sniffed.mime,
    width: image.width,
    height: image.height,
    phash: image.phash,
    thumbnail: image.thumbnail,
    exif: metadata?.key ?? NO_EXIF,
    hasExif: metadata?.hasExif ?? false,
    metadata: metadata?.blocks ?? {},
    times: metadata?.times ?? [],
    warnings: image.warnings,
    error: [source.flaw, image.error, mismatch].filter(Boolean).join('; ') || null,
  };
}
