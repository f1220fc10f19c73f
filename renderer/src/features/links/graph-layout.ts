/**
 * The link graph as drawn: which nodes and edges the kind filter leaves, and a deterministic radial layout by hop
 * (the centre in the middle, each hop on a ring around it, nodes ordered along a ring by where their neighbours on
 * the inner ring sit, so edges between rings stay short). Pure, tested.
 */
import type { EntityType, LinkGraphView } from '../../../../native/engine/contract';
import { STRUCTURAL_KINDS } from './link-format';

export type GraphNode = LinkGraphView['nodes'][number];
export type GraphEdge = LinkGraphView['edges'][number];

/** Nodes and edges left to draw, each node with its hop from the centre over what is left. */
export interface VisibleGraph {
  readonly center: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/**
 * Keep the structural edges and the links of the `kinds` chosen, and the nodes still reached from the centre over
 * them; hops are recounted over what is left. The engine filters by kind itself; this also covers "no kind chosen"
 * (the engine reads an empty list as "every kind") and answers that arrive for an older choice.
 */
export function visibleGraph(view: LinkGraphView, kinds: ReadonlySet<string>): VisibleGraph {
  const known = new Map(view.nodes.map((n) => [n.ref, n]));
  const edges = view.edges.filter((e) => (STRUCTURAL_KINDS.includes(e.kind) || kinds.has(e.kind)) && known.has(e.from) && known.has(e.to));
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }
  const hops = new Map<string, number>();
  if (known.has(view.center)) hops.set(view.center, 0);
  let frontier = [...hops.keys()];
  for (let hop = 1; frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const ref of frontier) {
      for (const other of neighbours.get(ref) ?? []) {
        if (hops.has(other)) continue;
        hops.set(other, hop);
        next.push(other);
      }
    }
    frontier = next;
  }
  const nodes = view.nodes.filter((n) => hops.has(n.ref)).map((n) => ({ ...n, hop: hops.get(n.ref)! }));
  return { center: view.center, nodes, edges: edges.filter((e) => hops.has(e.from) && hops.has(e.to)) };
}

/** Order of types along the first ring, so that like sits next to like. */
const TYPE_ORDER: readonly EntityType[] = ['exhibit', 'item', 'document', 'person', 'family', 'watchlist-entry'];

/**
 * Distance between rings in layout units. The drawing is scaled to fit its stage while nodes and labels keep their
 * size in pixels (LinkGraph), so only the ratios of these three matter.
 */
export const RING_GAP = 150;
/**
 * Least distance between neighbours on one ring; a ring with many nodes grows until they keep it. 34/150 of a ring
 * gap is about 15 px at the usual zoom of three rings on a 500 px stage: a 12 px node and a gap.
 */
export const NODE_SPACING = 34;
/** Space kept around the outermost ring, so the nodes above and below it and the centre's label stay inside. */
const MARGIN = 60;

/** Where each node sits, and the square that holds them all (centred on the origin). */
export interface GraphLayout {
  readonly positions: ReadonlyMap<string, { readonly x: number; readonly y: number }>;
  readonly radii: readonly number[];
  /** Half the side of the bounding square. */
  readonly extent: number;
}

const TAU = Math.PI * 2;
/** The first node of a ring sits at the top. */
const TOP = -Math.PI / 2;

/** The circular mean of angles; `fallback` when they cancel out or there are none. */
function meanAngle(angles: readonly number[], fallback: number): number {
  let x = 0;
  let y = 0;
  for (const a of angles) {
    x += Math.cos(a);
    y += Math.sin(a);
  }
  return Math.hypot(x, y) < 1e-9 ? fallback : Math.atan2(y, x);
}

/** An angle in [0, 2π). */
const wrap = (a: number) => ((a % TAU) + TAU) % TAU;

const byTypeThenRef = (a: GraphNode, b: GraphNode) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/**
 * Radial layout of `graph` by hop. Ring 1 is ordered by type, then ref; an outer ring is ordered by the mean angle of
 * each node's neighbours on the ring inside it, spaced evenly and turned as a whole to sit closest to those angles.
 * Depends only on the nodes and edges, not on their order in the input.
 */
export function layoutGraph(graph: VisibleGraph): GraphLayout {
  const rings: GraphNode[][] = [];
  for (const n of graph.nodes) (rings[n.hop] ??= []).push(n);
  const neighbours = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (!neighbours.has(e.from)) neighbours.set(e.from, new Set());
    if (!neighbours.has(e.to)) neighbours.set(e.to, new Set());
    neighbours.get(e.from)!.add(e.to);
    neighbours.get(e.to)!.add(e.from);
  }
  const positions = new Map<string, { x: number; y: number }>();
  const angles = new Map<string, number>();
  const radii: number[] = [0];
  for (const n of rings[0] ?? []) {
    positions.set(n.ref, { x: 0, y: 0 });
    angles.set(n.ref, TOP);
  }
  for (let hop = 1; hop < rings.length; hop++) {
    const ring = [...(rings[hop] ?? [])].sort(byTypeThenRef);
    const radius = Math.max(radii[hop - 1]! + RING_GAP, (ring.length * NODE_SPACING) / TAU);
    radii.push(radius);
    if (ring.length === 0) continue;
    let ordered = ring;
    let turn = 0;
    if (hop > 1) {
      const inner = new Set((rings[hop - 1] ?? []).map((p) => p.ref));
      const wanted = new Map(ring.map((n) => [n.ref, meanAngle([...(neighbours.get(n.ref) ?? [])].filter((r) => inner.has(r)).map((r) => angles.get(r)!), TOP)]));
      ordered = [...ring].sort((a, b) => wrap(wanted.get(a.ref)! - TOP) - wrap(wanted.get(b.ref)! - TOP) || byTypeThenRef(a, b));
      turn = meanAngle(ordered.map((n, i) => wanted.get(n.ref)! - (TOP + (TAU * i) / ordered.length)), 0);
    }
    ordered.forEach((n, i) => {
      const angle = TOP + turn + (TAU * i) / ordered.length;
      angles.set(n.ref, angle);
      positions.set(n.ref, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
  }
  return { positions, radii, extent: (radii[radii.length - 1] ?? 0) + MARGIN };
}

/** Stroke width of an edge in layout units: 1 for the weakest link, 4 for a certain one. */
export function edgeWidth(strength: number): number {
  const s = Number.isFinite(strength) ? Math.min(1, Math.max(0, strength)) : 0;
  return 1 + 3 * s;
}

/**
 * Labels drawn next to nodes: all of them on a small graph; on a larger one only the centre and the first ring,
 * and above that only the centre (the others are named in their tooltips). 60 and 40 labels are about what a
 * 900-unit-wide drawing holds before they overlap.
 */
export function labelledRefs(graph: VisibleGraph): ReadonlySet<string> {
  if (graph.nodes.length <= 60) return new Set(graph.nodes.map((n) => n.ref));
  const first = graph.nodes.filter((n) => n.hop <= 1);
  return new Set(first.length <= 40 ? first.map((n) => n.ref) : [graph.center]);
}

/** Room kept left and right of the rings for labels, px: a 30-character label at 11 px is about 120-180 px long. */
export const LABEL_ROOM_PX = 120;

/** The view box that fits a layout into a stage, and the layout units one CSS pixel spans. */
export interface FittedView {
  readonly viewBox: readonly [number, number, number, number];
  readonly unit: number;
}

/**
 * Scale a layout of half-side `extent` into a `stage` of CSS pixels: as large as fits, with `labelRoom` px kept free
 * on the left and right for labels running sideways; the view box has the stage's aspect, so nothing is letterboxed.
 * An unmeasured stage (0 × 0) gets the bare square at one unit per pixel.
 */
export function fitView(extent: number, stage: { readonly width: number; readonly height: number }, labelRoom = LABEL_ROOM_PX): FittedView {
  if (stage.width <= 0 || stage.height <= 0 || extent <= 0) return { viewBox: [-extent, -extent, 2 * extent, 2 * extent], unit: 1 };
  // A stage narrower than twice the label room still draws the rings, at a quarter of its width.
  const across = Math.max(stage.width - 2 * labelRoom, stage.width / 4);
  const scale = Math.min(across, stage.height) / (2 * extent);
  const width = stage.width / scale;
  const height = stage.height / scale;
  return { viewBox: [-width / 2, -height / 2, width, height], unit: 1 / scale };
}

/** How a node's label is drawn, in CSS pixels: size, distance from the node, baseline shifts, and the dark halo that keeps it readable over edges. */
export const LABEL_PX = { size: 11, gap: 9, baseline: 4, below: 22, halo: 3 } as const;
/** Mean advance of a character of the UI font at 1 px size (system sans fonts measure 0.55-0.6 em). */
const CHAR_EM = 0.58;

/**
 * The labels that can be drawn without covering one another: candidates from `labelledRefs`, placed greedily in
 * order of importance (the centre, then by hop, then by ref); a label whose estimated box meets one already placed
 * is left to the node's tooltip. Boxes are estimated from the character count (CHAR_EM) in CSS pixels.
 */
export function placedLabels(graph: VisibleGraph, layout: GraphLayout, unit: number, text: (node: GraphNode) => string): ReadonlySet<string> {
  const candidates = labelledRefs(graph);
  const order = graph.nodes
    .filter((n) => candidates.has(n.ref))
    .sort((a, b) => (a.ref === graph.center ? -1 : b.ref === graph.center ? 1 : a.hop - b.hop || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)));
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const shown = new Set<string>();
  for (const n of order) {
    const p = layout.positions.get(n.ref);
    if (!p) continue;
    const x = p.x / unit;
    const y = p.y / unit;
    const width = text(n).length * LABEL_PX.size * CHAR_EM;
    const centre = n.ref === graph.center;
    const baseline = y + (centre ? LABEL_PX.below : LABEL_PX.baseline);
    const x0 = centre ? x - width / 2 : p.x >= -1 ? x + LABEL_PX.gap : x - LABEL_PX.gap - width;
    const box = { x0, x1: x0 + width, y0: baseline - LABEL_PX.size, y1: baseline + LABEL_PX.size * 0.25 };
    if (placed.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1)) continue;
    placed.push(box);
    shown.add(n.ref);
  }
  return shown;
}
