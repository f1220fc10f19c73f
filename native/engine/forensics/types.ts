/**
 * Shared shapes of the image-forensics kernels (issue 4). Kernels are functions over pixel or byte buffers
 * that never touch the case store or the pipeline, so they run the same in a worker thread, the CLI and
 * tests; they may use sharp (JPEG round trips, thumbnail decoding) and OpenCV's WASM build (keypoints).
 * The pipeline analyser (`analysers/forensics`) turns their results into findings and stored maps.
 *
 * Evidence, not verdicts: every result says what was measured and with which parameters; a score is a
 * measurement on a stated scale, never "forged" or "genuine".
 */
import type { Box, GrayImage, RgbImage } from '../imaging/raster';

export type { Box, GrayImage, RgbImage };

/**
 * A per-pixel (or per-block) measurement map. `data` is row-major, `data.length === width * height`.
 * `cellSize` is how many image pixels one map cell covers along each axis (1 for a pixel map, 8 for a
 * JPEG-block map), so map cell (x, y) covers image pixels [x*cellSize, (x+1)*cellSize).
 */
export interface ForensicMap {
  readonly width: number;
  readonly height: number;
  readonly cellSize: number;
  readonly data: Float32Array;
  /**
   * How to read the values: `unit` says what was measured (e.g. "mean absolute difference, 8-bit levels"),
   * `range` the display range, `higherIsSuspicious` whether larger values point at manipulation.
   */
  readonly scale: { readonly unit: string; readonly range: readonly [number, number]; readonly higherIsSuspicious: boolean };
}

/** A finding of a kernel, before the analyser adds provenance (id, version, input hash). */
export interface ForensicIndicator {
  /** Stable dotted name, e.g. `ela.local-outlier`, `jpeg.double-compression`, `copy-move.pair`. */
  readonly kind: string;
  readonly severity: 'info' | 'notice' | 'warning';
  /** Strength of the indicator in [0, 1] on the kernel's stated scale (see its TSDoc). */
  readonly score: number;
  /** Region in image pixel coordinates, or null for an image-level indicator. */
  readonly region: Box | null;
  /** One line: what was measured and what it can mean (and what else it can mean). */
  readonly summary: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** What one kernel returns. */
export interface ForensicResult {
  /** Image-level score in [0, 1] of this kernel (see the kernel's TSDoc for its meaning), or null if not applicable. */
  readonly score: number | null;
  readonly indicators: readonly ForensicIndicator[];
  /** Named maps (usually one); keys are stable (`ela`, `noise`, `blocking`, `ghost-q75`, ...). */
  readonly maps: Readonly<Record<string, ForensicMap>>;
  /** Figures worth keeping (statistics, timings). */
  readonly metrics: Readonly<Record<string, unknown>>;
}
