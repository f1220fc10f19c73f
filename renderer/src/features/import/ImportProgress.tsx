import type { JobState } from '../../../../native/engine/contract';
import { formatCount } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { phaseLabel } from './job-state';
import type { ImportStatus } from './useImportJob';
import './import.css';

export interface ImportProgressProps {
  readonly status: ImportStatus;
  readonly job: JobState | null;
}

/** Progress of the running (or just finished) import: phase, done/total and the file in hand. */
export function ImportProgress({ status, job }: ImportProgressProps) {
  const done = job?.done ?? 0;
  const total = job?.total ?? null;
  return (
    <div
      className="job-progress"
      data-testid="import-progress"
      data-done={done}
      data-total={total ?? ''}
      data-status={status}
      data-phase={job?.phase ?? ''}
    >
      <div className="job-progress-line">
        <strong>{job ? phaseLabel(job) : 'Starting import'}</strong>
        <span className="job-progress-count">
          {formatCount(done)}
          {total !== null ? ` / ${formatCount(total)}` : ''} files
        </span>
      </div>
      <ProgressBar done={done} total={status === 'running' || status === 'starting' ? total : Math.max(total ?? 0, done, 1)} label="Import progress" />
      <div className="job-current mono" title={job?.currentPath ?? ''}>
        <bdi>{job?.currentPath ?? '\u00a0'}</bdi>
      </div>
    </div>
  );
}
