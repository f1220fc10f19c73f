import { useEffect, useState } from 'react';
import { formatStrength, LINK_KINDS } from './link-format';
import './links.css';

export interface GraphFiltersProps {
  readonly kinds: ReadonlySet<string>;
  readonly onKinds: (kinds: ReadonlySet<string>) => void;
  readonly minStrength: number;
  readonly onMinStrength: (value: number) => void;
  readonly depth: number;
  readonly onDepth: (depth: number) => void;
}

/** The slider asks the engine again once it rests this long (a drag would otherwise ask at every step). */
const SLIDER_SETTLE_MS = 200;
/** Slider step: the strength scales of docs/LINKS.md are given to 0.05. */
const STRENGTH_STEP = 0.05;

/** Filters of the link graph: link kinds, least strength, and how many hops around the centre. */
export function GraphFilters({ kinds, onKinds, minStrength, onMinStrength, depth, onDepth }: GraphFiltersProps) {
  const [draft, setDraft] = useState(minStrength);
  useEffect(() => setDraft(minStrength), [minStrength]);
  useEffect(() => {
    if (draft === minStrength) return;
    const timer = setTimeout(() => onMinStrength(draft), SLIDER_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft, minStrength, onMinStrength]);
  const toggle = (kind: string) => {
    const next = new Set(kinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    onKinds(next);
  };
  const all = LINK_KINDS.every((k) => kinds.has(k.kind));
  return (
    <div className="lk-graph-filters" role="group" aria-label="Link graph filters">
      <div className="lk-kind-filters">
        {LINK_KINDS.map((k) => (
          <label key={k.kind} title={k.title} className={`lk-kind-filter kind-${k.kind}`}>
            <input type="checkbox" checked={kinds.has(k.kind)} onChange={() => toggle(k.kind)} data-testid={`graph-kind-${k.kind}`} />
            {k.label}
          </label>
        ))}
        <button type="button" className="ghost" onClick={() => onKinds(new Set(all ? [] : LINK_KINDS.map((k) => k.kind)))} data-testid="graph-kind-all">
          {all ? 'None' : 'All'}
        </button>
      </div>
      <div className="lk-graph-sliders">
        <label title="Links weaker than this are left out (structural edges always show)">
          Min strength
          <input
            type="range"
            min={0}
            max={1}
            step={STRENGTH_STEP}
            value={draft}
            onChange={(event) => setDraft(Number(event.target.value))}
            data-testid="graph-min-strength"
          />
          <span className="mono lk-slider-value">{formatStrength(draft)}</span>
        </label>
        <label>
          Hops
          <select value={depth} onChange={(event) => onDepth(Number(event.target.value))} data-testid="graph-depth">
            <option value={1}>1</option>
            <option value={2}>2</option>
            <option value={3}>3</option>
          </select>
        </label>
      </div>
    </div>
  );
}
