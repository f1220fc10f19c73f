/**
 * Monotone tone curve between two luma rasters of one picture (isotonic regression, Barlow et al.,
 * "Statistical inference under order restrictions", 1972: pool adjacent violators).
 */

/** Tone-curve knots: 32 groups of equal pixel count resolve a gamma or S-curve, even in a dark picture whose levels span 20 values. */
const CURVE_GROUPS = 32;
/** Fine histogram the groups are cut from: quarter-level bins. */
const FINE_BINS = 1024;

/**
 * A monotone non-decreasing tone curve thumb = f(main): the pixels are cut into groups of equal count
 * by main level; each group gives a knot (mean main level, mean thumbnail level); the knot values are
 * made monotone by isotonic regression (pool adjacent violators, weighted by pixel count) and joined
 * linearly, extended with the end slopes. It absorbs any global tone change (gamma, brightness with
 * clipping, the camera's own thumbnail rendering) but not a change of content: unrelated pictures do
 * not follow one monotone curve. With fewer than two knots the least-squares line is used.
 * @param t thumbnail levels, m main-image levels (same length); gain/offset the least-squares line
 * @returns the fitted curve as a function of a main-image level
 */
export function toneCurve(t: Float64Array, m: Float64Array, gain: number, offset: number): (v: number) => number {
  const count = new Float64Array(FINE_BINS);
  const sumM = new Float64Array(FINE_BINS);
  const sumT = new Float64Array(FINE_BINS);
  for (let i = 0; i < m.length; i++) {
    const b = Math.min(FINE_BINS - 1, Math.max(0, Math.floor(((m[i] as number) * FINE_BINS) / 256)));
    count[b] = (count[b] as number) + 1;
    sumM[b] = (sumM[b] as number) + (m[i] as number);
    sumT[b] = (sumT[b] as number) + (t[i] as number);
  }
  const target = m.length / CURVE_GROUPS;
  // Knots as [x, y, weight]; consecutive fine bins are pooled until a group holds `target` pixels.
  const knots: [number, number, number][] = [];
  let c = 0, sm = 0, st = 0;
  for (let b = 0; b < FINE_BINS; b++) {
    c += count[b] as number;
    sm += sumM[b] as number;
    st += sumT[b] as number;
    if (c >= target || (b === FINE_BINS - 1 && c > 0)) {
      knots.push([sm / c, st / c, c]);
      c = 0;
      sm = 0;
      st = 0;
    }
  }
  // Pool adjacent violators: merge neighbours while a knot's value is below its predecessor's.
  const pooled: [number, number, number][] = [];
  for (const k of knots) {
    pooled.push([...k]);
    while (pooled.length > 1 && (pooled[pooled.length - 2] as [number, number, number])[1] > (pooled[pooled.length - 1] as [number, number, number])[1]) {
      const [x2, y2, w2] = pooled.pop() as [number, number, number];
      const last = pooled[pooled.length - 1] as [number, number, number];
      const w = last[2] + w2;
      last[0] = (last[0] * last[2] + x2 * w2) / w;
      last[1] = (last[1] * last[2] + y2 * w2) / w;
      last[2] = w;
    }
  }
  if (pooled.length < 2) return (v: number): number => gain * v + offset;
  const xs = pooled.map((k) => k[0]);
  const ys = pooled.map((k) => k[1]);
  const last = xs.length - 1;
  return (v: number): number => {
    // Binary search for the segment holding v (end segments extended beyond the first and last knot).
    let lo = 0, hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((xs[mid] as number) <= v) lo = mid;
      else hi = mid;
    }
    const x0 = xs[lo] as number, x1 = xs[hi] as number;
    const y0 = ys[lo] as number, y1 = ys[hi] as number;
    return x1 > x0 ? y0 + ((y1 - y0) * (v - x0)) / (x1 - x0) : y0;
  };
}
