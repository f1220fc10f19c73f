/**
 * Snap a rough outline onto the document's edges: each side is searched as a whole (coherent straight
 * edge, small angle changes allowed), then located to sub-pixel precision sample by sample and refitted.
 * Corners are the intersections of the refitted sides, so rounded card corners give the corners of the
 * card's rectangle (what ISO/IEC 7810 dimensions refer to).
 */
import type { Point, Quad } from '../../imaging/raster';
import { intersectLines, dist } from './geometry';
import type { GradientField } from './working';

/**
 * An edge counts as present where the intensity changes by at least 2.5 grey levels per pixel across it
 * (after the 5x5 Gaussian): a 7-8 level step, a white card on a white scanner bed still gives that
 * through its shadow, while sensor noise (sigma ~5) gives under 1 after the blur.
 */
export const EDGE_MIN_SLOPE = 2.5;

/**
 * Responses are capped at 3x the edge minimum before summing along a side, so the search favours an edge
 * that runs the whole side over a strong but broken one: the bottom of an MRZ line (black on white,
 * slopes of 50+, with gaps between glyphs) must not beat the card edge a few millimetres below it.
 */
const SLOPE_CAP = 3 * EDGE_MIN_SLOPE;

/** Corners within 12 % of each side's length of the ends are skipped: rounded corners are ~6 % (3.18 mm of 54). */
const END_SKIP = 0.12;

export interface RefineOptions {
  /** Search distance across each side, pixels. */
  readonly rangePx: number;
  /** Largest angle change per side, degrees. */
  readonly maxAngleDeg: number;
  /** Most samples per side (default 64) and offset step in pixels (default 1): a quick pre-screen uses fewer. */
  readonly maxSamples?: number;
  readonly stepPx?: number;
}

export interface Refined {
  readonly quad: Quad;
  /** Fraction of the sampled side length lying on a measured edge, averaged over the four sides. */
  readonly edgeSupport: number;
  /** The same per side, side i from corner i to i+1. */
  readonly sideSupport: readonly [number, number, number, number];
}

interface Line {
  readonly p: Point;
  readonly u: Point;
  readonly support: number;
}

function fitSide(field: GradientField, a: Point, b: Point, opts: RefineOptions): Line {
  const len = dist(a, b);
  const u0: Point = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
  const m: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  // One sample per ~4 px of side, 16-64 samples: enough to average out texture, cheap to search.
  const k = Math.max(Math.min(16, opts.maxSamples ?? 64), Math.min(opts.maxSamples ?? 64, Math.round(len / 4)));
  const ts: number[] = [];
  for (let i = 0; i < k; i++) ts.push(-0.5 + END_SKIP + ((1 - 2 * END_SKIP) * (i + 0.5)) / k);
  const range = Math.max(2, Math.round(opts.rangePx));
  const angleSteps = opts.maxAngleDeg > 0 ? 3 : 0;
  let best = { score: -1, u: u0, d: 0 };
  for (let s = -angleSteps; s <= angleSteps; s++) {
    const th = angleSteps ? (((s / angleSteps) * opts.maxAngleDeg) * Math.PI) / 180 : 0;
    const u: Point = [u0[0] * Math.cos(th) - u0[1] * Math.sin(th), u0[0] * Math.sin(th) + u0[1] * Math.cos(th)];
    const n: Point = [u[1], -u[0]];
    for (let d = -range; d <= range; d += opts.stepPx ?? 1) {
      let sum = 0;
      for (const t of ts) sum += Math.min(SLOPE_CAP, Math.abs(field.along(m[0] + t * len * u[0] + d * n[0], m[1] + t * len * u[1] + d * n[1], n[0], n[1])));
      // A mild pull towards the rough outline (down to 0.7 at the search limit) breaks ties with parallel
      // structures such as a printed frame just inside the card edge.
      const score = (sum / ts.length) * (1 - 0.3 * (d / range) ** 2);
      if (score > best.score) best = { score, u, d };
    }
  }
  const u = best.u;
  const n: Point = [u[1], -u[0]];
  const pts: Point[] = [];
  let supported = 0;
  for (const t of ts) {
    const bx = m[0] + t * len * u[0] + best.d * n[0];
    const by = m[1] + t * len * u[1] + best.d * n[1];
    // Sub-pixel: strongest response within +-2 px across the side, parabola through its neighbours.
    let bi = 0;
    let bv = -1;
    const vals: number[] = [];
    for (let j = -4; j <= 4; j++) {
      const v = Math.abs(field.along(bx + j * 0.5 * n[0], by + j * 0.5 * n[1], n[0], n[1]));
      vals.push(v);
      if (v > bv) {
        bv = v;
        bi = j + 4;
      }
    }
    if (bv < EDGE_MIN_SLOPE) continue;
    supported++;
    let off = (bi - 4) * 0.5;
    if (bi > 0 && bi < 8) {
      const l = vals[bi - 1]!;
      const r = vals[bi + 1]!;
      const den = l - 2 * bv + r;
      if (den < 0) off += (0.5 * 0.5 * (l - r)) / den;
    }
    pts.push([bx + off * n[0], by + off * n[1]]);
  }
  const support = supported / ts.length;
  const fallback: Line = { p: [m[0] + best.d * n[0], m[1] + best.d * n[1]], u, support };
  if (pts.length < 6) return fallback;
  let line = fitLine(pts);
  // One pass of outlier rejection: points more than 1.5 px off the first fit (texture, glare) are dropped.
  const kept = pts.filter((p) => Math.abs((p[0] - line.p[0]) * line.u[1] - (p[1] - line.p[1]) * line.u[0]) <= 1.5);
  if (kept.length >= 6) line = fitLine(kept);
  if (line.u[0] * u[0] + line.u[1] * u[1] < 0) line = { p: line.p, u: [-line.u[0], -line.u[1]] };
  return { p: line.p, u: line.u, support: Math.min(support, kept.length / ts.length) };
}

/** Total least squares line through points. */
function fitLine(pts: readonly Point[]): { p: Point; u: Point } {
  let mx = 0;
  let my = 0;
  for (const p of pts) {
    mx += p[0];
    my += p[1];
  }
  mx /= pts.length;
  my /= pts.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of pts) {
    const dx = p[0] - mx;
    const dy = p[1] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const th = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { p: [mx, my], u: [Math.cos(th), Math.sin(th)] };
}

/** Refine a clockwise quad against the gradient field. */
export function refineQuad(field: GradientField, quad: Quad, opts: RefineOptions): Refined {
  const lines = [0, 1, 2, 3].map((i) => fitSide(field, quad[i]!, quad[(i + 1) % 4]!, opts));
  const corners: Point[] = [];
  for (let i = 0; i < 4; i++) {
    const prev = lines[(i + 3) % 4]!;
    const cur = lines[i]!;
    const c = intersectLines(prev.p, [prev.p[0] + prev.u[0], prev.p[1] + prev.u[1]], cur.p, [cur.p[0] + cur.u[0], cur.p[1] + cur.u[1]]);
    // A corner that moved further than the search allows means a side locked onto something else.
    corners.push(c && dist(c, quad[i]!) <= 3 * opts.rangePx + 4 ? c : quad[i]!);
  }
  const sideSupport = lines.map((l) => l.support) as unknown as [number, number, number, number];
  return { quad: corners as unknown as Quad, edgeSupport: (sideSupport[0] + sideSupport[1] + sideSupport[2] + sideSupport[3]) / 4, sideSupport };
}
