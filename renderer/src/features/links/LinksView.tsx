import { useState } from 'react';
import type { CaseId, DocumentId, ItemId } from '../../../../native/engine/contract';
import { asDocumentId, asItemId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { useAsyncData } from '../../components/useAsyncData';
import { holderName } from '../documents/document-format';
import { FamiliesPanel } from './FamiliesPanel';
import { GraphPanel } from './GraphPanel';
import { LinkPassBar } from './LinkPassBar';
import { openTarget, refType } from './link-format';
import { OccurrencesSection } from './OccurrencesSection';
import { useLinkRun } from './useLinkRun';
import { WatchlistsPanel } from './WatchlistsPanel';
import './links.css';

export interface LinksViewProps {
  readonly caseId: CaseId;
  /** The entity the graph is centred on (from the route); without one, the first family or document. */
  readonly center: string | undefined;
  readonly dataVersion: number;
  readonly onCentre: (ref: string) => void;
  readonly onOpenItem: (itemId: ItemId) => void;
  readonly onOpenDocument: (documentId: DocumentId) => void;
  /** A pass ran or a watchlist was imported: other views (grid badges) refresh. */
  readonly onChanged: () => void;
}

/** Entities whose occurrences `links.occurrences` walks from. */
const WALKABLE = new Set(['item', 'document', 'person', 'family']);

/**
 * The Links view: the newest linking pass and "Link now", forgery families, watchlists (and importing one), the link
 * graph around one entity with its filters, and that entity's other occurrences.
 */
export function LinksView({ caseId, center, dataVersion, onCentre, onOpenItem, onOpenDocument, onChanged }: LinksViewProps) {
  const { client } = useEngine();
  const [localVersion, setLocalVersion] = useState(0);
  // Both counters only grow, so their sum changes whenever either does.
  const version = dataVersion + localVersion;
  const bump = () => {
    setLocalVersion((v) => v + 1);
    onChanged();
  };
  const status = useAsyncData(() => client.call('links.status', { caseId }), [client, caseId, version]);
  const families = useAsyncData(() => client.call('links.families', { caseId }), [client, caseId, version]);
  const watchlists = useAsyncData(() => client.call('watchlists.list', { caseId }), [client, caseId, version]);
  const documents = useAsyncData(() => client.call('documents.list', { caseId }), [client, caseId, dataVersion]);
  const link = useLinkRun(caseId, bump);
  const fallback = families.data?.[0]?.ref ?? (documents.data?.[0] ? `document:${documents.data[0].id}` : undefined);
  const shown = center ?? fallback;
  const open = (ref: string) => {
    const target = openTarget(ref);
    if (target?.type === 'item') onOpenItem(asItemId(target.id));
    else if (target?.type === 'document') onOpenDocument(asDocumentId(target.id));
  };
  const error = status.error ?? families.error ?? watchlists.error;
  return (
    <div className="links-view" data-testid="links-view">
      <div className="lk-toolbar">
        <h1>Links</h1>
        <LinkPassBar pass={status.data} link={link} />
      </div>
      {error && (
        <Banner tone="error" title="Could not read the links.">
          {error}
        </Banner>
      )}
      <div className="lk-body">
        <div className="lk-side">
          <FamiliesPanel families={families.data} selected={shown ?? null} onOpen={open} onCentre={onCentre} />
          <WatchlistsPanel caseId={caseId} watchlists={watchlists.data} onImported={bump} />
        </div>
        <div className="lk-main">
          <div className="lk-centre-picker">
            <label>
              Centre on
              <select value={shown?.startsWith('document:') ? shown : ''} onChange={(event) => event.target.value && onCentre(event.target.value)} data-testid="graph-centre-select">
                <option value="">{shown && !shown.startsWith('document:') ? 'Another entity (see the graph)' : 'Choose a document…'}</option>
                {(documents.data ?? []).map((d) => (
                  <option key={d.id} value={`document:${d.id}`}>
                    {holderName(d)} · {d.documentNumber ?? 'no number'} · {d.exhibitLabel}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {shown ? (
            <GraphPanel caseId={caseId} center={shown} version={version} onCentre={onCentre} onOpen={open} />
          ) : (
            <div className="muted empty-state">No document found yet: analyse the case, then its permits, holders and families can be followed here.</div>
          )}
        </div>
        {shown && WALKABLE.has(refType(shown) ?? '') && (
          <div className="lk-occ-column">
            <OccurrencesSection
              caseId={caseId}
              entityRef={shown}
              dataVersion={version}
              onOpenItem={onOpenItem}
              onOpenDocument={onOpenDocument}
              onCentre={onCentre}
              offerLinkNow={false}
            />
          </div>
        )}
      </div>
    </div>
  );
}
