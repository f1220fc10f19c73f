/**
 * Session- and webContents-level hardening: CSP header, no network, no permissions, no navigation,
 * no new windows, no webviews, no downloads, no spell-check dictionary downloads.
 */
import { app } from 'electron';
import type { Session } from 'electron';
import { contentSecurityPolicy, isRequestAllowed } from './policy';
import type { RequestPolicy } from './policy';

/** Permissions the page may use. Empty on purpose: the renderer needs none. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function hardenSession(session: Session, policy: RequestPolicy): void {
  const csp = contentSecurityPolicy(policy.devServer);

  session.webRequest.onHeadersReceived((details, callback) => {
    // DevTools brings its own policy; everything else (our page, assets, the dev server) gets ours.
    if (details.url.startsWith('devtools:')) {
      callback({});
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });

  const reported = new Set<string>();
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, details.webContentsId !== undefined, policy);
    if (!allowed && reported.size < 1000 && !reported.has(details.url)) {
      reported.add(details.url);
      console.warn(`[caselens] blocked request: ${details.url.slice(0, 200)}`);
    }
    callback({ cancel: !allowed });
  });

  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // Chromium would fetch Hunspell dictionaries from a Google CDN.
  session.setSpellCheckerEnabled(false);
  session.on('will-download', (event) => event.preventDefault());
}

/** Applied to every webContents the app ever creates (windows, devtools). */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
