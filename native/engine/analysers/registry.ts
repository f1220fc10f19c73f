/**
 * The analysers CaseLens runs, as an explicit ordered list (no directory scanning: it survives bundling).
 * The set owns the OCR workers some analysers keep, so a host creates it once and closes it on exit.
 */
import type { Analyser } from '../pipeline/analyser';
import { ForensicPool } from '../forensics/pool/pool';
import { createDocumentsAnalyser } from './documents/documents.analyser';
import { createForensicAnalysers } from './forensics';
import { createOcrService, type OcrService } from './ocr';
import { createTextOcrAnalyser } from './text-ocr/text-ocr.analyser';
import { createVizOcrAnalyser } from './viz-ocr/viz-ocr.analyser';
import { createTemplatesAnalyser } from './templates/templates.analyser';
import type { TemplateService } from '../templates/service';

export interface AnalyserSet {
  readonly analysers: readonly Analyser[];
  /** The OCR service the set's analysers share (null when OCR is off), for hosts that read text outside analysis. */
  readonly ocr: OcrService | null;
  close(): Promise<void>;
}

export interface AnalyserSetOptions {
  /** Printed-field and general OCR (tesseract.js); off for quick MRZ-only runs. Default on. */
  readonly ocr?: boolean;
  /** Image forensics (worker pool of one thread per core). Default on. */
  readonly forensics?: boolean;
  /** Template recognition, comparison and assessment against this library; none when absent. */
  readonly templates?: TemplateService;
}

/** The analysers in run order, with one OCR service shared by the OCR analysers and one worker pool shared by the forensic ones. */
export function createAnalyserSet(options: AnalyserSetOptions = {}): AnalyserSet {
  const analysers: Analyser[] = [createDocumentsAnalyser()];
  let ocr: OcrService | null = null;
  if (options.ocr ?? true) {
    ocr = createOcrService();
    analysers.push(createVizOcrAnalyser(ocr), createTextOcrAnalyser(ocr));
  }
  let pool: ForensicPool | null = null;
  if (options.forensics ?? true) {
    pool = new ForensicPool();
    analysers.push(...createForensicAnalysers(pool, { withDocuments: true, withViz: ocr !== null }));
  }
  if (options.templates) analysers.push(createTemplatesAnalyser(options.templates, ocr, { withForensics: pool !== null }));
  return {
    analysers,
    ocr,
    async close() {
      await Promise.all([ocr?.terminate(), pool?.close()]);
    },
  };
}
