/**
 * Browser-mode access token. The engine's HTTP server prints a link with `?token=…`; the renderer
 * keeps the token for the session and removes it from the visible URL so it does not linger in the
 * address bar, screenshots or history.
 */

/** sessionStorage key under which the token is kept for the lifetime of the tab. */
export const TOKEN_STORAGE_KEY = 'caselens.token';

/** The slice of `window` that token handling needs (injectable for tests). */
export interface TokenEnvironment {
  readonly location: { readonly href: string };
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
}

/**
 * Read the token from the `token` query parameter (storing it in sessionStorage and stripping it
 * from the URL with `history.replaceState`) or, when absent, from sessionStorage.
 *
 * @returns the token, or null when the page was opened without one.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return env.storage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
