/**
 * Starting one of the engine's worker threads: the bundled script beside the running bundle (the CLI's `out/cli/`,
 * Electron's `out/main/`), or, when running from source (tests, `npx tsx`), the TypeScript file through tsx's
 * loader. scripts/build-cli.mjs and electron.vite.config.ts emit the bundles under the names callers give here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerScript {
  /** File name of the bundled worker, emitted beside the bundle that holds the caller. */
  readonly bundle: string;
  /** The worker's TypeScript source, relative to the caller's folder. */
  readonly source: string;
  /** The caller's `import.meta.url` (in a bundle, the bundle's own). */
  readonly from: string;
  /** An environment variable that, when set, names the script to run instead (benchmarks measure what ships). */
  readonly override?: string;
  /** Passed to the worker as `workerData`. */
  readonly workerData?: unknown;
}

/** Start the worker; throws naming what is missing when neither the bundle nor the source is there. */
export function spawnWorker(script: WorkerScript): Worker {
  const configured = script.override ? process.env[script.override] : undefined;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`${script.override} names a missing file: ${configured}`);
    return new Worker(configured, { workerData: script.workerData });
  }
  // Paths, not `new URL('./…', import.meta.url)`: bundlers rewrite that pattern into asset imports.
  const here = path.dirname(fileURLToPath(script.from));
  const bundled = path.join(here, script.bundle);
  if (existsSync(bundled)) return new Worker(bundled, { workerData: script.workerData });
  const source = path.join(here, script.source);
  if (!existsSync(source)) throw new Error(`worker script ${script.bundle} not found in ${here}`);
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(source).href)}); })`;
  return new Worker(boot, { eval: true, workerData: script.workerData });
}
