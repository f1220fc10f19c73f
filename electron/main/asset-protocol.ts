/**
 * `caselens-asset://case/<caseId>/<itemId>/<thumb|preview>`: thumbnails and previews for the
 * page, resolved by the engine and read from disk by the main process. Nothing else is served.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { ASSET_SCHEME, isServableMime, parseAssetUrl } from './asset-url';
import type { ResolvedAsset } from '../shared/engine-control';
import type { AssetRequest } from './asset-url';

/** Must run before `app` is ready. */
export function registerAssetScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

const plain = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
  });

export function handleAssetProtocol(resolve: (request: AssetRequest) => Promise<ResolvedAsset | null>): void {
  protocol.handle(ASSET_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const asset = parseAssetUrl(request.url);
    if (!asset) return plain(404, 'not found');
    let resolved: ResolvedAsset | null;
    try {
      resolved = await resolve(asset);
    } catch (error) {
      console.error(`[caselens] asset ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      return plain(500, 'engine error');
    }
    if (!resolved || !isAbsolute(resolved.path) || resolved.path.includes('\0') || !isServableMime(resolved.mime)) {
      return plain(404, 'not found');
    }
    let file: Response;
    try {
      file = await net.fetch(pathToFileURL(resolved.path).href);
    } catch {
      return plain(404, 'not found');
    }
    if (!file.ok) return plain(404, 'not found');
    return new Response(request.method === 'HEAD' ? null : file.body, {
      status: 200,
      headers: {
        'content-type': resolved.mime,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=300',
        'content-security-policy': "default-src 'none'; sandbox",
      },
    });
  });
}
