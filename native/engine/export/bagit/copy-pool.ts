/**
 * The copy workers of a bag being written: each makes one copy at a time (copy-job.ts), synchronously, so several
 * copies overlap one's wait for the device with another's hashing, and the main thread is left free (for the
 * report rendered meanwhile). Errors come back as the same error classes, named for the file.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../spawn-worker';
import { CopyCheckError, CopyStoppedError, SourceChangedError, type CopyJob, type CopyResult } from './copy-job';

/** File name of the bundled worker (scripts/build-cli.mjs, electron.vite.config.ts). */
export const COPY_WORKER_BUNDLE = 'bag-copy-worker.js';
/** Names a bundled copy worker to run instead of the one found beside the caller (the benchmark runs what ships). */
export const COPY_WORKER_OVERRIDE = 'CASELENS_COPY_WORKER';

/** What each worker is started with: the shared stop flag (an Int32 set to 1 to stop every copy). */
export interface CopyWorkerData {
  readonly stop: SharedArrayBuffer;
}
/** A copy sent to a worker. */
export interface CopyRequest {
  readonly id: number;
  readonly job: CopyJob;
}
/** A worker's messages: bytes copied so far (progress), then the copy's result or its error. */
export type CopyReply =
  | { readonly t: 'bytes'; readonly id: number; readonly n: number }
  | { readonly t: 'done'; readonly id: number; readonly result: CopyResult }
  | { readonly t: 'failed'; readonly id: number; readonly error: { name: string; message: string; code?: string; bagPath?: string } };

/**
 * Workers per bag. Each copy blocks its worker on every direct write until the device has the bytes, so one more
 * worker than cores keeps both cores hashing while a third waits; more measured no better (docs/BENCHMARKS.md
 * "Evidence packages") and each holds its own 1 MiB buffer.
 */
export const COPY_WORKERS = Math.min(4, Math.max(2, os.availableParallelism() + 1));

/** The error a worker reported, as the class it was thrown as. */
function revive(error: Extract<CopyReply, { t: 'failed' }>['error']): Error {
  if (error.name === 'CopyCheckError' && error.bagPath !== undefined) {
    const revived = new CopyCheckError(error.bagPath, '');
    revived.message = error.message;
    return revived;
  }
  const revived = error.name === 'SourceChangedError' ? new SourceChangedError(error.message) : error.name === 'CopyStoppedError' ? new CopyStoppedError(error.message) : new Error(error.message);
  if (error.code !== undefined) (revived as NodeJS.ErrnoException).code = error.code;
  return revived;
}

/**
 * Copies sent to a worker at once: the one it makes and the next, so it goes on without waiting for this thread
 * (which may be busy for a while making the report) to send it another.
 */
const QUEUED_PER_WORKER = 2;

interface Pending {
  readonly request: CopyRequest;
  readonly onBytes: (n: number) => void;
  readonly resolve: (result: CopyResult) => void;
  readonly reject: (error: Error) => void;
}

/** Copy workers, started when first needed. Close the pool when the bag is done. */
export class CopyPool {
  private readonly stopFlag = new SharedArrayBuffer(4);
  private readonly all: Worker[] = [];
  private readonly queue: Pending[] = [];
  /** Each worker's copies sent and not yet answered, in the order it makes them. */
  private readonly sent = new Map<Worker, Pending[]>();
  private nextId = 1;
  private failure: Error | null = null;

  /** @param size workers at most */
  constructor(readonly size = COPY_WORKERS) {}

  /** Copies worth keeping requested at once: every worker's, queued ones included. */
  get capacity(): number {
    return this.size * QUEUED_PER_WORKER;
  }

  /** Make a copy on the next free worker; `onBytes` hears each chunk as it is copied. */
  copy(job: CopyJob, onBytes: (n: number) => void = () => undefined): Promise<CopyResult> {
    return new Promise<CopyResult>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ request: { id: this.nextId++, job }, onBytes, resolve, reject });
      this.dispatch();
    });
  }

  /** Tell every running copy to stop (each fails with CopyStoppedError); queued copies are refused. */
  stop(): void {
    Atomics.store(new Int32Array(this.stopFlag), 0, 1);
    for (const pending of this.queue.splice(0)) pending.reject(new CopyStoppedError(`${pending.request.job.bagPath}: stopped`));
  }

  /** End the workers (after every copy has settled). */
  async close(): Promise<void> {
    const workers = this.all.splice(0);
    this.sent.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.leastLoaded();
      if (!worker) return;
      const pending = this.queue.shift() as Pending;
      (this.sent.get(worker) as Pending[]).push(pending);
      worker.postMessage(pending.request);
    }
  }

  /** The worker with the fewest copies sent, if any has room (a new one while there are fewer than `size`). */
  private leastLoaded(): Worker | null {
    let best: Worker | null = null;
    let load = Infinity;
    for (const [worker, sent] of this.sent)
      if (sent.length < load) {
        best = worker;
        load = sent.length;
      }
    if (best && load === 0) return best;
    if (this.all.length < this.size) return this.start();
    return load < QUEUED_PER_WORKER ? best : null;
  }

  private start(): Worker {
    const worker = spawnWorker({ bundle: COPY_WORKER_BUNDLE, source: 'copy-worker.ts', from: import.meta.url, override: COPY_WORKER_OVERRIDE, workerData: { stop: this.stopFlag } satisfies CopyWorkerData });
    this.all.push(worker);
    this.sent.set(worker, []);
    worker.on('message', (reply: CopyReply) => {
      const sent = this.sent.get(worker);
      const pending = sent?.find((p) => p.request.id === reply.id);
      if (!sent || !pending) return;
      if (reply.t === 'bytes') return pending.onBytes(reply.n);
      sent.splice(sent.indexOf(pending), 1);
      if (reply.t === 'done') pending.resolve(reply.result);
      else pending.reject(revive(reply.error));
      this.dispatch();
    });
    const lost = (error: Error) => {
      this.failure ??= error;
      for (const pending of this.sent.get(worker)?.splice(0) ?? []) pending.reject(error);
      for (const queued of this.queue.splice(0)) queued.reject(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => {
      if (this.all.includes(worker)) lost(new Error(`a bag copy worker stopped (exit code ${code})`));
    });
    return worker;
  }
}
