/**
 * Running medians over a 1-D window (MATLAB `medfilt2(x, [n 1], 'symmetric')` and `[1 n]`), for the
 * block-artifact-grid kernel, where they run over every pixel of a 12 MP image in both directions.
 *
 * Histogram median tracking (Huang, Yang & Tang, "A fast two-dimensional median filtering algorithm",
 * IEEE TASSP 27(1), 1979, in 1-D form): values are binned and the median bin is tracked by a pointer
 * that moves as the window slides, O(1) amortised per sample (on 12 MP photographs the pointer moves
 * ~4 bins per sample at 4 bins per grey level). The median is therefore exact to half a bin; the caller
 * chooses the resolution.
 */

/** MATLAB/numpy 'symmetric' padding index: ... 1 0 | 0 1 2 ... n-1 | n-1 n-2 ... (repeats for long pads). */
export function mirrorIndex(i: number, n: number): number {
  const period = 2 * n;
  const j = ((i % period) + period) % period;
  return j < n ? j : period - 1 - j;
}

/** Writable numeric array (the typed arrays the kernels pad). */
type NumericArray = { [index: number]: number };

/** Fills `pad` samples before `base` and after `base + n - 1` with the 'symmetric' mirror of `data[base .. base + n)`. */
export function mirrorPads(data: NumericArray, base: number, n: number, pad: number): void {
  for (let k = 1; k <= pad; k++) {
    data[base - k] = data[base + mirrorIndex(-k, n)]!;
    data[base + n - 1 + k] = data[base + mirrorIndex(n - 1 + k, n)]!;
  }
}

/**
 * Scratch state of subtractPaddedMedian for bins 0 .. bins - 1: one counter per bin and an occupancy
 * bit per bin (32 per word), all zero between calls.
 */
export class MedianHistogram {
  readonly counts: Int32Array;
  readonly occupied: Int32Array;

  constructor(bins: number) {
    this.counts = new Int32Array(bins);
    // One spare word on each side keeps the bit scans inside the array.
    this.occupied = new Int32Array((bins >> 5) + 2);
  }
}

/**
 * In place, for p in [from, from + n): values[p] -= step * (median of bins[p - radius .. p + radius]).
 * `bins` (integer bin numbers below the histogram's size) must carry radius + 1 padding samples before
 * `from` and radius after `from + n - 1` (e.g. mirrorPads); `values` only at [from, from + n) is touched.
 *
 * The median bin m is tracked with count = number of window samples in bins below m, so that
 * count <= radius < count + counts[m]. One sample leaving and one entering change the median's rank by at
 * most one, so m moves at most once per step, to the next occupied bin below or above; the occupancy bits
 * find it with a count-leading-zeros instead of a walk over empty bins (~4 bins per step on photographs).
 */
export function subtractPaddedMedian(bins: Uint16Array, values: Int32Array, from: number, n: number, radius: number, step: number, histogram: MedianHistogram): void {
  const hist = histogram.counts;
  const bits = histogram.occupied;
  const k = radius;
  for (let p = from - radius; p <= from + radius; p++) {
    const b = bins[p]!;
    hist[b] = hist[b]! + 1;
    const w = (b >> 5) + 1;
    bits[w] = bits[w]! | (1 << (b & 31));
  }
  let m = 0;
  let count = 0;
  while (count + hist[m]! <= k) count += hist[m++]!;
  values[from] = values[from]! - m * step;
  const end = from + n;
  for (let p = from + 1; p < end; p++) {
    const o = bins[p - radius - 1]!;
    const v = bins[p + radius]!;
    hist[o] = hist[o]! - 1;
    hist[v] = hist[v]! + 1;
    // Clear o's bit if its bin emptied (mask from the sign of count - 1), then set v's (o may equal v).
    const wo = (o >> 5) + 1;
    bits[wo] = bits[wo]! & ~((((hist[o]! - 1) >> 31) & 1) << (o & 31));
    const wv = (v >> 5) + 1;
    bits[wv] = bits[wv]! | (1 << (v & 31));
    // (x - m) >> 31 is -1 when x < m: samples leaving/entering below the median bin.
    count = count + ((o - m) >> 31) - ((v - m) >> 31);
    if (count > k) {
      // Highest occupied bin below m.
      let w = (m >> 5) + 1;
      let word = bits[w]! & ((1 << (m & 31)) - 1);
      while (word === 0) word = bits[--w]!;
      m = ((w - 1) << 5) + 31 - Math.clz32(word);
      count -= hist[m]!;
    } else if (count + hist[m]! <= k) {
      // Lowest occupied bin above m.
      count += hist[m]!;
      let w = (m >> 5) + 1;
      let word = bits[w]! & (-2 << (m & 31));
      while (word === 0) word = bits[++w]!;
      m = ((w - 1) << 5) + 31 - Math.clz32(word & -word);
    }
    values[p] = values[p]! - m * step;
  }
  for (let p = end - 1 - radius; p <= end - 1 + radius; p++) {
    const b = bins[p]!;
    hist[b] = 0;
    bits[(b >> 5) + 1] = 0;
  }
}

/** Shared driver of subtractColumnMedian / subtractRowMedian over one line of `n` samples read at `at(i)`. */
class LineMedian {
  readonly bins: Uint16Array;
  readonly values: Int32Array;
  readonly hist: MedianHistogram;
  private readonly top: number;

  constructor(
    n: number,
    private readonly radius: number,
    private readonly binsPerUnit: number,
    maxValue: number,
  ) {
    const bins = Math.ceil(maxValue * binsPerUnit) + 2;
    this.top = bins - 1;
    this.hist = new MedianHistogram(bins);
    this.bins = new Uint16Array(n + 2 * radius + 2);
    this.values = new Int32Array(n + 2 * radius + 2);
  }

  /** Bins `src[start + i * stride]` (clamped to [0, maxValue]), runs the median and writes src - median to `out`. */
  run(src: Float32Array, start: number, stride: number, n: number, out: Float32Array): void {
    const from = this.radius + 1;
    for (let i = 0; i < n; i++) {
      const b = (src[start + i * stride]! * this.binsPerUnit + 0.5) | 0;
      this.bins[from + i] = b < 0 ? 0 : b > this.top ? this.top : b;
      this.values[from + i] = 0;
    }
    mirrorPads(this.bins, from, n, this.radius + 1);
    subtractPaddedMedian(this.bins, this.values, from, n, this.radius, 1, this.hist);
    const scale = 1 / this.binsPerUnit;
    // values now hold -median (in bins).
    for (let i = 0; i < n; i++) out[start + i * stride] = src[start + i * stride]! + this.values[from + i]! * scale;
  }
}

/**
 * out[y][x] = src[y][x] - median of src[y - radius .. y + radius][x] (symmetric padding), for values in
 * [0, maxValue] binned at `binsPerUnit` (median exact to 1 / (2 binsPerUnit)). `out` may not alias `src`.
 */
export function subtractColumnMedian(src: Float32Array, width: number, height: number, radius: number, binsPerUnit: number, maxValue: number, out: Float32Array): void {
  const line = new LineMedian(height, radius, binsPerUnit, maxValue);
  for (let x = 0; x < width; x++) line.run(src, x, width, height, out);
}

/** out[y][x] = src[y][x] - median of src[y][x - radius .. x + radius] (symmetric padding); see subtractColumnMedian. */
export function subtractRowMedian(src: Float32Array, width: number, height: number, radius: number, binsPerUnit: number, maxValue: number, out: Float32Array): void {
  const line = new LineMedian(width, radius, binsPerUnit, maxValue);
  for (let y = 0; y < height; y++) line.run(src, y * width, 1, width, out);
}
