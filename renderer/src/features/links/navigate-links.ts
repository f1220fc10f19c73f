/** Going to the Links view from anywhere in a case, through the hash route (App follows `hashchange`). */
import type { CaseId, DocumentId } from '../../../../native/engine/contract';
import { formatRoute } from '../../app/route';

/** Show the Links view of `caseId` with the link graph centred on `ref`. */
export function openLinksView(caseId: CaseId, ref: string): void {
  window.location.hash = formatRoute({ view: 'case', caseId, tab: 'links', linkRef: ref });
}

/** Show one document of `caseId` in the Documents view. */
export function openDocumentView(caseId: CaseId, documentId: DocumentId): void {
  window.location.hash = formatRoute({ view: 'case', caseId, tab: 'documents', documentId });
}
