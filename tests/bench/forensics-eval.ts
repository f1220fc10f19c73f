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
 * L2-regularised logistic regression with the weights kept non-negative: a stronger indicator must never
 * lower the fused score, or the listed reasons would not explain it. Solved by cyclic coordinate descent
 * (a Newton step per coordinate, halved until the objective decreases, weights clamped at 0), which
 * converges to the optimum of this convex problem. `lambda` is applied to the weights, not the bias.
 */
export function fitLogistic(features: readonly (readonly number[])[], labels: readonly boolean[], lambda = 0.01, sweeps = 2000): { bias: number; weights: number[] } {
  const n = features.length;
  const d = features[0]?.length ?? 0;
  const x = features.map((f) => [1, ...f]);
  const y = labels.map((l) => (l ? 1 : 0));
  const beta = new Array<number>(d + 1).fill(0);
  const margin = new Float64Array(n);
  const objective = (m: Float64Array, b: readonly number[]) => {
    let loss = 0;
    for (let i = 0; i < n; i++) loss += y[i] ? Math.log1p(Math.exp(-m[i]!)) : Math.log1p(Math.exp(m[i]!));
    for (let j = 1; j <= d; j++) loss += (lambda / 2) * b[j]! * b[j]!;
    return loss;
  };
  let current = objective(margin, beta);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let moved = 0;
    for (let j = 0; j <= d; j++) {
      let g = j === 0 ? 0 : lambda * beta[j]!;
      let h = j === 0 ? 1e-9 : lambda;
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-margin[i]!));
        g += (p - y[i]!) * x[i]![j]!;
        h += p * (1 - p) * x[i]![j]! * x[i]![j]!;
      }
      let step = g / h;
      for (let tries = 0; tries < 30; tries++) {
        const next = j === 0 ? beta[j]! - step : Math.max(0, beta[j]! - step);
        const delta = next - beta[j]!;
        if (delta === 0) break;
        const trial = Float64Array.from(margin, (m, i) => m + delta * x[i]![j]!);
        const trialBeta = beta.slice();
        trialBeta[j] = next;
        const value = objective(trial, trialBeta);
        if (value <= current) {
          margin.set(trial);
          beta[j] = next;
          current = value;
          moved = Math.max(moved, Math.abs(delta));
          break;
        }
        step /= 2;
      }
    }
    if (moved < 1e-9) break;
  }
  return { bias: beta[0]!, weights: beta.slice(1) };
}

/** The primary (first) map of a kernel in a suite result. */
export function primaryMap(suite: SuiteResult, kernelId: string): QuantizedMap | null {
  const k = suite.kernels.find((x) => x.kernel.id === kernelId);
  return k ? (Object.values(k.maps)[0] ?? null) : null;
}
