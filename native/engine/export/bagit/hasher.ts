/**
 * Several digests of one stream of chunks, computed from the same chunks so every file is read once: the
 * verifier's (the writer hashes on its copy workers, copy-job.ts). SHA-512
 * (and SHA-384) run in a worker thread: on this hardware SHA-256 uses the CPU's SHA extensions (≈1.7 GB/s)
 * while SHA-512 has none (≈0.8 GB/s), so SHA-512 moves to a second core. Measured on the 2 GB export
 * (tests/bench/export.bench.ts): with the machine to itself 11.5-13.2 s against 14.3 s on one thread; under load
 * from other processes the two are within noise. A second worker for SHA-256 (main thread only reading and
 * writing) measured no better (15.5-17.3 s against 13.9-17.0 s, same run) and was dropped. The worker's code is a
 * string evaluated in the worker, so nothing needs bundling beside the CLI or Electron builds.
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

/** Algorithms worth a thread: the 64-bit SHA-2 family has no CPU instructions and is the slowest. */
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
 * Read buffers shared with the worker: 16 × 1 MiB (each of the writer's three copies holds a read ahead and up to
 * 3 writes in flight, the read-back check 2, the worker the rest), so memory stays at a few MiB whatever the file sizes.
 */
const POOL_SLOTS = 16;
const POOL_SLOT_BYTES = 1024 * 1024;

/** Makes hash jobs; owns the worker thread, if any, and the read buffers it shares. Close it when done. */
export class Hasher {
  /** Reusable read buffers: chunks read into them reach the worker without a copy. */
  readonly pool = new ChunkPool(POOL_SLOTS, POOL_SLOT_BYTES);
  private worker: Worker | null = null;
  /** Pool slots the worker holds, in the order it will acknowledge them (null: a copied chunk). */
  private readonly held: (Slot | null)[] = [];
  private inFlight = 0;
  private nextId = 1;
  private readonly waiting: (() => void)[] = [];
  private readonly results = new Map<number, { resolve: (d: Digests) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  /** @param threads hash SHA-384/512 in a worker thread (default true); false keeps everything on this thread. */
  constructor(private readonly threads = true) {}

  private ensureWorker(): Worker {
    if (this.failure) throw this.failure;
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (m: { t: 'a' } | { t: 'r'; id: number; digests: Digests }) => {
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
    const fail = (error: Error) => {
      this.failure = error;
      for (const r of this.results.values()) r.reject(error);
      this.results.clear();
      for (const w of this.waiting.splice(0)) w();
      // The worker will not acknowledge its chunks: give their buffers back, or the next read would wait forever.
      for (const slot of this.held.splice(0)) if (slot) this.pool.release(slot);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.worker === worker) fail(new Error(`hash worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  /**
   * Start hashing one stream with these algorithms.
   * @param everythingInWorker hash all of them in the worker (keeps the main thread free).
   */
  begin(algorithms: readonly Algorithm[], everythingInWorker = false): HashJob {
    const remote = this.threads ? algorithms.filter((a) => everythingInWorker || OFFLOADED.has(a)) : [];
    const local: [Algorithm, Hash][] = algorithms.filter((a) => !remote.includes(a)).map((a) => [a, createHash(a)]);
    const id = this.nextId++;
    const worker = remote.length > 0 ? this.ensureWorker() : null;
    worker?.postMessage({ t: 'b', id, algorithms: remote });
    return {
      update: async (chunk) => {
        for (const [, h] of local) h.update(chunk);
        if (!worker) return;
        if (this.failure) throw this.failure;
        const slot = this.pool.slotOf(chunk);
        if (slot) {
          // Shared memory: the worker reads the slot in place; it is released when the worker acknowledges.
          this.pool.retain(slot);
          this.held.push(slot);
          this.inFlight++;
          worker.postMessage({ t: 'u', id, sab: slot.sab, offset: chunk.byteOffset, length: chunk.byteLength });
          return;
        }
        // A copy of exactly the chunk, transferred: a view's whole backing buffer would otherwise be cloned.
        const copy = new Uint8Array(chunk);
        this.held.push(null);
        this.inFlight++;
        worker.postMessage({ t: 'u', id, chunk: copy }, [copy.buffer]);
        while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
        if (this.failure) throw this.failure;
      },
      digest: async () => {
        const digests: Digests = {};
        for (const [a, h] of local) digests[a] = h.digest('hex');
        if (!worker) return digests;
        if (this.failure) throw this.failure;
        const remoteDigests = await new Promise<Digests>((resolve, reject) => {
          this.results.set(id, { resolve, reject });
          worker.postMessage({ t: 'd', id });
        });
        return { ...digests, ...remoteDigests };
      },
    };
  }

  /** Stop the worker thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

/** Hash a whole in-memory buffer with the given algorithms (small tag files). */
export function digestsOf(data: Uint8Array, algorithms: readonly Algorithm[]): Digests {
  const out: Digests = {};
  for (const a of algorithms) out[a] = createHash(a).update(data).digest('hex');
  return out;
}
