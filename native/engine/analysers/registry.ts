/**
 * The analysers CaseLens runs, as an explicit ordered list (no directory scanning: it survives bundling).
 * The set owns the OCR workers some analysers keep, so a host creates it once and closes it on exit.
 */
import type { Analyser } from '../pipeline/analyser';
import { createDocumentsAnalyser } from './documents/documents.analyser';

export interface AnalyserSet {
  readonly analysers: readonly Analyser[];
  close(): Promise<void>;
}

export interface AnalyserSetOptions {
  /** Printed-field and general OCR (tesseract.js); off for quick MRZ-only runs. Default on. */
  readonly ocr?: boolean;
}

export function createAnalyserSet(options: AnalyserSetOptions = {}): AnalyserSet {
  void options;
  const documents = createDocumentsAnalyser();
  return {
    analysers: [documents],
    async close() {},
  };
}
