/**
 * The IJG (libjpeg) quality scaling of the JPEG Annex K luminance quantisation table: what libjpeg,
 * libjpeg-turbo, OpenCV, MATLAB, PIL and sharp (in its libjpeg-turbo-compatible mode) write for a quality.
 */

/** ITU-T T.81 Annex K, Table K.1 (luminance), natural row-major order. */
const ANNEX_K_LUMA: readonly number[] = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/**
 * Luminance quantisation steps for IJG quality 1..100 (libjpeg `jpeg_quality_scaling` and
 * `jpeg_add_quant_table` with force_baseline: scale 5000/q below 50, 200 - 2q from 50, steps clamped to 1..255).
 */
export function ijgLumaTable(quality: number): Float64Array {
  if (!(Number.isInteger(quality) && quality >= 1 && quality <= 100)) throw new RangeError(`JPEG quality must be an integer 1..100, got ${quality}`);
  const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - quality * 2;
  return Float64Array.from(ANNEX_K_LUMA, (base) => Math.min(255, Math.max(1, Math.floor((base * scale + 50) / 100))));
}
