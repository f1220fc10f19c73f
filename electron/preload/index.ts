/**
 * Sandboxed preload (built to out/preload/index.cjs). It may only use `contextBridge` and
 * `ipcRenderer`, and it exposes exactly one object to the page: `window.caselensShell`.
 *
 * The engine connection does not go through here: the main process sends a MessagePort on
 * 'engine-port' after each page load (and after an engine restart), and this forwards it to the
 * page as `window.postMessage('caselens:engine-port', '*', [port])`.
 */
import { contextBridge, ipcRenderer } from 'electron';

/** What the page sees as `window.caselensShell` (mirrored by renderer/src/bridge/shell.ts). */
export interface CaseLensShell {
  readonly host: 'electron';
  pickPaths(options: { readonly directory: boolean; readonly multiple: boolean }): Promise<string[]>;
  reveal(path: string): Promise<void>;
}

const shell: CaseLensShell = {
  host: 'electron',
  pickPaths: (options) =>
    ipcRenderer.invoke('shell:pick-paths', {
      directory: options?.directory === true,
      multiple: options?.multiple === true,
    }) as Promise<string[]>,
  reveal: async (path) => {
    await ipcRenderer.invoke('shell:reveal', String(path));
  },
};

contextBridge.exposeInMainWorld('caselensShell', shell);

ipcRenderer.on('engine-port', (event) => {
  window.postMessage('caselens:engine-port', '*', event.ports);
});
