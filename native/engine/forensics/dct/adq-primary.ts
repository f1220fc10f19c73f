/**
 * Confirms a double-quantization period found by ADQ1 and estimates the primary quantization step of
 * that DCT position from the histogram of quantized values.
 *
 * Model (Lin et al. 2009, Sec. 2; Popescu & Farid, "Statistical tools for digital forensics", 2004):
 * a coefficient quantized first with step q1 and then with q2 takes only the values round(n * q1 / q2),
 * n integer (up to rounding noise of the pixel-domain round trip). With q1 > q2 some integers are
 * unreachable and their bins are (nearly) empty between populated neighbours; with q1 < q2 some integers
 * are reached twice and their bins are about twice as high as their neighbours. For each candidate q1 we
 * compare the unreachable (or doubly reached) bins with what their nearest ordinary neighbours predict
 * by log-linear interpolation (exact for the Laplacian shape of AC coefficient histograms, so a steep
 * single-compression histogram does not look like a gap pattern):
 *  - gap ratio  G = sum h(unreachable) / sum predicted(unreachable)   (~1 without DQ, ~0 with)
 *  - peak ratio P = sum h(doubled) / sum predicted(doubled)           (~1 without DQ, ~2 with)
 * The best candidate is kept when it clears the threshold; otherwise the position shows no DQ trace.
 */
import type { Adq1Frequency } from './adq1-core';

/**
 * Gap ratio at or below which the unreachable bins are taken as double-quantization gaps: a third of
 * the predicted level (heavy-tailed single-compression histograms stay above ~0.6 over long gaps).
 */
const MAX_GAP_RATIO = 0.35;
/** How far (in units of q2) a gap candidate's ratio q1 / q2 may lie from ADQ1's period (its rounding, plus one). */
const PERIOD_SLACK = 1.5;
/** Largest ratio q1 / q2 tried: q1 = 8 q2 already covers quality 50 before quality 95. */
const MAX_STEP_RATIO = 8;
/** Peak ratio at or above which doubly-reached bins are taken as DQ peaks (1.6x; 2x expected, 1x without DQ). */
const MIN_PEAK_RATIO = 1.6;
/**
 * Fewest neighbour counts the tested bins must have: below ~40 samples a bin pattern is noise
 * (a Poisson count of 40 has a relative spread of 16 %).
 */
const MIN_NEIGHBOUR_MASS = 40;
/**
 * Gap ratios this close to the best count as equally clear (a step and its divisors both leave empty
 * bins; a wrong multiple fills half of its tested bins, ratio ~0.5, far outside this margin).
 */
const GAP_TIE = 0.15;
/** Largest primary step considered: JPEG baseline steps are at most 255. */
const MAX_STEP = 255;

export interface PrimaryStep {
  /** Estimated primary (first) quantization step. */
  readonly step: number;
  /** 'gap' (q1 > q2: empty bins) or 'peak' (q1 < q2: doubled bins). */
  readonly kind: 'gap' | 'peak';
  /** The gap or peak ratio of the winning candidate (see module comment). */
  readonly ratio: number;
}

/** Multiplicity of every value c in [-cmax, cmax] under q1 then q2: how many n give round(n q1 / q2) = c. */
function multiplicity(q1: number, q2: number, cmax: number): Int32Array {
  const m = new Int32Array(2 * cmax + 1);
  const r = q1 / q2;
  const nmax = Math.ceil((cmax + 1) / r);
  for (let n = -nmax; n <= nmax; n++) {
    // Half away from zero, as the JPEG encoder's DESCALE of a symmetric value.
    const c = n < 0 ? -Math.round(-n * r) : Math.round(n * r);
    if (c >= -cmax && c <= cmax) m[c + cmax]! += 1;
  }
  return m;
}

/**
 * Tests every primary step candidate for one DCT position; returns the best confirmed one or null.
 * `q2` is the file's (last) quantization step for the position.
 */
export function estimatePrimaryStep(frequency: Adq1Frequency, q2: number): PrimaryStep | null {
  if (frequency.period === 1 || q2 < 1) return null;
  const { histogram, offset } = frequency;
  // Values covered by the histogram: offset .. offset + length - 1; test |c| up to what both signs reach.
  const low = offset;
  const high = offset + histogram.length - 1;
  const cmax = Math.max(-low, high);
  const h = (c: number): number => (c < low || c > high ? 0 : histogram[c - low]!);
  const passing: PrimaryStep[] = [];
  // A gap comb of ratio r = q1 / q2 has its FFT peak at period ~r, so gap candidates stay near ADQ1's period.
  const minGapQ1 = Math.max(q2 + 1, Math.ceil(q2 * (frequency.period - PERIOD_SLACK)));
  const maxGapQ1 = Math.min(MAX_STEP, Math.floor(q2 * (frequency.period + PERIOD_SLACK)), q2 * MAX_STEP_RATIO);
  // Peak candidates: q2 / 2 < q1 < q2, where doubly reached values are isolated between single ones.
  const minPeakQ1 = Math.floor(q2 / 2) + 1;
  for (let q1 = minPeakQ1; q1 <= maxGapQ1; q1++) {
    if (q1 >= q2 && q1 < minGapQ1) continue;
    const m = multiplicity(q1, q2, cmax);
    const kind: PrimaryStep['kind'] = q1 > q2 ? 'gap' : 'peak';
    let tested = 0;
    let neighbours = 0;
    for (let c = -cmax + 1; c < cmax; c++) {
      const mc = m[c + cmax]!;
      if (kind === 'gap' ? mc !== 0 : mc !== 2 || m[c - 1 + cmax] !== 1 || m[c + 1 + cmax] !== 1) continue;
      // Nearest ordinary bins on each side (reached once for 'peak', reached at all for 'gap').
      let left = c - 1;
      let right = c + 1;
      if (kind === 'gap') {
        while (left > -cmax && m[left + cmax] === 0) left--;
        while (right < cmax && m[right + cmax] === 0) right++;
      }
      const hl = h(left);
      const hr = h(right);
      if (hl === 0 || hr === 0) continue;
      // Log-linear interpolation: exact for a Laplacian (exponential) histogram without DQ.
      const t = (c - left) / (right - left);
      tested += h(c);
      neighbours += Math.exp((1 - t) * Math.log(hl) + t * Math.log(hr));
    }
    if (neighbours < MIN_NEIGHBOUR_MASS) continue;
    const ratio = tested / neighbours;
    if (kind === 'gap' ? ratio <= MAX_GAP_RATIO : ratio >= MIN_PEAK_RATIO) passing.push({ step: q1, kind, ratio });
  }
  return pickCandidate(passing);
}

/**
 * Gap candidates win over peak candidates (empty bins are the stronger trace). Among gap candidates,
 * a divisor of the true step also leaves its (fewer) gaps empty, so the largest step whose ratio is
 * within GAP_TIE of the best is taken: it explains the most gaps. Among peak candidates the highest
 * ratio wins.
 */
function pickCandidate(passing: readonly PrimaryStep[]): PrimaryStep | null {
  const gaps = passing.filter((c) => c.kind === 'gap');
  if (gaps.length > 0) {
    const bestRatio = Math.min(...gaps.map((c) => c.ratio));
    const clear = gaps.filter((c) => c.ratio <= bestRatio + GAP_TIE);
    return clear.reduce((a, b) => (b.step > a.step ? b : a));
  }
  let best: PrimaryStep | null = null;
  for (const c of passing) if (best === null || c.ratio > best.ratio) best = c;
  return best;
}
