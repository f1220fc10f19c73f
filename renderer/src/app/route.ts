/**
 * Hash routes, so reload and Back work in both hosts: `#/cases`, `#/cases/<id>`, `#/cases/<id>/audit`,
 * `#/cases/<id>/documents`, `#/cases/<id>/documents/<documentId>`, `#/cases/<id>/items/<itemId>`, the template
 * library `#/templates` (`#/templates/<templateId>/<version>` with one template open), and authoring
 * `#/templates/new` (`#/templates/new/<templateId>/<version>`: a new version of that template), and the case's
 * links `#/cases/<id>/links` (`#/cases/<id>/links/<entity ref, URI-encoded>`: the graph centred on that entity).
 */
import { asCaseId, asDocumentId, asItemId } from '../../../native/engine/contract';
import type { CaseId, DocumentId, ItemId } from '../../../native/engine/contract';

export type CaseTab = 'evidence' | 'documents' | 'audit' | 'links';

/** The screen being shown. */
/** A stored template: its id and version (docs/TEMPLATES.md). */
export interface TemplateRef {
  readonly id: string;
  readonly version: string;
}

export type Route =
  | { readonly view: 'cases' }
  /** The template library, with one template shown when `template` is set. */
  | { readonly view: 'templates'; readonly template?: TemplateRef }
  /** Authoring a new template, or a new version of `from`. */
  | { readonly view: 'template-new'; readonly from?: TemplateRef }
  | {
      readonly view: 'case';
      readonly caseId: CaseId;
      readonly tab: CaseTab;
      /** Documents tab: the document shown. */
      readonly documentId?: DocumentId;
      /** Evidence tab: the item whose panel is open. */
      readonly itemId?: ItemId;
      /** Links tab: the entity the link graph is centred on (`item:12`, `document:7`, `person:<key>`, …). */
      readonly linkRef?: string;
    };

/** The entity refs of the links contract (the engine's own pattern: a known type, then no white space). */
const ENTITY_REF = /^(item|document|exhibit|family|person|watchlist-entry):\S{1,590}$/;

/** Whether `ref` names an entity of the link graph. */
export function isEntityRef(ref: string): boolean {
  return ENTITY_REF.test(ref);
}

const positiveId = (text: string | undefined): number | undefined => (text && /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : undefined);

/** The template id and version rules of `caselens-template/1`; anything else is not a template route. */
const TEMPLATE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const TEMPLATE_VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;

function templateRef(id: string | undefined, version: string | undefined): TemplateRef | undefined {
  return id && version && TEMPLATE_ID.test(id) && TEMPLATE_VERSION.test(version) ? { id, version } : undefined;
}

function parseTemplates(parts: readonly string[]): Route {
  if (parts[1] === 'new' && parts.length <= 2) return { view: 'template-new' };
  if (parts[1] === 'new' && parts.length === 4) {
    const from = templateRef(parts[2], parts[3]);
    return from ? { view: 'template-new', from } : { view: 'template-new' };
  }
  const template = parts.length === 3 ? templateRef(parts[1], parts[2]) : undefined;
  return template ? { view: 'templates', template } : { view: 'templates' };
}

/** Parse `location.hash`; anything unrecognised shows the case list. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'templates') return parseTemplates(parts);
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
    if (parts[2] === 'links') {
      let ref: string | undefined;
      try {
        ref = parts[3] === undefined ? undefined : decodeURIComponent(parts[3]);
      } catch {
        ref = undefined;
      }
      return ref !== undefined && parts.length === 4 && isEntityRef(ref) ? { view: 'case', caseId, tab: 'links', linkRef: ref } : { view: 'case', caseId, tab: 'links' };
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
  if (route.view === 'templates') return route.template ? `#/templates/${route.template.id}/${route.template.version}` : '#/templates';
  if (route.view === 'template-new') return route.from ? `#/templates/new/${route.from.id}/${route.from.version}` : '#/templates/new';
  const base = `#/cases/${encodeURIComponent(route.caseId)}`;
  if (route.tab === 'audit') return `${base}/audit`;
  if (route.tab === 'links') return route.linkRef ? `${base}/links/${encodeURIComponent(route.linkRef)}` : `${base}/links`;
  if (route.tab === 'documents') return route.documentId ? `${base}/documents/${route.documentId}` : `${base}/documents`;
  return route.itemId ? `${base}/items/${route.itemId}` : base;
}
