/** Local, offline OCR (tesseract.js) with language-data provenance. */
export { createOcrService } from './ocr-service';
export type { OcrService, OcrServiceOptions } from './ocr-service';
export { describeOcrDataProblems, locateOcrDataDir, OCR_DATA_DIR_ENV, readOcrManifest, sha256OfFile, verifyOcrData } from './ocr-data';
export type { OcrDataFile, OcrDataManifest, OcrDataProblem, OcrDataSource } from './ocr-data';
export type * from './ocr-types';
