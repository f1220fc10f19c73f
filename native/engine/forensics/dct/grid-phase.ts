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
import type { GrayImage, RgbImage } from '../types';
import { LUMA_SCALE, referenceLumaRowFloat } from './luma';

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

function emptyCells(width: number, height: number): PhaseCells {
  const cellsWide = Math.ceil(width / 8);
  const cellsHigh = Math.ceil(height / 8);
  const cells = cellsWide * cellsHigh;
  return {
    cellsWide,
    cellsHigh,
    columns: new Float64Array(cells * 8),
    rows: new Float64Array(cells * 8),
    countX: new Float64Array(cells),
    countY: new Float64Array(cells),
    squaresX: new Float64Array(cells),
    squaresY: new Float64Array(cells),
  };
}

/** Accumulates the phase sums of an integer luma image (referenceLuma units). */
export function phaseCells(luma: Int32Array, width: number, height: number): PhaseCells {
  return streamPhaseCells(width, height, (y, out, at) => {
    for (let x = 0; x < width; x++) out[at + x] = luma[y * width + x]!;
  });
}

/** phaseCells of an image (RGB or gray), computing its luma row by row instead of as a whole-image copy. */
export function imagePhaseCells(image: RgbImage | GrayImage): PhaseCells {
  return streamPhaseCells(image.width, image.height, (y, out, at) => referenceLumaRowFloat(image, y, out, at));
}

/**
 * The phase sums with the luma rows streaming through a ring of 8 (a column segment spans 8 rows).
 * The ring holds the integer luma as doubles (exact), so the inner loops subtract without converting;
 * the sums are the same, in the same order, as over a whole-image integer luma.
 */
function streamPhaseCells(width: number, height: number, lumaRow: (y: number, out: Float64Array, at: number) => void): PhaseCells {
  const out = emptyCells(width, height);
  const ring = new Float64Array(8 * width);
  const offset = (r: number): number => (r & 7) * width;
  for (let t = 0; t < height; t++) {
    lumaRow(t, ring, offset(t));
    accumulateRow(ring, offset(t), width, t, out);
    // Column segments starting at y = t - 7 end at row t.
    const y = t - 7;
    if (y >= 0 && (y & ~7) + 15 < height) accumulateColumns(ring, rowOffsets(y, offset), width, y, out);
  }
  return out;
}

/** Offsets of rows y .. y + 7. */
function rowOffsets(y: number, offset: (row: number) => number): Int32Array {
  const out = new Int32Array(8);
  for (let k = 0; k < 8; k++) out[k] = offset(y + k);
  return out;
}

/**
 * Row segments [x, x + 8) of row y (luma at `luma[at ..]`): their phase is x mod 8, i.e. the segment's
 * offset inside its cell. Only cells whose eight segments all fit in the image are filled
 * (x0 + 15 < width), so every phase of a cell has the same number of samples and a missing phase never
 * looks like a low-energy one.
 */
function accumulateRow(luma: Float64Array, at: number, width: number, y: number, out: PhaseCells): void {
  const { columns, countX, squaresX, cellsWide } = out;
  const [b0, b1, b2, b3] = B7 as [number, number, number, number];
  const cellRow = (y >> 3) * cellsWide;
  if (width < 16) return;
  // Sliding window of the 8 samples of the current segment in locals: one load per pixel.
  let l0 = luma[at]!;
  let l1 = luma[at + 1]!;
  let l2 = luma[at + 2]!;
  let l3 = luma[at + 3]!;
  let l4 = luma[at + 4]!;
  let l5 = luma[at + 5]!;
  let l6 = luma[at + 6]!;
  for (let x0 = 0; x0 + 15 < width; x0 += 8) {
    const cell = cellRow + (x0 >> 3);
    let squares = 0;
    for (let j = 0, i = at + x0 + 7, a = cell * 8; j < 8; j++, i++, a++) {
      const l7 = luma[i]!;
      const c = Math.abs(b0 * (l0 - l7) + b1 * (l1 - l6) + b2 * (l2 - l5) + b3 * (l3 - l4));
      columns[a] = columns[a]! + c;
      squares += c * c;
      l0 = l1;
      l1 = l2;
      l2 = l3;
      l3 = l4;
      l4 = l5;
      l5 = l6;
      l6 = l7;
    }
    countX[cell] = countX[cell]! + 8;
    squaresX[cell] = squaresX[cell]! + squares;
  }
}

/**
 * Column segments [y, y + 8) (rows at `rows[0 .. 7]` in `luma`): their phase is y mod 8; the caller
 * passes only cell rows whose eight phases all fit (y0 + 15 < height). Each (cell, phase) gets its 8
 * columns summed locally first (one store per cell instead of a chain of 8 dependent ones).
 */
function accumulateColumns(luma: Float64Array, rows: Int32Array, width: number, y: number, out: PhaseCells): void {
  const { cellsWide, countY, squaresY } = out;
  const sums = out.rows;
  const [b0, b1, b2, b3] = B7 as [number, number, number, number];
  const r0 = rows[0]!;
  const r1 = rows[1]!;
  const r2 = rows[2]!;
  const r3 = rows[3]!;
  const r4 = rows[4]!;
  const r5 = rows[5]!;
  const r6 = rows[6]!;
  const r7 = rows[7]!;
  const cellRow = (y >> 3) * cellsWide;
  const phase = y & 7;
  for (let cx = 0; cx < cellsWide; cx++) {
    const x1 = Math.min(width, cx * 8 + 8);
    let sum = 0;
    let squares = 0;
    for (let x = cx * 8; x < x1; x++) {
      const c = Math.abs(b0 * (luma[r0 + x]! - luma[r7 + x]!) + b1 * (luma[r1 + x]! - luma[r6 + x]!) + b2 * (luma[r2 + x]! - luma[r5 + x]!) + b3 * (luma[r3 + x]! - luma[r4 + x]!));
      sum += c;
      squares += c * c;
    }
    const cell = cellRow + cx;
    sums[cell * 8 + phase] = sums[cell * 8 + phase]! + sum;
    countY[cell] = countY[cell]! + (x1 - cx * 8);
    squaresY[cell] = squaresY[cell]! + squares;
  }
}
