import { fileTypeFromBuffer } from 'file-type';
import type { ItemKind } from '../contract';

/** Bytes file-type needs to recognise every format it knows. */
export const SNIFF_BYTES = 4100;

const KIND_BY_MIME: Readonly<Record<string, ItemKind>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/apng': 'png',
  'image/heic': 'heif',
  'image/heic-sequence': 'heif',
  'image/heif': 'heif',
  'image/heif-sequence': 'heif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'application/pdf': 'pdf',
};

const KIND_BY_EXTENSION: Readonly<Record<string, ItemKind>> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  heic: 'heif',
  heif: 'heif',
  webp: 'webp',
  avif: 'avif',
  tif: 'tiff',
  tiff: 'tiff',
  gif: 'gif',
  bmp: 'bmp',
  pdf: 'pdf',
};

export interface SniffedKind {
  readonly kind: ItemKind;
  readonly mime: string | null;
}

/** Decide the type from the first bytes; the file name plays no part. */
export async function sniffKind(head: Uint8Array): Promise<SniffedKind> {
  if (head.length === 0) return { kind: 'other', mime: null };
  const type = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  if (type) return { kind: KIND_BY_MIME[type.mime] ?? 'other', mime: type.mime };
  // Plain text has no magic number; report it as text when the head is valid printable UTF-8.
  const text = Buffer.from(head.subarray(0, 512)).toString('utf8');
  if (!text.includes('\uFFFD') && !/[\u0000-\u0008\u000e-\u001f]/.test(text)) return { kind: 'other', mime: 'text/plain' };
  return { kind: 'other', mime: null };
}

/** The kind a file name claims, when its extension is one of ours. */
export function kindClaimedByName(name: string): ItemKind | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return KIND_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

/**
 * A name whose extension promises one of our formats while the bytes are something else: a renamed
 * or damaged file, worth the examiner's attention.
 */
export function extensionMismatch(name: string, sniffed: SniffedKind): string | null {
  const claimed = kindClaimedByName(name);
  if (!claimed || claimed === sniffed.kind) return null;
  const actual = sniffed.kind === 'other' ? (sniffed.mime ? `not an image (${sniffed.mime})` : 'of no recognised format') : `${sniffed.kind.toUpperCase()}`;
  return `extension mismatch: named as ${claimed.toUpperCase()} but the content is ${actual}`;
}
