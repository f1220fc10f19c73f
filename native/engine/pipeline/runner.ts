import { asItemId, type AnalysisSummary } from '../contract';
import { decodeRgb, type DecodedImage } from '../imaging/decode';
import { hashBuffer } from '../ingest/extract';
import type { CaseStore } from '../store/case-store';
import { readOriginal } from '../store/originals';
import { orderByRequirements, requirementWaves, type Analyser, type DocumentDraft, type AnalyserContext, type AnalyserOutcome, type AnalysisItem, type ArtifactDraft } from './analyser';

/**
 * Per-item time limit for one analyser. A 100 MP scan through finding, MRZ reading and OCR takes a few
 * seconds here; a minute marks an input as pathological without cutting off legitimate large images.
 * (Only asynchronous work can be interrupted: a limit takes effect at the analyser's next await.)
 */
export const DEFAULT_ITEM_TIME_LIMIT_MS = 60_000;

/**
 * Longest side an item is decoded to for document analysis. 4096 px keeps a card photographed across a
 * 12 MP frame at over 300 dpi-equivalent while bounding memory (4096² × 3 bytes = 50 MB per image).
 */
export const ANALYSIS_MAX_SIDE = 4096;

export interface AnalysisProgress {
  readonly done: number;
  readonly total: number;
  readonly currentPath: string | null;
}

/** What a run did: the contract's analysis summary (also printed by `caselens analyze`). */
export type AnalysisRunSummary = AnalysisSummary;

export interface RunAnalysisOptions {
  readonly analysers: readonly Analyser[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: AnalysisProgress) => void;
  readonly itemTimeLimitMs?: number;
  readonly actor?: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function withTimeLimit<T>(work: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`time limit of ${ms / 1000} s exceeded`));
    }, ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/**
 * Run analysers over every distinct content of a case. Results are keyed by (SHA-256, analyser id,
 * analyser version): stored results are reused, failed ones retried. Each result is written with its
 * provenance in one transaction; a failing item is recorded and the job carries on.
 */
export async function runAnalysis(store: CaseStore, options: RunAnalysisOptions): Promise<AnalysisRunSummary> {
  const analysers = orderByRequirements(options.analysers);
  const timeLimit = options.itemTimeLimitMs ?? DEFAULT_ITEM_TIME_LIMIT_MS;
  const candidates = store.items.analysisCandidates();
  const resources = new Map<string, Readonly<Record<string, unknown>>>();
  for (const a of analysers) resources.set(a.id, await a.resources());

  let runs = 0;
  let reused = 0;
  let documents = 0;
  let findings = 0;
  const failed: { itemId: number; name: string; analyser: string; error: string }[] = [];
  let done = 0;
  options.onProgress?.({ done, total: candidates.length, currentPath: null });

  const versions = new Map(analysers.map((a) => [a.id, a.version]));
  const waves = requirementWaves(analysers);

  for (const item of candidates as AnalysisItem[]) {
    if (options.signal?.aborted) break;
    options.onProgress?.({ done, total: candidates.length, currentPath: item.name });
    let bytes: Promise<Buffer> | null = null;
    let image: Promise<DecodedImage> | null = null;
    const storage = store.items.storageOf(asItemId(item.itemId));
    const memo = new Map<string, Promise<unknown>>();
    const shared = {
      shared: <T>(key: string, make: () => Promise<T>): Promise<T> => {
        let value = memo.get(key) as Promise<T> | undefined;
        if (!value) memo.set(key, (value = make()));
        return value;
      },
      bytes: () => (bytes ??= storage ? readOriginal(store, storage, { verify: true }) : Promise.reject(new Error('item not found'))),
      image: () => (image ??= shared.bytes().then((b) => decodeRgb(b, ANALYSIS_MAX_SIDE))),
    };
    // Analysers of one wave need nothing from each other: they run concurrently (the forensic kernels
    // spread over the worker pool), and their results are stored, in registry order, before the next wave.
    for (const wave of waves) {
      if (options.signal?.aborted) break;
      const todo = wave.flatMap((analyser) => {
        if (!analyser.accepts(item)) return [];
        const existing = store.analysis.findRun(item.sha256, analyser.id, analyser.version);
        if (existing && existing.status !== 'failed') {
          reused++;
          return [];
        }
        return [{ analyser, existing }];
      });
      const attempts = await Promise.all(
        todo.map(async ({ analyser, existing }) => {
          const controller = new AbortController();
          const abortJob = () => controller.abort();
          options.signal?.addEventListener('abort', abortJob, { once: true });
          const ctx: AnalyserContext = {
            signal: controller.signal,
            ...shared,
            documents: () => store.documents.storedFor(item.sha256),
            blob: (sha256) => store.blobs.read(sha256),
            stored: (analyserId) => {
              const version = versions.get(analyserId);
              return version ? store.analysis.storedResults(item.sha256, analyserId, version) : null;
            },
          };
          const startedAt = new Date().toISOString();
          let outcome: AnalyserOutcome;
          try {
            outcome = await withTimeLimit(analyser.run(item, ctx), timeLimit, controller);
          } catch (error) {
            outcome = { status: 'failed', error: messageOf(error) };
          } finally {
            options.signal?.removeEventListener('abort', abortJob);
          }
          return { analyser, existing, outcome, startedAt, finishedAt: new Date().toISOString() };
        }),
      );
      // A job cancelled mid-item stores nothing for it: the next run does it again.
      if (options.signal?.aborted) break;
      for (const { analyser, existing, outcome, startedAt, finishedAt } of attempts) {
        const output = outcome.status === 'ok' ? outcome.output : {};
        const docs: (DocumentDraft & { rectifiedSha256: string })[] = [];
        for (const doc of output.documents ?? []) {
          const sha256 = hashBuffer(doc.rectifiedPng).sha256;
          await store.blobs.put(doc.rectifiedPng, sha256, { verify: true });
          docs.push({ ...doc, rectifiedSha256: sha256 });
        }
        const artifacts: (Omit<ArtifactDraft, 'png'> & { blobSha256: string })[] = [];
        for (const { png, ...artifact } of output.artifacts ?? []) {
          const sha256 = hashBuffer(png).sha256;
          await store.blobs.put(png, sha256, { verify: true });
          artifacts.push({ ...artifact, blobSha256: sha256 });
        }
        store.transaction(() => {
          if (existing) store.analysis.deleteFailedRun(existing.id);
          store.analysis.insertRun(
            {
              analyserId: analyser.id,
              analyserVersion: analyser.version,
              inputSha256: item.sha256,
              parameters: { ...analyser.parameters, ...(output.metrics ? { metrics: output.metrics } : {}) },
              resources: resources.get(analyser.id) ?? {},
              status: outcome.status,
              error: outcome.status === 'failed' ? outcome.error : outcome.status === 'skipped' ? outcome.reason : null,
              startedAt,
              finishedAt,
            },
            { documents: docs, findings: output.findings ?? [], textLines: output.textLines ?? [], artifacts, scores: output.scores ?? [], templateChecks: output.templateChecks ?? [] },
          );
        });
        runs++;
        documents += docs.length;
        findings += (output.findings?.length ?? 0) + docs.reduce((n, d) => n + d.findings.length, 0);
        if (outcome.status === 'failed') failed.push({ itemId: item.itemId, name: item.name, analyser: analyser.id, error: outcome.error });
      }
    }
    done++;
    options.onProgress?.({ done, total: candidates.length, currentPath: null });
  }

  const summary: AnalysisRunSummary = { contents: candidates.length, runs, reused, documents, findings, failed, cancelled: options.signal?.aborted ?? false };
  store.audit.append(options.actor ?? 'caselens', summary.cancelled ? 'analysis.cancelled' : 'analysis.finished', {
    analysers: analysers.map((a) => `${a.id}@${a.version}`),
    contents: summary.contents,
    runs,
    reused,
    documents,
    findings,
    failed: failed.length,
  });
  return summary;
}
