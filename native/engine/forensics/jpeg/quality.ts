/**
 * IJG quality estimation: inverts libjpeg's `jpeg_quality_scaling` / `jpeg_add_quant_table` by trying
 * every quality 1..100 against the Annex K base tables (K.1 for the luma table, K.2 for chroma) and
 * keeping the best fit, as ImageMagick's `JPEGQuality` estimate and exiftool's JPEGQualityEstimate do
 * approximately; here the fit is exact-first: a table that equals the IJG output for some quality is
 * reported as such, with the residual 0, and any other table gets the nearest quality and its residual.
 */
import { ANNEX_K_CHROMINANCE, ANNEX_K_LUMINANCE, ijgScaleFactor } from './standard-tables';
import type { JpegStructure } from './types';

/** Fit of one quantization table to the IJG family. */
export interface TableQualityFit {
  readonly tableId: number;
  /** Which Annex K base table it is compared with: luma for the first component's table, chroma for the others. */
  readonly role: 'luma' | 'chroma';
  readonly precision: 8 | 16;
  /** Quality 1..100 whose IJG table is nearest (least sum of absolute differences; ties -> higher quality). */
  readonly quality: number;
  /** Sum and maximum of |table - IJG(quality)| over the 64 entries, in quantizer steps. */
  readonly sumAbsError: number;
  readonly maxAbsError: number;
  /** True when the table equals the IJG table exactly. */
  readonly exact: boolean;
  /** Every quality whose IJG table equals this one (several at the clamped low end: chroma 1..3 are all 255). */
  readonly exactQualities: readonly number[];
}

export interface JpegQualityEstimate {
  readonly tables: readonly TableQualityFit[];
  /**
   * Joint fit of all tables in use to one IJG quality (what `cjpeg -quality Q` writes), or null when the
   * image has no defined tables. `exact` true means the tables are exactly IJG-scaled at `quality`.
   */
  readonly overall: { readonly quality: number; readonly sumAbsError: number; readonly meanAbsError: number; readonly exact: boolean } | null;
  /**
   * When the tables are IJG-scaled by an integer percentage that no quality 1..100 produces (libjpeg's
   * `jpeg_set_linear_quality`, `cjpeg -quality` with per-table settings), that percentage; else null.
   */
  readonly linearScale: number | null;
}

/** libjpeg's percentage range: quality 1 is 5000 %, quality 100 is 0 % (every step clamped to 1). */
const MAX_SCALE = 5000;

/**
 * Sum and maximum of |values - IJG(base, scale)| over 64 entries, computed in place (no table is built);
 * stops early once the sum exceeds `stopAbove`. Clamps as libjpeg does: [1, 255] for 8-bit tables
 * (force_baseline), [1, 32767] for 16-bit ones.
 */
function ijgDistance(values: readonly number[], base: readonly number[], scale: number, precision: 8 | 16, stopAbove = Infinity): { sum: number; max: number } {
  const top = precision === 8 ? 255 : 32767;
  let sum = 0;
  let max = 0;
  for (let i = 0; i < 64 && sum <= stopAbove; i++) {
    const reference = Math.min(top, Math.max(1, Math.floor(((base[i] as number) * scale + 50) / 100)));
    const d = Math.abs((values[i] as number) - reference);
    sum += d;
    if (d > max) max = d;
  }
  return { sum, max };
}

const baseOf = (role: 'luma' | 'chroma'): readonly number[] => (role === 'luma' ? ANNEX_K_LUMINANCE : ANNEX_K_CHROMINANCE);

/**
 * Fits one table (64 values, natural order) to IJG quality 1..100.
 * @param values the table in natural order
 * @param role which Annex K base table to scale (luma K.1, chroma K.2)
 * @param precision 8 or 16 bits: 8-bit tables are clamped at 255 as with libjpeg's force_baseline
 */
export function fitIjgQuality(values: readonly number[], role: 'luma' | 'chroma', precision: 8 | 16, tableId = 0): TableQualityFit {
  const base = baseOf(role);
  let best = { quality: 0, sum: Infinity, max: Infinity };
  const exactQualities: number[] = [];
  for (let q = 1; q <= 100; q++) {
    const e = ijgDistance(values, base, ijgScaleFactor(q), precision);
    if (e.sum === 0) exactQualities.push(q);
    if (e.sum <= best.sum) best = { quality: q, sum: e.sum, max: e.max };
  }
  return { tableId, role, precision, quality: best.quality, sumAbsError: best.sum, maxAbsError: best.max, exact: best.sum === 0, exactQualities };
}

/** The distinct tables the frame's components use, with their role (first component's table = luma). */
export function tablesInUse(structure: JpegStructure): { tableId: number; role: 'luma' | 'chroma'; values: readonly number[]; precision: 8 | 16 }[] {
  const out: { tableId: number; role: 'luma' | 'chroma'; values: readonly number[]; precision: 8 | 16 }[] = [];
  structure.componentTables.forEach((c, index) => {
    if (c.values === null || c.precision === null) return;
    if (out.some((t) => t.tableId === c.tableId && t.values === c.values)) return;
    out.push({ tableId: c.tableId, role: index === 0 ? 'luma' : 'chroma', values: c.values, precision: c.precision });
  });
  return out;
}

/**
 * Estimates the IJG quality of a JPEG from the quantization tables its components use (see
 * JpegQualityEstimate). Reference: libjpeg jcparam.c (`jpeg_quality_scaling`, `jpeg_add_quant_table`);
 * ImageMagick coders/jpeg.c `JPEGQuality` estimates the same quantity from table sums.
 */
export function estimateJpegQuality(structure: JpegStructure): JpegQualityEstimate {
  const used = tablesInUse(structure);
  const tables = used.map((t) => fitIjgQuality(t.values, t.role, t.precision, t.tableId));
  if (used.length === 0) return { tables, overall: null, linearScale: null };
  let overall = { quality: 0, sum: Infinity };
  for (let q = 1; q <= 100; q++) {
    let sum = 0;
    for (const t of used) sum += ijgDistance(t.values, baseOf(t.role), ijgScaleFactor(q), t.precision).sum;
    if (sum <= overall.sum) overall = { quality: q, sum };
  }
  let linearScale: number | null = null;
  if (overall.sum > 0) {
    for (let scale = 1; scale <= MAX_SCALE && linearScale === null; scale++) {
      const fits = used.every((t) => ijgDistance(t.values, baseOf(t.role), scale, t.precision, 0).sum === 0);
      if (fits) linearScale = scale;
    }
  }
  return {
    tables,
    overall: { quality: overall.quality, sumAbsError: overall.sum, meanAbsError: overall.sum / (64 * used.length), exact: overall.sum === 0 },
    linearScale,
  };
}
