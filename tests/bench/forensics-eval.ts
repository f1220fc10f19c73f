/**
 * Evaluation of the forensic suite on samples with known answers: image-level AUC of any score, pixel F1
 * and pixel AUC of a map against a mask, and a logistic-regression fit for fusion. Shared by the
 * calibration script and the benchmark; nothing here knows the answers except through the masks.
 */
import { decodeForensicInput } from '../../native/engine/forensics/input';
import type { ForensicPool } from '../../native/engine/forensics/pool/pool';
import type { QuantizedMap } from '../../native/engine/forensics/stored-map';
import { suspicion } from '../../native/engine/forensics/stored-map';
import { runForensicSuite, type SuiteResult } from '../../native/engine/forensics/suite';

export interface Labelled {
  readonly id: string;
  readonly kind: string;
  readonly manipulated: boolean;
  readonly width: number;
  readonly height: number;
  /** 255 = manipulated pixel (width x height), or null when there is no mask (image-level only). */
  readonly mask: Uint8Array | null;
  readonly bytes: Buffer;
}

export interface Evaluated {
  readonly sample: Labelled;
  readonly suite: SuiteResult;
  readonly ms: number;
}

export async function evaluate(pool: ForensicPool, samples: readonly Labelled[], onEach?: (done: number) => void): Promise<Evaluated[]> {
  const out: Evaluated[] = [];
  for (const sample of samples) {
    const t0 = performance.now();
    const suite = await runForensicSuite(pool, await decodeForensicInput(sample.bytes));
    out.push({ sample, suite, ms: performance.now() - t0 });
    onEach?.(out.length);
  }
  return out;
}

/** Area under the ROC curve (ties count half): P(score of a positive > score of a negative). */
export function auc(scores: readonly number[], labels: readonly boolean[]): number | null {
  const pos = scores.filter((_, i) => labels[i]);
  const neg = scores.filter((_, i) => !labels[i]);
  if (!pos.length || !neg.length) return null;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

export interface PixelCounts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Pixel counts of a map against a mask, the map upsampled by nearest neighbour (each cell's suspicion
 * over its cellSize x cellSize pixels), thresholded at `threshold`. Exact at pixel level.
 */
export function pixelCounts(map: QuantizedMap, mask: Uint8Array, width: number, height: number, threshold: number): PixelCounts {
  const s = suspicion(map);
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (let y = 0; y < height; y++) {
    const my = Math.min(map.height - 1, Math.floor(y / map.cellSize));
    for (let x = 0; x < width; x++) {
      const mx = Math.min(map.width - 1, Math.floor(x / map.cellSize));
      const positive = s[my * map.width + mx]! >= threshold;
      const truth = mask[y * width + x]! > 127;
      if (positive && truth) counts.tp++;
      else if (positive) counts.fp++;
      else if (truth) counts.fn++;
    }
  }
  return counts;
}

export const f1 = ({ tp, fp, fn }: PixelCounts) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

/** Pixel-level AUC of a map's suspicion against a mask (256-level histograms). */
export function pixelAuc(map: QuantizedMap, mask: Uint8Array, width: number, height: number): number | null {
  const s = suspicion(map);
  const pos = new Float64Array(256);
  const neg = new Float64Array(256);
  for (let y = 0; y < height; y++) {
    const my = Math.min(map.height - 1, Math.floor(y / map.cellSize));
    for (let x = 0; x < width; x++) {
      const level = Math.round(s[my * map.width + Math.min(map.width - 1, Math.floor(x / map.cellSize))]! * 255);
      if (mask[y * width + x]! > 127) pos[level]!++;
      else neg[level]!++;
    }
  }
  const np = pos.reduce((a, b) => a + b, 0);
  const nn = neg.reduce((a, b) => a + b, 0);
  if (!np || !nn) return null;
  let below = 0;
  let wins = 0;
  for (let l = 0; l < 256; l++) {
    wins += pos[l]! * (below + neg[l]! / 2);
    below += neg[l]!;
  }
  return wins / (np * nn);
}

/**
 * L2-regularised logistic regression by Newton's method (IRLS), with the weights kept non-negative (each
 * Newton step is projected onto w >= 0): a stronger indicator must never lower the fused score, or the
 * listed reasons would not explain it. Returns bias and weights. `lambda` is applied to the weights, not
 * the bias.
 */
export function fitLogistic(features: readonly (readonly number[])[], labels: readonly boolean[], lambda = 0.01, iterations = 50): { bias: number; weights: number[] } {
  const d = features[0]?.length ?? 0;
  const beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    features.forEach((f, i) => {
      const x = [1, ...f];
      const p = 1 / (1 + Math.exp(-x.reduce((acc, v, j) => acc + v * beta[j]!, 0)));
      const y = labels[i] ? 1 : 0;
      for (let j = 0; j <= d; j++) {
        grad[j]! += (p - y) * x[j]!;
        for (let k = 0; k <= d; k++) hess[j]![k]! += p * (1 - p) * x[j]! * x[k]!;
      }
    });
    for (let j = 1; j <= d; j++) {
      grad[j]! += lambda * beta[j]!;
      hess[j]![j]! += lambda;
    }
    hess[0]![0]! += 1e-9;
    // Active set: a weight held at 0 whose gradient pushes it below 0 stays fixed this step; Newton runs on the rest.
    const free = beta.map((b, j) => j === 0 || b > 0 || grad[j]! < 0);
    const index = free.flatMap((f, j) => (f ? [j] : []));
    const sub = solveLinear(
      index.map((j) => index.map((k) => hess[j]![k]!)),
      index.map((j) => grad[j]!),
    );
    let moved = 0;
    index.forEach((j, i) => {
      const next = j === 0 ? beta[j]! - sub[i]! : Math.max(0, beta[j]! - sub[i]!);
      moved = Math.max(moved, Math.abs(next - beta[j]!));
      beta[j] = next;
    });
    if (moved < 1e-8) break;
  }
  return { bias: beta[0]!, weights: beta.slice(1) };
}

function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/** The primary (first) map of a kernel in a suite result. */
export function primaryMap(suite: SuiteResult, kernelId: string): QuantizedMap | null {
  const k = suite.kernels.find((x) => x.kernel.id === kernelId);
  return k ? (Object.values(k.maps)[0] ?? null) : null;
}
