import type { CaseId, DocumentId, ItemId } from '../../../../native/engine/contract';
import { asDocumentId, asItemId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { formatTimestamp } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import '../item/item.css';
import { LinkNowButton } from './LinkNowButton';
import { openDocumentView, openLinksView } from './navigate-links';
import { OccurrenceLists } from './OccurrenceLists';
import { useLinkRun } from './useLinkRun';
import './links.css';

export interface OccurrencesSectionProps {
  readonly caseId: CaseId;
  /** The item, document or person whose occurrences are shown (`item:12`, `document:7`, `person:<key>`). */
  readonly entityRef: string;
  readonly dataVersion: number;
  readonly onOpenItem: (itemId: ItemId) => void;
  /** Open a document; by default the Documents view opens on it. */
  readonly onOpenDocument?: (documentId: DocumentId) => void;
  /** Centre the link graph on an entity; by default the Links view opens centred on it. */
  readonly onCentre?: (ref: string) => void;
  /** A linking pass ran from here: other views may refresh (grid badges). */
  readonly onLinked?: () => void;
  /** Offer "Link now" here (the Links view has its own in the toolbar). */
  readonly offerLinkNow?: boolean;
}

/**
 * "Other occurrences" of an item, a document or a person (`links.occurrences`): the exhibits and items reached over
 * same-file, same-image and same-document links, each with the path of link kinds and its weakest strength; the
 * holders and families reached; and the other links touching them. Before the first linking pass it says so and
 * offers "Link now".
 */
export function OccurrencesSection({ caseId, entityRef, dataVersion, onOpenItem, onOpenDocument, onCentre, onLinked, offerLinkNow = true }: OccurrencesSectionProps) {
  const { client } = useEngine();
  const view = useAsyncData(() => client.call('links.occurrences', { caseId, ref: entityRef }), [client, caseId, entityRef, dataVersion]);
  const link = useLinkRun(caseId, () => {
    view.reload();
    onLinked?.();
  });
  const centre = onCentre ?? ((ref: string) => openLinksView(caseId, ref));
  const data = view.data?.start.ref === entityRef ? view.data : undefined;
  const state = !data ? 'loading' : data.pass === null ? 'not-linked' : 'linked';
  return (
    <section className="section lk-occurrences" aria-label="Other occurrences" data-testid="occurrences" data-ref={entityRef} data-state={state}>
      <div className="section-title">
        <h3>Other occurrences</h3>
        <span className="section-note">Same file, same image, same document</span>
      </div>
      {view.error && !data && (
        <Banner tone="error" title="Could not follow the links.">
          {view.error}
        </Banner>
      )}
      {!data && !view.error && <div className="muted">Loading…</div>}
      {data && data.pass === null && (
        <div className="lk-not-linked" data-testid="occurrences-not-linked">
          <span className="muted">Not linked yet.</span>
          {offerLinkNow && <LinkNowButton link={link} />}
        </div>
      )}
      {data && data.pass !== null && (
        <>
          {!data.pass.current && (
            <div className="lk-stale" data-testid="occurrences-out-of-date">
              <span>The case changed since the linking pass of {formatTimestamp(data.pass.finishedAt ?? data.pass.startedAt)}: results may be out of date.</span>
              {offerLinkNow && <LinkNowButton link={link} />}
            </div>
          )}
          <OccurrenceLists
            view={data}
            onOpenItem={(id) => onOpenItem(asItemId(id))}
            onOpenDocument={(id) => (onOpenDocument ?? ((d: DocumentId) => openDocumentView(caseId, d)))(asDocumentId(id))}
            onCentre={centre}
          />
        </>
      )}
    </section>
  );
}

