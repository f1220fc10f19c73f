import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningWorkstation {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Start `caselens serve` on a fresh data folder, as `npm start` does in browser mode. */
export async function startWorkstation(): Promise<RunningWorkstation> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-data-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin', 'caselens.js'), 'serve', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`caselens serve exited (${code}): ${err}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
