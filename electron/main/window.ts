/** The main window: sandboxed, context-isolated, no Node, the page from out/renderer (or the dev server). */
import { BrowserWindow } from 'electron';
import type { WebPreferences } from 'electron';
import { paths, rendererIndexUrl } from './paths';

export const WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  preload: paths.preload,
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  enableWebSQL: false,
});

export interface WindowOptions {
  readonly devServer: URL | null;
  readonly devTools: boolean;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'CaseLens',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#16181d',
    webPreferences: { ...WEB_PREFERENCES, devTools: options.devTools },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.once('did-fail-load', () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  void (options.devServer ? win.loadURL(options.devServer.href) : win.loadURL(rendererIndexUrl)).catch((error: unknown) => {
    console.error('[caselens] the page failed to load:', error);
  });
  return win;
}

/** True when `url` is the page this window is meant to show (our index file or the dev server). */
export function isAppPageUrl(url: string, devServer: URL | null): boolean {
  try {
    const parsed = new URL(url);
    if (devServer) return parsed.origin === devServer.origin;
    parsed.hash = '';
    parsed.search = '';
    return parsed.href === rendererIndexUrl;
  } catch {
    return false;
  }
}
