import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EngineError } from '../contract';
import { createEngine } from '../host/engine';
import { startBrowserServer } from '../host/http-server';

/** Default data folder: $CASELENS_DATA_DIR, else the XDG data home. */
export function defaultDataDir(): string {
  if (process.env.CASELENS_DATA_DIR) return path.resolve(process.env.CASELENS_DATA_DIR);
  const xdg = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'caselens');
}

/** The built renderer, next to the bundled CLI (out/cli → out/renderer). */
function rendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../renderer'), path.resolve(here, '../../../out/renderer')]) {
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  throw new EngineError('not-found', 'The workstation UI is not built (out/renderer is missing): run `npm run build`.');
}

/** `caselens serve`: browser mode. Prints `{"url": ...}` on stdout and serves until interrupted. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, data: { type: 'string' } } });
  const port = values.port !== undefined ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EngineError('invalid-args', '--port takes a number from 0 to 65535');
  const dataDir = values.data ? path.resolve(values.data) : defaultDataDir();
  const engine = createEngine({ dataDir, host: 'browser' });
  const server = await startBrowserServer({ engine, port, staticDir: rendererDir() });
  process.stdout.write(`${JSON.stringify({ url: server.url, dataDir })}\n`);
  process.stderr.write(`CaseLens browser mode on ${server.url} (data: ${dataDir}); Ctrl+C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await engine.close();
  return 0;
}
