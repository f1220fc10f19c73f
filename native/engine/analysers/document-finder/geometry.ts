/** Pure quad and polygon geometry used by the finder (no OpenCV): ordering, ratios, overlaps. */
import type { Point, Quad } from '../../imaging/raster';

export function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Shoelace area, positive when the polygon runs clockwise on screen (y down). */
export function signedArea(poly: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

export function centroid(poly: readonly Point[]): Point {
  let x = 0;
  let y = 0;
  for (const p of poly) {
    x += p[0];
    y += p[1];
  }
  return [x / poly.length, y / poly.length];
}

/** Side lengths of a quad, side i running from corner i to corner i+1. */
export function sides(q: Quad): [number, number, number, number] {
  return [dist(q[0], q[1]), dist(q[1], q[2]), dist(q[2], q[3]), dist(q[3], q[0])];
}

/**
 * Width-to-height ratio of the rectangle a quad shows, as the ratio of averaged opposite sides. With at
 * most ~15 degrees of tilt foreshortening changes it by at most 1 - cos 15 deg = 3.4 %, inside the 8 %
 * tolerance the size classes allow.
 */
export function sideRatio(q: Quad): number {
  const [a, b, c, d] = sides(q);
  return (a + c) / Math.max(1e-9, b + d);
}

/** Largest deviation of an interior corner angle from 90 degrees. */
export function maxCornerDeviationDeg(q: Quad): number {
  let worst = 0;
  for (let i = 0; i < 4; i++) {
    const p = q[(i + 3) % 4]!;
    const c = q[i]!;
    const n = q[(i + 1) % 4]!;
    const ux = p[0] - c[0];
    const uy = p[1] - c[1];
    const vx = n[0] - c[0];
    const vy = n[1] - c[1];
    const cos = (ux * vx + uy * vy) / Math.max(1e-9, Math.hypot(ux, uy) * Math.hypot(vx, vy));
    worst = Math.max(worst, Math.abs((Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI - 90));
  }
  return worst;
}

/** True when every turn of the quad goes the same way (strictly convex). */
export function isConvex(q: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const c = q[(i + 2) % 4]!;
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cross === 0) return false;
    const s = Math.sign(cross);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

function rotateQuad(q: readonly Point[], k: number): Quad {
  return [q[k % 4]!, q[(k + 1) % 4]!, q[(k + 2) % 4]!, q[(k + 3) % 4]!];
}

/**
 * Put a convex quad in landscape reading order: clockwise on screen, TL→TR a long side. With
 * `bottomHint` (the MRZ centre) the long side nearest to it becomes the bottom; otherwise the top side is
 * the long side whose direction is closest to the image's +x axis (the orientation nearest to upright).
 */
export function orderLandscape(input: readonly Point[], bottomHint?: Point): Quad {
  const q = signedArea(input) < 0 ? [...input].reverse() : [...input];
  const [a, b, c, d] = sides(rotateQuad(q, 0));
  const firstLong = a + c >= b + d ? 0 : 1;
  const options = [rotateQuad(q, firstLong), rotateQuad(q, firstLong + 2)];
  if (bottomHint) {
    const bottomDist = (r: Quad) => distToSegment(bottomHint, r[2], r[3]);
    return bottomDist(options[0]!) <= bottomDist(options[1]!) ? options[0]! : options[1]!;
  }
  const dirX = (r: Quad) => (r[1][0] - r[0][0]) / Math.max(1e-9, dist(r[0], r[1]));
  return dirX(options[0]!) >= dirX(options[1]!) ? options[0]! : options[1]!;
}

export function distToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / Math.max(1e-9, dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Intersection of the line through a1,a2 with the line through b1,b2, or null when parallel. */
export function intersectLines(a1: Point, a2: Point, b1: Point, b2: Point): Point | null {
  const d = (a1[0] - a2[0]) * (b1[1] - b2[1]) - (a1[1] - a2[1]) * (b1[0] - b2[0]);
  if (Math.abs(d) < 1e-9) return null;
  const ta = a1[0] * a2[1] - a1[1] * a2[0];
  const tb = b1[0] * b2[1] - b1[1] * b2[0];
  return [(ta * (b1[0] - b2[0]) - (a1[0] - a2[0]) * tb) / d, (ta * (b1[1] - b2[1]) - (a1[1] - a2[1]) * tb) / d];
}

/** Sutherland-Hodgman clip of a polygon by a convex clockwise polygon. */
function clipConvex(subject: readonly Point[], clip: readonly Point[]): Point[] {
  let out: Point[] = [...subject];
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % clip.length]!;
    const inside = (p: Point) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0;
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const cur = input[j]!;
      const prev = input[(j + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(intersectLines(prev, cur, a, b) ?? cur);
        out.push(cur);
      } else if (inside(prev)) out.push(intersectLines(prev, cur, a, b) ?? prev);
    }
  }
  return out;
}

function clockwise(q: readonly Point[]): Point[] {
  return signedArea(q) < 0 ? [...q].reverse() : [...q];
}

/** Area of the intersection of two convex polygons. */
export function intersectionArea(a: readonly Point[], b: readonly Point[]): number {
  const poly = clipConvex(clockwise(a), clockwise(b));
  return poly.length < 3 ? 0 : Math.abs(signedArea(poly));
}

/** Intersection over the smaller of the two areas: 1 when one contains the other. */
export function overlapOfSmaller(a: readonly Point[], b: readonly Point[]): number {
  const m = Math.min(Math.abs(signedArea(a)), Math.abs(signedArea(b)));
  return m <= 0 ? 0 : intersectionArea(a, b) / m;
}

/** Intersection over union. */
export function iou(a: readonly Point[], b: readonly Point[]): number {
  const i = intersectionArea(a, b);
  const u = Math.abs(signedArea(a)) + Math.abs(signedArea(b)) - i;
  return u <= 0 ? 0 : i / u;
}

/** Mean distance between corresponding corners. */
export function meanCornerError(a: Quad, b: Quad): number {
  return (dist(a[0], b[0]) + dist(a[1], b[1]) + dist(a[2], b[2]) + dist(a[3], b[3])) / 4;
}

export function scaleQuad(q: Quad, s: number): Quad {
  return q.map((p) => [p[0] * s, p[1] * s] as Point) as unknown as Quad;
}

/** Rows first (documents whose vertical extents overlap by half share a row), then left to right. */
export function readingOrder<T>(items: readonly T[], quadOf: (t: T) => Quad): T[] {
  const boxes = items.map((t) => {
    const q = quadOf(t);
    const ys = q.map((p) => p[1]);
    return { t, c: centroid(q), top: Math.min(...ys), bottom: Math.max(...ys) };
  });
  boxes.sort((a, b) => a.c[1] - b.c[1]);
  const rows: (typeof boxes)[] = [];
  for (const b of boxes) {
    const row = rows[rows.length - 1];
    const ref = row?.[0];
    const overlap = ref ? Math.min(ref.bottom, b.bottom) - Math.max(ref.top, b.top) : -1;
    if (row && ref && overlap > 0.5 * Math.min(ref.bottom - ref.top, b.bottom - b.top)) row.push(b);
    else rows.push([b]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.c[0] - b.c[0]).map((b) => b.t));
}
