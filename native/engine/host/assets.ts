import { existsSync } from 'node:fs';
import { asDocumentId, type ItemId } from '../contract';
import { hashBuffer } from '../ingest/extract';
import { BROWSER_NATIVE, renderPreview } from '../ingest/image';
import type { CaseStore } from '../store/case-store';
import { readOriginal, splitArchivePath } from '../store/originals';

/**
 * An item's thumbnail or preview, `document-<id>`: the rectified image of a document found in the item, or
 * `artifact-<id>`: a forensic map measured on the item.
 */
export type AssetVariant = 'thumb' | 'preview' | `document-${number}` | `artifact-${number}`;

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

/**
 * Map an item and variant to a file the host may serve. Only files inside the case's blob store, or the
 * recorded original of a referenced item, are ever returned: the caller supplies ids, never paths.
 * Previews the viewer cannot load directly (HEIF, TIFF, originals inside archives) are rendered once
 * and kept in the blob store.
 */
export async function resolveAsset(store: CaseStore, itemId: ItemId, variant: AssetVariant): Promise<ResolvedAsset | null> {
  const storage = store.items.storageOf(itemId);
  if (!storage) return null;
  if (variant.startsWith('document-')) {
    const rectified = store.documents.rectifiedOf(asDocumentId(Number(variant.slice('document-'.length))));
    // The document must come from this item's bytes: an id pair that does not belong together is refused.
    if (!rectified || rectified.contentSha256 !== storage.sha256) return null;
    return { path: store.blobs.pathOf(rectified.sha256), mime: 'image/png' };
  }
  if (variant.startsWith('artifact-')) {
    const artifact = store.forensics.artifactBlob(Number(variant.slice('artifact-'.length)));
    // Same rule as documents: the map must have been measured on this item's bytes.
    if (!artifact || artifact.contentSha256 !== storage.sha256) return null;
    return { path: store.blobs.pathOf(artifact.blobSha256), mime: 'image/png' };
  }
  if (variant === 'thumb') return storage.thumbSha256 ? { path: store.blobs.pathOf(storage.thumbSha256), mime: 'image/jpeg' } : null;

  if (BROWSER_NATIVE.has(storage.kind)) {
    const mime = MIME_BY_KIND[storage.kind]!;
    if (storage.storage === 'copied' && storage.sha256) return { path: store.blobs.pathOf(storage.sha256), mime };
    if (!splitArchivePath(storage.originalPath) && existsSync(storage.originalPath)) return { path: storage.originalPath, mime };
  }
  if (storage.previewSha256) return { path: store.blobs.pathOf(storage.previewSha256), mime: 'image/jpeg' };
  if (!storage.thumbSha256) return null; // nothing decodable: no preview either
  try {
    const preview = await renderPreview(await readOriginal(store, storage));
    const { sha256 } = hashBuffer(preview);
    await store.blobs.put(preview, sha256);
    store.items.setPreview(itemId, sha256);
    return { path: store.blobs.pathOf(sha256), mime: 'image/jpeg' };
  } catch {
    return null;
  }
}
