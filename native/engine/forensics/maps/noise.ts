/**
 * Noise-level inconsistency: a region whose sensor/grain noise differs from the rest of the image
 * (pasted from another picture, airbrushed, or with noise added to hide an edit) shows up as a local
 * noise level far from the image's own. Block noise sigma by Donoho's MAD estimator on the diagonal
 * Haar detail (see noise-level.ts), compared with the image median (Mahdian & Saic, "Using noise
 * inconsistencies for blind image forensics", Image Vis. Comput. 27(10), 2009, use the same estimator).
 */
import type { ForensicIndicator, ForensicResult, GrayImage, RgbImage } from '../types';
import { noiseLevels } from './noise-level';
import { outlierRegions } from './outlier-regions';
import { tooSmallResult } from './raster-input';
import { coarseTexture, textureBaseline } from './texture-baseline';

export interface NoiseOptions {
  /** Block side in pixels (a multiple of 4). Default 32: 256 Haar coefficients per block, sigma within about 7 %. */
  readonly blockSize?: number;
}

/** Fewer measurable blocks than this on a side give no usable image-wide statistics. */
const MIN_BLOCKS_PER_SIDE = 4;
/**
 * A block is flagged when its sigma is >= 2x (or <= 1/2) the image median and a robust outlier (z >= 4).
 * 2x: the MAD estimate from 256 Gaussian coefficients has a relative standard error of about 7 %, so
 * sampling alone stays well inside +-25 %; content (fine texture, edges) moves it further, and
 * doubling is what an added or removed noise layer of similar strength to the original produces.
 * Floor 0.5 level: the median is raised to it before ratios are taken, because 8-bit rounding alone
 * leaves sigma 0.29 and JPEG flattens smooth areas to about zero noise.
 */
const RULE = { ratio: 2, z: 4, floor: 0.5, lowSide: true } as const;
/**
 * Blocks are compared with blocks of similar coarse texture (8 equal-count bands, texture-baseline.ts):
 * JPEG removes noise from smooth areas far more than from textured ones, so after compression the
 * whole-image median would flag textured areas as noisy.
 */
const TEXTURE_BINS = 8;
/**
 * 'warning' for a high-noise region of >= 2 blocks at >= 2.5x; low-noise regions are at most a
 * 'notice', because smooth content and JPEG quantisation lower the estimate without any edit.
 */
const WARNING_RATIO = 2.5;
const WARNING_CELLS = 2;
/**
 * Below a median sigma of 1 level the image's own noise is mostly gone (strong JPEG compression, or a
 * clean synthetic image): what is left measures which coefficients survived quantisation, not noise,
 * so nothing is raised above 'notice' and an 'info' indicator says so. (On generated scenes: q75 gave
 * median 0.74 and texture-driven 3x regions; q90 gave about 2.)
 */
const RELIABLE_MEDIAN = 1;
/** Regions over more than a third of the measured blocks are not local and are not reported. */
const MAX_REGION_FRACTION = 1 / 3;
/** At most this many regions are reported (strongest first). */
const MAX_REGIONS = 8;

/**
 * Noise-level map and inconsistency indicators of a decoded image (gray or RGB, full resolution; luma).
 *
 * Map `noise` (cellSize = blockSize): estimated noise sigma per block in 8-bit luma levels (0 where not
 * measurable: partial edge blocks, mostly clipped blocks). Indicators `noise.inconsistent-level`:
 * regions whose sigma is >= 2x or <= 0.5x the median sigma of blocks with similar coarse texture and a
 * robust outlier; score =
 * 1 - 1/r with r = max(ratio, 1/ratio); only high-noise regions can be 'warning', and only when the
 * image median sigma is at least 1 level (`noise.low-signal` info otherwise). Image score: strongest indicator score, 0 without one. Fine
 * texture (foliage, fabric, halftone print) reads as high noise; smooth, out-of-focus or heavily
 * compressed areas read as low noise.
 */
export function noiseInconsistency(image: RgbImage | GrayImage, options: NoiseOptions = {}): ForensicResult {
  const block = options.blockSize ?? 32;
  if (!(Number.isInteger(block) && block >= 8 && block % 4 === 0)) throw new RangeError(`noise blockSize must be a multiple of 4, >= 8, got ${block}`);
  const small = tooSmallResult(image, block * MIN_BLOCKS_PER_SIDE, 'noise.not-measured', 'Noise-level analysis');
  if (small) return small;

  const started = performance.now();
  const levels = noiseLevels(image, block);
  const { grid, valid } = levels;
  const texture = coarseTexture(levels.cells, levels.cellCols, image.width, image.height, 1, grid);
  const baseline = textureBaseline(grid.data, texture, TEXTURE_BINS, RULE.floor, valid);
  const analysis = outlierRegions(grid, image.width, image.height, RULE, { baseline, valid });
  const reliable = analysis.median >= RELIABLE_MEDIAN;
  let measured = 0;
  for (const v of valid) measured += v;
  // A "region" over most of the image is the image's own make-up (e.g. mostly flat graphics), not a local inconsistency.
  const local = analysis.regions.filter((r) => r.cells.length <= MAX_REGION_FRACTION * measured);
  const indicators: ForensicIndicator[] = local.slice(0, MAX_REGIONS).map((r) => {
    const strength = r.side === 'high' ? r.ratio : 1 / r.ratio;
    const warning = reliable && r.side === 'high' && r.ratio >= WARNING_RATIO && r.cells.length >= WARNING_CELLS;
    return {
      kind: 'noise.inconsistent-level',
      severity: warning ? 'warning' : 'notice',
      score: 1 - 1 / strength,
      region: r.box,
      summary:
        r.side === 'high'
          ? `Noise level in region is ${r.ratio.toFixed(1)}x that of similarly textured blocks: noise added or content from another source, or fine texture`
          : `Noise level in region is ${r.ratio.toFixed(2)}x that of similarly textured blocks: smoothed or retouched, content from another source, or simply smooth or flat content`,
      attributes: { ratio: r.ratio, side: r.side, z: r.z, blocks: r.cells.length, blockSize: block, medianSigma: analysis.median },
    };
  });

  if (!reliable) {
    indicators.push({
      kind: 'noise.low-signal',
      severity: 'info',
      score: 0,
      region: null,
      summary: `Median noise level is ${analysis.median.toFixed(2)} luma levels: too little noise left (strong compression or a clean source) for noise comparisons to be reliable`,
      attributes: { medianSigma: analysis.median, reliableFrom: RELIABLE_MEDIAN },
    });
  }
  return {
    score: Math.max(0, ...indicators.map((i) => i.score)),
    indicators,
    maps: {
      noise: {
        width: grid.cols,
        height: grid.rows,
        cellSize: block,
        data: grid.data,
        scale: { unit: 'noise sigma, 8-bit luma levels (MAD of diagonal Haar detail / 0.6745)', range: [0, Math.max(1, 4 * Math.max(analysis.median, RULE.floor))], higherIsSuspicious: true },
      },
    },
    metrics: { blockSize: block, medianSigma: analysis.median, madSigma: analysis.sigma, measuredBlocks: measured, regionsFound: analysis.regions.length, totalMs: performance.now() - started },
  };
}
