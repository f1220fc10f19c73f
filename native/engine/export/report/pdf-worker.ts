/**
 * Report PDF worker thread: renders one report model (pdf-thread.ts sends it) and sends the PDF's bytes back.
 * Bundled as `report-pdf-worker.js` beside the CLI and the Electron engine; run from source through tsx in tests.
 */
import { parentPort } from 'node:worker_threads';
import { renderReportPdf } from './render-pdf';
import { reviveImages, type PdfReply } from './pdf-thread';
import type { ReportModel } from './report-model';

const port = parentPort;
if (!port) throw new Error('the report PDF worker must run in a worker thread');

port.on('message', (model: ReportModel) => {
  void (async () => {
    let reply: PdfReply;
    try {
      const bytes = await renderReportPdf(reviveImages(model));
      // A copy into a buffer of its own, transferred: the result may be a view of a larger pooled buffer.
      const own = new Uint8Array(bytes);
      reply = { ok: true, pdf: own };
      port.postMessage(reply, [own.buffer]);
    } catch (error) {
      reply = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      port.postMessage(reply);
    }
  })();
});
