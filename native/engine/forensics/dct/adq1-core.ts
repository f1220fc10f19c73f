/**
 * Core of ADQ1, a port of the toolbox's `detectDQ_JPEG.m` (Zampoglou et al.; pyIFD `ADQ1.detectDQ_JPEG`),
 * which implements Lin, He, Tang & Tang, "Fast, automatic and fine-grained tampered JPEG image detection
 * via DCT coefficient analysis", Pattern Recognition 42(11), 2009.
 *
 * For each of the 15 lowest-frequency luminance DCT positions: the histogram of the quantized values,
 * its period p from the strongest peak of |FFT(histogram)| beyond the DC lobe, and for every block the
 * Bayesian probability that its value does *not* follow that periodic (double-quantization) pattern,
 * P_t / (P_t + P_u) with P_u = h(value) / (sum of h over the value's period) and P_t = 1 / p. The
 * per-frequency probabilities are combined by a naive-Bayes product into the map. Steps follow the
 * MATLAB code line by line (same thresholds, same 1-based index arithmetic), which is what makes the
 * map equal to the reference maps.
 */
import { dftMagnitude } from './fft';
import { matlabRound } from './matlab';
import { gatherPositions } from './results';
import type { LumaCoefficients } from './results';

/** The toolbox analyses the first 15 zigzag positions (DC included): MaxCoeffs = 15. */
export const ADQ1_FREQUENCIES = 15;

/**
 * The toolbox's scan list (`coeff`), MATLAB linear indices into an 8x8 block; the toolbox reads
 * index `coe` at row ceil(coe / 8), column mod(coe, 8) (8 for 0), i.e. the transposed zigzag. The first
 * 15 cover exactly the positions with u + v <= 4, so the transposition changes nothing but the order.
 */
const TOOLBOX_SCAN = [1, 9, 2, 3, 10, 17, 25, 18, 11, 4, 5, 12, 19, 26, 33];

/** Natural (v * 8 + u) index of the toolbox's k-th analysed position. */
export function adq1NaturalIndex(k: number): number {
  const coe = TOOLBOX_SCAN[k]!;
  const row = Math.ceil(coe / 8) - 1;
  const column = (coe % 8 || 8) - 1;
  return row * 8 + column;
}

export interface Adq1Frequency {
  /** Natural index (v * 8 + u) of the DCT position. */
  readonly index: number;
  /** Period of the value histogram; 1 = no significant period found (the toolbox's p_final). */
  readonly period: number;
  /** Histogram: counts of the values min-1 .. max+1 (the toolbox's coeffHist), bin i = value `offset + i`. */
  readonly histogram: Float64Array;
  readonly offset: number;
  /** Frequency bin of the FFT peak the period came from (0 when none). */
  readonly fftPeak: number;
}

export interface Adq1Output {
  readonly width: number;
  readonly height: number;
  /** Per block, probability that it does not follow the periodic double-quantization pattern (OutputMap). */
  readonly map: Float64Array;
  readonly frequencies: readonly Adq1Frequency[];
}

function histogramOf(values: Int16Array): { histogram: Float64Array; offset: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // hist(coeffList, min-1 : max+1): one bin per integer, with an empty bin at each end.
  const offset = min - 1;
  const histogram = new Float64Array(max - min + 3);
  for (let i = 0; i < values.length; i++) histogram[values[i]! - offset]! += 1;
  return { histogram, offset };
}

/** Period of a histogram from its FFT (the toolbox's p_h_fft), and the FFT bin it came from. */
function fftPeriod(histogram: Float64Array): { period: number; fftPeak: number } {
  const length = histogram.length;
  const fft = dftMagnitude(histogram);
  const dc = fft[0]!;
  // First local minimum after DC, to step over the DC lobe (1-based FreqValley as in MATLAB).
  let valley = 1;
  while (valley < length - 1 && fft[valley - 1]! >= fft[valley]!) valley++;
  const end = Math.floor(length / 2);
  if (valley > end) return { period: 1, fftPeak: 0 };
  let maxPeak = -Infinity;
  let argmax = 0;
  let minValue = Infinity;
  for (let i = valley - 1; i < end; i++) {
    const v = fft[i]!;
    if (v > maxPeak) {
      maxPeak = v;
      argmax = i - (valley - 1) + 1;
    }
    if (v < minValue) minValue = v;
  }
  const fftPeak = argmax + valley - 2;
  // Toolbox thresholds: the peak must reach 1/5 of DC and stand above 90 % of the lowest remaining value.
  if (maxPeak < dc / 5 || minValue / maxPeak > 0.9) return { period: 1, fftPeak };
  return { period: matlabRound(length / fftPeak), fftPeak };
}

/**
 * Per histogram bin a (1-based adjusted value), the toolbox's per-block factors P_t/(P_u+P_t) and
 * P_u/(P_u+P_t); they depend on the block's value only, so they are computed once per occupied bin.
 */
function binProbabilities(histogram: Float64Array, period: number, s0: number): { tampered: Float64Array; untampered: Float64Array } {
  const length = histogram.length;
  const tampered = new Float64Array(length + 1);
  const untampered = new Float64Array(length + 1);
  const pT = 1 / period;
  for (let a = 1; a <= length; a++) {
    const num = histogram[a - 1]!;
    if (num === 0) continue;
    const start = a - ((a - s0) % period); // MATLAB rem: sign of the dividend, as JS %.
    let denom = 0;
    if (start >= s0) {
      for (let k = 0; k < period; k++) {
        const p = start + k;
        denom += histogram[(p > length ? p - period : p) - 1] ?? 0;
      }
    } else {
      for (let k = 0; k < period; k++) {
        const p = start - k;
        denom += histogram[(p <= 0 ? p + period : p) - 1] ?? 0;
      }
    }
    const pU = num / denom;
    tampered[a] = pT / (pU + pT);
    untampered[a] = pU / (pU + pT);
  }
  return { tampered, untampered };
}

/** Runs ADQ1 over the whole blocks of `luma`. */
export function computeAdq1(luma: LumaCoefficients): Adq1Output {
  const n = luma.blocksWide * luma.blocksHigh;
  const productT = new Float64Array(n).fill(1);
  const productU = new Float64Array(n).fill(1);
  const frequencies: Adq1Frequency[] = [];
  const indices = Array.from({ length: ADQ1_FREQUENCIES }, (_, k) => adq1NaturalIndex(k));
  const gathered = gatherPositions(luma, indices);
  for (let k = 0; k < ADQ1_FREQUENCIES; k++) {
    const index = indices[k]!;
    const values = gathered[k]!;
    const { histogram, offset } = histogramOf(values);
    let s0 = 1;
    for (let i = 1; i < histogram.length; i++) if (histogram[i]! > histogram[s0 - 1]!) s0 = i + 1;
    const { period, fftPeak } = fftPeriod(histogram);
    frequencies.push({ index, period, histogram, offset, fftPeak });
    if (period === 1) {
      // No period: the toolbox sets both probabilities to 0.5, which scales both products alike.
      for (let i = 0; i < n; i++) {
        productT[i] = productT[i]! * 0.5;
        productU[i] = productU[i]! * 0.5;
      }
      continue;
    }
    const { tampered, untampered } = binProbabilities(histogram, period, s0);
    for (let i = 0; i < n; i++) {
      const a = values[i]! - offset + 1;
      productT[i] = productT[i]! * tampered[a]!;
      productU[i] = productU[i]! * untampered[a]!;
    }
  }
  const map = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = productT[i]! / (productT[i]! + productU[i]!);
    map[i] = Number.isNaN(v) ? 0 : v;
  }
  return { width: luma.blocksWide, height: luma.blocksHigh, map, frequencies };
}
