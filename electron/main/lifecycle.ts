/**
 * App lifecycle: single instance, ready → harden session, start the engine, serve assets, open the
 * window; reconnect pages after an engine restart; stop the engine cleanly before quitting.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import type { MessageBoxOptions } from 'electron';
import { handleAssetProtocol } from './asset-protocol';
import { EngineProcess } from './engine-process';
import { installMenu } from './menu';
import { devServerUrl, paths, resolveDataDir } from './paths';
import { hardenSession } from './security';
import { registerShellIpc } from './shell-ipc';
import { createMainWindow, isAppPageUrl } from './window';

const RENDERER_RELOAD_MIN_INTERVAL_MS = 10_000;

export function runApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const devServer = devServerUrl();
  const devTools = !app.isPackaged;
  const trusted = new Set<number>();
  let engine: EngineProcess | null = null;
  let mainWindow: BrowserWindow | null = null;

  const loadedWindows = (): BrowserWindow[] =>
    BrowserWindow.getAllWindows().filter(
      (win) => !win.isDestroyed() && trusted.has(win.webContents.id) && !win.webContents.isLoading(),
    );

  const connectAll = (): void => {
    for (const win of loadedWindows()) engine?.connect(win.webContents);
  };

  const reportEngineFailure = async (reason: string): Promise<void> => {
    const options: MessageBoxOptions = {
      type: 'error',
      title: 'CaseLens',
      message: 'The CaseLens engine stopped and could not be restarted.',
      detail: reason,
      buttons: ['Try again', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    };
    const parent = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (response === 0 && engine) {
      engine.resetCrashes();
      engine.start();
      connectAll();
    } else {
      app.quit();
    }
  };

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({ devServer, devTools });
    const contents = win.webContents;
    const id = contents.id;
    trusted.add(id);
    contents.on('did-finish-load', () => {
      if (isAppPageUrl(contents.getURL(), devServer)) engine?.connect(contents);
    });
    let lastReload = 0;
    contents.on('render-process-gone', (_event, details) => {
      console.error(`[caselens] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
      if (details.reason === 'clean-exit' || win.isDestroyed()) return;
      if (Date.now() - lastReload > RENDERER_RELOAD_MIN_INTERVAL_MS) {
        lastReload = Date.now();
        contents.reload();
      }
    });
    win.on('closed', () => {
      trusted.delete(id);
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
    return win;
  };

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app
    .whenReady()
    .then(() => {
      let dataDir: string;
      try {
        dataDir = resolveDataDir();
      } catch (error) {
        dialog.showErrorBox('CaseLens', `The data folder cannot be created: ${error instanceof Error ? error.message : String(error)}`);
        app.exit(1);
        return;
      }
      hardenSession(session.defaultSession, { rendererDir: paths.rendererDir, devServer });
      installMenu({ devTools });

      const started = new EngineProcess({
        entry: paths.engineEntry,
        dataDir,
        userData: app.getPath('userData'),
        onRestarted: connectAll,
        onGaveUp: (reason) => void reportEngineFailure(reason),
      });
      engine = started;
      started.start();

      handleAssetProtocol((request) => started.resolveAsset(request.caseId, request.itemId, request.variant));
      registerShellIpc({
        isTrustedContents: (contentsId) => trusted.has(contentsId),
        isAppPage: (url) => isAppPageUrl(url, devServer),
      });

      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('[caselens] startup failed:', error);
      dialog.showErrorBox('CaseLens', `CaseLens could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Let the engine close its databases before the process goes away.
  let engineStopped = false;
  app.on('will-quit', (event) => {
    if (engineStopped || !engine) return;
    event.preventDefault();
    engineStopped = true;
    void engine.stop().finally(() => app.quit());
  });
}
