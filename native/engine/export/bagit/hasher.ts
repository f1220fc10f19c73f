/**
 * Several digests of one stream of chunks, computed from the same chunks so every file is read once. Hashing runs
 * in two worker threads, SHA-384/512 in one (no CPU instructions: ≈0.8 GB/s here) and the others in the second
 * (SHA-256 with the CPU's SHA extensions: ≈1.7 GB/s), reading the shared read buffers in place, so the main thread
 * only reads and writes. Measured on the 2 GB export (tests/bench/export.bench.ts, same run, loaded machine):
 * 16.0 s against 18.9 s with SHA-256 on the main thread. The workers' code is a string evaluated in the worker, so
 * nothing needs bundling beside the CLI or Electron builds.
 */
import { createHash, getHashes, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ChunkPool, type Slot } from './chunk-pool';

/** Digest names as Node's crypto and BagIt manifests spell them. */
export type Algorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
/** Algorithms a BagIt manifest may name that this reader can check (RFC 8493 §2.4 lists these families). */
export const SUPPORTED_ALGORITHMS: readonly Algorithm[] = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'].filter((a) =>
  getHashes().includes(a),
) as Algorithm[];
/** Hex length of each digest. */
export const HEX_LENGTH: Record<Algorithm, number> = { md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128 };

/** The 64-bit SHA-2 family (no CPU instructions, the slowest) gets a worker of its own. */
const OFFLOADED = new Set<Algorithm>(['sha384', 'sha512']);
/**
 * Chunks handed to the worker and not yet hashed. 8 × the 1 MiB chunks the callers read = 8 MiB at most
 * in flight: enough to keep the worker busy across a slow write, small enough to keep memory flat.
 */
const MAX_IN_FLIGHT = 8;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (m) => {
  if (m.t === 'b') jobs.set(m.id, m.algorithms.map((a) => [a, createHash(a)]));
  else if (m.t === 'u') {
    const chunk = m.sab ? new Uint8Array(m.sab, m.offset, m.length) : m.chunk;
    for (const [, h] of jobs.get(m.id)) h.update(chunk);
    parentPort.postMessage({ t: 'a' });
  }
  else if (m.t === 'd') {
    const out = {};
    for (const [a, h] of jobs.get(m.id)) out[a] = h.digest('hex');
    jobs.delete(m.id);
    parentPort.postMessage({ t: 'r', id: m.id, digests: out });
  }
});
`;

/** Hex digests by algorithm. */
export type Digests = Partial<Record<Algorithm, string>>;

/** One stream being hashed. */
export interface HashJob {
  /** Hash one chunk (the caller may reuse the buffer once this resolves). */
  update(chunk: Uint8Array): Promise<void>;
  digest(): Promise<Digests>;
}

/**
 * Read buffers shared with the workers: 8 × 1 MiB (read-ahead holds 2, the workers the rest), so memory stays at a
 * few MiB whatever the file sizes.
 */
const POOL_SLOTS = 8;
const POOL_SLOT_BYTES = 1024 * 1024;

/** One hash worker thread: its in-flight chunks, the pool slots it holds, the digests it owes. */
class HashWorker {
  private readonly worker: Worker;
  /** Pool slots the worker holds, in the order it will acknowledge them (null: a copied chunk). */
  private readonly held: (Slot | null)[] = [];
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly results = new Map<number, { resolve: (d: Digests) => void; reject: (e: Error) => void }>();
  failure: Error | null = null;
  private closing = false;

  constructor(private readonly pool: ChunkPool) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.unref();
    this.worker.on('message', (m: { t: 'a' } | { t: 'r'; id: number; digests: Digests }) => {
      if (m.t === 'a') {
        this.inFlight--;
        const slot = this.held.shift();
        if (slot) this.pool.release(slot);
        this.waiting.shift()?.();
      } else {
        this.results.get(m.id)?.resolve(m.digests);
        this.results.delete(m.id);
      }
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`hash worker stopped (exit code ${code})`));
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const r of this.results.values()) r.reject(error);
    this.results.clear();
    for (const w of this.waiting.splice(0)) w();
    // The worker will not acknowledge its chunks: give their buffers back, or the next read would wait forever.
    for (const slot of this.held.splice(0)) if (slot) this.pool.release(slot);
  }

  begin(id: number, algorithms: readonly Algorithm[]): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ t: 'b', id, algorithms });
  }

  async update(id: number, chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const slot = this.pool.slotOf(chunk);
    if (slot) {
      // Shared memory: the worker reads the slot in place; it is released when the worker acknowledges.
      this.pool.retain(slot);
      this.held.push(slot);
      this.inFlight++;
      this.worker.postMessage({ t: 'u', id, sab: slot.sab, offset: chunk.byteOffset, length: chunk.byteLength });
      return;
    }
    // A copy of exactly the chunk, transferred: a view's whole backing buffer would otherwise be cloned.
    const copy = new Uint8Array(chunk);
    this.held.push(null);
    this.inFlight++;
    this.worker.postMessage({ t: 'u', id, chunk: copy }, [copy.buffer]);
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
  }

  digest(id: number): Promise<Digests> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Digests>((resolve, reject) => {
      this.results.set(id, { resolve, reject });
      this.worker.postMessage({ t: 'd', id });
    });
  }

  /** For tests: stop the thread as a crash would. */
  kill(): Promise<number> {
    return this.worker.terminate();
  }

  close(): Promise<number> {
    this.closing = true;
    return this.worker.terminate();
  }
}

/**
 * Makes hash jobs; owns the worker threads and the read buffers they share. Close it when done. With threads,
 * SHA-384/512 run in one worker and the other algorithms in a second, so the main thread only reads and writes.
 */
export class Hasher {
  /** Reusable read buffers: chunks read into them reach the workers without a copy. */
  readonly pool = new ChunkPool(POOL_SLOTS, POOL_SLOT_BYTES);
  private readonly workers: { wide: HashWorker | null; narrow: HashWorker | null } = { wide: null, narrow: null };
  private nextId = 1;

  /** @param threads hash in worker threads (default true); false keeps everything on this thread. */
  constructor(private readonly threads = true) {}

  private lane(kind: 'wide' | 'narrow'): HashWorker {
    const existing = this.workers[kind];
    if (existing?.failure) throw existing.failure;
    return existing ?? (this.workers[kind] = new HashWorker(this.pool));
  }

  /** Start hashing one stream with these algorithms. */
  begin(algorithms: readonly Algorithm[]): HashJob {
    const id = this.nextId++;
    const local: [Algorithm, Hash][] = this.threads ? [] : algorithms.map((a) => [a, createHash(a)]);
    const lanes: [HashWorker, Algorithm[]][] = [];
    if (this.threads) {
      const wide = algorithms.filter((a) => OFFLOADED.has(a));
      const narrow = algorithms.filter((a) => !OFFLOADED.has(a));
      if (wide.length > 0) lanes.push([this.lane('wide'), wide]);
      if (narrow.length > 0) lanes.push([this.lane('narrow'), narrow]);
      for (const [worker, list] of lanes) worker.begin(id, list);
    }
    return {
      update: async (chunk) => {
        for (const [, h] of local) h.update(chunk);
        if (lanes.length === 1) return (lanes[0] as [HashWorker, Algorithm[]])[0].update(id, chunk);
        if (lanes.length > 1) await Promise.all(lanes.map(([worker]) => worker.update(id, chunk)));
      },
      digest: async () => {
        const digests: Digests = {};
        for (const [a, h] of local) digests[a] = h.digest('hex');
        for (const part of await Promise.all(lanes.map(([worker]) => worker.digest(id)))) Object.assign(digests, part);
        return digests;
      },
    };
  }

  /** For tests: kill the worker threads as a crash would. */
  async killWorkers(): Promise<void> {
    for (const w of [this.workers.wide, this.workers.narrow]) await w?.kill();
  }

  /** Stop the worker threads. */
  async close(): Promise<void> {
    const { wide, narrow } = this.workers;
    this.workers.wide = this.workers.narrow = null;
    await Promise.all([wide?.close(), narrow?.close()]);
  }
}

/** Hash a whole in-memory buffer with the given algorithms (small tag files). */
export function digestsOf(data: Uint8Array, algorithms: readonly Algorithm[]): Digests {
  const out: Digests = {};
  for (const a of algorithms) out[a] = createHash(a).update(data).digest('hex');
  return out;
}
