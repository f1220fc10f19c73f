import type { LinkView } from '../../../../native/engine/contract';
import { formatCount } from '../../components/format';
import { formatStrength, kindLabel } from './link-format';
import './links.css';

/** Related links listed at most; the rest are counted (the graph shows them all). */
const MAX_SHOWN = 50;

/**
 * Links of other kinds than "the same thing again" touching what was reached (number reused, same portrait, number
 * series, drafts, families, watchlist hits): kind, strength, the engine's summary, and both ends.
 */
export function RelatedLinks({ links, onCentre }: { readonly links: readonly LinkView[]; readonly onCentre: (ref: string) => void }) {
  if (links.length === 0) return null;
  const sorted = [...links].sort((a, b) => b.strength - a.strength || a.id - b.id);
  return (
    <div className="lk-group">
      <h4>
        Related links <span className="muted">({formatCount(links.length)})</span>
      </h4>
      <ul className="lk-related">
        {sorted.slice(0, MAX_SHOWN).map((l) => (
          <li key={l.id} data-testid="related-link" data-kind={l.kind} data-strength={l.strength}>
            <div className="lk-related-head">
              <span className={`lk-kind kind-${l.kind}`}>{kindLabel(l.kind)}</span>
              <span className="lk-strength" title="Link strength in [0, 1] (docs/LINKS.md)">
                {formatStrength(l.strength)}
              </span>
            </div>
            <div className="lk-related-summary">{l.summary}</div>
            <div className="lk-related-ends">
              <button type="button" className="link" onClick={() => onCentre(l.from.ref)} title="Centre the link graph on it">
                {l.from.label}
              </button>
              <span>
                <span className="muted">→ </span>
                <button type="button" className="link" onClick={() => onCentre(l.to.ref)} title="Centre the link graph on it">
                  {l.to.label}
                </button>
              </span>
            </div>
          </li>
        ))}
      </ul>
      {links.length > MAX_SHOWN && <div className="muted">and {formatCount(links.length - MAX_SHOWN)} more in the link graph.</div>}
    </div>
  );
}
