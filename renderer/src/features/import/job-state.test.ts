import { describe, expect, it } from 'vitest';
import { asCaseId, asJobId } from '../../../../native/engine/contract';
import type { JobState } from '../../../../native/engine/contract';
import { isNewerJobState, phaseLabel } from './job-state';

function state(partial: Partial<JobState>): JobState {
  return {
    jobId: asJobId('j1'), caseId: asCaseId('c1'), kind: 'import', exhibitId: null, status: 'running', phase: 'importing',
    done: 0, total: 10, currentPath: null, summary: null, error: null, ...partial,
  };
}

describe('isNewerJobState', () => {
  it('accepts the first state and more progress', () => {
    expect(isNewerJobState(null, state({}))).toBe(true);
    expect(isNewerJobState(state({ done: 3 }), state({ done: 4 }))).toBe(true);
  });

  it('rejects progress that arrived late', () => {
    expect(isNewerJobState(state({ done: 5 }), state({ done: 4 }))).toBe(false);
    expect(isNewerJobState(state({ phase: 'grouping', done: 0 }), state({ phase: 'importing', done: 9 }))).toBe(false);
  });

  it('lets a later phase win even when its counter restarted', () => {
    expect(isNewerJobState(state({ phase: 'scanning', done: 800 }), state({ phase: 'importing', done: 1 }))).toBe(true);
  });

  it('treats the final state as final', () => {
    const finished = state({ status: 'done', phase: 'finished', done: 10 });
    expect(isNewerJobState(state({ done: 9 }), finished)).toBe(true);
    expect(isNewerJobState(finished, state({ done: 10 }))).toBe(false);
    expect(isNewerJobState(finished, state({ status: 'failed' }))).toBe(false);
  });

  it('labels phases for the examiner', () => {
    expect(phaseLabel(state({ phase: 'scanning' }))).toBe('Scanning sources');
    expect(phaseLabel(state({ status: 'cancelled' }))).toBe('Cancelled');
  });
});
