/** Hash routes, so reload and Back work in both hosts: `#/cases`, `#/cases/<id>`, `#/cases/<id>/audit`. */
import { asCaseId } from '../../../native/engine/contract';
import type { CaseId } from '../../../native/engine/contract';

/** The screen being shown. */
export type Route = { readonly view: 'cases' } | { readonly view: 'case'; readonly caseId: CaseId; readonly tab: 'evidence' | 'audit' };

/** Parse `location.hash`; anything unrecognised shows the case list. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'cases' && parts[1]) {
    let id: string;
    try {
      id = decodeURIComponent(parts[1]);
    } catch {
      return { view: 'cases' };
    }
    return { view: 'case', caseId: asCaseId(id), tab: parts[2] === 'audit' ? 'audit' : 'evidence' };
  }
  return { view: 'cases' };
}

/** The hash for a route. */
export function formatRoute(route: Route): string {
  if (route.view === 'cases') return '#/cases';
  const base = `#/cases/${encodeURIComponent(route.caseId)}`;
  return route.tab === 'audit' ? `${base}/audit` : base;
}
