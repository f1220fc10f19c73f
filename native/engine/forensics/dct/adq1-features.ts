/**
 * The toolbox's ADQ1 feature vector (end of `detectDQ_JPEG.m`): the threshold Topt in 0.01 steps that
 * maximises var(map) / (var(class 0) + var(class 1)) (a Fisher-like two-class split of the probability
 * map), the map variance, the within-class variance sum, and K_0, a compactness measure of the class-1
 * area (boundary contacts after a 3x3 median filter of both class masks, per class-0 cell).
 * MATLAB semantics kept: unbiased variances, var of an empty set is NaN and NaN ratios never win `max`.
 */

export interface Adq1Features {
  readonly threshold: number;
  readonly variance: number;
  readonly withinClassVariance: number;
  readonly compactness: number;
}

function unbiasedVariance(count: number, sum: number, sumSquares: number): number {
  if (count === 0) return Number.NaN;
  if (count === 1) return 0;
  return Math.max(0, (sumSquares - (sum * sum) / count) / (count - 1));
}

/** 3x3 median of a binary mask with zero padding (medfilt2 default): a cell is set when at least 5 of 9 are. */
function majority3x3(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let count = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width) count += mask[yy * width + xx]!;
        }
      }
      out[y * width + x] = count >= 5 ? 1 : 0;
    }
  }
  return out;
}

/** Feature vector of an ADQ1 probability map (width x height cells). */
export function adq1Features(map: Float64Array, width: number, height: number): Adq1Features {
  const n = map.length;
  // Cells grouped by the first threshold index j (T = j / 100, j = 1..99) with value < T, so class 0 at
  // threshold j is the union of groups 1..j: one pass instead of 99.
  const count = new Float64Array(101);
  const sum = new Float64Array(101);
  const squares = new Float64Array(101);
  let total = 0;
  let totalSquares = 0;
  for (let i = 0; i < n; i++) {
    const v = map[i]!;
    const j = Math.min(100, Math.max(1, Math.floor(v * 100) + 1));
    count[j]! += 1;
    sum[j]! += v;
    squares[j]! += v * v;
    total += v;
    totalSquares += v * v;
  }
  const variance = unbiasedVariance(n, total, totalSquares);
  let bestEval = Number.NaN;
  let bestIndex = 1;
  let c0 = 0;
  let s0 = 0;
  let q0 = 0;
  for (let j = 1; j <= 99; j++) {
    c0 += count[j]!;
    s0 += sum[j]!;
    q0 += squares[j]!;
    const v0 = unbiasedVariance(c0, s0, q0);
    const v1 = unbiasedVariance(n - c0, total - s0, totalSquares - q0);
    const value = variance / (v0 + v1);
    if (!Number.isNaN(value) && (Number.isNaN(bestEval) || value > bestEval)) {
      bestEval = value;
      bestIndex = j;
    }
  }
  const threshold = bestIndex / 100 - 0.01;
  const class0 = new Uint8Array(n);
  let class0Count = 0;
  let s = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (map[i]! < threshold) {
      class0[i] = 1;
      class0Count++;
      s += map[i]!;
      q += map[i]! * map[i]!;
    }
  }
  const class1 = new Uint8Array(n);
  for (let i = 0; i < n; i++) class1[i] = 1 - class0[i]!;
  let withinClassVariance = unbiasedVariance(class0Count, s, q) + unbiasedVariance(n - class0Count, total - s, totalSquares - q);
  let compactness = 1;
  if (class0Count > 0 && class0Count < n) {
    const f0 = majority3x3(class0, width, height);
    const f1 = majority3x3(class1, width, height);
    let acc = 0;
    for (let y = 1; y < height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const i = y * width + x;
        if (!f1[i]) continue;
        const e = f0[i - width]! + f0[i - 1]! + f0[i + width]! + f0[i + 1]!;
        acc += Math.max(e - 2, 0);
      }
    }
    compactness = acc / class0Count;
  } else withinClassVariance = 0;
  return { threshold, variance, withinClassVariance, compactness };
}
