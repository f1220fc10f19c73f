/**
 * DCT blocking-artefact inconsistency (pyIFD "DCT"): Ye, Sun & Chang, "Detecting digital image forgeries
 * by measuring inconsistencies of blocking artifact", IEEE ICME 2007, as implemented by the Zampoglou et
 * al. toolbox (`GetDCTArtifact.m`) and pyIFD; see dct-blocking-core.ts for the algorithm.
 */
import type { DctCoefficients } from '../jpeg-dct/index';
import type { ForensicIndicator, ForensicResult } from '../types';
import { DCT_ESTIMATED_POSITIONS, computeDctBlocking } from './dct-blocking-core';
import { fitIjgQuality, ZIGZAG } from './jpeg-tables';
import { boxMean, findRegions, meanOutside } from './regions';
import { blockMap, damageIndicator, lumaCoefficients } from './results';

const KERNEL = 'jpeg.dct-blocking';
/**
 * An estimated step counts as a coarser lattice than the file's own step q when it is at least
 * 1.5 q + 1: the estimator counts spectrum peaks and lands on q - 1 for a single compression, so only a
 * clearly larger step (an earlier, coarser quantization) passes.
 */
const COARSER_FACTOR = 1.5;
const COARSER_OFFSET = 1;
/** Share of estimated positions with a coarser lattice from which an indicator is given (about 1 in 3). */
const MIN_SCORE_FOR_INDICATOR = 0.3;
/** 3x3-block mean before region search: isolated textured blocks are not regions. */
const SMOOTHING_RADIUS = 1;
/** Region cells have a smoothed measure at least 1.5x the image median (a single-compression map stays within ~1.3x). */
const REGION_RATIO = 1.5;
/** Smallest region: 16 blocks (32 x 32 px). */
const MIN_REGION_BLOCKS = 16;
const MAX_REGIONS = 5;
/** Display range: 0 to the 99th percentile, so a few extreme blocks do not wash out the map. */
const DISPLAY_PERCENTILE = 0.99;
/**
 * Positions with fewer non-zero coefficients than this are left out of the score and the quality fit
 * (they stay in the map, as in the reference): a histogram that is (nearly) all zeros has no peaks to
 * count, and the estimator then returns an arbitrary number (a flat image gave "steps" of 20-40).
 */
const MIN_NONZERO = 100;
/** Quality fit reported as primary-quality estimate only within 20 % mean deviation (the estimator is coarse). */
const MAX_QUALITY_FIT_ERROR = 0.2;

function percentile(values: Float32Array, p: number): number {
  const sorted = Float32Array.from(values).sort();
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/**
 * Ye et al.'s blocking-artefact measure over the luminance DCT coefficients of a JPEG.
 *
 * Map `dct-blocking` (cellSize 8): per block, the sum over the first 31 AC positions of the distance of the
 * dequantized coefficient from the nearest multiple of the estimated quantization step (dequantized DCT
 * units); identical to the reference implementation's OutputMap. Blocks that went through the estimated
 * quantization sit on its lattice (low values); blocks that did not (another compression history, or
 * none) score high. Textured blocks score higher than flat ones in any case.
 *
 * Score: share of the estimated AC positions whose estimated step is clearly larger than the file's own
 * step (coefficients on a coarser lattice: an earlier, lower-quality compression). Metrics carry the
 * estimated table (natural order, 0 = not estimated) and its nearest IJG quality.
 */
export function analyzeDctBlocking(input: Uint8Array | DctCoefficients): ForensicResult {
  const read = lumaCoefficients(input, KERNEL);
  if (!read.ok) return read.result;
  const luma = read.luma;
  const started = performance.now();
  const out = computeDctBlocking(luma);
  const indices: number[] = [];
  const steps: number[] = [];
  let coarser = 0;
  for (let z = 1; z <= DCT_ESTIMATED_POSITIONS; z++) {
    const index = ZIGZAG[z]!;
    const estimate = out.estimatedTable[index]!;
    if (estimate <= 0 || out.nonZero[index]! < MIN_NONZERO) continue;
    indices.push(index);
    steps.push(estimate);
    if (estimate >= COARSER_FACTOR * luma.quantTable[index]! + COARSER_OFFSET) coarser++;
  }
  const score = indices.length > 0 ? coarser / indices.length : 0;
  const fit = fitIjgQuality(indices, steps);
  const map = Float32Array.from(out.map);
  const indicators: ForensicIndicator[] = [...damageIndicator(KERNEL, luma.warnings)];
  if (score >= MIN_SCORE_FOR_INDICATOR) {
    indicators.push({
      kind: `${KERNEL}.coarser-lattice`,
      severity: 'notice',
      score,
      region: null,
      summary:
        `At ${coarser} of ${indices.length} AC positions the coefficient histograms show a quantization step clearly larger than the file's own ` +
        '(Ye et al. estimate): the image carries the lattice of an earlier, lower-quality JPEG compression',
      attributes: { coarserPositions: coarser, estimatedPositions: indices.length },
    });
    indicators.push(...regionIndicators(map, out.width, out.height, luma.width, luma.height));
  }
  return {
    score,
    indicators,
    maps: {
      'dct-blocking': blockMap(out.width, out.height, map, 'distance of the block\'s DCT coefficients from the estimated quantization lattice, dequantized DCT units', [
        0,
        Math.max(1, percentile(map, DISPLAY_PERCENTILE)),
      ]),
    },
    metrics: {
      blocksWide: out.width,
      blocksHigh: out.height,
      estimatedTable: Array.from(out.estimatedTable),
      fileTable: Array.from(luma.quantTable),
      estimatedQuality: fit && fit.meanRelativeError <= MAX_QUALITY_FIT_ERROR ? fit.quality : null,
      estimatedQualityFit: fit,
      milliseconds: performance.now() - started,
    },
  };
}

function regionIndicators(map: Float32Array, width: number, height: number, imageWidth: number, imageHeight: number): ForensicIndicator[] {
  const smooth = boxMean(map, width, height, SMOOTHING_RADIUS);
  const median = percentile(smooth, 0.5);
  if (median <= 0) return [];
  const mask = new Uint8Array(smooth.length);
  for (let i = 0; i < smooth.length; i++) mask[i] = smooth[i]! >= REGION_RATIO * median ? 1 : 0;
  const regions = findRegions(mask, map, width, height, { cellSize: 8, imageWidth, imageHeight, minCells: MIN_REGION_BLOCKS, maxRegions: MAX_REGIONS });
  const outside = meanOutside(map, width, height, regions);
  return regions.map((r) => ({
    kind: `${KERNEL}.off-lattice-region`,
    severity: 'notice' as const,
    score: Math.min(1, r.mean / (r.mean + outside)),
    region: r.box,
    summary:
      `Blocks here are ${(r.mean / outside).toFixed(1)}x farther from the image's estimated quantization lattice than the rest (mean ${r.mean.toFixed(1)} vs ${outside.toFixed(1)}): ` +
      'content that did not go through the image\'s earlier compression, as pasted content; strongly textured areas also score higher',
    attributes: { blocks: r.cells, meanInside: r.mean, meanOutside: outside },
  }));
}
