/**
 * A pool of worker threads for the forensic kernels, sized to the machine's cores, so pixel loops never
 * block the engine's event loop (RPC, progress, other jobs) and the kernels of one item run in parallel.
 *
 * Inputs travel as SharedArrayBuffers (no copy per job); maps come back as transferred buffers. A job
 * whose signal aborts terminates its worker (kernels are synchronous loops that cannot be interrupted
 * otherwise); the pool starts a fresh worker for the next job.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../spawn-worker';
import type { ForensicInput } from '../input';
import type { QuantizedMap } from '../stored-map';
import type { ForensicResult } from '../types';
import type { KernelJob, KernelReply } from './messages';

export interface KernelRun {
  /** The kernel's result; its float `maps` are replaced by their stored form in `maps`. */
  readonly result: ForensicResult;
  readonly maps: Readonly<Record<string, QuantizedMap>>;
  /** Time inside the worker, milliseconds. */
  readonly ms: number;
}

interface Pending {
  readonly job: KernelJob;
  readonly resolve: (run: KernelRun) => void;
  readonly reject: (error: Error) => void;
  readonly signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/** File name of the bundled worker, emitted beside the CLI bundle and the Electron engine bundle. */
export const WORKER_BUNDLE = 'forensics-worker.js';

/**
 * The worker script: `$CASELENS_FORENSICS_WORKER` (benchmarks point it at the bundled worker, to measure what
 * ships), else the bundled worker beside this bundle, else the TypeScript source via tsx.
 */
function spawnKernelWorker(): Worker {
  return spawnWorker({ bundle: WORKER_BUNDLE, source: 'worker.ts', from: import.meta.url, override: 'CASELENS_FORENSICS_WORKER' });
}

/** Default size: one worker per core (os.availableParallelism), at least 1. */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism());
}

export class ForensicPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextJobId = 1;
  private closed = false;

  constructor(readonly size: number = defaultPoolSize()) {
    if (!(size >= 1)) throw new RangeError(`pool size must be at least 1, got ${size}`);
  }

  /** Run one kernel on one input in a worker thread. Rejects with the kernel's error message, or on abort. */
  run(kernelId: string, input: ForensicInput, signal?: AbortSignal): Promise<KernelRun> {
    if (this.closed) return Promise.reject(new Error('forensic pool is closed'));
    if (signal?.aborted) return Promise.reject(new Error('aborted'));
    return new Promise<KernelRun>((resolve, reject) => {
      const pending: Pending = { job: { jobId: this.nextJobId++, kernelId, input }, resolve, reject, ...(signal ? { signal } : {}) };
      signal?.addEventListener('abort', () => this.abort(pending), { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Stop every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('forensic pool is closed'));
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        slot.busy?.reject(new Error('forensic pool is closed'));
        return slot.worker.terminate();
      }),
    );
  }

  private abort(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.reject(new Error('aborted'));
      return;
    }
    const slot = this.slots.find((s) => s.busy === pending);
    if (!slot) return;
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
    pending.reject(new Error('aborted'));
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.busy === null);
      if (!slot && this.slots.length < this.size) slot = this.addSlot();
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      // A busy worker keeps the process alive until its reply; an idle one does not (unref below).
      slot.worker.ref();
      slot.worker.postMessage(pending.job);
    }
  }

  private addSlot(): Slot {
    const slot: Slot = { worker: spawnKernelWorker(), busy: null };
    slot.worker.on('message', (reply: KernelReply) => {
      const pending = slot.busy;
      if (!pending || pending.job.jobId !== reply.jobId) return;
      slot.busy = null;
      slot.worker.unref();
      if (reply.ok) pending.resolve({ result: reply.result, maps: reply.maps, ms: reply.ms });
      else pending.reject(new Error(reply.error));
      this.dispatch();
    });
    // A worker that dies (out of memory, a crash in native code) fails its job, not the process.
    const fail = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      slot.busy?.reject(new Error(`forensics worker failed: ${error.message}`));
      slot.busy = null;
      if (!this.closed) this.dispatch();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }
}
