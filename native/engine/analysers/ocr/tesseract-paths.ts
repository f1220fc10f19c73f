/**
 * Where tesseract.js's worker script and core live, resolved from node_modules at runtime. Explicit paths
 * keep the worker loadable when the calling code is bundled (out/cli, out/main), where tesseract.js's own
 * `__dirname`-based default would point into the bundle folder.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Resolved tesseract.js locations and versions. */
export interface TesseractPaths {
  /** tesseract.js's Node worker-thread entry. */
  readonly workerPath: string;
  /** Folder of tesseract.js-core (its Node build is `require`d by the worker; never downloaded). */
  readonly corePath: string;
  readonly version: string;
  readonly coreVersion: string;
}

let cached: TesseractPaths | null = null;

/** Resolve once per process. */
export function tesseractPaths(): TesseractPaths {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('tesseract.js/package.json');
  const coreRequire = createRequire(packageJson);
  const corePackageJson = coreRequire.resolve('tesseract.js-core/package.json');
  const versionOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  cached = {
    workerPath: path.join(path.dirname(packageJson), 'src', 'worker-script', 'node', 'index.js'),
    corePath: path.dirname(corePackageJson),
    version: versionOf(packageJson),
    coreVersion: versionOf(corePackageJson),
  };
  return cached;
}
