/**
 * Texture-conditioned baseline for block measurements that grow with image content (the ELA residual
 * is larger at edges and text whatever the image's history): each block is compared with blocks of
 * similar coarse texture instead of with the whole image.
 */
import type { BlockGrid } from './block-stats';
import { median } from './block-stats';
import { TEXTURE_CELL } from './ela-pass';

/**
 * Coarse texture per block: mean |horizontal| + |vertical| difference between neighbouring 4x4-cell
 * luma means (cell sums from elaPass; `unit` is what one pixel's luma adds to a sum, 1000 for RGB).
 * Averaging first makes it measure edges and shapes, which survive JPEG at any usual quality, and not
 * pixel noise, which differs with compression history (the very thing ELA looks for). Only whole cells
 * are used.
 */
export function coarseTexture(cells: Float64Array, cellCols: number, width: number, height: number, unit: number, grid: BlockGrid): Float32Array {
  const fullW = Math.floor(width / TEXTURE_CELL);
  const fullH = Math.floor(height / TEXTURE_CELL);
  const out = new Float32Array(grid.cols * grid.rows);
  const inv = 1 / (TEXTURE_CELL * TEXTURE_CELL * unit);
  for (let y = 0; y + 1 < fullH; y++) {
    const r = Math.floor((y * TEXTURE_CELL) / grid.block) * grid.cols;
    for (let x = 0; x + 1 < fullW; x++) {
      const c = cells[y * cellCols + x]!;
      const g = Math.abs(cells[y * cellCols + x + 1]! - c) + Math.abs(cells[(y + 1) * cellCols + x]! - c);
      out[r + Math.floor((x * TEXTURE_CELL) / grid.block)]! += g * inv;
    }
  }
  return out;
}

/**
 * Expected value of each block given its texture: blocks are sorted by `texture` and cut into `bins`
 * equal-count bins; a block's baseline is the median value of its bin, raised to `floor`. With 8 bins a
 * region must fill over half of one bin (over 6 % of all blocks, in one texture band) to move its own
 * baseline. Blocks with `valid[i] === 0` take no part (their baseline is `floor`).
 */
export function textureBaseline(values: Float32Array, texture: Float32Array, bins: number, floor: number, valid?: Uint8Array): Float32Array {
  const baseline = new Float32Array(values.length).fill(floor);
  const members: number[] = [];
  for (let i = 0; i < values.length; i++) if (!valid || valid[i]) members.push(i);
  const order = Uint32Array.from(members).sort((a, b) => texture[a]! - texture[b]!);
  const n = order.length;
  const part = new Float64Array(Math.ceil(n / bins) + 1);
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * n) / bins);
    const hi = Math.floor(((b + 1) * n) / bins);
    if (hi <= lo) continue;
    for (let i = lo; i < hi; i++) part[i - lo] = values[order[i]!]!;
    const m = Math.max(floor, median(part.subarray(0, hi - lo)));
    for (let i = lo; i < hi; i++) baseline[order[i]!] = m;
  }
  return baseline;
}
