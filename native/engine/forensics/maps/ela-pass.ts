/**
 * One pass over an image and its re-saved copy that produces everything ELA needs: the per-pixel map,
 * block means of the luma residual, and 4x4-cell luma sums for the texture measure. One pass because at
 * 12 MP each separate full-image loop costs tens of milliseconds.
 */
import type { GrayImage, RgbImage } from '../types';
import type { BlockGrid } from './block-stats';
import { channelCount } from './raster-input';

/** Side of the luma cells summed for the coarse texture measure (see texture-baseline.ts). */
export const TEXTURE_CELL = 4;

export interface ElaPass {
  /** |original - re-saved| per pixel, mean or max over channels, times scale. */
  readonly map: Float32Array;
  /**
   * Mean |Y(original) - Y(re-saved)| per block, Y = BT.601 luma (JPEG's Y). Luma because a 4:2:0
   * re-save changes chroma at every colour edge (decoder upsampling and encoder downsampling are not
   * inverse), which brightens colour edges in the RGB map whatever the history; Y of the decoded RGB is
   * the decoded Y up to rounding and clipping, so the luma difference cancels that.
   */
  readonly lumaBlocks: BlockGrid;
  /** Sum of original luma (x 1000 for RGB, integer BT.601 weights) per TEXTURE_CELL x TEXTURE_CELL cell. */
  readonly cells: Float64Array;
  readonly cellCols: number;
  readonly cellRows: number;
}

export function elaPass(image: GrayImage | RgbImage, resaved: Uint8Array, block: number, reduce: 'mean' | 'max', scale: number): ElaPass {
  const { width, height } = image;
  const rgb = channelCount(image) === 3;
  const cols = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const cellCols = Math.ceil(width / TEXTURE_CELL);
  const cellRows = Math.ceil(height / TEXTURE_CELL);
  const cells = new Float64Array(cellCols * cellRows);
  const sums = new Float64Array(cols * rows);
  const map = new Float32Array(width * height);
  // Column-wise accumulators, folded into blocks / cells when a block row / cell row is complete: keeps
  // the per-pixel loop free of index arithmetic (integer BT.601 weights x 1000 keep it in integers).
  const lumaCol = new Float64Array(width);
  const yCol = new Float64Array(width);
  const src = image.data;
  for (let y = 0; y < height; y++) {
    const o = y * width;
    if (rgb) rgbRow(src, resaved, map, lumaCol, yCol, o, width, reduce === 'mean', scale);
    else grayRow(src, resaved, map, lumaCol, yCol, o, width, scale);
    if ((y + 1) % TEXTURE_CELL === 0 || y + 1 === height) {
      foldColumns(yCol, cells, Math.floor(y / TEXTURE_CELL) * cellCols, TEXTURE_CELL, width);
    }
    if ((y + 1) % block === 0 || y + 1 === height) foldColumns(lumaCol, sums, Math.floor(y / block) * cols, block, width);
  }
  const lumaScale = rgb ? 1000 : 1;
  const data = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const h = Math.min(block, height - r * block);
    for (let c = 0; c < cols; c++) data[r * cols + c] = sums[r * cols + c]! / (lumaScale * Math.min(block, width - c * block) * h);
  }
  return { map, lumaBlocks: { cols, rows, block, data }, cells, cellCols, cellRows };
}

/** Adds column accumulators into groups of `size` columns of `out` starting at `base`, then clears them. */
function foldColumns(acc: Float64Array, out: Float64Array, base: number, size: number, width: number): void {
  for (let x0 = 0, c = base; x0 < width; x0 += size, c++) {
    const x1 = Math.min(width, x0 + size);
    let s = 0;
    for (let x = x0; x < x1; x++) s += acc[x]!;
    out[c]! += s;
  }
  acc.fill(0);
}

function rgbRow(src: Uint8Array, re: Uint8Array, map: Float32Array, lumaCol: Float64Array, yCol: Float64Array, o: number, width: number, mean: boolean, scale: number): void {
  const meanGain = scale / 3;
  for (let x = 0, i = o, j = o * 3; x < width; x++, i++, j += 3) {
    const r = src[j]!;
    const g = src[j + 1]!;
    const b = src[j + 2]!;
    const dr = r - re[j]!;
    const dg = g - re[j + 1]!;
    const db = b - re[j + 2]!;
    const ar = dr < 0 ? -dr : dr;
    const ag = dg < 0 ? -dg : dg;
    const ab = db < 0 ? -db : db;
    map[i] = mean ? (ar + ag + ab) * meanGain : Math.max(ar, ag, ab) * scale;
    const dy = 299 * dr + 587 * dg + 114 * db;
    lumaCol[x]! += dy < 0 ? -dy : dy;
    yCol[x]! += 299 * r + 587 * g + 114 * b;
  }
}

function grayRow(src: Uint8Array, re: Uint8Array, map: Float32Array, lumaCol: Float64Array, yCol: Float64Array, o: number, width: number, scale: number): void {
  for (let x = 0, i = o; x < width; x++, i++) {
    const v = src[i]!;
    const d = v - re[i]!;
    const a = d < 0 ? -d : d;
    map[i] = a * scale;
    lumaCol[x]! += a;
    yCol[x]! += v;
  }
}
