/**
 * Control messages between the Electron main process and the engine's utility process, carried by
 * the utility process's own parent port (`child.postMessage` / `process.parentPort`). The engine
 * contract itself never travels here: each renderer gets its own MessagePort for that.
 *
 * Pure TypeScript (no Electron, no Node) so both sides and tests can share it.
 *
 * main → utility:
 *   { type: 'init', dataDir }                       once, right after fork: create the engine.
 *   { type: 'engine-port', dataDir }  + ports[0]    serve the contract on this port (one per page load).
 *   { type: 'resolve-asset', id, caseId, itemId, variant }
 *   { type: 'shutdown' }                            close the engine, then exit(0).
 *   { type: 'stored-passphrase-result', id, passphrase }   the kept unit key passphrase, or null.
 * utility → main:
 *   { type: 'ready' }                               the engine was created.
 *   { type: 'fatal', message }                      the engine could not be created; the process exits(1).
 *   { type: 'resolve-asset-result', id, asset }     asset is { path, mime } or null (unknown / not generated).
 *   { type: 'resolve-asset-result', id, asset: null, error }   resolveAsset threw.
 *   { type: 'closed' }                              sent just before exit(0) after 'shutdown'.
 *   { type: 'stored-passphrase', id }               ask for the unit key passphrase main keeps (safeStorage).
 *   { type: 'keep-passphrase', passphrase }         a passphrase that opened the unit key: main keeps it.
 */

/**
 * Asset variants: an item's thumbnail or preview, the rectified image of a document found in it
 * (`document-<documentId>`), or a forensic map measured on it (`artifact-<artifactId>`). The pattern is
 * the whole accepted form, anchored by the users.
 */
export const ASSET_VARIANT_PATTERN = 'thumb|preview|(?:document|artifact)-[1-9][0-9]{0,15}';
export type AssetVariant = 'thumb' | 'preview' | `document-${number}` | `artifact-${number}`;
const ASSET_VARIANT = new RegExp(`^(?:${ASSET_VARIANT_PATTERN})$`);

export interface ResolvedAsset {
  readonly path: string;
  readonly mime: string;
}

export type MainToEngine =
  | { readonly type: 'init'; readonly dataDir: string }
  | { readonly type: 'engine-port'; readonly dataDir: string }
  | {
      readonly type: 'resolve-asset';
      readonly id: number;
      readonly caseId: string;
      readonly itemId: number;
      readonly variant: AssetVariant;
    }
  | { readonly type: 'shutdown' }
  | { readonly type: 'stored-passphrase-result'; readonly id: number; readonly passphrase: string | null };

export type EngineToMain =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'resolve-asset-result'; readonly id: number; readonly asset: ResolvedAsset | null; readonly error?: string }
  | { readonly type: 'closed' }
  | { readonly type: 'stored-passphrase'; readonly id: number }
  | { readonly type: 'keep-passphrase'; readonly passphrase: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

export function isAssetVariant(value: unknown): value is AssetVariant {
  return typeof value === 'string' && ASSET_VARIANT.test(value);
}

/** Narrow a message that arrived on the utility's parent port. */
export function parseMainToEngine(value: unknown): MainToEngine | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'init':
    case 'engine-port':
      return isString(value.dataDir) && value.dataDir.length > 0 ? { type: value.type, dataDir: value.dataDir } : null;
    case 'resolve-asset':
      return isId(value.id) && isString(value.caseId) && isId(value.itemId) && isAssetVariant(value.variant)
        ? { type: 'resolve-asset', id: value.id, caseId: value.caseId, itemId: value.itemId, variant: value.variant }
        : null;
    case 'shutdown':
      return { type: 'shutdown' };
    case 'stored-passphrase-result':
      return isId(value.id) && (value.passphrase === null || isString(value.passphrase)) ? { type: 'stored-passphrase-result', id: value.id, passphrase: value.passphrase } : null;
    default:
      return null;
  }
}

function parseAsset(value: unknown): ResolvedAsset | null | undefined {
  if (value === null) return null;
  if (isRecord(value) && isString(value.path) && isString(value.mime)) return { path: value.path, mime: value.mime };
  return undefined;
}

/** Narrow a message that arrived from the utility process. */
export function parseEngineToMain(value: unknown): EngineToMain | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'ready':
    case 'closed':
      return { type: value.type };
    case 'fatal':
      return { type: 'fatal', message: isString(value.message) ? value.message : 'unknown error' };
    case 'stored-passphrase':
      return isId(value.id) ? { type: 'stored-passphrase', id: value.id } : null;
    case 'keep-passphrase':
      return isString(value.passphrase) && value.passphrase.length > 0 ? { type: 'keep-passphrase', passphrase: value.passphrase } : null;
    case 'resolve-asset-result': {
      const asset = parseAsset(value.asset);
      if (!isId(value.id) || asset === undefined) return null;
      return isString(value.error)
        ? { type: 'resolve-asset-result', id: value.id, asset, error: value.error }
        : { type: 'resolve-asset-result', id: value.id, asset };
    }
    default:
      return null;
  }
}
