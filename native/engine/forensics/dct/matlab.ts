/**
 * Small numeric helpers that behave exactly like the MATLAB functions the reference implementations
 * (Zampoglou et al.'s image-forensics toolbox, ported by pyIFD) call, so that our maps agree with their
 * reference maps: `round` (half away from zero), `fspecial('gaussian', [1 n], sigma)`, `conv(x, g, 'same')`
 * and Carlos Aguilar's `extrema.m` (MATLAB File Exchange #12275), which the toolbox ships.
 */

/** MATLAB `round`: halves go away from zero (JavaScript's Math.round sends -2.5 to -2). */
export function matlabRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * MATLAB `fspecial('gaussian', [1 n], sigma)`: a sampled Gaussian centred on the middle tap, entries
 * below eps * max set to 0, normalised to sum 1.
 */
export function gaussianKernel(n: number, sigma: number): Float64Array {
  const out = new Float64Array(n);
  const centre = (n - 1) / 2;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const x = i - centre;
    out[i] = Math.exp(-(x * x) / (2 * sigma * sigma));
    if (out[i]! > max) max = out[i]!;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (out[i]! < Number.EPSILON * max) out[i] = 0;
    sum += out[i]!;
  }
  if (sum !== 0) for (let i = 0; i < n; i++) out[i] = out[i]! / sum;
  return out;
}

/** MATLAB `conv(x, kernel, 'same')`: the central x.length samples of the full convolution (zero padding). */
export function convSame(x: ArrayLike<number>, kernel: ArrayLike<number>): Float64Array {
  const n = x.length;
  const m = kernel.length;
  const offset = Math.floor(m / 2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // full[k] = sum_j x[j] * kernel[k - j]; out[i] = full[i + offset].
    const k = i + offset;
    const jFrom = Math.max(0, k - m + 1);
    const jTo = Math.min(n - 1, k);
    let acc = 0;
    for (let j = jFrom; j <= jTo; j++) acc += x[j]! * kernel[k - j]!;
    out[i] = acc;
  }
  return out;
}

/**
 * Indices (0-based) of the local minima of `x` as Aguilar's `extrema.m` finds them: the middle sample
 * of a flat run stands for the run, and the end points count as minima where the sequence of extrema
 * calls for it (a series that starts with a maximum gets its first sample as a minimum, and so on).
 * Returned in ascending index order (extrema.m sorts by value; only the set matters here).
 * `x` must be finite (extrema.m drops NaNs first; our callers never produce them).
 */
export function extremaMinima(x: ArrayLike<number>): number[] {
  const nt = x.length;
  if (nt < 2) return [];
  // a: 1-based indices where x changes (dx ~= 0), the middle of each flat stretch.
  const a: number[] = [];
  for (let i = 0; i < nt - 1; i++) if (x[i + 1]! - x[i]! !== 0) a.push(i + 1);
  if (a.length === 0) return [];
  const lm: number[] = [];
  for (let i = 0; i < a.length - 1; i++) if (a[i + 1]! - a[i]! !== 1) lm.push(i + 1);
  // lm indexes a (0-based positions of "after a gap"); MATLAB updates a(lm) from the original a(lm-1).
  const before = a.slice();
  for (const j of lm) a[j] = before[j]! - Math.floor((before[j]! - before[j - 1]!) / 2);
  a.push(nt);
  const imax: number[] = [];
  const imin: number[] = [];
  let previousRise = x[a[1]! - 1]! - x[a[0]! - 1]! > 0;
  for (let i = 1; i < a.length - 1; i++) {
    const rise = x[a[i + 1]! - 1]! - x[a[i]! - 1]! > 0;
    if (previousRise && !rise) imax.push(a[i]!);
    else if (!previousRise && rise) imin.push(a[i]!);
    previousRise = rise;
  }
  if (imax.length === 0 && imin.length === 0) {
    if (x[0]! > x[nt - 1]!) return [nt - 1];
    if (x[0]! < x[nt - 1]!) return [0];
    return [];
  }
  let minima: number[];
  if (imax.length === 0) minima = imin;
  else if (imin.length === 0) minima = [1, nt];
  else {
    minima = imin.slice();
    if (imax[0]! < imin[0]!) minima.unshift(1);
    if (imax[imax.length - 1]! > imin[imin.length - 1]!) minima.push(nt);
  }
  return minima.map((i) => i - 1).sort((p, q) => p - q);
}
