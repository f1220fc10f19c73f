/**
 * Error level analysis (ELA): re-save the image as JPEG and measure, per pixel, how much it changes.
 * Content that already went through JPEG at (or below) that quality on the same 8x8 grid changes
 * little; content with another history (pasted from a never-compressed source, or from a JPEG on another
 * grid) changes more.
 *
 * Krawetz, "A picture's worth: digital image analysis and forensics", Black Hat 2007. The map follows
 * pyIFD's `ELA` (port of Zampoglou et al.'s MATLAB image-forensics toolbox): re-save at quality 90 with
 * IJG tables and 4:2:0 chroma, |original - re-saved| per channel, mean over R, G, B (x 15 there).
 */
import type { ForensicIndicator, ForensicResult, GrayImage, RgbImage } from '../types';
import { quantile } from './block-stats';
import { type ChromaSubsampling, jpegRoundTrip } from './jpeg-roundtrip';
import { elaPass } from './ela-pass';
import { outlierRegions } from './outlier-regions';
import { channelCount, tooSmallResult } from './raster-input';
import { coarseTexture, textureBaseline } from './texture-baseline';

export interface ElaOptions {
  /** IJG quality of the re-save. Default 90 (pyIFD's and the Zampoglou toolbox's default). */
  readonly quality?: number;
  /** Chroma subsampling of the re-save. Default '4:2:0' (libjpeg's default, what pyIFD's OpenCV writes). */
  readonly chromaSubsampling?: ChromaSubsampling;
  /** How the map combines channels: 'mean' (default, pyIFD's Flatten) or 'max' of |difference| over R, G, B. */
  readonly channelReduce?: 'mean' | 'max';
  /** Multiplier applied to the map values (display gain; pyIFD uses 15). Default 1: map in 8-bit levels. */
  readonly scale?: number;
  /** Side in pixels of the blocks whose mean luma residual is compared with the image's. Default 16. */
  readonly blockSize?: number;
}

/** Fewer blocks than this on a side give no usable block statistics. */
const MIN_BLOCKS_PER_SIDE = 4;

/**
 * Local rule on block means of the luma residual (8-bit levels):
 * - ratio 2 and robust z 4: a block's residual must be at least twice the image median and far outside
 *   the spread of all blocks (z 4 is past the 99.99th percentile of a normal distribution);
 * - floor 0.5 level: the median is raised to half a level before ratios are taken, because rounding
 *   decoded pixels to 8 bits alone changes a re-saved JPEG by about that much; below it ratios are noise.
 * On generated single-compressed scenes (q80..98, re-saved at 90) no block reached 3x; spliced
 * never-compressed content reached about 4-5x (see ela.test.ts).
 */
const RULE = { ratio: 2, z: 4, floor: 0.5, lowSide: false } as const;
/**
 * Blocks are compared with blocks of similar coarse texture (8 equal-count bands, see texture-baseline.ts):
 * edges and text raise the ELA residual whatever the history, so the whole-image median would flag them.
 */
const TEXTURE_BINS = 8;
/** A region is a 'warning' at ratio >= 3 over >= 4 blocks (a 32x32 px area at 16 px blocks); else a 'notice'. */
const WARNING_RATIO = 3;
const WARNING_CELLS = 4;
/** At most this many regions are reported (strongest first); more usually means texture, not edits. */
const MAX_REGIONS = 8;

/**
 * Error level analysis of a decoded image (gray or RGB, full resolution).
 *
 * Map `ela` (cellSize 1): |original - re-saved| per pixel, combined over channels by `channelReduce`,
 * times `scale` (pyIFD's map is this with scale 15). Indicators `ela.local-outlier`: regions of
 * `blockSize` blocks whose mean luma residual is >= 2x the median residual of blocks with similar
 * coarse texture and a robust outlier (z >= 4); indicator score = 1 - 1/ratio (0.5 at 2x, 0.75 at 4x). `ela.low-contrast` (info)
 * when re-saving changed the image by less than the floor almost everywhere (it was last saved at about
 * this quality or below, so ELA at this quality shows little). Image score: strongest indicator score, 0
 * when there is none. High residual can also come from strong fine texture, text or sharp edges, or a
 * region saved fewer times than the rest; ELA does not show content pasted from a JPEG of lower quality
 * on the same grid (its residual is lower, not higher: see the ghosts kernel).
 */
export async function errorLevelAnalysis(image: RgbImage | GrayImage, options: ElaOptions = {}): Promise<ForensicResult> {
  const quality = options.quality ?? 90;
  const chromaSubsampling = options.chromaSubsampling ?? '4:2:0';
  const reduce = options.channelReduce ?? 'mean';
  const scale = options.scale ?? 1;
  const block = options.blockSize ?? 16;
  if (!(scale > 0)) throw new RangeError(`ELA scale must be positive, got ${scale}`);
  if (!(Number.isInteger(block) && block >= 4)) throw new RangeError(`ELA blockSize must be an integer >= 4, got ${block}`);
  const small = tooSmallResult(image, block * MIN_BLOCKS_PER_SIDE, 'ela.not-measured', 'Error level analysis');
  if (small) return small;

  const started = performance.now();
  const channels = channelCount(image);
  const resaved = await jpegRoundTrip(image, { quality, chromaSubsampling });
  const encodeMs = performance.now() - started;
  const pass = elaPass(image, resaved, block, reduce, scale);
  const grid = pass.lumaBlocks;
  const texture = coarseTexture(pass.cells, pass.cellCols, image.width, image.height, channels === 3 ? 1000 : 1, grid);
  const baseline = textureBaseline(grid.data, texture, TEXTURE_BINS, RULE.floor, wholeBlocks(grid, image.width, image.height));
  const analysis = outlierRegions(grid, image.width, image.height, RULE, { baseline, valid: wholeBlocks(grid, image.width, image.height) });

  const indicators: ForensicIndicator[] = analysis.regions.slice(0, MAX_REGIONS).map((r) => ({
    kind: 'ela.local-outlier',
    severity: r.ratio >= WARNING_RATIO && r.cells.length >= WARNING_CELLS ? 'warning' : 'notice',
    score: 1 - 1 / r.ratio,
    region: r.box,
    summary:
      `ELA luma residual in region is ${r.ratio.toFixed(1)}x that of similarly textured blocks (re-saved at q${quality}): ` +
      'content with another compression history, or unusually fine texture or edges',
    attributes: { ratio: r.ratio, z: r.z, blocks: r.cells.length, blockSize: block, quality, medianResidual: analysis.median },
  }));
  if (analysis.median < RULE.floor && indicators.length === 0) {
    indicators.push({
      kind: 'ela.low-contrast',
      severity: 'info',
      score: 0,
      region: null,
      summary:
        `Re-saving at q${quality} changed the image by ${analysis.median.toFixed(2)} luma levels (median block): it was probably ` +
        `last saved at about q${quality} or below, so ELA at this quality shows little either way`,
      attributes: { quality, medianResidual: analysis.median },
    });
  }

  // Display range: twice the 99.9th percentile of the block means (one bright pixel must not darken the rest).
  const top = Math.max(1, quantile(grid.data, 0.999) * 2) * scale;
  return {
    score: Math.max(0, ...indicators.map((i) => i.score)),
    indicators,
    maps: {
      ela: {
        width: image.width,
        height: image.height,
        cellSize: 1,
        data: pass.map,
        scale: { unit: `${reduce} |original - re-saved at q${quality}| over channels, 8-bit levels x ${scale}`, range: [0, top], higherIsSuspicious: true },
      },
    },
    metrics: {
      quality,
      chromaSubsampling,
      channelReduce: reduce,
      scale,
      blockSize: block,
      medianBlockLumaResidual: analysis.median,
      madSigmaBlockLumaResidual: analysis.sigma,
      regionsFound: analysis.regions.length,
      encodeDecodeMs: encodeMs,
      totalMs: performance.now() - started,
    },
  };
}

/**
 * 1 for blocks wholly inside the image. Partial blocks on the right and bottom edges are left out: the
 * encoder pads the last MCU, so their residual is not comparable with the rest.
 */
function wholeBlocks(grid: { cols: number; rows: number; block: number }, width: number, height: number): Uint8Array {
  const valid = new Uint8Array(grid.cols * grid.rows);
  const fullCols = Math.floor(width / grid.block);
  const fullRows = Math.floor(height / grid.block);
  for (let r = 0; r < fullRows; r++) valid.fill(1, r * grid.cols, r * grid.cols + fullCols);
  return valid;
}
