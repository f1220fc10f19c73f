/**
 * Finds and loads the libjpeg-turbo addon `jpeg_dct.node` (built by scripts/build-addons.mjs at install).
 *
 * Where it looks, first hit wins:
 * 1. `$CASELENS_ADDONS_DIR/jpeg_dct.node` or `$CASELENS_ADDONS_DIR/jpeg-dct/build/Release/jpeg_dct.node`
 *    (for packaged apps, where the addon is unpacked from the asar archive);
 * 2. `<process.resourcesPath>/addons/jpeg_dct.node` in a packaged Electron app (electron-builder.yml);
 * 3. `native/addons/jpeg-dct/build/Release/jpeg_dct.node` in this file's folder or any parent, then in
 *    `process.cwd()` or any parent (covers running from source, and the esbuild bundles in out/).
 * Loading never throws: on failure the reason is kept and the TypeScript reader is used instead.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE_ADDON = path.join('native', 'addons', 'jpeg-dct', 'build', 'Release', 'jpeg_dct.node');
const ADDON_FILE = 'jpeg_dct.node';

/** What the addon exports (see native/addons/jpeg-dct/jpeg_dct.cc). */
export interface NativeJpegDct {
  readDctCoefficients(bytes: Uint8Array, maxCoefficientBytes: number, maxScans: number): unknown;
  readonly libjpegVersion: number;
}

export type NativeLoadResult =
  | { readonly ok: true; readonly addon: NativeJpegDct; readonly path: string }
  | { readonly ok: false; readonly reason: string };

function searchUp(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, RELATIVE_ADDON);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function moduleDir(): string | null {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}

/** The addon's path, or null with nothing found. */
export function findAddon(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CASELENS_ADDONS_DIR;
  if (configured) {
    for (const candidate of [path.join(configured, ADDON_FILE), path.join(configured, 'jpeg-dct', 'build', 'Release', ADDON_FILE)]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath && existsSync(path.join(resourcesPath, 'addons', ADDON_FILE))) return path.join(resourcesPath, 'addons', ADDON_FILE);
  const here = moduleDir();
  return (here ? searchUp(here) : null) ?? searchUp(process.cwd());
}

let cached: NativeLoadResult | null = null;

/** Loads the addon once per process (per worker thread: Node-API addons are context-aware). */
export function loadNativeJpegDct(): NativeLoadResult {
  if (cached) return cached;
  if (process.env.CASELENS_DISABLE_NATIVE) {
    cached = { ok: false, reason: 'disabled by CASELENS_DISABLE_NATIVE' };
    return cached;
  }
  const found = findAddon();
  if (!found) {
    cached = { ok: false, reason: `${RELATIVE_ADDON} not found (not built: run node scripts/build-addons.mjs)` };
    return cached;
  }
  try {
    const require = createRequire(import.meta.url);
    const addon = require(found) as NativeJpegDct;
    if (typeof addon.readDctCoefficients !== 'function') throw new Error('readDctCoefficients is missing');
    cached = { ok: true, addon, path: found };
  } catch (error) {
    cached = { ok: false, reason: `cannot load ${found}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return cached;
}
