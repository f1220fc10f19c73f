/**
 * The report PDF rendered in a worker thread. pdfkit lays out every line of text on the thread that runs it
 * (≈3.5 s and ≈200 MB of heap for a 5,000-item report, docs/BENCHMARKS.md "Evidence packages"); on a worker that
 * time overlaps the evidence copy, and its memory goes when the worker ends. The bytes are those of
 * `renderReportPdf` on the same model (tests/integration/report.test.ts compares them).
 */
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../spawn-worker';
import type { ReportImage, ReportModel } from './report-model';

/** File name of the bundled worker (scripts/build-cli.mjs, electron.vite.config.ts). */
export const PDF_WORKER_BUNDLE = 'report-pdf-worker.js';
/** Names a bundled PDF worker to run instead of the one found beside the caller (the benchmark runs what ships). */
export const PDF_WORKER_OVERRIDE = 'CASELENS_REPORT_PDF_WORKER';

/** The worker's answer. */
export type PdfReply = { readonly ok: true; readonly pdf: Uint8Array } | { readonly ok: false; readonly error: string };

/** Images arrive in the worker as Uint8Arrays (structured clone): pdfkit wants Buffers. */
export function reviveImages(model: ReportModel): ReportModel {
  const revive = (image: ReportImage | null): ReportImage | null => (image ? { ...image, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) } : null);
  return {
    ...model,
    documents: model.documents.map((d) => ({ ...d, image: revive(d.image) })),
    items: model.items.map((i) => ({ ...i, thumbnail: revive(i.thumbnail), maps: i.maps.map((m) => ({ ...m, image: revive(m.image) as ReportImage })) })),
  };
}

/**
 * Render the report PDF on a worker thread of its own. Rejects with the worker's error, or the signal's reason
 * (the worker is stopped).
 */
export function renderReportPdfOffThread(model: ReportModel, signal?: AbortSignal): Promise<Buffer> {
  signal?.throwIfAborted();
  const worker: Worker = spawnWorker({ bundle: PDF_WORKER_BUNDLE, source: 'pdf-worker.ts', from: import.meta.url, override: PDF_WORKER_OVERRIDE });
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => settle(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: PdfReply) =>
      settle(() => (reply.ok ? resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength)) : reject(new Error(`report PDF: ${reply.error}`)))),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the report PDF worker stopped (exit code ${code}) before it answered`))));
    worker.postMessage(model);
  });
}
