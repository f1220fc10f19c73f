/**
 * The renderer's engine connection: one EngineClient over the transport that fits the host, the
 * asset URL builder and the React context that hands both to components.
 */
import { createContext, useContext } from 'react';
import { createEngineClient } from '../../../native/engine/contract';
import type { CaseId, EngineClient, ItemId } from '../../../native/engine/contract';
import { createHttpTransport } from './http.transport';
import { createPortTransport } from './port.transport';
import type { MessageTargetLike } from './port.transport';
import { createConnectionStore } from './connection';
import type { ConnectionStore } from './connection';
import { detectHost, getShell } from './shell';
import type { CaseLensShell, HostKind } from './shell';
import { takeToken } from './token';

/** Image renditions the engine serves for an item: thumbnail, preview, a found document's rectified image, a forensic map. */
export type AssetVariant = 'thumb' | 'preview' | `document-${number}` | `artifact-${number}`;

/** Everything components need to talk to the engine. */
export interface Engine {
  readonly client: EngineClient;
  readonly host: HostKind;
  /** Native dialogs and file manager (Electron only). */
  readonly shell: CaseLensShell | null;
  /** Browser mode: whether an access token was found. Always true in Electron. */
  readonly authenticated: boolean;
  /** Whether the event channel is up. */
  readonly connection: ConnectionStore;
  assetUrl(caseId: CaseId, itemId: ItemId, variant: AssetVariant): string;
}

/**
 * URL of an item's thumbnail or preview image: served over HTTP in browser mode and by the
 * `caselens-asset:` protocol in Electron.
 */
export function buildAssetUrl(host: HostKind, caseId: CaseId, itemId: ItemId, variant: AssetVariant): string {
  const path = `${encodeURIComponent(caseId)}/${encodeURIComponent(String(itemId))}/${variant}`;
  return host === 'electron' ? `caselens-asset://case/${path}` : `/asset/${path}`;
}

/**
 * Connect to the engine: MessagePort in Electron, HTTP+SSE in browser mode (reading the access
 * token from the URL or sessionStorage).
 */
export function createEngine(): Engine {
  const host = detectHost();
  const connection = createConnectionStore();
  const onConnectionChange = (connected: boolean): void => connection.set(connected ? 'connected' : 'disconnected');
  if (host === 'electron') {
    const transport = createPortTransport(window as unknown as MessageTargetLike, onConnectionChange);
    return {
      client: createEngineClient(transport),
      host,
      shell: getShell(),
      authenticated: true,
      connection,
      assetUrl: (caseId, itemId, variant) => buildAssetUrl(host, caseId, itemId, variant),
    };
  }
  const token = takeToken({ location: window.location, storage: window.sessionStorage, history: window.history });
  const transport = createHttpTransport({ token, onConnectionChange });
  return {
    client: createEngineClient(transport),
    host,
    shell: null,
    authenticated: token !== null,
    connection,
    assetUrl: (caseId, itemId, variant) => buildAssetUrl(host, caseId, itemId, variant),
  };
}

/** React context carrying the Engine; provided once at the root. */
export const EngineContext = createContext<Engine | null>(null);

/** The engine connection of the current app. Throws when used outside `EngineContext`. */
export function useEngine(): Engine {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('useEngine() used outside <EngineContext.Provider>');
  return engine;
}
