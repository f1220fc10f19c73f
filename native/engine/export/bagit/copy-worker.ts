/**
 * A copy worker thread: makes the copies it is sent, one at a time, with copyOne (copy-job.ts), and answers each
 * with its digests or its error: single copies, and batches whose copies it takes turns at with the other workers. Started by CopyPool (copy-pool.ts), bundled as `bag-copy-worker.js`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pageAlignedSharedMemory, WASM_PAGE } from './aligned-memory';
import { copyOne, COPY_CHUNK, type CopyBuffers, type CopyJob } from './copy-job';
import type { CopyBatch, CopyReply, CopyRequest, CopyWorkerData } from './copy-pool';

const port = parentPort;
if (!port) throw new Error('copy-worker.ts runs as a worker thread');
const { stop } = workerData as CopyWorkerData;
const flag = new Int32Array(stop);
/** One chunk and, after it, one block's page: page-aligned, as direct I/O wants. */
const memory = pageAlignedSharedMemory(COPY_CHUNK + WASM_PAGE);
const buffers: CopyBuffers = { chunk: Buffer.from(memory, 0, COPY_CHUNK), block: Buffer.from(memory, COPY_CHUNK, 4096) };
const stopped = () => Atomics.load(flag, 0) !== 0;

/** Make one copy and say how it went. */
function copyAndAnswer(id: number, job: CopyJob): void {
  let reply: CopyReply;
  try {
    const result = copyOne(job, buffers, stopped, (n) => port?.postMessage({ t: 'bytes', id, n } satisfies CopyReply));
    reply = { t: 'done', id, result };
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { bagPath?: string };
    reply = { t: 'failed', id, error: { name: error.name, message: error.message, code: error.code, bagPath: error.bagPath } };
  }
  port?.postMessage(reply);
}

port.on('message', (request: CopyRequest | CopyBatch) => {
  if (request.t === 'one') return copyAndAnswer(request.id, request.job);
  // A batch shared with the other workers: take the next copy until none is left; once the bag stops, every copy
  // still untaken is answered as stopped (so each of its promises settles).
  const next = new Int32Array(request.next);
  for (let index = Atomics.add(next, 0, 1); index < request.copies.length; index = Atomics.add(next, 0, 1)) {
    const copy = request.copies[index] as { id: number; job: CopyJob };
    if (!stopped()) copyAndAnswer(copy.id, copy.job);
    else port.postMessage({ t: 'failed', id: copy.id, error: { name: 'CopyStoppedError', message: `${copy.job.bagPath}: stopped` } } satisfies CopyReply);
  }
  port.postMessage({ t: 'batch-done' } satisfies CopyReply);
});
