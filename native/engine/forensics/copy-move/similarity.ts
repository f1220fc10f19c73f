/**
 * 2-D similarity transforms (rotation, uniform scale, translation: OpenCV's "partial affine", the model of
 * `estimateAffinePartial2D`, which the opencv.js build does not export) and the 2x3 affine matrices they
 * are reported as. x' = a*x - b*y + tx, y' = b*x + a*y + ty, with a = s*cos(theta), b = s*sin(theta).
 */

export interface Similarity {
  readonly a: number;
  readonly b: number;
  readonly tx: number;
  readonly ty: number;
}

/** Row-major 2x3 affine matrix [[m00, m01, m02], [m10, m11, m12]]. */
export type Affine = readonly [number, number, number, number, number, number];

/** The similarity taking (x1, y1) to (u1, v1) and (x2, y2) to (u2, v2), or null when the two sources coincide. */
export function similarityFromTwo(x1: number, y1: number, u1: number, v1: number, x2: number, y2: number, u2: number, v2: number): Similarity | null {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const du = u2 - u1;
  const dv = v2 - v1;
  const n = dx * dx + dy * dy;
  if (n < 1e-9) return null;
  // (du + i dv) = (a + i b)(dx + i dy)
  const a = (du * dx + dv * dy) / n;
  const b = (dv * dx - du * dy) / n;
  return { a, b, tx: u1 - (a * x1 - b * y1), ty: v1 - (b * x1 + a * y1) };
}

/**
 * Least-squares similarity from point pairs (xs[i], ys[i]) -> (us[i], vs[i]) over the given indices
 * (closed form: centre both sets, then a and b from the cross-covariances). Null with fewer than two
 * distinct points.
 */
export function similarityLeastSquares(xs: ArrayLike<number>, ys: ArrayLike<number>, us: ArrayLike<number>, vs: ArrayLike<number>, indices: readonly number[]): Similarity | null {
  const n = indices.length;
  if (n < 2) return null;
  let mx = 0, my = 0, mu = 0, mv = 0;
  for (const i of indices) {
    mx += xs[i]!;
    my += ys[i]!;
    mu += us[i]!;
    mv += vs[i]!;
  }
  mx /= n;
  my /= n;
  mu /= n;
  mv /= n;
  let sxx = 0, sa = 0, sb = 0;
  for (const i of indices) {
    const x = xs[i]! - mx, y = ys[i]! - my, u = us[i]! - mu, v = vs[i]! - mv;
    sxx += x * x + y * y;
    sa += x * u + y * v;
    sb += x * v - y * u;
  }
  if (sxx < 1e-9) return null;
  const a = sa / sxx;
  const b = sb / sxx;
  return { a, b, tx: mu - (a * mx - b * my), ty: mv - (b * mx + a * my) };
}

/** Image of (x, y) under `t`. */
export function applySimilarity(t: Similarity, x: number, y: number): [number, number] {
  return [t.a * x - t.b * y + t.tx, t.b * x + t.a * y + t.ty];
}

/** The inverse transform (throws for a degenerate, zero-scale transform). */
export function invertSimilarity(t: Similarity): Similarity {
  const n = t.a * t.a + t.b * t.b;
  if (n < 1e-12) throw new RangeError('degenerate similarity (zero scale)');
  const a = t.a / n;
  const b = -t.b / n;
  return { a, b, tx: -(a * t.tx - b * t.ty), ty: -(b * t.tx + a * t.ty) };
}

/** Uniform scale factor of `t`. */
export function similarityScale(t: Similarity): number {
  return Math.hypot(t.a, t.b);
}

/** Rotation of `t` in degrees, in (-180, 180], counter-clockwise in image coordinates (y down: clockwise on screen). */
export function similarityRotationDegrees(t: Similarity): number {
  return (Math.atan2(t.b, t.a) * 180) / Math.PI;
}

/**
 * The working-image similarity `t` expressed in input pixel coordinates, where working = input * (sx, sy):
 * M_in = S^-1 * M_work * S with S = diag(sx, sy). With sx != sy (rounded working sizes) the result is a
 * general affine map, so it is returned as a matrix.
 */
export function similarityToInputAffine(t: Similarity, sx: number, sy: number): Affine {
  return [t.a, (-t.b * sy) / sx, t.tx / sx, (t.b * sx) / sy, t.a, t.ty / sy];
}
