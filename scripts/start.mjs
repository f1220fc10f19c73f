#!/usr/bin/env node
/**
 * `npm start`: build if needed, make sure the demo case exists, then open CaseLens, in Electron when
 * its binary is installed, otherwise in browser mode (the loopback server + a Chromium app window).
 *
 *   node scripts/start.mjs [--browser] [--no-open] [--rebuild]
 *
 *   --browser   skip Electron, always use browser mode
 *   --no-open   browser mode: do not open a browser, just print the URL
 *   --rebuild   run `npm run build` even when out/ is complete and newer than the sources
 *
 * Environment: CASELENS_DATA_DIR (default $XDG_DATA_HOME/caselens, i.e. ~/.local/share/caselens).
 * Plain Node ESM, no dependencies.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IS_WINDOWS = process.platform === 'win32';
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const FALLBACK_LINE = 'Electron binary not available here (download blocked); opening CaseLens in browser mode.';

const log = (message) => process.stderr.write(`[caselens] ${message}\n`);

// ---------------------------------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const options = { browser: false, open: true, rebuild: false };
  for (const arg of argv) {
    if (arg === '--browser') options.browser = true;
    else if (arg === '--no-open') options.open = false;
    else if (arg === '--rebuild') options.rebuild = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm start -- [--browser] [--no-open] [--rebuild]\n');
      process.exit(0);
    } else log(`ignoring unknown argument ${arg}`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------------------------
// (a) build

const BUILD_OUTPUTS = ['out/renderer/index.html', 'out/cli/caselens.js', 'out/main/index.js', 'out/main/engine.js', 'out/preload/index.cjs'];

const BUILD_INPUTS = ['electron', 'renderer', 'native', 'electron.vite.config.ts', 'scripts/build-cli.mjs', 'package.json'];

/** Newest modification time under the given paths (source files only, no node_modules). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && !entry.startsWith('.')) visit(join(path, entry));
    } else if (!/\.test\.tsx?$/.test(path)) {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const path of paths) visit(join(ROOT, path));
  return newest;
}

function ensureBuilt(force) {
  const missing = BUILD_OUTPUTS.filter((file) => !existsSync(join(ROOT, file)));
  let reason = force ? '--rebuild' : missing.length > 0 ? `missing ${missing.join(', ')}` : null;
  if (!reason) {
    const oldestOutput = Math.min(...BUILD_OUTPUTS.map((file) => statSync(join(ROOT, file)).mtimeMs));
    if (newestMtime(BUILD_INPUTS) > oldestOutput) reason = 'sources changed since the last build';
  }
  if (!reason) return;
  log(`building (${reason})…`);
  // Child output goes to stderr: stdout carries only the mode line and the URL.
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2], shell: IS_WINDOWS });
  if (result.status !== 0) {
    log('`npm run build` failed; fix the build and run `npm start` again.');
    process.exit(result.status ?? 1);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// (b) data folder and demo case

function resolveDataDir() {
  const fromEnv = process.env.CASELENS_DATA_DIR;
  if (fromEnv && fromEnv.trim() !== '') return resolve(fromEnv);
  const xdg = process.env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share');
  return join(base, 'caselens');
}

function ensureDemoCase(dataDir) {
  if (existsSync(join(dataDir, 'cases', 'demo', 'case.sqlite'))) return;
  const script = join(ROOT, 'scripts', 'make-demo-case.ts');
  if (!existsSync(script)) {
    log('scripts/make-demo-case.ts not found; starting without the demo case.');
    return;
  }
  log(`creating the demo case in ${dataDir}…`);
  // tsx from node_modules (never fetched from the registry).
  let tsxCli = null;
  try {
    tsxCli = createRequire(join(ROOT, 'package.json')).resolve('tsx/cli');
  } catch {
    tsxCli = null;
  }
  const [command, args] = tsxCli
    ? [process.execPath, [tsxCli, script, '--data', dataDir]]
    : ['npx', ['--no-install', 'tsx', script, '--data', dataDir]];
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2], shell: IS_WINDOWS && !tsxCli });
  if (result.status !== 0) log(`the demo case could not be created (exit ${result.status ?? result.signal}); continuing without it.`);
}

// ---------------------------------------------------------------------------------------------------------------------
// (c) Electron

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function findElectron() {
  const pkgDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/** One silent attempt to download the binary (works where the network allows it). */
function tryInstallElectron() {
  const installer = join(ROOT, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return;
  spawnSync(process.execPath, [installer], { cwd: join(ROOT, 'node_modules', 'electron'), stdio: 'ignore', timeout: 60_000 });
}

function electronEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.ELECTRON_RENDERER_URL; // only `electron-vite dev` may point the app at a dev server
  return env;
}

/** Can Electron's own Node load better-sqlite3 (optionally from an explicit addon path)? */
function electronCanLoadSqlite(electron, binding) {
  const options = binding ? `{ nativeBinding: ${JSON.stringify(binding)} }` : '{}';
  const code = `const D = require('better-sqlite3'); new D(':memory:', ${options}).close();`;
  const result = spawnSync(electron, ['-e', code], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    timeout: 30_000,
  });
  return result.status === 0;
}

/**
 * node_modules/better-sqlite3 is compiled for plain Node (the CLI, browser mode and tests use it), and
 * Electron's Node has another ABI. Stage an Electron build of the addon beside it, once, in
 * node_modules/.cache, and pass its path to the engine as CASELENS_SQLITE_BINDING.
 * Returns { env } when Electron can open SQLite, or { error } when it cannot.
 */
function ensureElectronSqlite(electron) {
  let sqliteVersion;
  let electronVersion;
  try {
    sqliteVersion = readJson(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json')).version;
    electronVersion = readJson(join(ROOT, 'node_modules', 'electron', 'package.json')).version;
  } catch {
    return { error: 'better-sqlite3 is not installed' };
  }
  const stage = join(
    ROOT,
    'node_modules',
    '.cache',
    'caselens-electron-native',
    `better-sqlite3-${sqliteVersion}-electron-${electronVersion}-${process.platform}-${process.arch}`,
  );
  const binding = join(stage, 'build', 'Release', 'better_sqlite3.node');

  if (existsSync(binding) && electronCanLoadSqlite(electron, binding)) return { env: { CASELENS_SQLITE_BINDING: binding } };
  if (electronCanLoadSqlite(electron, null)) return { env: {} }; // already rebuilt for Electron

  log(`fetching better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}…`);
  let prebuild;
  try {
    prebuild = createRequire(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return { error: 'prebuild-install is not installed' };
  }
  mkdirSync(stage, { recursive: true });
  copyFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), join(stage, 'package.json'));
  const args = [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform];
  const result = spawnSync(process.execPath, args, { cwd: stage, stdio: 'ignore', timeout: 120_000 });
  if (result.status === 0 && existsSync(binding) && electronCanLoadSqlite(electron, binding)) {
    return { env: { CASELENS_SQLITE_BINDING: binding } };
  }
  return { error: 'no better-sqlite3 build for this Electron could be downloaded' };
}

/** Run Electron; resolves with its exit code, or with null when it failed to start (so browser mode can take over). */
function runElectron(electron, dataDir, extraEnv) {
  const args = ['.'];
  if (IS_ROOT && process.platform === 'linux') {
    log('running as root: Chromium refuses its sandbox for root, starting Electron with --no-sandbox.');
    args.unshift('--no-sandbox');
  }
  const startedAt = Date.now();
  const child = spawn(electron, args, { cwd: ROOT, stdio: 'inherit', env: electronEnv({ CASELENS_DATA_DIR: dataDir, ...extraEnv }) });
  let signalled = false;
  const forward = (signal) => {
    signalled = true;
    if (child.exitCode === null) child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolvePromise) => {
    child.once('error', (error) => {
      log(`Electron could not be started: ${error.message}`);
      resolvePromise(null);
    });
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      const early = Date.now() - startedAt < 10_000;
      if (!signalled && code !== 0 && signal === null && early) {
        log(`Electron exited right away (code ${code}).`);
        resolvePromise(null);
        return;
      }
      resolvePromise(code ?? (signal ? 128 : 0));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// (d) browser mode

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function onPath(name) {
  if (isAbsolute(name)) return isExecutable(name) ? name : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  for (const name of ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = onPath(name);
    if (found) return found;
  }
  return null;
}

/** Start `caselens serve` and wait for its {"url": ...} line. */
function startServer(dataDir) {
  const server = spawn(process.execPath, [join(ROOT, 'bin', 'caselens.js'), 'serve', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urlPromise = new Promise((resolvePromise, reject) => {
    let found = false;
    const timer = setTimeout(() => {
      if (!found) reject(new Error('the server did not report its address within 60 s'));
    }, 60_000);
    const lines = createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      if (found) {
        process.stdout.write(`${line}\n`);
        return;
      }
      try {
        const parsed = JSON.parse(line);
        if (parsed && typeof parsed.url === 'string') {
          found = true;
          clearTimeout(timer);
          resolvePromise(parsed.url);
          return;
        }
      } catch {
        // not the address line
      }
      process.stdout.write(`${line}\n`);
    });
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`the server exited before reporting its address (${code ?? signal})`));
    });
  });
  return { server, urlPromise };
}

function openChromium(chromium, url) {
  const profile = mkdtempSync(join(tmpdir(), 'caselens-chromium-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--disable-breakpad',
    '--password-store=basic',
    // Belt and braces for "never touches the network": no name resolves, everything but loopback goes to a dead proxy.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    '--proxy-server=http://127.0.0.1:9',
    '--proxy-bypass-list=127.0.0.1;localhost;[::1]',
  ];
  if (IS_ROOT) args.push('--no-sandbox');
  const child = spawn(chromium, args, { stdio: 'ignore' });
  return { child, profile };
}

function openWithXdg(url) {
  const xdg = onPath('xdg-open');
  if (!xdg) return false;
  const child = spawn(xdg, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return true;
}

async function runBrowserMode(dataDir, options) {
  const { server, urlPromise } = startServer(dataDir);
  let browser = null;
  let stopping = false;

  const cleanupProfile = () => {
    if (browser) rmSync(browser.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  const serverExit = new Promise((resolvePromise) => server.once('exit', (code, signal) => resolvePromise(code ?? (signal ? 0 : 1))));

  const stop = async (signal) => {
    if (stopping) {
      server.kill('SIGKILL');
      browser?.child.kill('SIGKILL');
      return;
    }
    stopping = true;
    if (browser && browser.child.exitCode === null) {
      const exited = new Promise((r) => browser.child.once('exit', r));
      browser.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    }
    if (server.exitCode === null) server.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));

  let url;
  try {
    url = await urlPromise;
  } catch (error) {
    log(`browser mode could not start: ${error.message}`);
    if (server.exitCode === null) server.kill('SIGTERM');
    return 1;
  }

  let loopback = false;
  try {
    loopback = LOOPBACK.has(new URL(url).hostname);
  } catch {
    loopback = false;
  }
  if (!loopback) {
    log(`refusing to open ${url}: the server must listen on loopback only.`);
  } else if (options.open && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('no graphical display (DISPLAY/WAYLAND_DISPLAY unset); open the CaseLens URL in a browser.');
  } else if (options.open) {
    const chromium = findChromium();
    if (chromium) {
      browser = openChromium(chromium, url);
      browser.child.once('error', (error) => {
        log(`${chromium} could not be started (${error.message}).`);
        if (!openWithXdg(url)) log('open the CaseLens URL in a browser.');
      });
      browser.child.once('exit', () => {
        if (!stopping) log('the CaseLens window was closed; the server keeps running until Ctrl+C.');
      });
    } else if (!openWithXdg(url)) {
      log('no browser found; open the CaseLens URL yourself.');
    }
  }
  process.stdout.write(`CaseLens: ${url}\n`);
  if (loopback) log('press Ctrl+C to stop.');

  const code = await serverExit;
  if (browser && browser.child.exitCode === null) browser.child.kill('SIGTERM');
  cleanupProfile();
  return stopping ? 0 : code;
}

// ---------------------------------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  ensureBuilt(options.rebuild);
  const dataDir = resolveDataDir();
  mkdirSync(dataDir, { recursive: true });
  ensureDemoCase(dataDir);

  if (options.browser) {
    process.stdout.write('Opening CaseLens in browser mode (--browser).\n');
    return runBrowserMode(dataDir, options);
  }

  let electron = findElectron();
  if (!electron) {
    tryInstallElectron();
    electron = findElectron();
  }
  if (!electron) {
    process.stdout.write(`${FALLBACK_LINE}\n`);
    return runBrowserMode(dataDir, options);
  }

  const sqlite = ensureElectronSqlite(electron);
  if (sqlite.error) {
    process.stdout.write(`Electron cannot load its SQLite module here (${sqlite.error}); opening CaseLens in browser mode.\n`);
    return runBrowserMode(dataDir, options);
  }
  const code = await runElectron(electron, dataDir, sqlite.env);
  if (code !== null) return code;
  process.stdout.write('Electron failed to start on this machine; opening CaseLens in browser mode.\n');
  return runBrowserMode(dataDir, options);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
