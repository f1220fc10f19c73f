/**
 * Forensic worker thread: runs one kernel job at a time for the pool (pool.ts). Bundled as
 * `forensics-worker.js` beside the CLI and the Electron engine; run from source through tsx in tests.
 */
import { parentPort } from 'node:worker_threads';
import { kernelById } from '../kernels';
import { quantizeMap } from '../stored-map';
import type { KernelJob, KernelReply } from './messages';

const port = parentPort;
if (!port) throw new Error('forensics worker must run in a worker thread');

port.on('message', (job: KernelJob) => {
  void (async () => {
    let reply: KernelReply;
    const started = performance.now();
    try {
      const kernel = kernelById(job.kernelId);
      const result = await kernel.run(job.input);
      const maps = Object.fromEntries(Object.entries(result.maps).map(([name, map]) => [name, quantizeMap(map)]));
      reply = { jobId: job.jobId, ok: true, result: { ...result, maps: {} }, maps, ms: performance.now() - started };
    } catch (error) {
      reply = { jobId: job.jobId, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    // Quantised maps are transferred (their buffers move to the main thread), not copied.
    const buffers = reply.ok ? Object.values(reply.maps).map((m) => m.levels.buffer) : [];
    const transfer = [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    port.postMessage(reply, transfer);
  })();
});
