/**
 * Fusion of the forensic kernels into one image-level "manipulation indicators" score and one localisation
 * map, with the reasons listed. The weights are data (`resources/data/forensic-fusion.json`), fitted by
 * `tests/bench/forensics-calibrate.ts` on the project's synthetic tamper set; the file records what they
 * were fitted on and how well they did, and that is what the report cites.
 *
 * Score: logistic regression over the kernels' image-level scores, p = σ(bias + Σ wₖ·sₖ); a kernel that
 * did not apply (a PNG has no JPEG history) contributes sₖ = 0, i.e. no evidence either way.
 * Map: every kernel map is turned into per-cell suspicion, resampled to a grid of 8x8-pixel cells,
 * made relative to its own image (how far a cell stands above the map's median, in units of the map's
 * spread between median and 99th percentile, clipped to [0, 1]) and averaged with the map weights. A map
 * that is uniformly high (e.g. ELA of a heavily textured image) therefore adds nothing; only cells that
 * stand out from the rest of the same image do.
 */
import calibration from '../../../resources/data/forensic-fusion.json';
import { suspicion, type QuantizedMap } from './stored-map';
import type { ForensicMap } from './types';

/** Cell size of the fused map: the JPEG block, the natural unit of most kernels. */
export const FUSED_CELL = 8;

export interface FusionInput {
  readonly kernelId: string;
  readonly score: number | null;
  readonly maps: readonly QuantizedMap[];
}

export interface FusionReason {
  readonly kernelId: string;
  readonly score: number;
  readonly weight: number;
  /** wₖ·sₖ: this kernel's share of the logit. */
  readonly contribution: number;
}

export interface FusionResult {
  readonly score: number;
  /** Kernels that pushed the score up, largest contribution first. */
  readonly reasons: readonly FusionReason[];
  readonly map: ForensicMap;
  readonly calibration: { readonly version: string; readonly fittedOn: string; readonly auc: number | null };
}

interface CalibrationFile {
  readonly format: string;
  readonly version: string;
  readonly fittedOn: string;
  readonly auc: number | null;
  readonly bias: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly mapWeights: Readonly<Record<string, number>>;
}

const CALIBRATION = calibration as CalibrationFile;

export function fusionCalibration(): CalibrationFile {
  return CALIBRATION;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Median and 99th percentile of values in [0, 1], by a 256-bin histogram (exact to 1/255, which is the level step). */
function medianAndP99(values: Float32Array): [number, number] {
  const histogram = new Uint32Array(256);
  for (const v of values) histogram[Math.min(255, Math.round(v * 255))]!++;
  const pick = (q: number) => {
    const target = q * values.length;
    let seen = 0;
    for (let i = 0; i < 256; i++) {
      seen += histogram[i]!;
      if (seen >= target) return i / 255;
    }
    return 1;
  };
  return [pick(0.5), pick(0.99)];
}

/**
 * Spread below which a map carries no localisation: 4 grey levels. A map whose 99th percentile sits less
 * than that above its median is flat at 8-bit precision, and dividing by it would amplify quantisation noise.
 */
const MIN_SPREAD = 4 / 255;

/**
 * A map's suspicion on the fused grid: the mean over the map cells inside each 8x8-pixel grid cell
 * (maps finer than the grid), or the value of the map cell under the grid cell's centre (coarser maps).
 */
function onGrid(map: QuantizedMap, gridW: number, gridH: number): Float32Array {
  const values = suspicion(map);
  const out = new Float32Array(gridW * gridH);
  if (map.cellSize < FUSED_CELL) {
    const counts = new Uint32Array(gridW * gridH);
    for (let my = 0; my < map.height; my++) {
      const gy = Math.min(gridH - 1, Math.floor((my * map.cellSize) / FUSED_CELL));
      for (let mx = 0; mx < map.width; mx++) {
        const g = gy * gridW + Math.min(gridW - 1, Math.floor((mx * map.cellSize) / FUSED_CELL));
        out[g]! += values[my * map.width + mx]!;
        counts[g]!++;
      }
    }
    for (let i = 0; i < out.length; i++) out[i] = counts[i]! ? out[i]! / counts[i]! : 0;
    return out;
  }
  for (let gy = 0; gy < gridH; gy++) {
    const my = Math.min(map.height - 1, Math.floor(((gy + 0.5) * FUSED_CELL) / map.cellSize));
    for (let gx = 0; gx < gridW; gx++) {
      const mx = Math.min(map.width - 1, Math.floor(((gx + 0.5) * FUSED_CELL) / map.cellSize));
      out[gy * gridW + gx] = values[my * map.width + mx]!;
    }
  }
  return out;
}

function addRelative(into: Float32Array, gridW: number, gridH: number, map: QuantizedMap, weight: number): boolean {
  const values = onGrid(map, gridW, gridH);
  const [median, p99] = medianAndP99(values);
  const spread = p99 - median;
  if (spread < MIN_SPREAD) return false;
  for (let i = 0; i < values.length; i++) {
    const relative = (values[i]! - median) / spread;
    into[i]! += weight * (relative <= 0 ? 0 : relative >= 1 ? 1 : relative);
  }
  return true;
}

/** Fuse kernel results for an image of `width` x `height` pixels. */
export function fuse(inputs: readonly FusionInput[], width: number, height: number, file: CalibrationFile = CALIBRATION): FusionResult {
  let logit = file.bias;
  const reasons: FusionReason[] = [];
  for (const input of inputs) {
    const weight = file.weights[input.kernelId] ?? 0;
    const score = input.score ?? 0;
    logit += weight * score;
    if (weight * score > 0) reasons.push({ kernelId: input.kernelId, score, weight, contribution: weight * score });
  }
  reasons.sort((a, b) => b.contribution - a.contribution);

  const gridW = Math.max(1, Math.ceil(width / FUSED_CELL));
  const gridH = Math.max(1, Math.ceil(height / FUSED_CELL));
  const data = new Float32Array(gridW * gridH);
  let total = 0;
  for (const input of inputs) {
    const weight = file.mapWeights[input.kernelId] ?? 0;
    if (weight <= 0) continue;
    for (const map of input.maps) if (addRelative(data, gridW, gridH, map, weight)) total += weight;
  }
  if (total > 0) for (let i = 0; i < data.length; i++) data[i]! /= total;
  return {
    score: sigmoid(logit),
    reasons,
    map: { width: gridW, height: gridH, cellSize: FUSED_CELL, data, scale: { unit: 'weighted local suspicion (0-1)', range: [0, 1], higherIsSuspicious: true } },
    calibration: { version: file.version, fittedOn: file.fittedOn, auc: file.auc },
  };
}
