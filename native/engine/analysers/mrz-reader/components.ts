/**
 * 8-connected components of an ink mask, labelled run by run with union-find (one pass over the runs,
 * linear in the number of runs), with the statistics the locator and the segmenter need.
 */
import type { InkMask } from './binarize';

/** One connected blob of ink. Coordinates are inclusive pixel bounds. */
export interface Component {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  /** Number of ink pixels. */
  readonly area: number;
  /** Centre of the bounding box. */
  readonly cx: number;
  readonly cy: number;
}

interface Run {
  y: number;
  x0: number;
  x1: number;
  label: number;
}

function find(parent: Int32Array, i: number): number {
  let root = i;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[i] !== root) {
    const next = parent[i]!;
    parent[i] = root;
    i = next;
  }
  return root;
}

/** Components of `mask` whose area is at least `minArea` pixels. */
export function connectedComponents(mask: InkMask, minArea = 1): Component[] {
  const { width: w, height: h, data } = mask;
  const runs: Run[] = [];
  const rowStart = new Int32Array(h + 1);
  for (let y = 0; y < h; y++) {
    rowStart[y] = runs.length;
    const row = y * w;
    let x = 0;
    while (x < w) {
      if (data[row + x] === 0) {
        x++;
        continue;
      }
      const x0 = x;
      while (x < w && data[row + x] !== 0) x++;
      runs.push({ y, x0, x1: x - 1, label: runs.length });
    }
  }
  rowStart[h] = runs.length;
  const parent = new Int32Array(runs.length);
  for (let i = 0; i < runs.length; i++) parent[i] = i;
  for (let y = 1; y < h; y++) {
    let j = rowStart[y - 1]!;
    const prevEnd = rowStart[y]!;
    for (let i = rowStart[y]!; i < rowStart[y + 1]!; i++) {
      const run = runs[i]!;
      while (j < prevEnd && runs[j]!.x1 < run.x0 - 1) j++;
      for (let k = j; k < prevEnd && runs[k]!.x0 <= run.x1 + 1; k++) {
        const a = find(parent, i);
        const b = find(parent, k);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const stats = new Map<number, { left: number; top: number; right: number; bottom: number; area: number }>();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const root = find(parent, i);
    const s = stats.get(root);
    const length = run.x1 - run.x0 + 1;
    if (!s) stats.set(root, { left: run.x0, top: run.y, right: run.x1, bottom: run.y, area: length });
    else {
      if (run.x0 < s.left) s.left = run.x0;
      if (run.x1 > s.right) s.right = run.x1;
      if (run.y > s.bottom) s.bottom = run.y;
      s.area += length;
    }
  }
  const out: Component[] = [];
  for (const s of stats.values()) {
    if (s.area < minArea) continue;
    out.push({ ...s, cx: (s.left + s.right) / 2, cy: (s.top + s.bottom) / 2 });
  }
  return out;
}

/** Height of a component in pixels. */
export function componentHeight(c: Component): number {
  return c.bottom - c.top + 1;
}

/** Width of a component in pixels. */
export function componentWidth(c: Component): number {
  return c.right - c.left + 1;
}
