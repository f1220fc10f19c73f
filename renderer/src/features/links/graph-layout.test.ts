import { describe, expect, it } from 'vitest';
import type { EntityType, LinkGraphView } from '../../../../native/engine/contract';
import { edgeWidth, fitView, labelledRefs, layoutGraph, NODE_SPACING, placedLabels, RING_GAP, visibleGraph } from './graph-layout';
import type { GraphLayout } from './graph-layout';
import { LINK_KINDS } from './link-format';

const ALL = new Set(LINK_KINDS.map((k) => k.kind));
const node = (ref: string, hop: number) => ({ ref, type: ref.slice(0, ref.indexOf(':')) as EntityType, label: ref, hop });
const edge = (kind: string, from: string, to: string, strength = 1) => ({ id: `${kind}:${from}:${to}`, kind, from, to, strength, summary: kind });

/**
 * A photo (item:1) holding a permit (document:1), linked as the same document to a scan's permit (document:2 in
 * item:2) and by a reused number to document:3 (in item:3); each item on an exhibit of its own.
 */
const VIEW: LinkGraphView = {
  center: 'item:1',
  nodes: [node('item:1', 0), node('document:1', 1), node('exhibit:1', 1), node('document:2', 2), node('document:3', 2), node('item:2', 3), node('item:3', 3), node('exhibit:2', 3), node('exhibit:3', 3)],
  edges: [
    edge('contains', 'item:1', 'document:1'),
    edge('on', 'item:1', 'exhibit:1'),
    edge('same-document', 'document:1', 'document:2', 0.8),
    edge('number-reused', 'document:1', 'document:3', 0.5),
    edge('contains', 'item:2', 'document:2'),
    edge('contains', 'item:3', 'document:3'),
    edge('on', 'item:2', 'exhibit:2'),
    edge('on', 'item:3', 'exhibit:3'),
  ],
  truncated: false,
};

describe('visibleGraph', () => {
  it('keeps everything when every kind is chosen, with hops recounted over the edges', () => {
    const g = visibleGraph(VIEW, ALL);
    expect(g.nodes.map((n) => [n.ref, n.hop])).toEqual([
      ['item:1', 0],
      ['document:1', 1],
      ['exhibit:1', 1],
      ['document:2', 2],
      ['document:3', 2],
      ['item:2', 3],
      ['item:3', 3],
      ['exhibit:2', 4],
      ['exhibit:3', 4],
    ]);
    expect(g.edges).toHaveLength(VIEW.edges.length);
  });

  it('drops the links of unchosen kinds and what was reached only through them', () => {
    const g = visibleGraph(VIEW, new Set(['same-document']));
    expect(g.edges.map((e) => e.kind)).not.toContain('number-reused');
    expect(g.nodes.map((n) => n.ref)).not.toContain('document:3');
    expect(g.nodes.map((n) => n.ref)).not.toContain('item:3');
    expect(g.nodes.map((n) => n.ref)).not.toContain('exhibit:3');
    // exhibit:2 is still reached through item:2.
    expect(g.nodes.find((n) => n.ref === 'exhibit:2')?.hop).toBe(4);
  });

  it('keeps only structural edges when no kind is chosen', () => {
    const g = visibleGraph(VIEW, new Set());
    expect(g.nodes.map((n) => n.ref).sort()).toEqual(['document:1', 'exhibit:1', 'item:1']);
    expect(new Set(g.edges.map((e) => e.kind))).toEqual(new Set(['contains', 'on']));
  });

  it('ignores edges to nodes the view does not hold', () => {
    const g = visibleGraph({ ...VIEW, edges: [...VIEW.edges, edge('same-image', 'item:1', 'item:99')] }, ALL);
    expect(g.edges.some((e) => e.to === 'item:99')).toBe(false);
  });
});

describe('layoutGraph', () => {
  it('puts the centre at the origin and each hop on its ring', () => {
    const g = visibleGraph(VIEW, ALL);
    const layout = layoutGraph(g);
    expect(layout.positions.get('item:1')).toEqual({ x: 0, y: 0 });
    for (const n of g.nodes) {
      const p = layout.positions.get(n.ref)!;
      expect(Math.hypot(p.x, p.y)).toBeCloseTo(layout.radii[n.hop]!, 6);
    }
    expect(layout.radii.slice(1, 3)).toEqual([RING_GAP, 2 * RING_GAP]);
    expect(layout.extent).toBeGreaterThan(layout.radii[layout.radii.length - 1]!);
  });

  it('does not depend on the order of the input', () => {
    const g = visibleGraph(VIEW, ALL);
    const a = layoutGraph(g);
    const b = layoutGraph({ ...g, nodes: [...g.nodes].reverse(), edges: [...g.edges].reverse() });
    for (const n of g.nodes) {
      expect(b.positions.get(n.ref)!.x).toBeCloseTo(a.positions.get(n.ref)!.x, 9);
      expect(b.positions.get(n.ref)!.y).toBeCloseTo(a.positions.get(n.ref)!.y, 9);
    }
  });

  it('places an outer node next to its neighbour on the inner ring', () => {
    // Two documents on ring 1, opposite each other; each has one file on ring 2.
    const g = visibleGraph(
      {
        center: 'person:x',
        nodes: [node('person:x', 0), node('document:1', 1), node('document:2', 1), node('item:1', 2), node('item:2', 2)],
        edges: [edge('member', 'document:1', 'person:x'), edge('member', 'document:2', 'person:x'), edge('contains', 'item:2', 'document:1'), edge('contains', 'item:1', 'document:2')],
        truncated: false,
      },
      ALL,
    );
    const { positions } = layoutGraph(g);
    const d = (a: string, b: string) => Math.hypot(positions.get(a)!.x - positions.get(b)!.x, positions.get(a)!.y - positions.get(b)!.y);
    expect(d('item:2', 'document:1')).toBeLessThan(d('item:2', 'document:2'));
    expect(d('item:1', 'document:2')).toBeLessThan(d('item:1', 'document:1'));
    expect(d('item:2', 'document:1')).toBeCloseTo(RING_GAP, 6);
  });

  it('widens a crowded ring so neighbours keep their spacing (250 nodes, the engine bound)', () => {
    const ring = Array.from({ length: 249 }, (_, i) => node(`item:${i + 2}`, 1));
    const g = visibleGraph({ center: 'item:1', nodes: [node('item:1', 0), ...ring], edges: ring.map((n) => edge('same-image', 'item:1', n.ref, 0.9)), truncated: true }, ALL);
    const layout = layoutGraph(g);
    const points = ring.map((n) => layout.positions.get(n.ref)!);
    const angle = (p: { x: number; y: number }) => Math.atan2(p.y, p.x);
    const sorted = [...points].sort((a, b) => angle(a) - angle(b));
    const gaps = sorted.map((p, i) => Math.hypot(p.x - sorted[(i + 1) % sorted.length]!.x, p.y - sorted[(i + 1) % sorted.length]!.y));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(NODE_SPACING * 0.99);
    expect(layout.radii[1]).toBeGreaterThan(RING_GAP);
  });
});

describe('fitView', () => {
  it('fits the rings into a wide stage with room for labels at the sides, in the stage aspect', () => {
    const fit = fitView(500, { width: 900, height: 600 }, 120);
    // Height limits: 600 px for 1000 units.
    expect(fit.unit).toBeCloseTo(1000 / 600, 9);
    expect(fit.viewBox[2] / fit.viewBox[3]).toBeCloseTo(900 / 600, 9);
    expect(fit.viewBox[0]).toBeCloseTo(-fit.viewBox[2] / 2, 9);
  });

  it('keeps the label room when the stage is narrow', () => {
    const fit = fitView(500, { width: 640, height: 600 }, 120);
    // Width limits: 640 - 2 × 120 = 400 px for the 1000 units across the rings.
    expect(fit.unit).toBeCloseTo(1000 / 400, 9);
    const ringsPx = 1000 / fit.unit;
    expect((640 - ringsPx) / 2).toBeCloseTo(120, 6);
  });

  it('falls back to the bare square before the stage is measured', () => {
    expect(fitView(300, { width: 0, height: 0 })).toEqual({ viewBox: [-300, -300, 600, 600], unit: 1 });
  });
});

describe('edge widths and labels', () => {
  it('grows the stroke with strength and clamps it', () => {
    expect(edgeWidth(0)).toBe(1);
    expect(edgeWidth(1)).toBe(4);
    expect(edgeWidth(0.5)).toBe(2.5);
    expect(edgeWidth(7)).toBe(4);
    expect(edgeWidth(Number.NaN)).toBe(1);
  });

  it('labels every node of a small graph and only the centre and first ring of a larger one', () => {
    expect(labelledRefs(visibleGraph(VIEW, ALL)).size).toBe(VIEW.nodes.length);
    const ring1 = Array.from({ length: 10 }, (_, i) => node(`document:${i + 1}`, 1));
    const ring2 = Array.from({ length: 80 }, (_, i) => node(`item:${i + 2}`, 2));
    const big = visibleGraph(
      { center: 'item:1', nodes: [node('item:1', 0), ...ring1, ...ring2], edges: [...ring1.map((n) => edge('contains', 'item:1', n.ref)), ...ring2.map((n, i) => edge('contains', n.ref, ring1[i % 10]!.ref))], truncated: false },
      ALL,
    );
    const labels = labelledRefs(big);
    expect(labels.size).toBe(11);
    expect(labels.has('item:1')).toBe(true);
    expect(labels.has('item:2')).toBe(false);
  });
});

describe('placedLabels', () => {
  const graph = visibleGraph(
    {
      center: 'item:1',
      nodes: [node('item:1', 0), node('document:1', 1), node('document:2', 1), node('document:3', 1)],
      edges: [edge('contains', 'item:1', 'document:1'), edge('contains', 'item:1', 'document:2'), edge('contains', 'item:1', 'document:3')],
      truncated: false,
    },
    ALL,
  );
  /** The centre at the origin; documents 1 and 2 four pixels apart on the right, document 3 far off on the left. */
  const layout: GraphLayout = {
    positions: new Map([
      ['item:1', { x: 0, y: 0 }],
      ['document:1', { x: 100, y: 0 }],
      ['document:2', { x: 100, y: 4 }],
      ['document:3', { x: -100, y: 200 }],
    ]),
    radii: [0, 100],
    extent: 300,
  };

  it('drops a label that would cover one already placed, keeping the first by ref', () => {
    const shown = placedLabels(graph, layout, 1, (n) => n.label);
    expect([...shown].sort()).toEqual(['document:1', 'document:3', 'item:1']);
  });

  it('keeps both when the zoom moves the nodes apart', () => {
    // At 0.1 units per pixel the two documents are 40 px apart, more than a label's height.
    expect(placedLabels(graph, layout, 0.1, (n) => n.label).has('document:2')).toBe(true);
  });
});
