/**
 * The desktop shell, when there is one. The Electron preload exposes `window.caselensShell`; in
 * browser mode it is absent and the renderer falls back to engine-served equivalents (`fs.list`).
 */

/** Native services the Electron preload exposes to the page. */
export interface CaseLensShell {
  readonly host: 'electron';
  /** Native open dialog; resolves with the chosen absolute paths (empty when cancelled). */
  pickPaths(options: { readonly directory: boolean; readonly multiple: boolean }): Promise<string[]>;
  /** Show a file in the operating system's file manager. */
  reveal(path: string): Promise<void>;
}

declare global {
  interface Window {
    caselensShell?: CaseLensShell;
  }
}

/** Where the renderer runs. */
export type HostKind = 'electron' | 'browser';

/**
 * Detect the host from `window.caselensShell`.
 * @param scope the global to inspect (defaults to `globalThis`).
 */
export function detectHost(scope: { caselensShell?: unknown } = globalThis as { caselensShell?: unknown }): HostKind {
  const shell = scope.caselensShell as { host?: unknown } | undefined;
  return shell && shell.host === 'electron' ? 'electron' : 'browser';
}

/** The Electron shell, or null in browser mode. */
export function getShell(): CaseLensShell | null {
  return detectHost() === 'electron' ? (window.caselensShell ?? null) : null;
}
