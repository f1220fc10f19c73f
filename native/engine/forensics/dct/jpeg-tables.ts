/**
 * JPEG tables shared by the DCT-domain kernels: the zigzag scan and the IJG (libjpeg) luminance
 * quantization tables, from which a quantization step set can be mapped to the nearest IJG quality.
 *
 * References: ITU-T T.81 Annex K.1 (Table K.1, luminance), Figure A.6 (zigzag); libjpeg jcparam.c
 * `jpeg_quality_scaling` and `jpeg_add_quant_table` (quality -> scale factor, rounding, clamping).
 */

/** Zigzag position -> natural (row-major, v * 8 + u) index, T.81 Figure A.6. */
export const ZIGZAG: readonly number[] = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
];

/** T.81 Table K.1 (luminance) in natural order. */
export const IJG_LUMINANCE: readonly number[] = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87,
  80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72,
  92, 95, 98, 112, 100, 103, 99,
];

/** The luminance step libjpeg writes at natural index `index` for `quality` 1..100 (baseline, clamped to 1..255). */
export function ijgLuminanceStep(quality: number, index: number): number {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  const step = Math.floor((IJG_LUMINANCE[index]! * scale + 50) / 100);
  return Math.min(255, Math.max(1, step));
}

/** The nearest IJG quality to a set of luminance steps, and how well it fits. */
export interface QualityFit {
  readonly quality: number;
  /** Mean absolute relative difference between the given steps and the IJG table of that quality. */
  readonly meanRelativeError: number;
  /** How many steps the fit used. */
  readonly count: number;
}

/**
 * Fits an IJG quality to estimated luminance steps: `steps[i]` is the step at natural index
 * `indices[i]`; the quality 1..100 with the smallest mean |step - table| / table wins. Null if no step
 * is given. The fit says nothing about whether the encoder was libjpeg; `meanRelativeError` says how
 * close the estimate is to one of its tables.
 */
export function fitIjgQuality(indices: readonly number[], steps: readonly number[]): QualityFit | null {
  if (indices.length === 0) return null;
  let best: QualityFit | null = null;
  for (let quality = 1; quality <= 100; quality++) {
    let error = 0;
    for (let i = 0; i < indices.length; i++) {
      const table = ijgLuminanceStep(quality, indices[i]!);
      error += Math.abs(steps[i]! - table) / table;
    }
    const mean = error / indices.length;
    if (best === null || mean < best.meanRelativeError) best = { quality, meanRelativeError: mean, count: indices.length };
  }
  return best;
}
