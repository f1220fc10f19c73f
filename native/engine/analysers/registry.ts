/**
 * The analysers CaseLens runs, as an explicit ordered list (no directory scanning: it survives bundling).
 * The set owns the OCR workers some analysers keep, so a host creates it once and closes it on exit.
 */
import type { Analyser } from '../pipeline/analyser';
import { createDocumentsAnalyser } from './documents/documents.analyser';
import { createOcrService, type OcrService } from './ocr';
import { createTextOcrAnalyser } from './text-ocr/text-ocr.analyser';
import { createVizOcrAnalyser } from './viz-ocr/viz-ocr.analyser';

export interface AnalyserSet {
  readonly analysers: readonly Analyser[];
  close(): Promise<void>;
}

export interface AnalyserSetOptions {
  /** Printed-field and general OCR (tesseract.js); off for quick MRZ-only runs. Default on. */
  readonly ocr?: boolean;
}

/** The analysers in run order, with one OCR service (worker pool) shared by the OCR analysers. */
export function createAnalyserSet(options: AnalyserSetOptions = {}): AnalyserSet {
  const analysers: Analyser[] = [createDocumentsAnalyser()];
  let ocr: OcrService | null = null;
  if (options.ocr ?? true) {
    ocr = createOcrService();
    analysers.push(createVizOcrAnalyser(ocr), createTextOcrAnalyser(ocr));
  }
  return {
    analysers,
    async close() {
      await ocr?.terminate();
    },
  };
}
