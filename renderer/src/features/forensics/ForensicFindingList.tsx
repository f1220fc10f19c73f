import { useEffect, useRef } from 'react';
import type { FindingView } from '../../../../native/engine/contract';
import { formatScore, titleOf } from './forensics-view';

export interface ForensicFindingListProps {
  readonly findings: readonly FindingView[];
  readonly titles: ReadonlyMap<string, string>;
  readonly selectedId: number | null;
  readonly hoveredId: number | null;
  readonly onSelect: (findingId: number) => void;
  readonly onHover: (findingId: number | null) => void;
}

/** Every forensic finding with its analyser, kind, severity, score and summary; those with a region can be shown on the image. */
export function ForensicFindingList({ findings, titles, selectedId, hoveredId, onSelect, onHover }: ForensicFindingListProps) {
  const rows = useRef(new Map<number, HTMLLIElement>());
  useEffect(() => {
    if (selectedId !== null) rows.current.get(selectedId)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  useEffect(() => {
    if (hoveredId !== null) rows.current.get(hoveredId)?.scrollIntoView({ block: 'nearest' });
  }, [hoveredId]);

  if (findings.length === 0) return <div className="muted">No forensic findings.</div>;
  return (
    <ul className="fv-findings" data-testid="forensic-findings">
      {findings.map((f) => {
        // Regions in document coordinates (per-zone findings) are not drawn over the item's image.
        const drawable = f.region !== null && f.space === 'item';
        const classes = ['fv-finding', f.id === selectedId ? 'selected' : '', f.id === hoveredId ? 'hovered' : ''].filter(Boolean).join(' ');
        return (
          <li
            key={f.id}
            ref={(el) => {
              if (el) rows.current.set(f.id, el);
              else rows.current.delete(f.id);
            }}
            className={classes}
            data-testid="forensic-finding"
            data-finding-id={f.id}
            data-kind={f.kind}
            data-has-region={drawable}
            data-selected={f.id === selectedId}
            data-hovered={f.id === hoveredId}
          >
            <button type="button" onClick={() => onSelect(f.id)} onMouseEnter={() => onHover(f.id)} onMouseLeave={() => onHover(null)} aria-pressed={f.id === selectedId}>
              <span className="fv-finding-head">
                <span className={`fv-sev sev-${f.severity}`}>{f.severity}</span>
                <span className="fv-finding-score" title="Score of the indicator in [0, 1]">
                  {formatScore(f.confidence)}
                </span>
                <span className="mono fv-finding-kind">{f.kind}</span>
                {drawable && <span className="fv-finding-has-region" title="Has a region on the image">▭</span>}
              </span>
              <span className="fv-finding-summary">{f.explanation}</span>
              <span className="muted fv-finding-meta">
                {titleOf(titles, f.provenance.analyserId)} · {f.provenance.analyserId}@{f.provenance.analyserVersion}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
