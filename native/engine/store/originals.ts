import { promises as fs } from 'node:fs';
import { hashBuffer, IN_MEMORY_LIMIT } from '../ingest/extract';
import { readZipEntry } from '../ingest/zip-archive';
import type { CaseStore } from './case-store';
import type { ItemsRepo } from './items.repo';

type Storage = NonNullable<ReturnType<ItemsRepo['storageOf']>>;

/** Where an archive entry reference `<archive>!/<entry>` points. */
export function splitArchivePath(originalPath: string): { archive: string; entry: string } | null {
  const at = originalPath.indexOf('!/');
  return at < 0 ? null : { archive: originalPath.slice(0, at), entry: originalPath.slice(at + 2) };
}

/** Thrown when a referenced original no longer has the hash recorded at import. */
export class OriginalChangedError extends Error {}

/**
 * The bytes of an item's original: the case's copy, or the referenced file (or zip entry) where it was
 * recorded. With `verify`, the bytes are hashed and compared with the SHA-256 recorded at import, so an
 * analysis never runs on a referenced original that has changed or gone since.
 */
export async function readOriginal(store: CaseStore, storage: Storage, options: { readonly verify?: boolean } = {}): Promise<Buffer> {
  let bytes: Buffer;
  if (storage.storage === 'copied' && storage.sha256) bytes = await fs.readFile(store.blobs.pathOf(storage.sha256));
  else {
    const inArchive = splitArchivePath(storage.originalPath);
    bytes = inArchive ? await readZipEntry(inArchive.archive, inArchive.entry, IN_MEMORY_LIMIT) : await fs.readFile(storage.originalPath);
  }
  if (options.verify && storage.sha256) {
    const actual = hashBuffer(bytes).sha256;
    if (actual !== storage.sha256) {
      throw new OriginalChangedError(`the original of ${storage.originalPath} no longer matches the SHA-256 recorded at import (${storage.sha256.slice(0, 12)}… now ${actual.slice(0, 12)}…)`);
    }
  }
  return bytes;
}
