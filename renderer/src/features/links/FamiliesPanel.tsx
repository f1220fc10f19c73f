import type { FamilyView } from '../../../../native/engine/contract';
import { formatCount } from '../../components/format';
import { formatStrength, openTarget } from './link-format';
import './links.css';

export interface FamiliesPanelProps {
  readonly families: readonly FamilyView[] | undefined;
  readonly selected: string | null;
  /** Open a member (a document, or an item). */
  readonly onOpen: (ref: string) => void;
  readonly onCentre: (ref: string) => void;
}

/** Traits listed before the rest fold away: the most widely held come first, and four fit beside the members. */
const TRAITS_SHOWN = 4;

/** One shared trait: what it is, in which zone, and how many members hold it. */
function Trait({ trait, members }: { readonly trait: FamilyView['sharedTraits'][number]; readonly members: number }) {
  return (
    <li className="lk-trait" title={trait.key} data-testid="family-trait">
      {trait.label}
      {trait.zoneId && <span className="muted"> · {trait.zoneId}</span>}
      <span className="muted">
        {' '}
        ({trait.memberCount}/{members})
      </span>
    </li>
  );
}

/** The traits a family's members share, the first few shown and the rest behind a disclosure. */
function TraitList({ family }: { readonly family: FamilyView }) {
  const first = family.sharedTraits.slice(0, TRAITS_SHOWN);
  const rest = family.sharedTraits.slice(TRAITS_SHOWN);
  return (
    <>
      <ul className="lk-traits" aria-label="Shared traits">
        {first.map((t) => (
          <Trait key={t.key} trait={t} members={family.members.length} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details className="lk-traits-more">
          <summary>{rest.length} more shared traits</summary>
          <ul className="lk-traits">
            {rest.map((t) => (
              <Trait key={t.key} trait={t} members={family.members.length} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * Forgery families of the newest pass (`links.families`): each with its cohesion, the production traces its members
 * share, and its member documents (click to open).
 */
export function FamiliesPanel({ families, selected, onOpen, onCentre }: FamiliesPanelProps) {
  return (
    <section className="lk-panel" aria-label="Forgery families" data-testid="families">
      <div className="lk-panel-head">
        <h3>Forgery families</h3>
        <span className="section-note">Documents sharing production traces; indicators, not a verdict</span>
      </div>
      {families === undefined ? (
        <div className="muted">Loading…</div>
      ) : families.length === 0 ? (
        <div className="muted">No family: no two documents assessed for review share enough production traces.</div>
      ) : (
        <ul className="lk-families">
          {families.map((f) => (
            <li key={f.ref} className={f.ref === selected ? 'lk-family selected' : 'lk-family'} data-testid="family-row" data-family-ref={f.ref} data-members={f.members.length}>
              <div className="lk-family-head">
                <button type="button" className="link lk-family-label" onClick={() => onCentre(f.ref)} title="Centre the link graph on this family" data-testid="family-graph">
                  {f.label}
                </button>
                <span className="muted">{formatCount(f.members.length)} members</span>
                {f.cohesion !== null && (
                  <span className="lk-strength" title="Cohesion: mean pairwise trait similarity of the members">
                    cohesion {formatStrength(f.cohesion)}
                  </span>
                )}
              </div>
              {f.summary !== f.label && <div className="lk-family-summary">{f.summary}</div>}
              {f.sharedTraits.length > 0 && <TraitList family={f} />}
              <ul className="lk-chips" aria-label="Members">
                {f.members.map((m) => (
                  <li key={m.ref}>
                    <button
                      type="button"
                      className={`lk-entity type-${m.type}`}
                      onClick={() => (openTarget(m.ref) ? onOpen(m.ref) : onCentre(m.ref))}
                      title={openTarget(m.ref) ? 'Open the document' : 'Centre the link graph on it'}
                      data-testid="family-member"
                      data-ref={m.ref}
                    >
                      {m.label}
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
