/**
 * The contract methods about links: the newest pass, linking now, other occurrences, the link graph, forgery
 * families, and watchlists.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError, type EngineHandlers } from '../contract';
import { importWatchlist } from '../links/case-links';
import { runLinkPass } from '../links/link-pass';
import { measureCaseLinks } from '../links/measure';
import { parseRef } from '../links/refs';
import { familyViews, linkGraph, occurrences, passView, watchlistViews } from '../links/views';
import { MAX_WATCHLIST_BYTES } from '../links/watchlists';
import type { CaseRegistry } from './case-registry';

type LinkMethods = 'links.status' | 'links.run' | 'links.occurrences' | 'links.graph' | 'links.families' | 'watchlists.list' | 'watchlists.import';

function checkedRef(ref: string): string {
  if (!parseRef(ref)) throw new EngineError('invalid-args', `not an entity ref: ${ref}`);
  return ref;
}

/** Handlers of the link methods; `actorOf` names who acts for the audit log. */
export function linkHandlers(cases: CaseRegistry, actorOf: (examiner: string | null) => string): Pick<EngineHandlers, LinkMethods> {
  return {
    'links.status': async ({ caseId }) => passView(await cases.get(caseId)),
    'links.run': async ({ caseId }) => {
      const store = await cases.get(caseId);
      await runLinkPass(store, { measure: measureCaseLinks, actor: actorOf(store.info.examiner) });
      return passView(store)!;
    },
    'links.occurrences': async ({ caseId, ref }) => occurrences(await cases.get(caseId), checkedRef(ref)),
    'links.graph': async ({ caseId, ref, depth, kinds, minStrength }) =>
      linkGraph(await cases.get(caseId), checkedRef(ref), { ...(depth === undefined ? {} : { depth }), ...(kinds ? { kinds } : {}), ...(minStrength === undefined ? {} : { minStrength }) }),
    'links.families': async ({ caseId }) => familyViews(await cases.get(caseId)),
    'watchlists.list': async ({ caseId }) => watchlistViews(await cases.get(caseId)),
    'watchlists.import': async ({ caseId, path: file }) => {
      if (!path.isAbsolute(file)) throw new EngineError('invalid-args', `paths must be absolute: ${file}`);
      const stat = await fs.stat(file).catch(() => null);
      if (!stat?.isFile()) throw new EngineError('not-found', `${file} is not a readable file`);
      if (stat.size > MAX_WATCHLIST_BYTES) throw new EngineError('invalid-args', `${path.basename(file)} is ${stat.size} bytes; watchlists are limited to ${MAX_WATCHLIST_BYTES} bytes`);
      const store = await cases.get(caseId);
      const stored = importWatchlist(store, await fs.readFile(file), path.basename(file), actorOf(store.info.examiner));
      return watchlistViews(store).find((w) => w.id === stored.id)!;
    },
  };
}
