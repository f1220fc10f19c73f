/**
 * Child-process probe for the no-network test (run under `block-network.cjs`): recognises a rendered
 * image through the OCR service, then, as a positive control, starts a bare tesseract.js worker with no
 * `langPath` (which would download eng from a CDN) and reports how that failed. Prints one JSON line.
 */
import Tesseract from 'tesseract.js';
import { createOcrService } from '../ocr-service';
import { renderTextPng } from './render-text';

/** Give up on the control after this long: a blocked download fails within milliseconds. */
const CONTROL_TIMEOUT_MS = 20_000;

const service = createOcrService({ poolSize: 1 });
const image = await renderTextPng(700, 120, [{ text: 'Broj dokumenta 009876543', x: 30, y: 75, size: 32 }]);
const result = await service.recognize(image, { langs: ['srp_latn'] });
await service.terminate();

const controlError = await new Promise<string>((resolve) => {
  const timer = setTimeout(() => resolve('timeout'), CONTROL_TIMEOUT_MS);
  void Tesseract.createWorker('eng', 1 as Tesseract.OEM, {
    cacheMethod: 'none',
    errorHandler: (error: unknown) => {
      clearTimeout(timer);
      resolve(String(error));
    },
  }).then(() => resolve('control worker started: it must not have data without a download'));
});

process.stdout.write(`${JSON.stringify({ text: result.text.trim(), engine: result.engine.name, controlError })}\n`);
// The control worker never finishes starting (tesseract.js does not reject createWorker when the
// language load fails), so its thread is still alive: exit explicitly.
process.exit(0);
