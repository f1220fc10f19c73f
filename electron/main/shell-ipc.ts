/**
 * The two native services the page may ask for: an open dialog and "show in file manager".
 * Only the main frame of one of our own windows, showing our own page, may call them.
 */
import { isAbsolute } from 'node:path';
import { BrowserWindow, dialog, ipcMain, shell } from 'electron';
import type { IpcMainInvokeEvent, OpenDialogOptions } from 'electron';

export const SHELL_CHANNELS = { pickPaths: 'shell:pick-paths', reveal: 'shell:reveal' } as const;

export interface ShellIpcOptions {
  /** webContents ids of our windows. */
  readonly isTrustedContents: (id: number) => boolean;
  /** Whether a frame URL is our page. */
  readonly isAppPage: (url: string) => boolean;
}

const MAX_PATH_LENGTH = 4096;

function assertTrustedSender(event: IpcMainInvokeEvent, options: ShellIpcOptions): void {
  const frame = event.senderFrame;
  if (!options.isTrustedContents(event.sender.id) || !frame || frame.parent !== null || !options.isAppPage(frame.url)) {
    throw new Error('refused: unexpected sender');
  }
}

function parsePickOptions(value: unknown): { directory: boolean; multiple: boolean } {
  if (typeof value !== 'object' || value === null) throw new TypeError('pickPaths: options must be an object');
  const { directory, multiple } = value as Record<string, unknown>;
  if (typeof directory !== 'boolean' || typeof multiple !== 'boolean') {
    throw new TypeError('pickPaths: directory and multiple must be booleans');
  }
  return { directory, multiple };
}

function parsePath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PATH_LENGTH || value.includes('\0') || !isAbsolute(value)) {
    throw new TypeError('reveal: an absolute path is required');
  }
  return value;
}

export function registerShellIpc(options: ShellIpcOptions): void {
  ipcMain.handle(SHELL_CHANNELS.pickPaths, async (event, raw: unknown): Promise<string[]> => {
    assertTrustedSender(event, options);
    const { directory, multiple } = parsePickOptions(raw);
    const properties: NonNullable<OpenDialogOptions['properties']> = [directory ? 'openDirectory' : 'openFile', 'dontAddToRecent'];
    if (multiple) properties.push('multiSelections');
    const noun = directory ? (multiple ? 'folders' : 'a folder') : multiple ? 'files' : 'a file';
    const dialogOptions: OpenDialogOptions = { title: `Choose ${noun}`, properties };
    const parent = BrowserWindow.fromWebContents(event.sender);
    const result = parent ? await dialog.showOpenDialog(parent, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    return result.canceled ? [] : result.filePaths.filter((path) => isAbsolute(path));
  });

  ipcMain.handle(SHELL_CHANNELS.reveal, (event, raw: unknown): void => {
    assertTrustedSender(event, options);
    // showItemInFolder only opens the file manager on the item: it never runs or opens the file.
    shell.showItemInFolder(parsePath(raw));
  });
}
