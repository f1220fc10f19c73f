/**
 * Shapes of the OCR service's input and output. Plain JSON (no class instances), so a result can be
 * stored with an analyser run or sent over RPC unchanged.
 */
import type { OcrDataSource } from './ocr-data';

/** Axis-aligned box in pixels of the recognised image (origin top left). */
export interface OcrBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One recognised word. `confidence` is Tesseract's, 0–100. */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly box: OcrBox;
}

/** One recognised text line with its words (in reading order). */
export interface OcrLine {
  readonly text: string;
  readonly confidence: number;
  readonly box: OcrBox;
  readonly words: readonly OcrWord[];
}

/**
 * Page segmentation, mapped to Tesseract PSM: `auto` (3), `column` (4), `block` (6), `line` (7),
 * `word` (8), `sparse` (11: scattered text in no particular order, typical of card layouts).
 */
export type OcrPageSegmentation = 'auto' | 'column' | 'block' | 'line' | 'word' | 'sparse';

/** Per-call recognition options. */
export interface OcrRecognizeOptions {
  /** Tesseract language codes present in resources/ocr, e.g. `['srp_latn', 'srp']`. Default: the service's. */
  readonly langs?: readonly string[];
  /** Default: the service's (`auto`). */
  readonly psm?: OcrPageSegmentation;
  /** Recognise only this region (pixels). Boxes in the result stay in full-image coordinates. */
  readonly rectangle?: OcrBox;
}

/** One language's data as used, for provenance. */
export interface OcrLanguageProvenance {
  readonly language: string;
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly source: OcrDataSource;
}

/** What produced a result: enough to store with a finding and to reproduce the run. */
export interface OcrEngineInfo {
  readonly name: 'tesseract.js';
  /** tesseract.js npm version. */
  readonly version: string;
  /** tesseract.js-core (the WebAssembly Tesseract build) npm version. */
  readonly coreVersion: string;
  /** Tesseract version reported by the core for this page, when it reports one. */
  readonly tesseractVersion: string | null;
  readonly oem: 'LSTM_ONLY';
  readonly psm: OcrPageSegmentation;
  readonly langs: readonly OcrLanguageProvenance[];
}

/** Wall-clock milliseconds spent on one `recognize` call. */
export interface OcrTimings {
  /** Waiting for a free worker. */
  readonly queueMs: number;
  /** Starting a worker or switching its languages for this call (0 when a ready worker was reused). */
  readonly initMs: number;
  /** Tesseract recognition, including the transfer of the image to the worker thread. */
  readonly recognizeMs: number;
  readonly totalMs: number;
}

/** The result of one `recognize` call. */
export interface OcrResult {
  readonly text: string;
  /** Mean word confidence Tesseract reports for the page, 0–100. */
  readonly confidence: number;
  readonly lines: readonly OcrLine[];
  readonly words: readonly OcrWord[];
  readonly engine: OcrEngineInfo;
  readonly timings: OcrTimings;
}
