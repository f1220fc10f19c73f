import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseId, ExportRequest, JobId, JobState } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { useEngineEvent } from '../../bridge/useEngineEvent';
import { errorMessage } from '../../components/format';
import { isFinalJobState, isNewerJobState } from '../import/job-state';

/** An export job started from the dialog and the actions on it. */
export interface ExportJob {
  /** The job's latest state; null before `export.start` answered. */
  readonly job: JobState | null;
  readonly starting: boolean;
  /** Refusal to start (wrong passphrase, bad folder) or to cancel; a failed job's reason is in `job.error`. */
  readonly error: string | null;
  start(request: ExportRequest, passphrase: string | null): void;
  cancel(): void;
}

/** Events may stop (a dropped stream): `jobs.get` is asked this often while the job runs. */
const POLL_MS = 1000;

/**
 * Run one export of a case: `export.start`, then its `job.progress` / `job.finished` events (states that arrive
 * before the job id is known are kept and applied once it is), with `jobs.get` polling as a fallback.
 */
export function useExportJob(caseId: CaseId): ExportJob {
  const { client } = useEngine();
  const [job, setJob] = useState<JobState | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const jobIdRef = useRef<JobId | null>(null);
  const latest = useRef<JobState | null>(null);
  const early = useRef(new Map<JobId, JobState>());

  const apply = useCallback((next: JobState) => {
    if (next.jobId !== jobIdRef.current || !isNewerJobState(latest.current, next)) return;
    latest.current = next;
    setJob(next);
  }, []);
  const receive = useCallback(
    (next: JobState) => {
      if (next.caseId !== caseId || next.kind !== 'export') return;
      if (jobIdRef.current === null) {
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
    const timer = setInterval(() => client.call('jobs.get', { jobId: runningJobId }).then(apply, () => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [apply, client, runningJobId]);

  const start = useCallback(
    (request: ExportRequest, passphrase: string | null) => {
      if (starting || (latest.current && !isFinalJobState(latest.current))) return;
      jobIdRef.current = null;
      latest.current = null;
      early.current.clear();
      setJob(null);
      setError(null);
      setStarting(true);
      client
        .call('export.start', { caseId, request, passphrase })
        .then(({ jobId }) => {
          jobIdRef.current = jobId;
          const buffered = early.current.get(jobId);
          early.current.clear();
          apply(buffered ?? { jobId, caseId, kind: 'export', exhibitId: null, status: 'running', phase: 'preparing', done: 0, total: null, currentPath: null, summary: null, error: null });
          return client.call('jobs.get', { jobId }).then(apply, () => undefined);
        })
        .catch((failure: unknown) => setError(errorMessage(failure)))
        .finally(() => setStarting(false));
    },
    [apply, caseId, client, starting],
  );

  const cancel = useCallback(() => {
    const jobId = jobIdRef.current;
    if (jobId) client.call('jobs.cancel', { jobId }).catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client]);

  return { job, starting, error, start, cancel };
}
