/**
 * Ordering of job states. States arrive by two routes (pushed events and `jobs.get` polling) and
 * not necessarily in order; a later-looking state must never be replaced by an earlier one.
 */
import type { JobState } from '../../../../native/engine/contract';

const PHASE_ORDER: Record<JobState['phase'], number> = { scanning: 0, importing: 1, grouping: 2, analysing: 1, linking: 2, preparing: 0, reporting: 1, copying: 2, finished: 3 };

/** Whether the job has ended (done, cancelled or failed). */
export function isFinalJobState(state: JobState): boolean {
  return state.status !== 'running';
}

/**
 * Whether `next` should replace `current` as the displayed state of the same job: a final state
 * is never replaced, a final state always wins, then later phases win, then more progress.
 */
export function isNewerJobState(current: JobState | null, next: JobState): boolean {
  if (!current) return true;
  if (isFinalJobState(current)) return false;
  if (isFinalJobState(next)) return true;
  const phase = PHASE_ORDER[next.phase] - PHASE_ORDER[current.phase];
  if (phase !== 0) return phase > 0;
  return next.done >= current.done;
}

/** Human label of a job's phase. */
export function phaseLabel(state: JobState): string {
  if (state.status === 'done') return 'Finished';
  if (state.status === 'cancelled') return 'Cancelled';
  if (state.status === 'failed') return 'Failed';
  switch (state.phase) {
    case 'scanning':
      return 'Scanning sources';
    case 'importing':
      return 'Importing and hashing';
    case 'grouping':
      return 'Grouping duplicates';
    case 'analysing':
      return 'Analysing items';
    case 'linking':
      return 'Linking the case';
    case 'preparing':
      return 'Choosing the files';
    case 'reporting':
      return 'Writing the report and the CASE graph';
    case 'copying':
      return 'Copying and hashing';
    case 'finished':
      return 'Finishing';
  }
}
