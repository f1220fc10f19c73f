import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseId, Exhibit, ExhibitId, JobId, JobState } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { useEngineEvent } from '../../bridge/useEngineEvent';
import { errorMessage } from '../../components/format';
import { isFinalJobState, isNewerJobState } from './job-state';

/** Where an import stands, as the dialog shows it. */
export type ImportStatus = 'idle' | 'starting' | JobState['status'];

/** An import job of the open case and the actions on it. */
export interface ImportJob {
  readonly status: ImportStatus;
  readonly job: JobState | null;
  /** The exhibit being imported into. */
  readonly exhibit: Exhibit | null;
  /** Failure to start or to cancel (job failures are in `job.error`). */
  readonly error: string | null;
  start(exhibit: Exhibit, paths: readonly string[], referenceInPlace: boolean): void;
  cancel(): void;
  /** Forget a finished job so a new import can be set up. */
  reset(): void;
}

const POLL_MS = 1000;

/** Shown between `evidence.import` answering and the first real state arriving. */
function placeholderState(jobId: JobId, caseId: CaseId, exhibitId: ExhibitId): JobState {
  return { jobId, caseId, kind: 'import', exhibitId, status: 'running', phase: 'scanning', done: 0, total: null, currentPath: null, summary: null, error: null };
}

/**
 * Run one import at a time for a case. Progress comes from `job.progress` / `job.finished`
 * events; events that arrive before `evidence.import` answered are buffered, and `jobs.get` is
 * polled as a fallback in case the event stream drops. `onFinished` is called once per job.
 */
export function useImportJob(caseId: CaseId, onFinished: (state: JobState) => void): ImportJob {
  const { client } = useEngine();
  const [job, setJob] = useState<JobState | null>(null);
  const [exhibit, setExhibit] = useState<Exhibit | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const jobIdRef = useRef<JobId | null>(null);
  const startingRef = useRef(false);
  const early = useRef(new Map<JobId, JobState>());
  const latest = useRef<JobState | null>(null);
  const finishedRef = useRef(onFinished);
  useEffect(() => {
    finishedRef.current = onFinished;
  });

  const apply = useCallback((next: JobState) => {
    if (next.jobId !== jobIdRef.current || !isNewerJobState(latest.current, next)) return;
    latest.current = next;
    setJob(next);
    if (isFinalJobState(next)) finishedRef.current(next);
  }, []);

  const receive = useCallback(
    (next: JobState) => {
      if (next.caseId !== caseId || next.kind !== 'import') return;
      if (jobIdRef.current === null && startingRef.current) {
        if (isNewerJobState(early.current.get(next.jobId) ?? null, next)) early.current.set(next.jobId, next);
        return;
      }
      apply(next);
    },
    [apply, caseId],
  );
  useEngineEvent('job.progress', receive);
  useEngineEvent('job.finished', receive);

  const runningJobId = job && !isFinalJobState(job) ? job.jobId : null;
  useEffect(() => {
    if (!runningJobId) return;
    const timer = setInterval(() => {
      client.call('jobs.get', { jobId: runningJobId }).then(apply, () => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [runningJobId, client, apply]);

  // After a reload (or a second window), pick up an import the engine is still running for this case.
  useEffect(() => {
    let current = true;
    Promise.all([client.call('jobs.list', { caseId }), client.call('exhibits.list', { caseId })]).then(
      ([jobs, exhibits]) => {
        const running = jobs.find((candidate) => candidate.kind === 'import' && !isFinalJobState(candidate));
        if (!current || !running || jobIdRef.current !== null || startingRef.current) return;
        jobIdRef.current = running.jobId;
        setExhibit(exhibits.find((candidate) => candidate.id === running.exhibitId) ?? null);
        apply(running);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [apply, caseId, client]);

  const start = useCallback(
    (target: Exhibit, paths: readonly string[], referenceInPlace: boolean) => {
      if (startingRef.current || (latest.current && !isFinalJobState(latest.current))) return;
      startingRef.current = true;
      jobIdRef.current = null;
      latest.current = null;
      early.current.clear();
      setJob(null);
      setError(null);
      setExhibit(target);
      setStarting(true);
      client
        .call('evidence.import', { caseId, exhibitId: target.id, paths, referenceInPlace })
        .then(({ jobId }) => {
          jobIdRef.current = jobId;
          const buffered = early.current.get(jobId);
          early.current.clear();
          apply(buffered ?? placeholderState(jobId, caseId, target.id));
          return client.call('jobs.get', { jobId }).then(apply, () => undefined);
        })
        .catch((failure: unknown) => setError(errorMessage(failure)))
        .finally(() => {
          startingRef.current = false;
          setStarting(false);
        });
    },
    [apply, caseId, client],
  );

  const cancel = useCallback(() => {
    const jobId = jobIdRef.current;
    if (!jobId) return;
    client.call('jobs.cancel', { jobId }).catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client]);

  const reset = useCallback(() => {
    if (latest.current && !isFinalJobState(latest.current)) return;
    jobIdRef.current = null;
    latest.current = null;
    setJob(null);
    setError(null);
    setExhibit(null);
  }, []);

  const status: ImportStatus = job ? job.status : starting ? 'starting' : 'idle';
  return { status, job, exhibit, error, start, cancel, reset };
}
