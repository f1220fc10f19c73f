/**
 * High-frequency energy per grid phase: for every 8-pixel row segment starting at x (and column
 * segment starting at y), the magnitude of its highest 1-D DCT coefficient (u = 7), summed per 8x8 cell
 * by the segment's phase x mod 8 (y mod 8).
 *
 * Why this finds the JPEG grid: a decoded JPEG block is a sum of 2-D DCT basis functions whose
 * high-frequency coefficients were mostly quantized to zero, so a row segment that coincides with a
 * block row has (almost) no u = 7 content; a segment straddling a block seam contains the seam and the
 * mismatch of two blocks, and has much more. The mean |c7| per phase is V-shaped with its minimum at the
 * grid origin; content without a JPEG history gives a flat profile. (The same property of aligned
 * block DCTs underlies the grid estimation of Bianchi & Piva, IEEE TIFS 7(2), 2012, and the zero-
 * coefficient counting of Luo, Huang & Qiu, "JPEG error analysis and its applications to digital image
 * forensics", IEEE TIFS 5(3), 2010.) Measured on luma in grey levels of the reference scale (luma.ts).
 */
import { LUMA_SCALE } from './luma';

/** c7 = sum_k Y(x + k) cos((2k + 1) 7 pi / 16) / 2; the basis is odd about the segment centre, so 4 weights suffice. */
const B7 = [0, 1, 2, 3].map((k) => Math.cos(((2 * k + 1) * 7 * Math.PI) / 16) / 2 / LUMA_SCALE);

/** Per-cell phase sums. Cell (cx, cy) covers pixels [8cx, 8cx + 8) x [8cy, 8cy + 8). */
export interface PhaseCells {
  readonly cellsWide: number;
  readonly cellsHigh: number;
  /** Per cell, 8 sums of |c7| of row segments by start phase x mod 8 (segments starting in the cell). */
  readonly columns: Float64Array;
  /** Per cell, 8 sums of |c7| of column segments by start phase y mod 8. */
  readonly rows: Float64Array;
  /** Per cell: number of segments along x and along y, and the sums of their squared |c7|. */
  readonly countX: Float64Array;
  readonly countY: Float64Array;
  readonly squaresX: Float64Array;
  readonly squaresY: Float64Array;
}

/** Accumulates the phase sums of an integer luma image (referenceLuma units). */
export function phaseCells(luma: Int32Array, width: number, height: number): PhaseCells {
  const cellsWide = Math.ceil(width / 8);
  const cellsHigh = Math.ceil(height / 8);
  const cells = cellsWide * cellsHigh;
  const out: PhaseCells = {
    cellsWide,
    cellsHigh,
    columns: new Float64Array(cells * 8),
    rows: new Float64Array(cells * 8),
    countX: new Float64Array(cells),
    countY: new Float64Array(cells),
    squaresX: new Float64Array(cells),
    squaresY: new Float64Array(cells),
  };
  accumulateRowSegments(luma, width, height, out);
  accumulateColumnSegments(luma, width, height, out);
  return out;
}

/**
 * Row segments [x, x + 8): their phase is x mod 8, i.e. the segment's offset inside its cell. Only cells
 * whose eight segments all fit in the image are filled (x0 + 15 < width), so every phase of a cell has
 * the same number of samples and a missing phase never looks like a low-energy one.
 */
function accumulateRowSegments(luma: Int32Array, width: number, height: number, out: PhaseCells): void {
  const { columns, countX, squaresX, cellsWide } = out;
  const [b0, b1, b2, b3] = B7 as [number, number, number, number];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const cellRow = (y >> 3) * cellsWide;
    for (let x0 = 0; x0 + 15 < width; x0 += 8) {
      const cell = cellRow + (x0 >> 3);
      const end = x0 + 7;
      let squares = 0;
      for (let x = x0; x <= end; x++) {
        const i = row + x;
        const c = Math.abs(
          b0 * (luma[i]! - luma[i + 7]!) + b1 * (luma[i + 1]! - luma[i + 6]!) + b2 * (luma[i + 2]! - luma[i + 5]!) + b3 * (luma[i + 3]! - luma[i + 4]!),
        );
        const at = cell * 8 + (x - x0);
        columns[at] = columns[at]! + c;
        squares += c * c;
      }
      countX[cell] = countX[cell]! + (end - x0 + 1);
      squaresX[cell] = squaresX[cell]! + squares;
    }
  }
}

/** Column segments [y, y + 8): their phase is y mod 8; only cell rows whose eight phases all fit (y0 + 15 < height). */
function accumulateColumnSegments(luma: Int32Array, width: number, height: number, out: PhaseCells): void {
  const { rows, countY, squaresY, cellsWide } = out;
  const [b0, b1, b2, b3] = B7 as [number, number, number, number];
  const w = width;
  const cellSquares = new Float64Array(cellsWide);
  for (let y = 0; (y & ~7) + 15 < height; y++) {
    const row = y * width;
    const cellRow = (y >> 3) * cellsWide;
    const phase = y & 7;
    cellSquares.fill(0);
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const c = Math.abs(
        b0 * (luma[i]! - luma[i + 7 * w]!) + b1 * (luma[i + w]! - luma[i + 6 * w]!) + b2 * (luma[i + 2 * w]! - luma[i + 5 * w]!) + b3 * (luma[i + 3 * w]! - luma[i + 4 * w]!),
      );
      const at = (cellRow + (x >> 3)) * 8 + phase;
      rows[at] = rows[at]! + c;
      cellSquares[x >> 3] = cellSquares[x >> 3]! + c * c;
    }
    for (let cx = 0; cx < cellsWide; cx++) {
      const cell = cellRow + cx;
      countY[cell] = countY[cell]! + Math.min(8, width - cx * 8);
      squaresY[cell] = squaresY[cell]! + cellSquares[cx]!;
    }
  }
}
