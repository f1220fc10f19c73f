/**
 * A copy worker thread: makes the copies it is sent, one at a time, with copyOne (copy-job.ts), and answers each
 * with its digests or its error. Started by CopyPool (copy-pool.ts), bundled as `bag-copy-worker.js`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pageAlignedSharedMemory, WASM_PAGE } from './aligned-memory';
import { copyOne, COPY_CHUNK, type CopyBuffers } from './copy-job';
import type { CopyReply, CopyRequest, CopyWorkerData } from './copy-pool';

const port = parentPort;
if (!port) throw new Error('copy-worker.ts runs as a worker thread');
const { stop } = workerData as CopyWorkerData;
const flag = new Int32Array(stop);
/** One chunk and, after it, one block's page: page-aligned, as direct I/O wants. */
const memory = pageAlignedSharedMemory(COPY_CHUNK + WASM_PAGE);
const buffers: CopyBuffers = { chunk: Buffer.from(memory, 0, COPY_CHUNK), block: Buffer.from(memory, COPY_CHUNK, 4096) };
const stopped = () => Atomics.load(flag, 0) !== 0;

port.on('message', (request: CopyRequest) => {
  let reply: CopyReply;
  try {
    const result = copyOne(request.job, buffers, stopped, (n) => port.postMessage({ t: 'bytes', id: request.id, n } satisfies CopyReply));
    reply = { t: 'done', id: request.id, result };
  } catch (e) {
    const error = e as NodeJS.ErrnoException & { bagPath?: string };
    reply = { t: 'failed', id: request.id, error: { name: error.name, message: error.message, code: error.code, bagPath: error.bagPath } };
  }
  port.postMessage(reply);
});
