/**
 * Core of the DCT blocking-artefact method, a port of the toolbox's `GetDCTArtifact.m` (Zampoglou et
 * al.; pyIFD `DCT.GetDCTArtifact`), which implements Ye, Sun & Chang, "Detecting digital image forgeries
 * by measuring inconsistencies of blocking artifact", IEEE ICME 2007.
 *
 * 1. Quantization table estimation: for each of the first 31 AC positions in zigzag order, the histogram
 *    of the dequantized coefficient values -256..256 (513 bins); its power spectrum |FFT| shows one peak
 *    per multiple of N / q for a step q. After smoothing (Gaussian, sigma 3), cutting the DC lobe at both
 *    ends and taking the second difference smoothed again (sigma 5), the number of its strong minima
 *    (below a fifth of the deepest) counts the peaks: that count is the step estimate Q(k).
 * 2. Blocking measure per block: B = sum over those positions of |c - round(c / Q(k)) Q(k)|, the distance
 *    of the block's dequantized coefficients from the estimated quantization lattice.
 * Every step follows the MATLAB code (same filters, same valley search, same extrema routine).
 */
import { dftMagnitude } from './fft';
import { convSame, extremaMinima, gaussianKernel } from './matlab';
import { gatherPositions } from './results';
import type { LumaCoefficients } from './results';
import { ZIGZAG } from './jpeg-tables';

/** The toolbox uses zigzag positions 2..32 (MaxCoeffs = 32, DC skipped). */
export const DCT_ESTIMATED_POSITIONS = 31;
/** Histogram range of the dequantized values: histc over -257:257 with both end bins dropped. */
const HISTOGRAM_LIMIT = 256;
/** Gaussian smoothing of the power spectrum and of its second difference: [1 51] kernels, sigma 3 and 5. */
const POWER_KERNEL = gaussianKernel(51, 3);
const DIFF_KERNEL = gaussianKernel(51, 5);
/** The DC lobe must leave at least 20 % of the spectrum (Valley * 2 < 0.8 * length), else no peaks. */
const MAX_VALLEY_SHARE = 0.8;

/**
 * Estimated quantization step of one 513-bin histogram (0 = no peaks found), as the toolbox computes it.
 */
export function estimateStepFromHistogram(histogram: Float64Array): number {
  let power = dftMagnitude(histogram);
  const filtered = convSame(power, POWER_KERNEL);
  const n = filtered.length;
  // 1-based Valley as in MATLAB: climb the rising start, then descend to the first local minimum.
  let valley = 1;
  while (valley < n && filtered[valley - 1]! <= filtered[valley]!) valley++;
  valley++;
  while (valley < n - 1 && filtered[valley - 1]! >= filtered[valley]!) valley++;
  let noPeaks = false;
  if (valley * 2 < power.length * MAX_VALLEY_SHARE) power = power.slice(valley - 1, power.length - valley);
  else noPeaks = true;
  let diff2: Float64Array;
  if (power.length > 2) {
    diff2 = new Float64Array(power.length - 2);
    for (let i = 0; i < diff2.length; i++) diff2[i] = power[i + 2]! - 2 * power[i + 1]! + power[i]!;
  } else diff2 = new Float64Array([0]);
  const yfilt = convSame(diff2, DIFF_KERNEL);
  let min = Infinity;
  for (const v of yfilt) if (v < min) min = v;
  // Keep only minima deeper than a fifth of the deepest one.
  for (let i = 0; i < yfilt.length; i++) if (yfilt[i]! > min / 5) yfilt[i] = 0;
  return noPeaks ? 0 : extremaMinima(yfilt).length;
}

export interface DctBlockingOutput {
  readonly width: number;
  readonly height: number;
  /** Per block, the blocking measure B (sum of lattice distances, dequantized DCT units). */
  readonly map: Float64Array;
  /** Estimated steps in natural order (0 where not estimated: DC and positions past the 32nd). */
  readonly estimatedTable: Float64Array;
  /** Per natural index, how many blocks have a non-zero coefficient there (estimated positions only). */
  readonly nonZero: Int32Array;
}

/** Runs the DCT method over the whole blocks of `luma`. */
export function computeDctBlocking(luma: LumaCoefficients): DctBlockingOutput {
  const { blocksWide, blocksHigh, quantTable } = luma;
  const n = blocksWide * blocksHigh;
  const estimatedTable = new Float64Array(64);
  const nonZero = new Int32Array(64);
  const indices = ZIGZAG.slice(1, DCT_ESTIMATED_POSITIONS + 1);
  const gathered = gatherPositions(luma, indices);
  const histogram = new Float64Array(2 * HISTOGRAM_LIMIT + 1);
  const map = new Float64Array(n);
  indices.forEach((index, k) => {
    const values = gathered[k]!;
    const q = quantTable[index]!;
    histogram.fill(0);
    let nonZeroCount = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i]! * q;
      if (v !== 0) nonZeroCount++;
      if (v >= -HISTOGRAM_LIMIT && v <= HISTOGRAM_LIMIT) histogram[v + HISTOGRAM_LIMIT]! += 1;
    }
    nonZero[index] = nonZeroCount;
    const step = estimateStepFromHistogram(histogram);
    estimatedTable[index] = step;
    if (step <= 0) return;
    // |c - round(c / step) step| for integers c, step: the remainder folded into [0, step / 2] (ties
    // are step / 2 either way, so MATLAB's round-half-away gives the same distance).
    for (let i = 0; i < n; i++) {
      const r = (values[i]! * q) % step;
      const a = r < 0 ? -r : r;
      map[i] = map[i]! + (a + a > step ? step - a : a);
    }
  });
  return { width: blocksWide, height: blocksHigh, map, estimatedTable, nonZero };
}
