/**
 * The `caselens-asset:` URL form, parsed strictly. Pure: no Electron, no Node.
 *
 *   caselens-asset://case/<caseId>/<itemId>/<thumb|preview|document-<documentId>>
 *
 * The whole URL must match exactly: lowercase UUID case id, positive decimal item id without
 * leading zeros, a known variant, nothing else (no query, fragment, user info, port, percent
 * escapes, dot segments or extra segments). Anything else is refused before the engine is asked.
 */
import { ASSET_VARIANT_PATTERN, isAssetVariant } from '../shared/engine-control';
import type { AssetVariant } from '../shared/engine-control';

export const ASSET_SCHEME = 'caselens-asset';
export const ASSET_HOST = 'case';

export interface AssetRequest {
  readonly caseId: string;
  readonly itemId: number;
  readonly variant: AssetVariant;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ASSET_URL = new RegExp(`^${ASSET_SCHEME}://${ASSET_HOST}/(${UUID})/([1-9][0-9]{0,15})/(${ASSET_VARIANT_PATTERN})$`);
const CASE_ID = new RegExp(`^${UUID}$`);
const MAX_URL_LENGTH = 200;

export function isCaseId(value: string): boolean {
  return CASE_ID.test(value);
}

export function isItemId(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** Parse an asset URL; null for anything that is not exactly the accepted form. */
export function parseAssetUrl(url: string): AssetRequest | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  const match = ASSET_URL.exec(url);
  if (!match) return null;
  const [, caseId, itemText, variant] = match;
  if (caseId === undefined || itemText === undefined || variant === undefined) return null;
  const itemId = Number(itemText);
  if (!isItemId(itemId)) return null;
  // Second opinion from the WHATWG parser: the URL must be canonical already (nothing it would rewrite).
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.href !== url || parsed.hostname !== ASSET_HOST || parsed.search !== '' || parsed.hash !== '') return null;
  return { caseId, itemId, variant: variant as AssetVariant };
}

/** Build the URL the renderer uses (kept here for tests and for the shell's own use). */
export function formatAssetUrl(request: AssetRequest): string {
  if (!isCaseId(request.caseId) || !isItemId(request.itemId) || !isAssetVariant(request.variant)) {
    throw new TypeError('invalid asset request');
  }
  return `${ASSET_SCHEME}://${ASSET_HOST}/${request.caseId}/${request.itemId}/${request.variant}`;
}

/** Content types the asset protocol agrees to serve (never HTML, script or SVG: they could run code). */
const SERVABLE_MIME = /^(image\/(jpeg|png|webp|avif|gif|bmp|tiff|heic|heif)|application\/pdf)$/;

export function isServableMime(mime: string): boolean {
  return SERVABLE_MIME.test(mime);
}
