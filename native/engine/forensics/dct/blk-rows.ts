/**
 * The row-streaming pass of BLK (see blk-core.ts for the algorithm): one pass over the image rows that
 * computes luma on the fly (a 34-row ring, never a whole-image copy) and produces
 * - for the horizontal grid lines, the per-pixel sums S of |vertical second difference| over 33 pixels
 *   along the row (the column median over 33 rows needs the whole column, so S is stored for blk-core.ts);
 * - the whole vertical-grid-line branch, which is row-local once its column sums are known: running
 *   column sums over 33 rows of |horizontal second difference|, minus their running median over 33
 *   columns, then the period-8 grid median along the row, written per pixel.
 * All in exact int32 luma units (blk-lines.ts).
 */
import type { GrayImage, RgbImage } from '../types';
import { ACCUMULATOR, BIN, gridMedian, HALF, HISTOGRAM_BINS, horizontalDifference, lineWithBins, PAD, slideColumnSums, verticalDifferenceSums } from './blk-lines';
import { referenceLumaRow } from './luma';
import { MedianHistogram, mirrorIndex, mirrorPads, subtractPaddedMedian } from './running-median';

/**
 * Streams the rows of `image`. Writes `sums` (per pixel, horizontal-line accumulator S, luma units) and
 * `vertical` (per pixel, the vertical-line grid eV after its running and grid medians, luma units).
 */
export function streamRows(image: RgbImage | GrayImage, sums: Int32Array, vertical: Int32Array): void {
  const { width, height } = image;
  // Rows kept: the 33-row window and the row leaving it (every access is within the last
  // ACCUMULATOR + 1 rows read; a short image is kept whole).
  const ring = Math.min(height, ACCUMULATOR + 1);
  const luma = new Int32Array(ring * width);
  const hDiff = new Int32Array(ring * width);
  const columnSums = new Int32Array(width);
  const lineLength = width + 2 * PAD;
  const vDiff = new Int32Array(lineLength);
  const bins = new Uint16Array(lineLength);
  const values = new Int32Array(lineLength);
  const hist = new MedianHistogram(HISTOGRAM_BINS);
  const slot = (row: number): number => (row % ring) * width;
  for (let t = 0; t < height + HALF; t++) {
    if (t < height) {
      referenceLumaRow(image, t, luma, slot(t));
      horizontalDifference(luma, slot(t), width, hDiff, slot(t));
    }
    // Horizontal-line sums of row t - 1, which needs luma rows t - 2 .. t (edge replication).
    if (t >= 1 && t <= height) verticalDifferenceSums(luma, slot(t - 1), slot(Math.max(0, t - 2)), slot(Math.min(height - 1, t)), width, vDiff, sums, (t - 1) * width);
    const y = t - HALF;
    if (y < 0) continue;
    // Vertical lines of row y: column sums over rows y - 16 .. y + 16 (symmetric padding).
    if (y === 0) {
      columnSums.fill(0);
      for (let k = -HALF; k <= HALF; k++) slideColumnSums(columnSums, hDiff, slot(mirrorIndex(k, height)), -1, width, values, bins);
      lineWithBins(columnSums, width, values, bins);
    } else {
      slideColumnSums(columnSums, hDiff, slot(mirrorIndex(y + HALF, height)), slot(mirrorIndex(y - HALF - 1, height)), width, values, bins);
    }
    mirrorPads(bins, PAD, width, PAD);
    subtractPaddedMedian(bins, values, PAD, width, HALF, BIN, hist);
    mirrorPads(values, PAD, width, PAD);
    gridMedian(values, PAD, width, vertical, y * width);
  }
}
