/**
 * Spreading keypoints over the image. ORB keeps the strongest Harris responses of the whole image, which
 * crowd into its highest-contrast parts; a copied area of moderate texture can then hold too few to
 * match. Selecting per grid cell first (the idea of grid-adapted detection, e.g. ORB-SLAM's bucketing)
 * keeps every textured part represented at the same total count.
 */

/** Grid cells along the long side; the short side gets proportionally fewer (square cells). */
const CELLS_LONG_SIDE = 16;

/**
 * Indices of at most `max` keypoints: first the strongest `max / cells` of every grid cell (cells with
 * fewer give up their share), then the strongest of the rest until `max` are chosen. Sorted ascending.
 */
export function spreadKeypoints(xs: ArrayLike<number>, ys: ArrayLike<number>, response: ArrayLike<number>, width: number, height: number, max: number): number[] {
  const n = xs.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const cell = Math.max(width, height) / CELLS_LONG_SIDE;
  const cols = Math.max(1, Math.ceil(width / cell)), rows = Math.max(1, Math.ceil(height / cell));
  const quota = Math.max(1, Math.floor(max / (cols * rows)));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => response[b]! - response[a]! || a - b);
  const taken = new Uint8Array(n);
  const perCell = new Int32Array(cols * rows);
  let chosen = 0;
  for (const i of order) {
    if (chosen >= max) break;
    const c = Math.min(rows - 1, Math.floor(ys[i]! / cell)) * cols + Math.min(cols - 1, Math.floor(xs[i]! / cell));
    if (perCell[c]! >= quota) continue;
    perCell[c]!++;
    taken[i] = 1;
    chosen++;
  }
  for (const i of order) {
    if (chosen >= max) break;
    if (taken[i]) continue;
    taken[i] = 1;
    chosen++;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (taken[i]) out.push(i);
  return out;
}
