import type { LinkPassView } from '../../../../native/engine/contract';
import { formatCount, formatTimestamp } from '../../components/format';
import { LinkNowButton } from './LinkNowButton';
import { passCounts } from './link-format';
import type { LinkRun } from './useLinkRun';
import './links.css';

export interface LinkPassBarProps {
  /** The newest pass; null before the first, undefined while loading. */
  readonly pass: LinkPassView | null | undefined;
  readonly link: LinkRun;
}

/** The newest linking pass (`links.status`): when, by which linker, links by kind, whether it is out of date; "Link now". */
export function LinkPassBar({ pass, link }: LinkPassBarProps) {
  const counts = pass ? passCounts(pass.byKind) : [];
  return (
    <div className="lk-pass" data-testid="links-status" data-state={pass === undefined ? 'loading' : pass === null ? 'not-linked' : pass.current ? 'current' : 'out-of-date'}>
      {pass === undefined && <span className="muted">Loading…</span>}
      {pass === null && <span className="muted">Not linked yet. Analysis links the case when it finishes, or link it now.</span>}
      {pass && (
        <>
          <span>
            Linked <span className="mono">{formatTimestamp(pass.finishedAt ?? pass.startedAt)}</span>
          </span>
          <span className="muted">
            linker <span className="mono">{pass.linkerVersion}</span>
          </span>
          {!pass.current && (
            <span className="lk-out-of-date" title="Items, documents, template checks or watchlists changed since this pass" data-testid="links-out-of-date">
              out of date
            </span>
          )}
          <span className="lk-counts" data-testid="links-counts">
            {counts.length === 0 ? (
              <span className="muted">no links</span>
            ) : (
              counts.map((c) => (
                <span key={c.kind} className={`lk-kind kind-${c.kind}`} data-kind={c.kind} data-count={c.count}>
                  {c.label} {formatCount(c.count)}
                </span>
              ))
            )}
          </span>
          <span className="muted">
            {formatCount(pass.persons)} persons · {formatCount(pass.families)} families
            {pass.watchlists.length > 0 && ` · watchlists ${pass.watchlists.map((w) => `${w.name} ${w.version}`).join(', ')}`}
          </span>
        </>
      )}
      <span className="spacer" />
      <LinkNowButton link={link} primary={pass === null || (pass !== undefined && !pass.current)} />
    </div>
  );
}
