/**
 * Turning a block map into indicator regions: local mean smoothing, connected components of the cells
 * that pass a test, and their bounding boxes in image pixels. Shared by the DCT and blocking kernels.
 */
import type { Box } from '../types';

/** A connected group of map cells. */
export interface CellRegion {
  /** Bounding box in image pixels (clipped to the image). */
  readonly box: Box;
  /** Number of cells in the component (not the box). */
  readonly cells: number;
  /** Mean and maximum of `values` over the component's cells. */
  readonly mean: number;
  readonly peak: number;
  /** Bounding box in map cells. */
  readonly cellBox: Box;
}

/** Mean over the (2 radius + 1)^2 window around each cell (windows clipped at the borders), via an integral image. */
export function boxMean(values: ArrayLike<number>, width: number, height: number, radius: number): Float32Array {
  const stride = width + 1;
  const integral = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += values[y * width + x]!;
      integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1]! + row;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      const sum = integral[y1 * stride + x1]! - integral[y0 * stride + x1]! - integral[y1 * stride + x0]! + integral[y0 * stride + x0]!;
      out[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/**
 * 4-connected components of the cells with `mask` set, at least `minCells` large, largest first, at
 * most `maxRegions`. `values` supplies the per-region mean and peak; `cellSize` and the image size map
 * cells to pixels.
 */
export function findRegions(
  mask: Uint8Array,
  values: ArrayLike<number>,
  width: number,
  height: number,
  options: { readonly cellSize: number; readonly imageWidth: number; readonly imageHeight: number; readonly minCells: number; readonly maxRegions: number },
): CellRegion[] {
  const label = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const regions: CellRegion[] = [];
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start]) continue;
    next++;
    let top = 0;
    stack[top++] = start;
    label[start] = next;
    let cells = 0;
    let sum = 0;
    let peak = -Infinity;
    let minX = width;
    let minY = height;
    let maxX = -1;
    let maxY = -1;
    while (top > 0) {
      const i = stack[--top]!;
      const x = i % width;
      const y = (i - x) / width;
      cells++;
      const v = values[i]!;
      sum += v;
      if (v > peak) peak = v;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const neighbours = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1];
      for (const j of neighbours) {
        if (j >= 0 && mask[j] && !label[j]) {
          label[j] = next;
          stack[top++] = j;
        }
      }
    }
    if (cells < options.minCells) continue;
    const s = options.cellSize;
    const px = minX * s;
    const py = minY * s;
    regions.push({
      box: { x: px, y: py, width: Math.min(options.imageWidth, (maxX + 1) * s) - px, height: Math.min(options.imageHeight, (maxY + 1) * s) - py },
      cells,
      mean: sum / cells,
      peak,
      cellBox: { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 },
    });
  }
  regions.sort((a, b) => b.cells - a.cells);
  return regions.slice(0, options.maxRegions);
}

/** Mean of `values` over the cells outside all `regions`' components (approximated by their boxes). */
export function meanOutside(values: ArrayLike<number>, width: number, height: number, regions: readonly CellRegion[]): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = regions.some((r) => x >= r.cellBox.x && x < r.cellBox.x + r.cellBox.width && y >= r.cellBox.y && y < r.cellBox.y + r.cellBox.height);
      if (inside) continue;
      sum += values[y * width + x]!;
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}
