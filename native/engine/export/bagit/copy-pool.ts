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
  readonly t: 'one';
  readonly id: number;
  readonly job: CopyJob;
}
/**
 * Copies shared by every worker: each takes the next one (`Atomics.add` on `next`) until none is left, so no worker
 * waits for this thread between copies (it may be busy for seconds making the report) and none is left idle
 * while another has a queue.
 */
export interface CopyBatch {
  readonly t: 'batch';
  readonly copies: readonly { readonly id: number; readonly job: CopyJob }[];
  /** An Int32: the index of the next copy to take. */
  readonly next: SharedArrayBuffer;
}
/** A worker's messages: bytes copied so far (progress), each copy's result or its error, the end of a batch. */
export type CopyReply =
  | { readonly t: 'bytes'; readonly id: number; readonly n: number }
  | { readonly t: 'done'; readonly id: number; readonly result: CopyResult }
  | { readonly t: 'failed'; readonly id: number; readonly error: { name: string; message: string; code?: string; bagPath?: string } }
  | { readonly t: 'batch-done' };

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

/** Single copies sent to a worker at once: the one it makes and the next. */
const QUEUED_PER_WORKER = 2;

interface Pending {
  readonly id: number;
  readonly job: CopyJob;
  readonly onBytes: (n: number) => void;
  readonly resolve: (result: CopyResult) => void;
  readonly reject: (error: Error) => void;
}

/** Copy workers, started when first needed. Close the pool when the bag is done. */
export class CopyPool {
  private readonly stopFlag = new SharedArrayBuffer(4);
  private readonly all: Worker[] = [];
  /** Single copies not yet sent. */
  private readonly queue: Pending[] = [];
  /** Copies sent (singly or in a batch) and not yet answered, by id. */
  private readonly pending = new Map<number, Pending>();
  /** Per worker: single copies sent and not answered, plus batches not finished. */
  private readonly load = new Map<Worker, number>();
  /** Ids of single copies sent (a batch's copies are counted by their batch). */
  private readonly singles = new Set<number>();
  private nextId = 1;
  private failure: Error | null = null;
  private stopped = false;

  /** @param size workers at most */
  constructor(readonly size = COPY_WORKERS) {}

  /** Single copies worth keeping requested at once: every worker's, queued ones included. */
  get capacity(): number {
    return this.size * QUEUED_PER_WORKER;
  }

  private pend(job: CopyJob, onBytes: (n: number) => void, settle: { resolve: (r: CopyResult) => void; reject: (e: Error) => void }): Pending {
    const pending: Pending = { id: this.nextId++, job, onBytes, ...settle };
    this.pending.set(pending.id, pending);
    return pending;
  }

  private refusal(job: CopyJob): Error | null {
    return this.failure ?? (this.stopped ? new CopyStoppedError(`${job.bagPath}: stopped`) : null);
  }

  /** Make a copy on the next free worker; `onBytes` hears each chunk as it is copied. */
  copy(job: CopyJob, onBytes: (n: number) => void = () => undefined): Promise<CopyResult> {
    return new Promise<CopyResult>((resolve, reject) => {
      const refused = this.refusal(job);
      if (refused) return reject(refused);
      this.queue.push(this.pend(job, onBytes, { resolve, reject }));
      this.dispatch();
    });
  }

  /**
   * Make many copies, shared out among all the workers (CopyBatch); one promise per job, in order. `onBytes`
   * hears each chunk with the index of its job.
   */
  copyAll(jobs: readonly CopyJob[], onBytes: (index: number, n: number) => void = () => undefined): Promise<CopyResult>[] {
    const results = jobs.map(
      (job, index) =>
        new Promise<CopyResult>((resolve, reject) => {
          const refused = this.refusal(job);
          if (refused) return reject(refused);
          this.pend(job, (n) => onBytes(index, n), { resolve, reject });
        }),
    );
    if (jobs.length === 0 || this.stopped || this.failure) return results;
    const first = this.nextId - jobs.length;
    const batch: CopyBatch = { t: 'batch', copies: jobs.map((job, i) => ({ id: first + i, job })), next: new SharedArrayBuffer(4) };
    while (this.all.length < Math.min(this.size, jobs.length)) this.start();
    for (const worker of this.all) {
      this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
      worker.postMessage(batch);
    }
    return results;
  }

  /** Tell every running copy to stop (each fails with CopyStoppedError); copies not yet begun are refused. */
  stop(): void {
    this.stopped = true;
    Atomics.store(new Int32Array(this.stopFlag), 0, 1);
    for (const pending of this.queue.splice(0)) this.settle(pending.id, () => pending.reject(new CopyStoppedError(`${pending.job.bagPath}: stopped`)));
  }

  /** End the workers (after every copy has settled). */
  async close(): Promise<void> {
    const workers = this.all.splice(0);
    this.load.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private settle(id: number, how: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    how(pending);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.leastLoaded();
      if (!worker) return;
      const pending = this.queue.shift() as Pending;
      this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
      this.singles.add(pending.id);
      worker.postMessage({ t: 'one', id: pending.id, job: pending.job } satisfies CopyRequest);
    }
  }

  /** The least loaded worker, if it has room (a new one while there are fewer than `size` and none is idle). */
  private leastLoaded(): Worker | null {
    let best: Worker | null = null;
    let load = Infinity;
    for (const [worker, n] of this.load)
      if (n < load) {
        best = worker;
        load = n;
      }
    if (best && load === 0) return best;
    if (this.all.length < this.size) return this.start();
    return load < QUEUED_PER_WORKER ? best : null;
  }

  private start(): Worker {
    const worker = spawnWorker({ bundle: COPY_WORKER_BUNDLE, source: 'copy-worker.ts', from: import.meta.url, override: COPY_WORKER_OVERRIDE, workerData: { stop: this.stopFlag } satisfies CopyWorkerData });
    this.all.push(worker);
    this.load.set(worker, 0);
    worker.on('message', (reply: CopyReply) => {
      if (reply.t === 'bytes') return this.pending.get(reply.id)?.onBytes(reply.n);
      // A batch's end, or a single copy's answer: the worker has room again (a batch's copies are not counted).
      if (reply.t === 'batch-done' || this.singles.delete(reply.id)) this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
      if (reply.t === 'batch-done') return this.dispatch();
      if (reply.t === 'done') this.settle(reply.id, (p) => p.resolve(reply.result));
      else this.settle(reply.id, (p) => p.reject(revive(reply.error)));
      this.dispatch();
    });
    // A worker that dies takes the bag with it: every copy not answered fails with its error.
    const lost = (error: Error) => {
      this.failure ??= error;
      this.stop();
      for (const id of [...this.pending.keys()]) this.settle(id, (p) => p.reject(error));
    };
    worker.on('error', lost);
    worker.on('exit', (code) => {
      if (this.all.includes(worker)) lost(new Error(`a bag copy worker stopped (exit code ${code})`));
    });
    return worker;
  }
}
