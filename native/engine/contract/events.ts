/** Events the engine pushes to every connected client, named `noun.pastParticiple`. */
import type { CaseId, ItemId } from './ids';
import type { JobState } from './model';

export interface EngineEvents {
  /** A job advanced (sent at most every 100 ms per job, and always at phase changes). */
  'job.progress': JobState;
  /** A job ended: done, cancelled or failed. */
  'job.finished': JobState;
  /** Items of a case were added or changed; grids should refresh. */
  'items.changed': { readonly caseId: CaseId; readonly itemIds?: readonly ItemId[] };
}

export type EventName = keyof EngineEvents;
export type EventPayload<E extends EventName> = EngineEvents[E];
