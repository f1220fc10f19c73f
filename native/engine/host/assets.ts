import { existsSync, promises as fs } from 'node:fs';
import type { ItemId } from '../contract';
import { hashBuffer, IN_MEMORY_LIMIT } from '../ingest/extract';
import { BROWSER_NATIVE, renderPreview } from '../ingest/image';
import { readZipEntry } from '../ingest/zip-archive';
import type { CaseStore } from '../store/case-store';

export type AssetVariant = 'thumb' | 'preview';

export interface ResolvedAsset {
  readonly path: string;
  readonly mime: string;
}

const MIME_BY_KIND: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

/** Where an archive entry reference `<archive>!/<entry>` points. */
function splitArchivePath(originalPath: string): { archive: string; entry: string } | null {
  const at = originalPath.indexOf('!/');
  return at < 0 ? null : { archive: originalPath.slice(0, at), entry: originalPath.slice(at + 2) };
}

async function originalBytes(store: CaseStore, storage: NonNullable<ReturnType<CaseStore['items']['storageOf']>>): Promise<Buffer> {
  if (storage.storage === 'copied' && storage.sha256) return fs.readFile(store.blobs.pathOf(storage.sha256));
  const inArchive = splitArchivePath(storage.originalPath);
  if (inArchive) return readZipEntry(inArchive.archive, inArchive.entry, IN_MEMORY_LIMIT);
  return fs.readFile(storage.originalPath);
}

/**
 * Map an item and variant to a file the host may serve. Only files inside the case's blob store, or the
 * recorded original of a referenced item, are ever returned: the caller supplies ids, never paths.
 * Previews the viewer cannot load directly (HEIF, TIFF, originals inside archives) are rendered once
 * and kept in the blob store.
 */
export async function resolveAsset(store: CaseStore, itemId: ItemId, variant: AssetVariant): Promise<ResolvedAsset | null> {
  const storage = store.items.storageOf(itemId);
  if (!storage) return null;
  if (variant === 'thumb') return storage.thumbSha256 ? { path: store.blobs.pathOf(storage.thumbSha256), mime: 'image/jpeg' } : null;

  if (BROWSER_NATIVE.has(storage.kind)) {
    const mime = MIME_BY_KIND[storage.kind]!;
    if (storage.storage === 'copied' && storage.sha256) return { path: store.blobs.pathOf(storage.sha256), mime };
    if (!splitArchivePath(storage.originalPath) && existsSync(storage.originalPath)) return { path: storage.originalPath, mime };
  }
  if (storage.previewSha256) return { path: store.blobs.pathOf(storage.previewSha256), mime: 'image/jpeg' };
  if (!storage.thumbSha256) return null; // nothing decodable: no preview either
  try {
    const preview = await renderPreview(await originalBytes(store, storage));
    const { sha256 } = hashBuffer(preview);
    await store.blobs.put(preview, sha256);
    store.items.setPreview(itemId, sha256);
    return { path: store.blobs.pathOf(sha256), mime: 'image/jpeg' };
  } catch {
    return null;
  }
}
