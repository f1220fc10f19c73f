/**
 * The Electron journey: launch the built app (out/main/index.js) on a fresh data folder, check the
 * window's hardening, create a case through the UI and see it listed.
 *
 * The Electron binary is not downloadable on every machine (node_modules/electron is installed
 * without it there): the test is skipped when it is missing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication } from '@playwright/test';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

function electronBinary(): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** The Electron-ABI better-sqlite3 addon `npm start` stages (see scripts/start.mjs), when present. */
function stagedSqliteBinding(): string | null {
  try {
    const sqlite = JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string };
    const electronPkg = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    const dir = `better-sqlite3-${sqlite.version}-electron-${electronPkg.version}-${process.platform}-${process.arch}`;
    const binding = join(root, 'node_modules', '.cache', 'caselens-electron-native', dir, 'build', 'Release', 'better_sqlite3.node');
    return existsSync(binding) ? binding : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (binary === null) test.skip(true, 'Electron binary not installed on this machine: Electron journey skipped');

let app: ElectronApplication | undefined;
let scratch: string | undefined;

test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

test('creates a case in a sandboxed, context-isolated window', async () => {
  expect(existsSync(join(root, 'out', 'main', 'index.js')), 'run `npm run build` first').toBe(true);
  scratch = mkdtempSync(join(tmpdir(), 'caselens-electron-e2e-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  env.CASELENS_DATA_DIR = join(scratch, 'data');
  env.CASELENS_USER_DATA_DIR = join(scratch, 'profile');
  const binding = stagedSqliteBinding();
  if (binding) env.CASELENS_SQLITE_BINDING = binding;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [...(isRoot ? ['--no-sandbox'] : []), join(root, 'out', 'main', 'index.js')],
    cwd: root,
    env,
  });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');

  const preferences = await app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0];
    // getLastWebPreferences exists at runtime but is missing from Electron's typings.
    const contents = win?.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null } | undefined;
    const prefs = contents?.getLastWebPreferences() ?? {};
    return {
      sandbox: prefs.sandbox,
      contextIsolation: prefs.contextIsolation,
      nodeIntegration: prefs.nodeIntegration,
      webSecurity: prefs.webSecurity,
      webviewTag: prefs.webviewTag,
    };
  });
  expect(preferences).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false });

  // The page sees no Node and exactly the shell bridge.
  const page = await window.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    const shell = scope.caselensShell as Record<string, unknown> | undefined;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      shellKeys: shell ? Object.keys(shell).sort() : null,
      host: shell?.host,
    };
  });
  expect(page).toEqual({ require: 'undefined', process: 'undefined', shellKeys: ['host', 'pickPaths', 'reveal'], host: 'electron' });

  // No network from the page.
  const fetched = await window.evaluate(() =>
    fetch('http://127.0.0.1:9/').then(
      () => 'reached',
      () => 'blocked',
    ),
  );
  expect(fetched).toBe('blocked');

  const title = `Electron journey ${Date.now()}`;
  await window.getByTestId('new-case-button').click();
  await window.getByTestId('case-title-input').fill(title);
  await window.getByTestId('create-case-submit').click();
  await expect(window.getByTestId('case-row').filter({ hasText: title })).toBeVisible();
});
