import type { EntityView, OccurrencesView } from '../../../../native/engine/contract';
import { formatCount } from '../../components/format';
import { formatStrength, formatVia } from './link-format';
import { RelatedLinks } from './RelatedLinks';
import './links.css';

export interface OccurrenceListsProps {
  readonly view: OccurrencesView;
  readonly onOpenItem: (itemId: number) => void;
  readonly onOpenDocument: (documentId: number) => void;
  readonly onCentre: (ref: string) => void;
}

const documentIdOf = (ref: string) => Number(ref.slice('document:'.length));

/** Persons or families reached: each a button that centres the link graph on it. */
function EntityButtons({ title, entities, testId, onCentre }: { readonly title: string; readonly entities: readonly EntityView[]; readonly testId: string; readonly onCentre: (ref: string) => void }) {
  if (entities.length === 0) return null;
  return (
    <div className="lk-group">
      <h4>{title}</h4>
      <ul className="lk-chips">
        {entities.map((e) => (
          <li key={e.ref}>
            <button type="button" className={`lk-entity type-${e.type}`} onClick={() => onCentre(e.ref)} title="Centre the link graph on it" data-testid={testId} data-ref={e.ref}>
              {e.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The body of "Other occurrences": exhibits reached, the other items (name, exhibit, path of link kinds, weakest
 * strength), documents, holders and families, and related links of other kinds.
 */
export function OccurrenceLists({ view, onOpenItem, onOpenDocument, onCentre }: OccurrenceListsProps) {
  const others = view.items.filter((i) => i.via.length > 0);
  const documents = view.documents.filter((d) => d.ref !== view.start.ref);
  return (
    <div className="lk-occurrence-lists">
      <div className="lk-group">
        <h4>
          Exhibits reached <span className="muted">({formatCount(view.exhibits.length)})</span>
        </h4>
        {view.exhibits.length === 0 ? (
          <div className="muted">None.</div>
        ) : (
          <ul className="lk-chips">
            {view.exhibits.map((e) => (
              <li key={e.exhibitId} className="lk-exhibit" data-testid="occurrence-exhibit" data-label={e.label} data-exhibit-id={e.exhibitId}>
                {e.label} <span className="muted">· {formatCount(e.items)} {e.items === 1 ? 'item' : 'items'}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="lk-group">
        <h4>
          {view.start.type === 'item' ? 'Other items' : 'Items'} <span className="muted">({formatCount(others.length)})</span>
        </h4>
        {others.length === 0 ? (
          <div className="muted">{view.start.type === 'item' ? 'This item occurs nowhere else.' : 'No item holds it.'}</div>
        ) : (
          <ul className="lk-rows">
            {others.map((i) => (
              <li key={i.itemId}>
                <button type="button" className="lk-row" onClick={() => onOpenItem(i.itemId)} title={`${i.exhibitLabel}: ${i.exhibitPath}`} data-testid="occurrence-item" data-item-id={i.itemId} data-exhibit-id={i.exhibitId}>
                  <span className="lk-row-main">
                    <span className="lk-row-name">{i.name}</span>
                    <span className="lk-row-exhibit">{i.exhibitLabel}</span>
                  </span>
                  <span className="lk-row-meta">
                    <span className="lk-via" data-testid="occurrence-via">
                      {formatVia(i.via)}
                    </span>
                    <span className="lk-strength" title="Weakest link strength on the way">
                      {formatStrength(i.strength)}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {documents.length > 0 && (
        <div className="lk-group">
          <h4>
            Documents <span className="muted">({formatCount(documents.length)})</span>
          </h4>
          <ul className="lk-chips">
            {documents.map((d) => (
              <li key={d.ref}>
                <button type="button" className="lk-entity type-document" onClick={() => onOpenDocument(documentIdOf(d.ref))} title="Open the document" data-testid="occurrence-document" data-ref={d.ref}>
                  {d.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <EntityButtons title="Holders" entities={view.persons} testId="occurrence-person" onCentre={onCentre} />
      <EntityButtons title="Forgery families" entities={view.families} testId="occurrence-family" onCentre={onCentre} />
      <RelatedLinks links={view.related} onCentre={onCentre} />
      {view.truncated && <div className="lk-stale">The walk stopped at its bound; not every occurrence is listed.</div>}
      <div className="lk-actions">
        <button type="button" onClick={() => onCentre(view.start.ref)} data-testid="occurrences-graph">
          Show in link graph
        </button>
      </div>
    </div>
  );
}
