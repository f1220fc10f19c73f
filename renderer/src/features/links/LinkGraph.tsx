import { useEffect, useMemo, useRef } from 'react';
import { ENTITY_TYPE_LABEL, formatStrength, kindLabel, STRUCTURAL_KINDS } from './link-format';
import { edgeWidth, LABEL_PX, placedLabels } from './graph-layout';
import type { FittedView, GraphLayout, VisibleGraph } from './graph-layout';
import './links.css';

export interface LinkGraphProps {
  readonly graph: VisibleGraph;
  readonly layout: GraphLayout;
  /** The view box and layout units per CSS pixel (fitView), so that nodes and labels keep their on-screen size at any zoom. */
  readonly fit: FittedView;
  /** A node was clicked: centre the graph on it. */
  readonly onCentre: (ref: string) => void;
  /** A node was double-clicked: open it (items and documents). */
  readonly onOpen: (ref: string) => void;
}

/** Longest label drawn beside a node, in characters; the tooltip has the whole label. */
const MAX_LABEL = 30;
/**
 * A click waits this long for a second click before it centres the graph, so that a double-click opens the node
 * instead (300 ms is below the usual 400-500 ms double-click setting and is not felt as a lag).
 */
const CLICK_DELAY_MS = 300;

/** Node radii on screen, px: big enough to hit with a mouse, small enough for 250 nodes on one ring. */
const NODE_PX = { centre: 9, other: 6 } as const;

const short = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

/**
 * The link graph as an SVG: rings by hop, edges (width by strength, dashed when structural), nodes coloured by type.
 * Click a node to centre on it, double-click (or Enter with Shift) to open it; Enter centres from the keyboard.
 */
export function LinkGraph({ graph, layout, fit, onCentre, onOpen }: LinkGraphProps) {
  const unit = fit.unit;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const labelled = useMemo(() => placedLabels(graph, layout, unit, (n) => short(n.label)), [graph, layout, unit]);
  const at = (ref: string) => layout.positions.get(ref) ?? { x: 0, y: 0 };
  const click = (ref: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      onCentre(ref);
    }, CLICK_DELAY_MS);
  };
  const doubleClick = (ref: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    onOpen(ref);
  };
  return (
    <svg
      className="lk-graph"
      viewBox={fit.viewBox.join(' ')}
      preserveAspectRatio="xMidYMid meet"
      role="group"
      aria-label={`Link graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`}
      data-testid="link-graph"
      data-center={graph.center}
      data-node-count={graph.nodes.length}
      data-edge-count={graph.edges.length}
    >
      {layout.radii.slice(1).map((r) => (
        <circle key={r} className="lk-ring" r={r} vectorEffect="non-scaling-stroke" />
      ))}
      {graph.edges.map((edge) => {
        const a = at(edge.from);
        const b = at(edge.to);
        const structural = STRUCTURAL_KINDS.includes(edge.kind);
        return (
          <line
            key={edge.id}
            className={`lk-edge kind-${edge.kind}${structural ? ' structural' : ''}`}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
            strokeWidth={structural ? 1 : edgeWidth(edge.strength)}
            vectorEffect="non-scaling-stroke"
            data-testid="graph-edge"
            data-kind={edge.kind}
            data-from={edge.from}
            data-to={edge.to}
            data-strength={edge.strength}
          >
            <title>{`${kindLabel(edge.kind)}${structural ? '' : ` · ${formatStrength(edge.strength)}`}: ${edge.summary}`}</title>
          </line>
        );
      })}
      {graph.nodes.map((node) => {
        const p = at(node.ref);
        const centre = node.ref === graph.center;
        const right = p.x >= -1;
        return (
          <g
            key={node.ref}
            className={`lk-node type-${node.type}${centre ? ' center' : ''}`}
            transform={`translate(${p.x} ${p.y})`}
            tabIndex={0}
            role="button"
            aria-label={`${ENTITY_TYPE_LABEL[node.type]}: ${node.label}`}
            onClick={() => click(node.ref)}
            onDoubleClick={() => doubleClick(node.ref)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              if (event.shiftKey) onOpen(node.ref);
              else onCentre(node.ref);
            }}
            data-testid="graph-node"
            data-ref={node.ref}
            data-type={node.type}
            data-hop={node.hop}
          >
            <title>{`${ENTITY_TYPE_LABEL[node.type]}: ${node.label}`}</title>
            <circle r={(centre ? NODE_PX.centre : NODE_PX.other) * unit} />
            {labelled.has(node.ref) && (
              <text
                x={centre ? 0 : (right ? LABEL_PX.gap : -LABEL_PX.gap) * unit}
                y={(centre ? LABEL_PX.below : LABEL_PX.baseline) * unit}
                textAnchor={centre ? 'middle' : right ? 'start' : 'end'}
                fontSize={LABEL_PX.size * unit}
                strokeWidth={LABEL_PX.halo * unit}
              >
                {short(node.label)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
