import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../tests/fixtures/prng';
import { dftMagnitude } from './fft';
import { fitIjgQuality, ijgLuminanceStep, ZIGZAG } from './jpeg-tables';
import { convSame, extremaMinima, gaussianKernel, matlabRound } from './matlab';
import { MedianHistogram, mirrorIndex, mirrorPads, subtractColumnMedian, subtractPaddedMedian, subtractRowMedian } from './running-median';

function naiveDft(x: number[]): number[] {
  const n = x.length;
  return x.map((_, k) => {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      re += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
      im -= x[t]! * Math.sin((2 * Math.PI * k * t) / n);
    }
    return Math.hypot(re, im);
  });
}

describe('MATLAB-compatible helpers', () => {
  it('rounds halves away from zero', () => {
    expect([matlabRound(2.5), matlabRound(-2.5), matlabRound(-2.4), matlabRound(0.5)]).toEqual([3, -3, -2, 1]);
  });

  it("fspecial('gaussian') is normalised and symmetric, conv 'same' keeps the length and centre", () => {
    const g = gaussianKernel(51, 3);
    expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(g[0]).toBeCloseTo(g[50]!, 15);
    expect(g[25]).toBeGreaterThan(g[24]!);
    // Convolving a unit impulse returns the kernel's central part around the impulse.
    const impulse = new Float64Array(11);
    impulse[5] = 1;
    const out = convSame(impulse, [1, 2, 3]);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0]);
  });

  it("finds minima like Aguilar's extrema.m, including flat runs and end points", () => {
    // Interior strict minima.
    expect(extremaMinima([3, 1, 3, 0, 4])).toEqual([1, 3]);
    // A flat-bottomed minimum is represented by its middle sample (a = [1 3 5 6], lm = 2, a(2) = 3 - 1).
    expect(extremaMinima([5, 2, 2, 2, 5, 6])).toEqual([2]);
    // A series starting with a maximum gets its first sample as a minimum, and one ending after a maximum its last.
    expect(extremaMinima([0, 1, 0, -1, 0, 2, 1])).toEqual([0, 3, 6]);
    // Monotone: no interior extremum, the lower end is the minimum.
    expect(extremaMinima([1, 2, 3])).toEqual([0]);
    expect(extremaMinima([3, 2, 1])).toEqual([2]);
    expect(extremaMinima([2, 2, 2])).toEqual([]);
  });
});

describe('dftMagnitude', () => {
  for (const n of [1, 2, 7, 64, 158, 513]) {
    it(`equals a naive DFT for length ${n}`, () => {
      const random = mulberry32(n);
      const x = Array.from({ length: n }, () => Math.floor(random() * 100));
      const fast = dftMagnitude(x);
      const slow = naiveDft(x);
      for (let k = 0; k < n; k++) expect(fast[k]).toBeCloseTo(slow[k]!, 6);
    });
  }
});

describe('running medians', () => {
  function bruteColumn(src: Float32Array, w: number, h: number, r: number, x: number, y: number): number {
    const values: number[] = [];
    for (let d = -r; d <= r; d++) values.push(src[mirrorIndex(y + d, h) * w + x]!);
    values.sort((a, b) => a - b);
    return values[r]!;
  }

  it('mirrors like MATLAB symmetric padding', () => {
    expect([-3, -2, -1, 0, 4, 5, 6, 7].map((i) => mirrorIndex(i, 5))).toEqual([2, 1, 0, 0, 4, 4, 3, 2]);
    // Long pads repeat the mirrored image: ... c b a | a b c | c b a | a b c.
    expect([-4, -6, -7].map((i) => mirrorIndex(i, 3))).toEqual([2, 0, 0]);
  });

  it('subtracts the windowed median along columns and rows, exact to half a bin', () => {
    const w = 37;
    const h = 29;
    const random = mulberry32(9);
    // Values on the quarter grid are exact with 4 bins per unit.
    const src = Float32Array.from({ length: w * h }, () => Math.round(random() * 400) / 4);
    const columns = new Float32Array(w * h);
    const rows = new Float32Array(w * h);
    subtractColumnMedian(src, w, h, 16, 4, 100, columns);
    subtractRowMedian(src, w, h, 16, 4, 100, rows);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        expect(columns[i]).toBeCloseTo(src[i]! - bruteColumn(src, w, h, 16, x, y), 5);
        const values: number[] = [];
        for (let d = -16; d <= 16; d++) values.push(src[y * w + mirrorIndex(x + d, w)]!);
        values.sort((a, b) => a - b);
        expect(rows[i]).toBeCloseTo(src[i]! - values[16]!, 5);
      }
    }
  });
});

describe('histogram running median with occupancy bits', () => {
  // Sparse values (gaps of hundreds of bins, so the bit scans cross words), heavy ties, and lines shorter than the window.
  for (const [name, n, draw] of [
    ['sparse', 500, (r: () => number) => Math.floor(r() * 40) * 97],
    ['ties', 300, (r: () => number) => 1000 + Math.floor(r() * 3)],
    ['mixed', 257, (r: () => number) => (r() < 0.5 ? Math.floor(r() * 4000) : 31 * Math.floor(r() * 8))],
    ['short', 5, (r: () => number) => Math.floor(r() * 64)],
  ] as const) {
    it(`equals a sorted window (${name}, n = ${n})`, () => {
      const random = mulberry32(n);
      const radius = 16;
      const pad = radius + 1;
      const bins = new Uint16Array(n + 2 * pad);
      for (let i = 0; i < n; i++) bins[pad + i] = draw(random);
      mirrorPads(bins, pad, n, pad);
      const values = new Int32Array(n + 2 * pad);
      const histogram = new MedianHistogram(4100);
      subtractPaddedMedian(bins, values, pad, n, radius, 3, histogram);
      for (let i = 0; i < n; i++) {
        const window: number[] = [];
        for (let d = -radius; d <= radius; d++) window.push(bins[pad + mirrorIndex(i + d, n)]!);
        window.sort((a, b) => a - b);
        expect(values[pad + i], `sample ${i}`).toBe(-3 * window[radius]!);
      }
      // The scratch state is left clean for the next line.
      expect(histogram.counts.every((c) => c === 0) && histogram.occupied.every((w) => w === 0)).toBe(true);
    });
  }
});

describe('IJG tables', () => {
  it('reproduces libjpeg quality scaling (quality 50 is Table K.1, 90 and 60 as libjpeg writes them)', () => {
    expect(ZIGZAG.slice(0, 4)).toEqual([0, 1, 8, 16]);
    expect(ijgLuminanceStep(50, 0)).toBe(16);
    expect([0, 1, 2, 3].map((i) => ijgLuminanceStep(60, i))).toEqual([13, 9, 8, 13]);
    expect([0, 1, 2, 3].map((i) => ijgLuminanceStep(90, i))).toEqual([3, 2, 2, 3]);
    expect(ijgLuminanceStep(1, 63)).toBe(255);
  });

  it('fits the quality whose table produced the steps', () => {
    const indices = [0, 1, 8, 9, 16, 2, 3, 10, 17, 24];
    const fit = fitIjgQuality(indices, indices.map((i) => ijgLuminanceStep(72, i)));
    expect(fit?.quality).toBe(72);
    expect(fit?.meanRelativeError).toBe(0);
    expect(fitIjgQuality([], [])).toBeNull();
  });
});
