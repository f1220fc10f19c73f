import { useMemo, useRef, useState } from 'react';
import type { CaseId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { formatCount } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { useElementSize } from '../forensics/useElementSize';
import { GraphFilters } from './GraphFilters';
import { fitView, layoutGraph, visibleGraph } from './graph-layout';
import { ENTITY_TYPE_LABEL, LINK_KINDS, openTarget } from './link-format';
import { LinkGraph } from './LinkGraph';
import './links.css';

export interface GraphPanelProps {
  readonly caseId: CaseId;
  /** The entity the graph is centred on. */
  readonly center: string;
  /** Bumped when the case or its links changed. */
  readonly version: number;
  readonly onCentre: (ref: string) => void;
  /** Open an item or a document. */
  readonly onOpen: (ref: string) => void;
}

/** Hops drawn at first: the centre's own links and one step beyond, enough to reach another device's file. */
const DEFAULT_DEPTH = 2;

/**
 * The link graph around one entity (`links.graph`), with its filters, a legend, and the way to open the centre.
 * The engine bounds the neighbourhood at 250 nodes and says when it stopped.
 */
export function GraphPanel({ caseId, center, version, onCentre, onOpen }: GraphPanelProps) {
  const { client } = useEngine();
  const [kinds, setKinds] = useState<ReadonlySet<string>>(() => new Set(LINK_KINDS.map((k) => k.kind)));
  const [minStrength, setMinStrength] = useState(0);
  const [depth, setDepth] = useState(DEFAULT_DEPTH);
  const chosen = LINK_KINDS.map((k) => k.kind).filter((k) => kinds.has(k));
  const everyKind = chosen.length === LINK_KINDS.length || chosen.length === 0;
  const view = useAsyncData(
    () => client.call('links.graph', { caseId, ref: center, depth, ...(everyKind ? {} : { kinds: chosen }), ...(minStrength > 0 ? { minStrength } : {}) }),
    [client, caseId, center, depth, chosen.join(','), minStrength, version],
  );
  const data = view.data?.center === center ? view.data : undefined;
  const graph = useMemo(() => (data ? visibleGraph(data, kinds) : null), [data, kinds]);
  const layout = useMemo(() => (graph ? layoutGraph(graph) : null), [graph]);
  const centreNode = data?.nodes.find((n) => n.ref === center);
  const target = openTarget(center);
  const stage = useRef<HTMLDivElement | null>(null);
  const size = useElementSize(stage);
  const fit = useMemo(() => (layout ? fitView(layout.extent, size) : null), [layout, size]);
  const types = [...new Set(graph?.nodes.map((n) => n.type) ?? [])];
  return (
    <div className="lk-graph-panel" data-testid="graph-panel">
      <div className="lk-graph-head">
        <span className="lk-graph-title">
          <span className={`lk-dot type-${centreNode?.type ?? 'item'}`} />
          <strong data-testid="graph-center-label">{centreNode?.label ?? center}</strong>
          {centreNode && <span className="muted">{ENTITY_TYPE_LABEL[centreNode.type]}</span>}
        </span>
        {target && (
          <button type="button" onClick={() => onOpen(center)} data-testid="graph-open">
            {target.type === 'item' ? 'Open item' : 'Open document'}
          </button>
        )}
        <span className="spacer" />
        {graph && (
          <span className="muted" data-testid="graph-counts">
            {formatCount(graph.nodes.length)} nodes · {formatCount(graph.edges.length)} edges
          </span>
        )}
      </div>
      <GraphFilters kinds={kinds} onKinds={setKinds} minStrength={minStrength} onMinStrength={setMinStrength} depth={depth} onDepth={setDepth} />
      {view.error && (
        <Banner tone="error" title="Could not draw the link graph.">
          {view.error}
        </Banner>
      )}
      {data?.truncated && (
        <Banner tone="warn" title="The graph stopped at 250 nodes." testId="graph-truncated">
          Fewer hops, fewer kinds or a higher least strength show the rest around other centres.
        </Banner>
      )}
      <div className="lk-graph-stage" aria-busy={view.loading} ref={stage}>
        {graph && layout && fit ? <LinkGraph graph={graph} layout={layout} fit={fit} onCentre={onCentre} onOpen={onOpen} /> : !view.error && <div className="muted empty-state">Loading…</div>}
      </div>
      {types.length > 0 && (
        <div className="lk-legend" aria-label="Node types">
          {types.map((t) => (
            <span key={t}>
              <span className={`lk-dot type-${t}`} /> {ENTITY_TYPE_LABEL[t]}
            </span>
          ))}
          <span className="muted">Click: centre · double-click: open · edge width: strength · dashed: structure</span>
        </div>
      )}
    </div>
  );
}
