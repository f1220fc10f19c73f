/**
 * Engine method `export.merge`: verify and merge evidence packages into a coordination case (docs/EXPORT.md
 * "Merge at a coordination centre"). A plain call, not a job: it awaits file I/O and the importer throughout,
 * so other calls keep being served while it runs, and the caller gets the MergeView (with every refusal) as
 * its result.
 */
import path from 'node:path';
import { asCaseId, EngineError, type EngineHandlers } from '../contract';
import { mergePackages } from '../export/merge';
import type { CaseRegistry } from './case-registry';

/** @param actorOf who acts for a case (audit log) */
export function mergeHandlers(cases: CaseRegistry, actorOf: (examiner: string | null) => string): Pick<EngineHandlers, 'export.merge'> {
  return {
    'export.merge': async ({ caseId, paths }) => {
      for (const p of paths) if (!path.isAbsolute(p)) throw new EngineError('invalid-args', `A package path must be absolute: ${p}`);
      const store = await cases.get(asCaseId(caseId));
      return mergePackages(store, paths, { actor: actorOf(store.info.examiner) });
    },
  };
}
