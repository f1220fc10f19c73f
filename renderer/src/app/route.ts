/**
 * Hash routes, so reload and Back work in both hosts: `#/cases`, `#/cases/<id>`, `#/cases/<id>/audit`,
 * `#/cases/<id>/documents`, `#/cases/<id>/documents/<documentId>`, `#/cases/<id>/items/<itemId>`.
 */
import { asCaseId, asDocumentId, asItemId } from '../../../native/engine/contract';
import type { CaseId, DocumentId, ItemId } from '../../../native/engine/contract';

export type CaseTab = 'evidence' | 'documents' | 'audit';

/** The screen being shown. */
export type Route =
  | { readonly view: 'cases' }
  | {
      readonly view: 'case';
      readonly caseId: CaseId;
      readonly tab: CaseTab;
      /** Documents tab: the document shown. */
      readonly documentId?: DocumentId;
      /** Evidence tab: the item whose panel is open. */
      readonly itemId?: ItemId;
    };

const positiveId = (text: string | undefined): number | undefined => (text && /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : undefined);

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
    const caseId = asCaseId(id);
    if (parts[2] === 'audit') return { view: 'case', caseId, tab: 'audit' };
    if (parts[2] === 'documents') {
      const documentId = positiveId(parts[3]);
      return documentId ? { view: 'case', caseId, tab: 'documents', documentId: asDocumentId(documentId) } : { view: 'case', caseId, tab: 'documents' };
    }
    if (parts[2] === 'items') {
      const itemId = positiveId(parts[3]);
      if (itemId) return { view: 'case', caseId, tab: 'evidence', itemId: asItemId(itemId) };
    }
    return { view: 'case', caseId, tab: 'evidence' };
  }
  return { view: 'cases' };
}

/** The hash for a route. */
export function formatRoute(route: Route): string {
  if (route.view === 'cases') return '#/cases';
  const base = `#/cases/${encodeURIComponent(route.caseId)}`;
  if (route.tab === 'audit') return `${base}/audit`;
  if (route.tab === 'documents') return route.documentId ? `${base}/documents/${route.documentId}` : `${base}/documents`;
  return route.itemId ? `${base}/items/${route.itemId}` : base;
}
