/**
 * The shell's network and content policy as pure functions (Node path/url only, no Electron), so
 * they can be unit-tested: which requests may leave a page, and the Content-Security-Policy.
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_SCHEME } from './asset-url';

export interface RequestPolicy {
  /** out/renderer: the only folder a page may load file: URLs from. */
  readonly rendererDir: string;
  /** The electron-vite dev server (loopback only), or null in production. */
  readonly devServer: URL | null;
}

/** Schemes that never reach the network and are safe to let through. */
const LOCAL_SCHEMES = new Set([`${ASSET_SCHEME}:`, 'data:', 'blob:', 'about:', 'devtools:']);
const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Decide whether a request may proceed.
 * @param url the requested URL
 * @param fromPage true when a web page (webContents) made the request; false for the main process's
 *   own `net` requests (the asset protocol reading a resolved file)
 */
export function isRequestAllowed(url: string, fromPage: boolean, policy: RequestPolicy): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  if (parsed.protocol === 'file:') {
    if (!fromPage) return true;
    try {
      return isInside(policy.rendererDir, fileURLToPath(parsed));
    } catch {
      return false; // remote host (file://server/share) or encoded separators
    }
  }
  if (NETWORK_SCHEMES.has(parsed.protocol)) {
    // Only the loopback dev server, and only in development. Nothing else ever touches the network.
    return policy.devServer !== null && parsed.host === policy.devServer.host;
  }
  return false;
}

/** The Content-Security-Policy sent with every response (relaxed only for the Vite dev server). */
export function contentSecurityPolicy(devServer: URL | null): string {
  const dev = devServer ? [`http://${devServer.host}`, `ws://${devServer.host}`] : [];
  return [
    "default-src 'self'",
    `img-src 'self' data: blob: ${ASSET_SCHEME}:`,
    devServer ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["connect-src 'self'", ...dev].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
