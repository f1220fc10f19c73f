import { randomUUID } from 'node:crypto';
import { asJobId, EngineError, type CaseId, type ExportView, type ImportSummary, type JobId, type JobState } from '../contract';
import { runImport, type ImportOptions } from '../ingest/importer';
import { runAnalysis, type RunAnalysisOptions } from '../pipeline/runner';
import type { CaseStore } from '../store/case-store';
import type { EventBus } from './event-bus';

/** Progress events per job are sent at most this often: enough for a smooth bar, cheap over any transport. */
const PROGRESS_INTERVAL_MS = 100;

interface Job {
  state: JobState;
  controller: AbortController;
  done: Promise<void>;
}

/** Background jobs (imports), their state, progress events and cancellation. */
export class JobManager {
  private readonly jobs = new Map<JobId, Job>();

  constructor(private readonly events: EventBus) {}

  get(jobId: JobId): JobState {
    const job = this.jobs.get(jobId);
    if (!job) throw new EngineError('not-found', `No job ${jobId}.`);
    return job.state;
  }

  list(caseId: CaseId): JobState[] {
    const states = [...this.jobs.values()].map((job) => job.state).filter((state) => state.caseId === caseId);
    // Map order is start order: reverse for newest first, then running ones ahead of the rest.
    return states.reverse().sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running'));
  }

  cancel(jobId: JobId): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.state.status !== 'running') return false;
    job.controller.abort();
    return true;
  }

  private refuseIfBusy(caseId: CaseId): void {
    for (const job of this.jobs.values()) {
      if (job.state.caseId === caseId && job.state.status === 'running') {
        const what = job.state.kind === 'import' ? 'An import' : job.state.kind === 'export' ? 'An export' : 'An analysis';
        throw new EngineError('conflict', `${what} is already running in this case; wait for it or cancel it.`);
      }
    }
  }

  /** Start analysing a case; like imports, one job per case at a time. */
  startAnalysis(caseId: CaseId, store: CaseStore, options: Omit<RunAnalysisOptions, 'signal' | 'onProgress'> & { readonly link?: (store: CaseStore) => Promise<unknown> }): JobId {
    this.refuseIfBusy(caseId);
    const jobId = asJobId(randomUUID());
    const controller = new AbortController();
    const job: Job = {
      state: { jobId, caseId, kind: 'analysis', exhibitId: null, status: 'running', phase: 'analysing', done: 0, total: null, currentPath: null, summary: null, analysis: null, error: null },
      controller,
      done: Promise.resolve(),
    };
    this.jobs.set(jobId, job);
    let lastSent = 0;
    const update = (patch: Partial<JobState>) => {
      job.state = { ...job.state, ...patch };
    };
    job.done = runAnalysis(store, {
      ...options,
      signal: controller.signal,
      onProgress: (progress) => {
        update(progress);
        const now = Date.now();
        if (now - lastSent >= PROGRESS_INTERVAL_MS) {
          lastSent = now;
          this.events.emit('job.progress', job.state);
        }
      },
    })
      .then(async (analysis) => {
        if (analysis.cancelled || !options.link) return { analysis, linkError: null };
        update({ phase: 'linking', currentPath: null });
        this.events.emit('job.progress', job.state);
        // A failed pass is recorded as failed in the case (link_runs); the analysis stays done.
        return options.link(store).then(
          () => ({ analysis, linkError: null }),
          (error: unknown) => ({ analysis, linkError: `linking failed: ${error instanceof Error ? error.message : String(error)}` }),
        );
      })
      .then(
      ({ analysis, linkError }) => {
        update({ status: analysis.cancelled ? 'cancelled' : 'done', phase: 'finished', analysis, currentPath: null, error: linkError });
        this.events.emit('items.changed', { caseId });
        this.events.emit('job.finished', job.state);
      },
      (error: unknown) => {
        update({ status: 'failed', phase: 'finished', error: error instanceof Error ? error.message : String(error) });
        this.events.emit('job.finished', job.state);
      },
    );
    return jobId;
  }

  /**
   * Start exporting an evidence package; like imports and analyses, one job per case at a time, so the selection
   * does not change while it is copied.
   * @param work the export, given the abort signal and a progress callback
   */
  startExport(caseId: CaseId, work: (signal: AbortSignal, onProgress: (p: { phase: 'preparing' | 'report' | 'copying'; done: number; total: number; path?: string }) => void) => Promise<ExportView>): JobId {
    this.refuseIfBusy(caseId);
    const jobId = asJobId(randomUUID());
    const controller = new AbortController();
    const job: Job = {
      state: { jobId, caseId, kind: 'export', exhibitId: null, status: 'running', phase: 'preparing', done: 0, total: null, currentPath: null, summary: null, exported: null, error: null },
      controller,
      done: Promise.resolve(),
    };
    this.jobs.set(jobId, job);
    let lastSent = 0;
    const update = (patch: Partial<JobState>) => {
      job.state = { ...job.state, ...patch };
    };
    job.done = work(controller.signal, (p) => {
      update({ phase: p.phase === 'report' ? 'reporting' : p.phase, done: p.done, total: p.total, currentPath: p.path ?? null });
      const now = Date.now();
      if (now - lastSent >= PROGRESS_INTERVAL_MS) {
        lastSent = now;
        this.events.emit('job.progress', job.state);
      }
    }).then(
      (exported) => {
        update({ status: 'done', phase: 'finished', exported, currentPath: null });
        this.events.emit('job.finished', job.state);
      },
      (error: unknown) => {
        const cancelled = controller.signal.aborted;
        update({ status: cancelled ? 'cancelled' : 'failed', phase: 'finished', currentPath: null, error: cancelled ? null : error instanceof Error ? error.message : String(error) });
        this.events.emit('job.finished', job.state);
      },
    );
    return jobId;
  }

  /** Start an import; one import per case at a time, since a case has one writer. */
  startImport(caseId: CaseId, store: CaseStore, options: Omit<ImportOptions, 'signal' | 'onProgress'>): JobId {
    this.refuseIfBusy(caseId);
    const jobId = asJobId(randomUUID());
    const controller = new AbortController();
    const job: Job = {
      state: { jobId, caseId, kind: 'import', exhibitId: options.exhibitId, status: 'running', phase: 'scanning', done: 0, total: null, currentPath: null, summary: null, error: null },
      controller,
      done: Promise.resolve(),
    };
    this.jobs.set(jobId, job);
    let lastSent = 0;
    let lastPhase = job.state.phase;
    const update = (patch: Partial<JobState>) => {
      job.state = { ...job.state, ...patch };
    };
    job.done = runImport(store, {
      ...options,
      signal: controller.signal,
      onProgress: (progress) => {
        update(progress);
        const now = Date.now();
        if (progress.phase !== lastPhase || now - lastSent >= PROGRESS_INTERVAL_MS) {
          lastSent = now;
          lastPhase = progress.phase;
          this.events.emit('job.progress', job.state);
        }
      },
    }).then(
      (summary: ImportSummary) => {
        update({ status: summary.cancelled ? 'cancelled' : 'done', phase: 'finished', summary, currentPath: null });
        this.events.emit('items.changed', { caseId });
        this.events.emit('job.finished', job.state);
      },
      (error: unknown) => {
        update({ status: 'failed', phase: 'finished', error: error instanceof Error ? error.message : String(error) });
        this.events.emit('items.changed', { caseId });
        this.events.emit('job.finished', job.state);
      },
    );
    return jobId;
  }

  /** Cancel every running job and wait for all to settle (engine shutdown). */
  async drain(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.all([...this.jobs.values()].map((job) => job.done));
  }

  /** Wait for one job (tests, CLI). */
  async wait(jobId: JobId): Promise<JobState> {
    const job = this.jobs.get(jobId);
    if (!job) throw new EngineError('not-found', `No job ${jobId}.`);
    await job.done;
    return job.state;
  }
}
