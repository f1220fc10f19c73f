/**
 * The tesseract.js comparisons of the documents benchmark, run offline: one tesseract.js worker per model,
 * reading its traineddata from a local folder (`langPath` is a path, so tesseract.js reads it with
 * fs.readFile and never fetches), `cacheMethod: 'none'`, worker script and core from node_modules (the
 * paths the project's OCR service uses, native/engine/analysers/ocr/tesseract-paths.ts), OEM 1 (LSTM only),
 * page segmentation 3 (automatic), no auto-rotation. The OCR service itself is not used because it only
 * loads languages listed in resources/ocr/manifest.json, and the yardstick model must not go there.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Tesseract from 'tesseract.js';
import { tesseractPaths } from '../../native/engine/analysers/ocr/tesseract-paths';
import { MRZ_TRAINEDDATA_DIR } from './corpus-mrz';

export type TesseractModel = 'eng' | 'mrz';

export interface TesseractModelInfo {
  readonly model: TesseractModel;
  readonly file: string;
  readonly gzip: boolean;
  readonly description: string;
}

/** Where each model's traineddata is, or why it is unavailable. */
export function tesseractModel(model: TesseractModel): TesseractModelInfo | { readonly model: TesseractModel; readonly missing: string } {
  if (model === 'eng') {
    let dir: string;
    try {
      const require = createRequire(import.meta.url);
      dir = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
    } catch {
      return { model, missing: '@tesseract.js-data/eng is not installed' };
    }
    const file = path.join(dir, 'eng.traineddata.gz');
    if (!existsSync(file)) return { model, missing: `${file} not found` };
    return { model, file, gzip: true, description: '@tesseract.js-data/eng 4.0.0_best_int (eng.traineddata.gz)' };
  }
  const file = path.join(MRZ_TRAINEDDATA_DIR, 'mrz.traineddata');
  if (!existsSync(file)) return { model, missing: `${file} not found (../shared/corpus absent?)` };
  return { model, file, gzip: false, description: 'DoubangoTelecom/tesseractMRZ tessdata_fast/mrz.traineddata (yardstick, never shipped)' };
}

export interface TesseractRunner {
  readonly info: TesseractModelInfo;
  readonly version: string;
  readonly coreVersion: string;
  /** Worker start and model load. */
  readonly initMs: number;
  recognize(image: Buffer): Promise<{ text: string; ms: number }>;
  terminate(): Promise<void>;
}

export async function openTesseract(info: TesseractModelInfo): Promise<TesseractRunner> {
  const paths = tesseractPaths();
  const t0 = performance.now();
  const worker = await Tesseract.createWorker(info.model, 1 as Tesseract.OEM, {
    langPath: path.dirname(info.file),
    gzip: info.gzip,
    cacheMethod: 'none',
    workerPath: paths.workerPath,
    corePath: paths.corePath,
    legacyCore: false,
    legacyLang: false,
    logger: () => undefined,
  });
  await worker.setParameters({ tessedit_pageseg_mode: '3' as Tesseract.PSM });
  const initMs = performance.now() - t0;
  return {
    info,
    version: paths.version,
    coreVersion: paths.coreVersion,
    initMs,
    recognize: async (image) => {
      const t = performance.now();
      const { data } = await worker.recognize(image);
      return { text: data.text, ms: performance.now() - t };
    },
    terminate: async () => {
      await worker.terminate();
    },
  };
}
