import type { JobState } from '../../../../native/engine/contract';
import { formatBytes } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { phaseLabel } from '../import/job-state';

export interface ExportPackageProgressProps {
  /** Null between starting and the first state. */
  readonly job: JobState | null;
}

/** The export job's phase and, while copying, bytes copied of the total (the bar is indeterminate before that). */
export function ExportPackageProgress({ job }: ExportPackageProgressProps) {
  const copying = job?.phase === 'copying';
  const done = job?.status === 'done';
  return (
    <div className="job-progress" data-testid="pkg-export-progress" data-status={job?.status ?? 'starting'} data-phase={job?.phase ?? ''}>
      <div className="job-progress-line">
        <strong>{job ? phaseLabel(job) : 'Opening the unit key'}</strong>
        {copying && job.total !== null && (
          <span className="job-progress-count">
            {formatBytes(job.done)} / {formatBytes(job.total)}
          </span>
        )}
      </div>
      <ProgressBar done={done ? 1 : copying ? job.done : 0} total={done ? 1 : copying ? job.total : null} label="Export progress" />
      <div className="job-current mono" title={job?.currentPath ?? ''}>
        <bdi>{job?.currentPath ?? '\u00a0'}</bdi>
      </div>
    </div>
  );
}
