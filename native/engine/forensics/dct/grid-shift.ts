/**
 * Grid shift / non-aligned double compression: where is the 8x8 JPEG block grid, for the whole image and
 * for every local window, and where does a region's grid disagree with the image's?
 *
 * A JPEG's block seams sit on x, y = 0 (mod 8). Cropping a decoded JPEG by (dx, dy) moves them to
 * origin (-dx, -dy) mod 8; pasting content cut from another JPEG at an offset that is not a multiple of
 * 8 brings that content's seams along at their own origin (Li, Yuan & Yu, Signal Processing 89(9), 2009;
 * Bianchi & Piva, "Detection of nonaligned double JPEG compression based on integer periodicity maps",
 * IEEE TIFS 7(2), 2012). The grid evidence per phase is the high-frequency (u = 7) DCT energy of 8-pixel
 * segments (grid-phase.ts); the global origin, the local second-grid fit and the regions are our own
 * combination of those measures, not a published detector.
 */
import type { Box, ForensicIndicator, ForensicResult, GrayImage, RgbImage } from '../types';
import { imagePhaseCells } from './grid-phase';
import type { PhaseCells } from './grid-phase';
import { ShiftedGridFitter, sumCells, windowSums } from './grid-stats';
import type { AxisGrid, MutableShiftedFit } from './grid-stats';
import { PHASE_WINDOW_LANES, PhaseWindows } from './grid-windows';
import { findRegions } from './regions';
import { blockMap, infoResult } from './results';

const KERNEL = 'jpeg.grid';
/** Fewest pixels per side: 8 cells of 8 pixels, the smallest local window the statistics need. */
const MIN_SIDE = 64;
/**
 * A phase is a grid when its energy is 8 standard errors below the other phases'. Overlapping segments
 * share pixels, so the nominal z overstates significance; 8 keeps chance minima of grid-free images out.
 */
const Z_GLOBAL = 8;
/** Local windows: (2 * 4 + 1)^2 cells = 72 x 72 pixels, about 5000 samples per axis. */
const WINDOW_RADIUS = 4;
/** A second, shifted grid is significant locally when it improves the window's profile fit by 6 standard errors. */
const Z_LOCAL = 6;
/** ...and makes up at least a fifth of the fitted V (weaker deformations are texture). */
const MIN_SHARE = 0.2;
/**
 * Relative dip of the shifted grid phase at which the image-level score saturates at 1: a JPEG's grid
 * phase typically has 40-60 % less u = 7 energy than the other phases (quality 95 to 75), no history gives ~0.
 */
const FULL_SCORE_DIP = 0.3;
/** Fewest segments a local window must have per axis (8 per phase) for its profile to be used. */
const MIN_WINDOW_SAMPLES = 64;
/** Windows clipped by the image border are used only when they keep at least 60 % of a full window's samples. */
const MIN_WINDOW_SHARE = 0.6;
/** Smallest reported region: 12 cells (e.g. 32 x 24 px; windows smear a region by their radius anyway). */
const MIN_REGION_CELLS = 12;
const MAX_REGIONS = 5;

/** Grid origin of an axis, or null when no phase is significant. */
function originOf(axis: AxisGrid): number | null {
  return axis.z >= Z_GLOBAL ? axis.phase : null;
}

/** Generic V template (minimum at phase 0) for an axis without an image grid: circular distance to the seam. */
const GENERIC_TEMPLATE = [0, 1, 2, 3, 4, 3, 2, 1].map((v) => v - 2);

/** The image's own grid profile as a zero-mean template, or the generic V when the axis has no grid. */
function templateOf(axis: AxisGrid, origin: number | null): number[] {
  if (origin === null) return GENERIC_TEMPLATE;
  const mean = axis.profile.reduce((a, b) => a + b, 0) / 8;
  // Rotate so that the template's minimum is at phase 0 (fitShiftedGrid moves it to each candidate).
  return Array.from({ length: 8 }, (_, p) => axis.profile[(p + origin) % 8]! - mean);
}

/**
 * Per cell: share (0..1) of a second, shifted grid in the local window's high-frequency phase profile,
 * where that second grid improves the fit significantly (0 elsewhere), and its phase.
 *
 * The last JPEG compression zeroes high frequencies on its own grid everywhere, so inside pasted
 * content the image's grid still shapes the profile; the pasted content's own, shifted grid adds a
 * shifted copy of that shape (or is the only grid, when the image was not recompressed). The model
 * c + a G + b G_s (grid-stats.ts) measures it.
 */
function localMisalignment(cells: PhaseCells, axes: readonly { readonly grid: AxisGrid; readonly origin: number | null }[]): { map: Float32Array; mask: Uint8Array } {
  const { cellsWide: w, cellsHigh: h } = cells;
  const map = new Float32Array(w * h);
  const mask = new Uint8Array(w * h);
  const data = [
    { sums: cells.columns, count: cells.countX, squares: cells.squaresX },
    { sums: cells.rows, count: cells.countY, squares: cells.squaresY },
  ];
  const profile = new Float64Array(8);
  const windowRow = new Float64Array(w * PHASE_WINDOW_LANES);
  const fit: MutableShiftedFit = { phase: 0, share: 0, z: 0 };
  const lanes = PHASE_WINDOW_LANES;
  data.forEach((axis, k) => {
    const { grid, origin } = axes[k]!;
    const fitter = new ShiftedGridFitter(templateOf(grid, origin), origin);
    const count = windowSums(axis.count, 1, 0, w, h, WINDOW_RADIUS);
    const windows = new PhaseWindows(axis.sums, axis.squares, w, h, WINDOW_RADIUS);
    let fullWindow = 0;
    for (let i = 0; i < w * h; i++) fullWindow = Math.max(fullWindow, count[i]!);
    const minimum = Math.max(MIN_WINDOW_SAMPLES, MIN_WINDOW_SHARE * fullWindow);
    for (let y = 0; y < h; y++) {
      windows.row(y, windowRow);
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const n = count[i]!;
        if (n < minimum) continue;
        const perPhase = n / 8;
        let total = 0;
        for (let p = 0; p < 8; p++) {
          const v = windowRow[x * lanes + p]!;
          profile[p] = v / perPhase;
          total += v;
        }
        const mean = total / n;
        const sigma = Math.sqrt(Math.max(0, windowRow[x * lanes + 8]! / n - mean * mean));
        if (sigma === 0) continue;
        if (!fitter.fitInto(profile, sigma / Math.sqrt(perPhase), fit, Z_LOCAL) || fit.z < Z_LOCAL || fit.share < MIN_SHARE) continue;
        mask[i] = 1;
        map[i] = Math.max(map[i]!, fit.share);
      }
    }
  });
  return { map, mask };
}

/** One 3x3 pass of openMask: out = 1 where all (erode) or any (dilate) in-image neighbours are set. */
function maskPass(src: Uint8Array, width: number, height: number, erode: boolean): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const ya = y > 0 ? y - 1 : y;
    const yb = y < height - 1 ? y + 1 : y;
    for (let x = 0; x < width; x++) {
      const xa = x > 0 ? x - 1 : x;
      const xb = x < width - 1 ? x + 1 : x;
      let count = 0;
      for (let yy = ya; yy <= yb; yy++) for (let xx = xa; xx <= xb; xx++) count += src[yy * width + xx]!;
      const total = (yb - ya + 1) * (xb - xa + 1);
      out[y * width + x] = (erode ? count === total : count > 0) ? 1 : 0;
    }
  }
  return out;
}

/** Morphological opening (3x3 erosion, then 3x3 dilation): drops mask strips thinner than 3 cells (window-edge effects). */
function openMask(mask: Uint8Array, width: number, height: number): Uint8Array {
  return maskPass(maskPass(mask, width, height, true), width, height, false);
}

/** Phase of the second grid of a region (fit on the region's summed profile), per axis; null where none is significant. */
function regionOrigin(cells: PhaseCells, box: Box, axes: readonly { readonly grid: AxisGrid; readonly origin: number | null }[]): { x: number | null; y: number | null } {
  const local = sumCells(cells, box.x, box.y, box.x + box.width, box.y + box.height);
  const [x, y] = [local.x, local.y].map((axis, k) => {
    const { grid, origin } = axes[k]!;
    const perPhase = axis.count / 8;
    if (perPhase <= 0 || axis.sigma <= 0) return null;
    const fit = new ShiftedGridFitter(templateOf(grid, origin), origin).fit(axis.profile, axis.sigma / Math.sqrt(perPhase));
    return fit !== null && fit.z >= Z_LOCAL && fit.share >= MIN_SHARE ? fit.phase : null;
  });
  return { x: x ?? null, y: y ?? null };
}

/**
 * Estimates the 8x8 block grid of a decoded image (RGB or gray, stored orientation, e.g. a JPEG decoded
 * without applying EXIF rotation), globally and per 72-pixel window (see grid-phase.ts for the measure).
 *
 * Map `grid-misalignment` (cellSize 8): per cell, the relative amount (0..1) by which the local window's
 * grid phase has less high-frequency energy than the image's grid phase; 0 where the window follows the
 * image's grid, has no grid of its own, or the difference is not significant. A region carrying its own
 * shifted grid (content spliced from another JPEG at a non-multiple-of-8 offset) lights up.
 *
 * Score: 0 when the image's grid is at origin (0, 0) or absent; otherwise the relative dip of the
 * shifted grid phase, reaching 1 at 0.3: evidence that the image was cropped (by `cropShift` pixels, mod 8)
 * after its last JPEG compression. Metrics: `origin` (grid seams at x = origin.x, y = origin.y mod 8, i.e.
 * blocks start there; null on an axis without a significant grid), `cropShift` = (8 - origin) mod 8, and
 * per-axis profiles, dips and z-scores. Region indicators score their mean map value.
 */
export function analyzeGridShift(image: RgbImage | GrayImage): ForensicResult {
  if (image.width < MIN_SIDE || image.height < MIN_SIDE) {
    return infoResult(`${KERNEL}.not-applicable`, `image is ${image.width}x${image.height} pixels; grid analysis needs at least ${MIN_SIDE} per side`);
  }
  const started = performance.now();
  const cells = imagePhaseCells(image);
  const global = sumCells(cells, 0, 0, cells.cellsWide, cells.cellsHigh);
  const ox = originOf(global.x);
  const oy = originOf(global.y);
  const shifted = [ox !== null && ox !== 0 ? global.x : null, oy !== null && oy !== 0 ? global.y : null].filter((a): a is AxisGrid => a !== null);
  const shiftDip = Math.max(0, ...shifted.map((a) => a.dip));
  const score = Math.min(1, shiftDip / FULL_SCORE_DIP);
  const cropShift = { x: ox === null ? null : (8 - ox) % 8, y: oy === null ? null : (8 - oy) % 8 };
  const { map, mask } = localMisalignment(cells, [
    { grid: global.x, origin: ox },
    { grid: global.y, origin: oy },
  ]);

  const indicators: ForensicIndicator[] = [];
  if (shifted.length > 0) {
    indicators.push({
      kind: `${KERNEL}.shifted`,
      severity: 'notice',
      score,
      region: null,
      summary:
        `The image's 8x8 JPEG block grid starts at (${ox ?? 'none'}, ${oy ?? 'none'}), not (0, 0): the grid phase has ${Math.round(shiftDip * 100)} % less ` +
        `high-frequency energy than the others. Consistent with cropping by (${cropShift.x ?? '-'}, ${cropShift.y ?? '-'}) pixels (mod 8) after a JPEG compression`,
      attributes: { origin: { x: ox, y: oy }, cropShift, dip: { x: global.x.dip, y: global.y.dip } },
    });
  }
  for (const [name, axis, origin] of [['x', global.x, ox], ['y', global.y, oy]] as const) {
    if (origin === null || axis.secondZ < Z_GLOBAL) continue;
    indicators.push({
      kind: `${KERNEL}.second-grid`,
      severity: 'notice',
      score: Math.min(1, axis.secondZ / (axis.z + axis.secondZ)),
      region: null,
      summary:
        `Besides the grid at ${name} = ${axis.phase} (mod 8), phase ${name} = ${axis.secondPhase} is a second local minimum of high-frequency energy, ${axis.secondZ.toFixed(0)} standard errors deep: ` +
        'a second JPEG grid, as left by compression, cropping (or splicing) and compression again',
      attributes: { axis: name, phase: axis.phase, secondPhase: axis.secondPhase, z: axis.z, secondZ: axis.secondZ },
    });
  }
  const regions = findRegions(openMask(mask, cells.cellsWide, cells.cellsHigh), map, cells.cellsWide, cells.cellsHigh, {
    cellSize: 8,
    imageWidth: image.width,
    imageHeight: image.height,
    minCells: MIN_REGION_CELLS,
    maxRegions: MAX_REGIONS,
  });
  for (const r of regions) {
    const local = regionOrigin(cells, r.cellBox, [
      { grid: global.x, origin: ox },
      { grid: global.y, origin: oy },
    ]);
    indicators.push({
      kind: `${KERNEL}.shifted-region`,
      severity: 'warning',
      score: r.mean,
      region: r.box,
      summary:
        `Here a second 8x8 grid starts at (${local.x ?? ox ?? 'none'}, ${local.y ?? oy ?? 'none'}) while the image's starts at (${ox ?? 'none'}, ${oy ?? 'none'}) ` +
        `(it makes up ${Math.round(r.mean * 100)} % of the local blocking pattern): content with its own JPEG grid, as content pasted from another JPEG at an offset that is not a multiple of 8`,
      attributes: { localOrigin: { x: local.x ?? ox, y: local.y ?? oy }, imageOrigin: { x: ox, y: oy }, cells: r.cells, meanShare: r.mean },
    });
  }
  return {
    score,
    indicators,
    maps: {
      'grid-misalignment': blockMap(cells.cellsWide, cells.cellsHigh, map, "relative high-frequency energy deficit of a local 8x8 grid phase other than the image's", [0, 1]),
    },
    metrics: {
      origin: { x: ox, y: oy },
      cropShift,
      x: global.x,
      y: global.y,
      milliseconds: performance.now() - started,
    },
  };
}
