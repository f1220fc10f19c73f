// Builds CaseLens's native addons (today: native/addons/jpeg-dct, libjpeg-turbo DCT reader) with node-gyp,
// offline, against the Node headers already on the machine. Run by `npm install`/`npm ci` (postinstall).
//
// It never fails the install: every addon has a TypeScript fallback of the same signature, so when a build
// is impossible (no compiler, no libjpeg62-turbo-dev, no headers) it prints one warning line and exits 0.
// Set CASELENS_SKIP_ADDONS=1 to skip the build altogether.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADDONS = [{ name: 'jpeg-dct', output: 'build/Release/jpeg_dct.node', fallback: 'TypeScript JPEG DCT reader' }];

/** node-gyp: the project's own if installed, else the one bundled with npm. */
function findNodeGyp() {
  const candidates = [path.join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  if (process.env.npm_config_node_gyp) candidates.unshift(process.env.npm_config_node_gyp);
  if (process.env.npm_execpath) {
    // npm_execpath is .../npm/bin/npm-cli.js; node-gyp sits in .../npm/node_modules/node-gyp.
    candidates.push(path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  candidates.push(path.join(nodePrefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * A Node "nodedir" holding include/node/common.gypi, so node-gyp does not download headers. Debian's and
 * NodeSource's packages install them under /usr/include/node (nodedir /usr); a tarball install has them
 * under <prefix>/include/node. An explicit npm_config_nodedir wins.
 */
function findNodeDir() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(path.dirname(process.execPath), '..'), '/usr', '/usr/local'];
  return candidates.find((dir) => dir && existsSync(path.join(dir, 'include', 'node', 'common.gypi'))) ?? null;
}

function warn(addon, reason) {
  process.stderr.write(`warning: native addon ${addon.name} not built (${reason}); the ${addon.fallback} will be used\n`);
}

function buildAddon(addon, nodeGyp, nodeDir) {
  const dir = path.join(ROOT, 'native', 'addons', addon.name);
  const require = createRequire(path.join(ROOT, 'package.json'));
  try {
    require.resolve('node-addon-api');
  } catch {
    warn(addon, 'node-addon-api is not installed');
    return;
  }
  const args = [nodeGyp, 'rebuild', `--nodedir=${nodeDir}`, '--release', '--jobs=2'];
  const result = spawnSync(process.execPath, args, {
    cwd: dir,
    encoding: 'utf8',
    // Offline: never let node-gyp fetch headers or Python packages.
    env: { ...process.env, npm_config_nodedir: nodeDir, npm_config_offline: 'true' },
  });
  const built = path.join(dir, addon.output);
  if (result.status !== 0 || !existsSync(built)) {
    const log = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    const firstError = log.split('\n').find((line) => /error|not found|No such file/i.test(line))?.trim() ?? `exit ${result.status}`;
    if (process.env.CASELENS_ADDONS_VERBOSE) process.stderr.write(log);
    warn(addon, `node-gyp failed: ${firstError.slice(0, 200)}`);
    return;
  }
  process.stdout.write(`native addon ${addon.name} built: ${path.relative(ROOT, built)}\n`);
}

function main() {
  if (process.env.CASELENS_SKIP_ADDONS) return;
  const nodeGyp = findNodeGyp();
  const nodeDir = findNodeDir();
  for (const addon of ADDONS) {
    if (!nodeGyp) warn(addon, 'node-gyp not found');
    else if (!nodeDir) warn(addon, 'Node headers (include/node/common.gypi) not found');
    else buildAddon(addon, nodeGyp, nodeDir);
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`warning: native addons not built (${error instanceof Error ? error.message : String(error)}); TypeScript fallbacks will be used\n`);
}
