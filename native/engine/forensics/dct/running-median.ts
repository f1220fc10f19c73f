/**
 * Running medians over a 1-D window (MATLAB `medfilt2(x, [n 1], 'symmetric')` and `[1 n]`), for the
 * block-artifact-grid kernel, where they run over every pixel of a 12 MP image in both directions.
 *
 * Histogram median tracking (Huang, Yang & Tang, "A fast two-dimensional median filtering algorithm",
 * IEEE TASSP 27(1), 1979, in 1-D form): values are binned at `binsPerUnit` bins per unit and the median bin
 * is tracked as the window slides, O(1) amortised per sample. The median is therefore exact to half a bin
 * (1 / (2 binsPerUnit)); the caller chooses the resolution. Values outside [0, maxValue] are clamped to the
 * end bins.
 */

/** MATLAB/numpy 'symmetric' padding index: ... 1 0 | 0 1 2 ... n-1 | n-1 n-2 ... (repeats for long pads). */
export function mirrorIndex(i: number, n: number): number {
  const period = 2 * n;
  const j = ((i % period) + period) % period;
  return j < n ? j : period - 1 - j;
}

/** Columns processed per band: 16 Float32 values are one 64-byte cache line per row read. */
const BAND = 16;

/**
 * Running median of `bins[0 .. n)` over a window of 2 radius + 1 (symmetric padding), written to
 * `medians`; `hist` must be all zero on entry and is left all zero.
 */
function slide(bins: Uint16Array, n: number, radius: number, hist: Uint8Array, medians: Uint16Array, enter: Int32Array, leave: Int32Array): void {
  const k = radius;
  for (let d = -radius; d <= radius; d++) hist[bins[mirrorIndex(d, n)]!]! += 1;
  let m = 0;
  let count = 0;
  while (count + hist[m]! <= k) count += hist[m++]!;
  medians[0] = m;
  for (let i = 1; i < n; i++) {
    const o = bins[leave[i]!]!;
    const v = bins[enter[i]!]!;
    hist[o]! -= 1;
    if (o < m) count--;
    hist[v]! += 1;
    if (v < m) count++;
    while (count > k) count -= hist[--m]!;
    while (count + hist[m]! <= k) count += hist[m++]!;
    medians[i] = m;
  }
  for (let d = -radius; d <= radius; d++) hist[bins[mirrorIndex(n - 1 + d, n)]!]! -= 1;
}

/** Index tables of the samples entering and leaving the window at each step (symmetric padding). */
function windowSteps(n: number, radius: number): { enter: Int32Array; leave: Int32Array } {
  const enter = new Int32Array(n);
  const leave = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    enter[i] = mirrorIndex(i + radius, n);
    leave[i] = mirrorIndex(i - 1 - radius, n);
  }
  return { enter, leave };
}

/**
 * out[y][x] = src[y][x] - median of src[y - radius .. y + radius][x] (symmetric padding), for values in
 * [0, maxValue]. Bands of 16 columns are binned into a column-major buffer first, so each column's
 * median walks contiguous memory with one small histogram. `out` may not alias `src`.
 */
export function subtractColumnMedian(src: Float32Array, width: number, height: number, radius: number, binsPerUnit: number, maxValue: number, out: Float32Array): void {
  const bins = Math.ceil(maxValue * binsPerUnit) + 2;
  const top = bins - 1;
  const hist = new Uint8Array(bins);
  const bandBins = new Uint16Array(BAND * height);
  const bandMedians = new Uint16Array(BAND * height);
  const { enter, leave } = windowSteps(height, radius);
  for (let x0 = 0; x0 < width; x0 += BAND) {
    const band = Math.min(BAND, width - x0);
    for (let y = 0; y < height; y++) {
      const row = y * width + x0;
      for (let c = 0; c < band; c++) {
        const b = (src[row + c]! * binsPerUnit + 0.5) | 0;
        bandBins[c * height + y] = b < 0 ? 0 : b > top ? top : b;
      }
    }
    for (let c = 0; c < band; c++) {
      slide(bandBins.subarray(c * height, (c + 1) * height), height, radius, hist, bandMedians.subarray(c * height, (c + 1) * height), enter, leave);
    }
    const scale = 1 / binsPerUnit;
    for (let y = 0; y < height; y++) {
      const row = y * width + x0;
      for (let c = 0; c < band; c++) out[row + c] = src[row + c]! - bandMedians[c * height + y]! * scale;
    }
  }
}

/** out[y][x] = src[y][x] - median of src[y][x - radius .. x + radius] (symmetric padding); see subtractColumnMedian. */
export function subtractRowMedian(src: Float32Array, width: number, height: number, radius: number, binsPerUnit: number, maxValue: number, out: Float32Array): void {
  const bins = Math.ceil(maxValue * binsPerUnit) + 2;
  const top = bins - 1;
  const hist = new Uint8Array(bins);
  const rowBins = new Uint16Array(width);
  const medians = new Uint16Array(width);
  const { enter, leave } = windowSteps(width, radius);
  const scale = 1 / binsPerUnit;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const b = (src[row + x]! * binsPerUnit + 0.5) | 0;
      rowBins[x] = b < 0 ? 0 : b > top ? top : b;
    }
    slide(rowBins, width, radius, hist, medians, enter, leave);
    for (let x = 0; x < width; x++) out[row + x] = src[row + x]! - medians[x]! * scale;
  }
}
