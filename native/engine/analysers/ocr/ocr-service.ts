/**
 * OCR service: a small pool of tesseract.js workers (worker threads running the WebAssembly Tesseract
 * core from node_modules) reading language data only from resources/ocr. Nothing is fetched and nothing
 * is cached to disk: `langPath` is a local folder, `cacheMethod: 'none'`, and the worker and core come
 * from node_modules (tesseract.js in Node `require`s the core; it never downloads it).
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { describeOcrDataProblems, locateOcrDataDir, readOcrManifest, verifyOcrData, type OcrDataManifest } from './ocr-data';
import type { OcrEngineInfo, OcrLanguageProvenance, OcrPageSegmentation, OcrRecognizeOptions, OcrResult } from './ocr-types';
import { linesOfPage } from './page-layout';
import { tesseractPaths } from './tesseract-paths';

/** Options of {@link createOcrService}. */
export interface OcrServiceOptions {
  /** Folder with the traineddata files and manifest.json. Default: {@link locateOcrDataDir}. */
  readonly dataDir?: string;
  /** Languages when a call names none. Default `['eng']`. */
  readonly defaultLangs?: readonly string[];
  /** Page segmentation when a call names none. Default `auto`. */
  readonly defaultPsm?: OcrPageSegmentation;
  /**
   * Worker threads. Default: 2, or 1 on a single-core machine. Each worker holds its own Tesseract
   * instance (~100–200 MB with a few languages loaded) and keeps one core busy, so more than the
   * cores available only adds memory.
   */
  readonly poolSize?: number;
  /**
   * Live workers kept, busy or idle. Default: twice `poolSize`. At most `poolSize` recognise at once; the others
   * wait idle holding other languages, because switching a worker's languages reloads their models (measured
   * 130-1450 ms per switch on the 2-core development machine, against 20-80 ms for one zone's recognition).
   * Each idle worker holds ~100-200 MB.
   */
  readonly maxWorkers?: number;
}

/** The OCR service; see {@link createOcrService}. */
export interface OcrService {
  /** The language data folder in use. */
  readonly dataDir: string;
  /** Recognise a PNG (or any image Leptonica reads: JPEG, TIFF, BMP) held in memory. */
  recognize(image: Buffer, options?: OcrRecognizeOptions): Promise<OcrResult>;
  /** Engine and language-data provenance for these languages (verifies their checksums), without recognising. */
  provenance(langs?: readonly string[], psm?: OcrPageSegmentation): Promise<OcrEngineInfo>;
  /** Stop every worker thread. Calls in flight and queued calls reject; later calls reject. */
  terminate(): Promise<void>;
  /** Workers started and language switches so far (how often models were loaded). */
  poolStats(): { readonly workersStarted: number; readonly languageSwitches: number; readonly liveWorkers: number };
}

const PSM_CODES: Readonly<Record<OcrPageSegmentation, Tesseract.PSM>> = {
  auto: '3' as Tesseract.PSM,
  column: '4' as Tesseract.PSM,
  block: '6' as Tesseract.PSM,
  line: '7' as Tesseract.PSM,
  word: '8' as Tesseract.PSM,
  sparse: '11' as Tesseract.PSM,
};

/** Tesseract's OEM 1: LSTM recogniser only (all data in resources/ocr is LSTM-only). */
const OEM_LSTM_ONLY = 1 as Tesseract.OEM;

interface PoolSlot {
  worker: Tesseract.Worker | null;
  langsKey: string;
  psm: OcrPageSegmentation | null;
  busy: boolean;
  /** Rejects the call running on this slot when its thread dies. */
  abort: ((error: Error) => void) | null;
  /** Order of last use (higher: more recent), to pick the worker to switch to other languages. */
  lastUsed: number;
}

interface Waiter {
  readonly langsKey: string;
  readonly resolve: (slot: PoolSlot) => void;
  readonly reject: (error: Error) => void;
}

/** The node worker thread behind a tesseract.js worker (present at runtime, absent from its types). */
function threadOf(worker: Tesseract.Worker): ThreadWorker | undefined {
  return (worker as unknown as { worker?: ThreadWorker }).worker;
}

/**
 * Create the service. Reads the manifest now (throws when resources/ocr is not installed); starts
 * workers lazily, on the first calls. Language files are checked against the manifest's SHA-256 once
 * per language before first use; a mismatch refuses the call.
 */
export function createOcrService(options: OcrServiceOptions = {}): OcrService {
  const dataDir = options.dataDir ?? locateOcrDataDir();
  const manifest: OcrDataManifest = readOcrManifest(dataDir);
  const paths = tesseractPaths();
  const defaultLangs = options.defaultLangs ?? ['eng'];
  const defaultPsm = options.defaultPsm ?? 'auto';
  const poolSize = Math.max(1, options.poolSize ?? Math.min(2, availableParallelism()));
  const maxWorkers = Math.max(poolSize, options.maxWorkers ?? poolSize * 2);
  /** Live workers, busy or idle; a worker whose thread died is removed at once. */
  const slots: PoolSlot[] = [];
  const waiters: Waiter[] = [];
  /** Calls holding a place (at most poolSize: one core each). */
  let running = 0;
  let useCounter = 0;
  const stats = { workersStarted: 0, languageSwitches: 0 };
  const verified = new Map<string, Promise<void>>();
  let terminated = false;

  const languageProvenance = (langs: readonly string[]): OcrLanguageProvenance[] =>
    langs.map((language) => {
      const entry = manifest.files.find((file) => file.language === language);
      if (!entry) {
        const known = manifest.files.map((file) => file.language).join(', ');
        throw new Error(`OCR language "${language}" is not installed in ${dataDir} (installed: ${known})`);
      }
      return { language, file: entry.file, sha256: entry.sha256, size: entry.size, source: entry.source };
    });

  const verifyLanguages = async (langs: readonly string[]) => {
    await Promise.all(
      langs.map((language) => {
        let check = verified.get(language);
        if (!check) {
          check = verifyOcrData(dataDir, manifest, [language]).then((problems) => {
            if (problems.length > 0) {
              throw new Error(`OCR language data does not match ${dataDir}/manifest.json: ${describeOcrDataProblems(problems)}; run \`npx tsx scripts/install-ocr-data.ts\``);
            }
          });
          check.catch(() => verified.delete(language));
          verified.set(language, check);
        }
        return check;
      }),
    );
  };

  const engineInfo = (langs: readonly string[], psm: OcrPageSegmentation, tesseractVersion: string | null): OcrEngineInfo => ({
    name: 'tesseract.js',
    version: paths.version,
    coreVersion: paths.coreVersion,
    tesseractVersion,
    oem: 'LSTM_ONLY',
    psm,
    langs: languageProvenance(langs),
  });

  const emptySlot = (): PoolSlot => ({ worker: null, langsKey: '', psm: null, busy: true, abort: null, lastUsed: 0 });

  /**
   * Give a free place to a call for `langsKey` (the caller has checked `running < poolSize`): an idle worker
   * already holding these languages, else a new worker while fewer than `maxWorkers` live, else the idle
   * worker used longest ago, switched to these languages.
   */
  const take = (langsKey: string): PoolSlot => {
    running += 1;
    const idle = slots.filter((slot) => !slot.busy);
    const same = idle.find((slot) => slot.langsKey === langsKey);
    if (same) {
      same.busy = true;
      return same;
    }
    if (slots.length < maxWorkers || idle.length === 0) {
      const slot = emptySlot();
      slots.push(slot);
      return slot;
    }
    const oldest = idle.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a));
    oldest.busy = true;
    return oldest;
  };

  const acquire = (langsKey: string): Promise<PoolSlot> => {
    if (terminated) return Promise.reject(new Error('OCR service terminated'));
    if (running < poolSize) return Promise.resolve(take(langsKey));
    return new Promise((resolve, reject) => waiters.push({ langsKey, resolve, reject }));
  };

  /** Start queued calls while places are free, first those whose languages an idle worker holds. */
  const pump = () => {
    while (running < poolSize && waiters.length > 0) {
      const idleKeys = new Set(slots.filter((slot) => !slot.busy).map((slot) => slot.langsKey));
      const index = Math.max(0, waiters.findIndex((waiter) => idleKeys.has(waiter.langsKey)));
      const [next] = waiters.splice(index, 1);
      next!.resolve(take(next!.langsKey));
    }
  };

  const release = (slot: PoolSlot) => {
    slot.abort = null;
    slot.busy = false;
    slot.lastUsed = ++useCounter;
    running -= 1;
    pump();
  };

  const discard = (slot: PoolSlot) => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    const worker = slot.worker;
    slot.worker = null;
    if (worker) void worker.terminate();
  };

  const startWorker = async (slot: PoolSlot, langs: readonly string[]) => {
    let startupError: (error: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => (startupError = reject));
    const worker = await Promise.race([
      Tesseract.createWorker([...langs], OEM_LSTM_ONLY, {
        langPath: dataDir,
        gzip: false,
        cacheMethod: 'none',
        workerPath: paths.workerPath,
        corePath: paths.corePath,
        legacyCore: false,
        legacyLang: false,
        logger: () => undefined,
        // Without a handler tesseract.js rethrows a failed job inside its message listener (an uncaught
        // exception); the job's own promise rejects either way, so startup failures are all we need here.
        errorHandler: (error: unknown) => startupError(new Error(`tesseract.js worker failed to start: ${String(error)}`)),
      }),
      failed,
    ]);
    slot.worker = worker;
    stats.workersStarted += 1;
    threadOf(worker)?.once('exit', () => {
      slot.abort?.(new Error(terminated ? 'OCR service terminated' : 'OCR worker thread exited'));
      slot.worker = null;
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
    });
  };

  /** Make the slot's worker ready for these languages and segmentation; returns the milliseconds it took. */
  const prepare = async (slot: PoolSlot, langs: readonly string[], langsKey: string, psm: OcrPageSegmentation) => {
    const started = performance.now();
    if (!slot.worker) {
      await startWorker(slot, langs);
      slot.langsKey = langsKey;
      slot.psm = null;
    } else if (slot.langsKey !== langsKey) {
      await slot.worker.reinitialize(langs.join('+'), OEM_LSTM_ONLY);
      stats.languageSwitches += 1;
      slot.langsKey = langsKey;
      slot.psm = null;
    }
    if (slot.psm !== psm && slot.worker) {
      await slot.worker.setParameters({ tessedit_pageseg_mode: PSM_CODES[psm] });
      slot.psm = psm;
    }
    return performance.now() - started;
  };

  const recognize = async (image: Buffer, callOptions: OcrRecognizeOptions = {}): Promise<OcrResult> => {
    const started = performance.now();
    const langs = callOptions.langs && callOptions.langs.length > 0 ? [...callOptions.langs] : [...defaultLangs];
    const psm = callOptions.psm ?? defaultPsm;
    languageProvenance(langs); // unknown language: fail before queueing
    await verifyLanguages(langs);
    const langsKey = langs.join('+');
    const slot = await acquire(langsKey);
    const queueMs = performance.now() - started;
    try {
      const initMs = await prepare(slot, langs, langsKey, psm);
      const worker = slot.worker;
      if (!worker) throw new Error('OCR worker thread exited');
      const recognizeStarted = performance.now();
      const aborted = new Promise<never>((_, reject) => (slot.abort = reject));
      const rectangle = callOptions.rectangle;
      const job = worker.recognize(
        image,
        rectangle ? { rectangle: { left: rectangle.x, top: rectangle.y, width: rectangle.width, height: rectangle.height } } : {},
        { text: true, blocks: true },
      );
      const { data: page } = await Promise.race([job, aborted]);
      const recognizeMs = performance.now() - recognizeStarted;
      const lines = linesOfPage(page);
      return {
        text: page.text,
        confidence: page.confidence,
        lines,
        words: lines.flatMap((line) => line.words),
        engine: engineInfo(langs, psm, page.version ? String(page.version) : null),
        timings: { queueMs, initMs, recognizeMs, totalMs: performance.now() - started },
      };
    } catch (error) {
      // A worker whose start or language switch failed is in an unknown state: replace it.
      if (slot.langsKey !== langsKey || !slot.worker) discard(slot);
      // tesseract.js rejects with bare strings ("Error: ...") from its worker thread.
      throw error instanceof Error ? error : new Error(`OCR failed: ${String(error)}`);
    } finally {
      release(slot);
    }
  };

  const terminate = async () => {
    terminated = true;
    for (const waiter of waiters.splice(0)) waiter.reject(new Error('OCR service terminated'));
    const workers = slots.splice(0).flatMap((slot) => (slot.worker ? [slot.worker] : []));
    await Promise.all(workers.map((worker) => worker.terminate()));
  };

  return {
    dataDir,
    recognize,
    provenance: async (langs = defaultLangs, psm = defaultPsm) => {
      await verifyLanguages(langs);
      return engineInfo(langs, psm, null);
    },
    terminate,
    poolStats: () => ({ ...stats, liveWorkers: slots.filter((slot) => slot.worker).length }),
  };
}
