/**
 * Same-portrait links of a case: the portrait zone of every document aligned to a template (the check's
 * aligned image and the template's portrait box), and portrait crops kept as files (an image in which no
 * document was found, shaped and sized like a portrait print), signed (portrait-signature.ts) and grouped
 * (same-portrait.ts). A portrait crop matching a document's portrait becomes a `draft-to-print` link. Signatures
 * are cached in the case by image hash and box, so a later pass decodes only new images.
 */
import { promises as fs } from 'node:fs';
import { asItemId } from '../contract';
import { decodeRgb } from '../imaging/decode';
import type { Box } from '../imaging/raster';
import type { CaseStore } from '../store/case-store';
import type { LinkDocumentInput, LinkItemInput } from '../store/link-inputs.query';
import { readOriginal } from '../store/originals';
import { portraitSignature, type PortraitSignature } from './portrait-signature';
import { MATCH_DISTANCE, samePortraitGroups, type PortraitEntry } from './same-portrait';
import type { LinkDraft } from './types';

const SIGNATURE_VERSION = 1;
/**
 * Portrait crop files: an image without a document, portrait-shaped or square (height 1.0-1.6 x width: ID photos
 * are 35 x 45 mm, 1.29; the bundled permit's portrait zone is 1.08) and at most this long side (a crop from a 300-dpi card is ~250 x 320 px, a passport-photo scan ~1,200;
 * camera photos of 3,000+ px are scenes, not crops).
 */
const MAX_CROP_SIDE = 1600;
const CROP_ASPECT = { min: 1.0, max: 1.6 } as const;

const boxKey = (b: Box | null) => (b ? `${Math.round(b.x)},${Math.round(b.y)},${Math.round(b.width)},${Math.round(b.height)}` : 'whole');

/** The signature of `box` (or the whole image) of the image stored under `sha256`, from the cache or measured. */
async function signatureOf(store: CaseStore, sha256: string, box: Box | null, bytes: () => Promise<Buffer>): Promise<PortraitSignature | { failure: string }> {
  const key = boxKey(box);
  const cached = store.links.cachedSignature(sha256, key, SIGNATURE_VERSION);
  if (cached) return cached.signature ? (JSON.parse(cached.signature) as PortraitSignature) : { failure: cached.failure ?? 'no signature' };
  let result: PortraitSignature | { failure: string };
  try {
    const image = await decodeRgb(await bytes());
    result = portraitSignature(image, box ?? { x: 0, y: 0, width: image.width, height: image.height });
  } catch (error) {
    result = { failure: `the image could not be decoded: ${error instanceof Error ? error.message : String(error)}` };
  }
  store.links.cacheSignature(sha256, key, SIGNATURE_VERSION, 'failure' in result ? null : JSON.stringify(result), 'failure' in result ? result.failure : null);
  return result;
}

const isCropCandidate = (item: LinkItemInput, withDocuments: ReadonlySet<string>) =>
  item.sha256 !== null &&
  !withDocuments.has(item.sha256) &&
  (item.kind === 'jpeg' || item.kind === 'png' || item.kind === 'webp' || item.kind === 'tiff') &&
  item.width !== null &&
  item.height !== null &&
  Math.max(item.width, item.height) <= MAX_CROP_SIDE &&
  item.height / item.width >= CROP_ASPECT.min &&
  item.height / item.width <= CROP_ASPECT.max;

/** Same-portrait links between documents, and draft-to-print links from portrait crop files to documents. */
export async function portraitLinks(store: CaseStore, documents: readonly LinkDocumentInput[], items: readonly LinkItemInput[], notes: string[]): Promise<LinkDraft[]> {
  const entries: PortraitEntry[] = [];
  let failed = 0;
  for (const d of documents) {
    if (!d.alignedBlobSha256 || !d.portraitBox) continue;
    const sha = d.alignedBlobSha256;
    const s = await signatureOf(store, sha, d.portraitBox, () => fs.readFile(store.blobs.pathOf(sha)));
    if ('failure' in s) failed++;
    else entries.push({ id: `document:${d.id}`, signature: s });
  }
  if (failed) notes.push(`${failed} document portrait zone(s) gave no signature (blank, covered or too small)`);
  const withDocuments = new Set(documents.map((d) => d.contentSha256));
  const firstOfContent = new Map<string, LinkItemInput>();
  for (const item of items) if (isCropCandidate(item, withDocuments) && !firstOfContent.has(item.sha256!)) firstOfContent.set(item.sha256!, item);
  for (const item of firstOfContent.values()) {
    const storage = store.items.storageOf(asItemId(item.id));
    if (!storage) continue;
    const s = await signatureOf(store, item.sha256!, null, () => readOriginal(store, storage, { verify: true }));
    if (!('failure' in s)) entries.push({ id: `item:${item.id}`, signature: s });
  }
  const out: LinkDraft[] = [];
  const names = new Map(items.map((i) => [`item:${i.id}`, i.name]));
  for (const link of samePortraitGroups(entries)) {
    const [a, b] = [link.from.id, link.to.id];
    const aItem = a.startsWith('item:');
    const bItem = b.startsWith('item:');
    if (aItem && bItem) continue; // two crop files alike: same-image's business
    if (!aItem && !bItem) {
      out.push({ ...link, from: { type: 'document', id: a.slice('document:'.length) }, to: { type: 'document', id: b.slice('document:'.length) }, summary: link.summary.replaceAll('document:', '') });
      continue;
    }
    const [crop, doc] = aItem ? [a, b] : [b, a];
    out.push({
      kind: 'draft-to-print',
      from: { type: 'item', id: crop.slice('item:'.length) },
      to: { type: 'document', id: doc.slice('document:'.length) },
      strength: link.strength,
      evidence: { draft: 'portrait-crop', ...link.evidence },
      summary: `${names.get(crop) ?? crop} is the picture printed as the portrait of document ${doc.slice('document:'.length)} (portrait signatures ${Number(link.evidence.distance).toFixed(4)} apart; the same portrait image measured up to ${MATCH_DISTANCE})`,
    });
  }
  return out;
}
