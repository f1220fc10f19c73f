/**
 * The projective map from a rectified document back to the photo it was cut from: the 3x3 homography
 * taking the rectified image's corners to the document's quad (four point pairs, exact solution of the
 * 8x8 linear system with h33 = 1, Hartley & Zisserman, "Multiple View Geometry", 2nd ed., section 4.1).
 */
export type Point = readonly [number, number];
export type Homography = readonly number[];

/** Solve A x = b by Gaussian elimination with partial pivoting (A is n x n, row-major). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    if (Math.abs(a[pivot]![col]!) < 1e-12) throw new RangeError('degenerate quad: three corners are collinear');
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let row = col + 1; row < n; row++) {
      const f = a[row]![col]! / a[col]![col]!;
      for (let k = col; k < n; k++) a[row]![k]! -= f * a[col]![k]!;
      b[row]! -= f * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = b[row]!;
    for (let k = row + 1; k < n; k++) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / a[row]![row]!;
  }
  return x;
}

/** The homography H with H·from[i] ~ to[i] for four point pairs. */
export function homographyFrom(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length !== 4 || to.length !== 4) throw new RangeError('a homography needs exactly four point pairs');
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  return [...solve(a, b), 1];
}

export function applyHomography(h: Homography, [x, y]: Point): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** Homography from a rectified `width` x `height` document to its quad (TL, TR, BR, BL) in the photo. */
export function documentToItem(quad: readonly Point[], width: number, height: number): Homography {
  return homographyFrom([[0, 0], [width, 0], [width, height], [0, height]], quad);
}
