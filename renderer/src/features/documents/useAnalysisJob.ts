import { useCallback, useEffect, useState } from 'react';
import type { CaseId, JobState } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { useEngineEvent } from '../../bridge/useEngineEvent';
import { errorMessage } from '../../components/format';

export interface AnalysisJob {
  readonly job: JobState | null;
  readonly error: string | null;
  readonly running: boolean;
  start(): void;
  cancel(): void;
}

const isFinal = (job: JobState) => job.status !== 'running';

/**
 * The case's analysis job: start it, follow its progress events, pick a running one back up after a
 * reload, cancel it. `onFinished` runs once when a job this hook follows ends.
 */
export function useAnalysisJob(caseId: CaseId, onFinished: () => void): AnalysisJob {
  const { client } = useEngine();
  const [job, setJob] = useState<JobState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const receive = useCallback(
    (next: JobState) => {
      if (next.caseId !== caseId || next.kind !== 'analysis') return;
      setJob((current) => {
        if (current && current.jobId === next.jobId && isFinal(current)) return current;
        if (isFinal(next) && (!current || !isFinal(current))) queueMicrotask(onFinished);
        return next;
      });
    },
    [caseId, onFinished],
  );
  useEngineEvent('job.progress', receive);
  useEngineEvent('job.finished', receive);

  useEffect(() => {
    let current = true;
    client.call('jobs.list', { caseId }).then(
      (jobs) => {
        const latest = jobs.find((candidate) => candidate.kind === 'analysis');
        if (current && latest) setJob((existing) => existing ?? latest);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [caseId, client]);

  const start = useCallback(() => {
    setError(null);
    client.call('analysis.start', { caseId }).then(
      ({ jobId }) => client.call('jobs.get', { jobId }).then(receive),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [caseId, client, receive]);

  const cancel = useCallback(() => {
    if (job && !isFinal(job)) client.call('jobs.cancel', { jobId: job.jobId }).catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client, job]);

  return { job, error, running: job !== null && !isFinal(job), start, cancel };
}
