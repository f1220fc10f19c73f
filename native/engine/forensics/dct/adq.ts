/**
 * Aligned double JPEG compression (ADQ1). Map and periods: Lin, He, Tang & Tang, "Fast, automatic and
 * fine-grained tampered JPEG image detection via DCT coefficient analysis", Pattern Recognition 42(11),
 * 2009, as implemented by the Zampoglou et al. toolbox and pyIFD (`ADQ1.detectDQ_JPEG`); see adq1-core.ts.
 * Image-level score and primary-quality estimate: our addition (adq-primary.ts), which checks each
 * period ADQ1 reports against the double-quantization value pattern before counting it.
 */
import type { DctCoefficients } from '../jpeg-dct/index';
import type { ForensicIndicator, ForensicResult } from '../types';
import { estimatePrimaryStep } from './adq-primary';
import type { PrimaryStep } from './adq-primary';
import { ADQ1_FREQUENCIES, computeAdq1 } from './adq1-core';
import { adq1Features } from './adq1-features';
import { fitIjgQuality } from './jpeg-tables';
import { boxMean, findRegions, meanOutside } from './regions';
import { blockMap, damageIndicator, lumaCoefficients } from './results';

const KERNEL = 'jpeg.adq';
/** Share of the 15 frequencies with a confirmed DQ pattern from which an image-level indicator is given (3 of 15). */
const MIN_SCORE_FOR_INDICATOR = 0.2;
/** Regions are only looked for when most frequencies show DQ: then blocks lacking it stand out against a DQ background. */
const MIN_SCORE_FOR_REGIONS = 0.4;
/** A primary quality is reported when at least this many frequencies gave a step and they fit an IJG table within... */
const MIN_STEPS_FOR_QUALITY = 5;
/** ...this mean relative deviation (15 %: rounding of small steps alone gives up to ~10 %). */
const MAX_QUALITY_FIT_ERROR = 0.15;
/** 3x3-block mean of the probability map (radius 1): removes isolated blocks, keeps regions of 24 px and more. */
const SMOOTHING_RADIUS = 1;
/** Smoothed probability above which a block joins a region: more likely off-pattern than on it. */
const REGION_THRESHOLD = 0.5;
/** Smallest region: 16 blocks (e.g. 32 x 32 px); smaller groups are too few coefficients to mean much. */
const MIN_REGION_BLOCKS = 16;
const MAX_REGIONS = 5;
/** Region mean probability from which a region is a 'warning' rather than a 'notice'. */
const WARNING_REGION_MEAN = 0.8;
/** ...in an image where at least half of the frequencies show DQ (a clear DQ background). */
const WARNING_MIN_SCORE = 0.5;

/**
 * ADQ1 over the luminance DCT coefficients of a JPEG (bytes, or coefficients read once and shared).
 *
 * Map `adq1` (one cell per 8x8 block, cellSize 8): Lin et al.'s posterior probability, in [0, 1], that the
 * block does NOT follow the periodic double-quantization pattern of the image's coefficient histograms,
 * i.e. that it was not compressed on the same grid with the same earlier quantization; identical to the
 * reference implementation's OutputMap. The probability that a block IS double-compressed is 1 - value
 * where a period was found.
 *
 * Score: fraction of the 15 lowest-frequency DCT positions whose histogram shows the double-quantization
 * value pattern (ADQ1 period confirmed by a gap or peak test, see adq-primary.ts); 0 for a single
 * compression. Metrics carry the per-frequency periods and primary steps, the IJG quality those steps fit
 * (the primary quality estimate) and the toolbox's feature vector.
 */
export function analyzeAlignedDoubleQuantization(input: Uint8Array | DctCoefficients): ForensicResult {
  const read = lumaCoefficients(input, KERNEL);
  if (!read.ok) return read.result;
  const luma = read.luma;
  const started = performance.now();
  const adq = computeAdq1(luma);
  const primary: (PrimaryStep | null)[] = adq.frequencies.map((f) => estimatePrimaryStep(f, luma.quantTable[f.index]!));
  const confirmed = primary.filter((p) => p !== null).length;
  const score = confirmed / ADQ1_FREQUENCIES;
  const indices: number[] = [];
  const steps: number[] = [];
  primary.forEach((p, k) => {
    if (p) {
      indices.push(adq.frequencies[k]!.index);
      steps.push(p.step);
    }
  });
  const fit = fitIjgQuality(indices, steps);
  const quality = fit && fit.count >= MIN_STEPS_FOR_QUALITY && fit.meanRelativeError <= MAX_QUALITY_FIT_ERROR ? fit : null;
  const features = adq1Features(adq.map, adq.width, adq.height);

  const indicators: ForensicIndicator[] = [...damageIndicator(KERNEL, luma.warnings)];
  if (score >= MIN_SCORE_FOR_INDICATOR) {
    const qualityText = quality
      ? `; the primary steps fit IJG quality ${quality.quality} (mean deviation ${Math.round(quality.meanRelativeError * 100)} %)`
      : '';
    indicators.push({
      kind: `${KERNEL}.double-compression`,
      severity: 'notice',
      score,
      region: null,
      summary:
        `${confirmed} of ${ADQ1_FREQUENCIES} low-frequency DCT histograms show the value pattern of aligned double JPEG compression${qualityText}: ` +
        'the image was JPEG-compressed before on the same 8x8 grid (re-saving, editing, or platform recompression)',
      attributes: { confirmedFrequencies: confirmed, primaryQuality: quality?.quality ?? null },
    });
  }
  const map32 = Float32Array.from(adq.map);
  if (score >= MIN_SCORE_FOR_REGIONS) indicators.push(...regionIndicators(map32, adq.width, adq.height, luma.width, luma.height, score));

  return {
    score,
    indicators,
    maps: {
      adq1: blockMap(adq.width, adq.height, map32, 'probability that the block does not follow the double-quantization pattern (Lin et al. 2009)', [0, 1]),
    },
    metrics: {
      blocksWide: adq.width,
      blocksHigh: adq.height,
      frequencies: adq.frequencies.map((f, k) => ({
        index: f.index,
        period: f.period,
        secondaryStep: luma.quantTable[f.index],
        primaryStep: primary[k]?.step ?? null,
        pattern: primary[k]?.kind ?? null,
        patternRatio: primary[k]?.ratio ?? null,
      })),
      primaryQuality: quality?.quality ?? null,
      primaryQualityFit: fit,
      featureVector: features,
      milliseconds: performance.now() - started,
    },
  };
}

function regionIndicators(map: Float32Array, width: number, height: number, imageWidth: number, imageHeight: number, score: number): ForensicIndicator[] {
  const smooth = boxMean(map, width, height, SMOOTHING_RADIUS);
  const mask = new Uint8Array(smooth.length);
  for (let i = 0; i < smooth.length; i++) mask[i] = smooth[i]! > REGION_THRESHOLD ? 1 : 0;
  const regions = findRegions(mask, map, width, height, { cellSize: 8, imageWidth, imageHeight, minCells: MIN_REGION_BLOCKS, maxRegions: MAX_REGIONS });
  if (regions.length === 0) return [];
  const outside = meanOutside(map, width, height, regions);
  return regions.map((r) => ({
    kind: `${KERNEL}.off-pattern-region`,
    severity: r.mean >= WARNING_REGION_MEAN && score >= WARNING_MIN_SCORE ? 'warning' : 'notice',
    score: r.mean,
    region: r.box,
    summary:
      `${r.cells} blocks here do not follow the double-quantization pattern of the rest of the image (mean ADQ1 probability ${r.mean.toFixed(2)} inside, ${outside.toFixed(2)} outside): ` +
      'content not compressed with the image\'s earlier JPEG grid and quality, as pasted or re-rendered content is; blocks with clipped (saturated) colours or almost no texture can also score high',
    attributes: { blocks: r.cells, meanInside: r.mean, meanOutside: outside, peak: r.peak },
  }));
}
