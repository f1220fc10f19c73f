/**
 * Local noise level by Donoho's robust wavelet estimator: sigma = median(|HH|) / 0.6745, HH being the
 * finest-scale diagonal Haar wavelet coefficients (Donoho & Johnstone, "Ideal spatial adaptation by
 * wavelet shrinkage", Biometrika 81(3), 1994). HH is nearly blind to smooth shading and to horizontal
 * or vertical edges, and the median ignores the minority of coefficients that sit on other edges.
 */
import type { GrayImage, RgbImage } from '../types';
import { type BlockGrid, medianInPlace } from './block-stats';
import { TEXTURE_CELL } from './ela-pass';
import { channelCount } from './raster-input';

/** 0.6745 = Phi^-1(3/4): median |x| of a standard normal variable. */
const MAD_TO_SIGMA = 1 / 0.6745;
/** Pixel values at or beyond these are treated as clipped (no noise can show there). */
const CLIP_LOW = 2;
const CLIP_HIGH = 253;
/** A block with more than this fraction of clipped pixels gets no estimate (marked invalid). */
const MAX_CLIPPED = 0.25;

export interface NoiseLevels {
  /** Sigma per block, 8-bit luma levels. */
  readonly grid: BlockGrid;
  /** 1 where the block could be measured (whole block, not mostly clipped). */
  readonly valid: Uint8Array;
  /** Luma sums per TEXTURE_CELL x TEXTURE_CELL cell (whole blocks only), for the coarse texture measure. */
  readonly cells: Float64Array;
  readonly cellCols: number;
}

/**
 * Noise sigma of the luma (BT.601) per `block` x `block` cell (block even). Cells that do not fit
 * wholly in the image, or are mostly clipped, are marked invalid. `block` must be a multiple of 4 (texture cells).
 */
export function noiseLevels(image: GrayImage | RgbImage, block: number): NoiseLevels {
  const { width, height } = image;
  const cols = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const data = new Float32Array(cols * rows);
  const valid = new Uint8Array(cols * rows);
  const rgb = channelCount(image) === 3;
  const src = image.data;
  const m = (block / 2) * (block / 2);
  const hh = new Float64Array(m);
  const cellCols = Math.ceil(width / TEXTURE_CELL);
  const cells = new Float64Array(cellCols * Math.ceil(height / TEXTURE_CELL));
  // Luma of one block row at a time (block x width floats), so each pixel is converted once.
  const luma = new Float32Array(block * width);
  const fullCols = Math.floor(width / block);
  for (let r = 0; r < rows; r++) {
    if ((r + 1) * block > height) continue;
    const top = r * block;
    const n = block * width;
    if (rgb) {
      for (let i = 0, j = top * width * 3; i < n; i++, j += 3) luma[i] = 0.299 * src[j]! + 0.587 * src[j + 1]! + 0.114 * src[j + 2]!;
    } else {
      for (let i = 0, j = top * width; i < n; i++, j++) luma[i] = src[j]!;
    }
    for (let c = 0; c < fullCols; c++) {
      let k = 0;
      let clipped = 0;
      for (let y = 0; y < block; y += 2) {
        const cellRow = Math.floor((top + y) / TEXTURE_CELL) * cellCols;
        for (let x = c * block; x < (c + 1) * block; x += 2) {
          const i = y * width + x;
          const a = luma[i]!;
          const b = luma[i + 1]!;
          const d = luma[i + width]!;
          const e = luma[i + width + 1]!;
          // Orthonormal Haar diagonal detail of the 2x2 cell.
          const v = (a - b - d + e) / 2;
          hh[k++] = v < 0 ? -v : v;
          cells[cellRow + Math.floor(x / TEXTURE_CELL)]! += a + b + d + e;
          clipped += (a <= CLIP_LOW || a >= CLIP_HIGH ? 1 : 0) + (b <= CLIP_LOW || b >= CLIP_HIGH ? 1 : 0);
          clipped += (d <= CLIP_LOW || d >= CLIP_HIGH ? 1 : 0) + (e <= CLIP_LOW || e >= CLIP_HIGH ? 1 : 0);
        }
      }
      if (clipped > MAX_CLIPPED * block * block) continue;
      data[r * cols + c] = medianInPlace(hh, m) * MAD_TO_SIGMA;
      valid[r * cols + c] = 1;
    }
  }
  return { grid: { cols, rows, block, data }, valid, cells, cellCols };
}
