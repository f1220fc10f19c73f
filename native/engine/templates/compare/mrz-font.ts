/**
 * `mrz-font` check of the MRZ zone: the questioned MRZ glyphs against the specimen's MRZ glyphs of the
 * same characters (OCR-B, ISO 1073-2, as ICAO Doc 9303 part 3 requires), plus the character pitch
 * (10 per inch) and the glyph height. The specimen's MRZ is read once with the OCR-B reader
 * (`readMrzFromImage`); the questioned zone is cut into the same cells (the aligned document shares the
 * reference frame), its characters taken from `options.texts.mrz` or read in those cells
 * (`readMrzAtLocation`: the locator itself refuses many non-OCR-B fonts), and each cell is correlated
 * (ZNCC after a ~1 px smoothing, glyphs aligned on their ink centroid, +-1 px search) with the specimen's
 * cells of the same character. A monospace font other than OCR-B (DejaVu Sans Mono, Liberation Mono,
 * Noto Mono, Nimbus Mono PS) differs in every glyph's shape.
 *
 * Known false positives: MRZ text that is not what the reader or `texts.mrz` says (cells are then
 * compared with other characters); heavy blur (sigma >= 2 px) lowers correlations.
 */
import { readMrzAtLocation, readMrzFromImage } from '../../analysers/mrz-reader';
import type { MrzLocation } from '../../analysers/mrz-reader';
import type { Box, GrayImage, RgbImage } from '../../imaging/raster';
import { windowZncc } from './correlation';
import { measuredResult, notMeasured, percent, ramp } from './deviation';
import type { FloatImage } from './raster-ops';
import { boxBlur, histogramPercentile, lumaCrop, median } from './raster-ops';
import type { ZoneComparison } from './types';

/** One character cell of the MRZ (crop coordinates). */
interface MrzCell {
  readonly line: number;
  readonly index: number;
  readonly char: string;
  readonly box: Box;
  /** Ink centroid (crop px); NaN when the cell holds no ink. */
  readonly cx: number;
  readonly cy: number;
  /** Ink height (px), 0 when empty. */
  readonly inkHeight: number;
}

/** The specimen's MRZ, read and measured. */
export interface MrzReference {
  readonly rect: Box;
  readonly location: MrzLocation;
  readonly cells: readonly MrzCell[];
  readonly byChar: ReadonlyMap<string, readonly MrzCell[]>;
  /** The crop's luma after the smoothing (see SMOOTH_RADIUS). */
  readonly smooth: FloatImage;
  /** Pitch (px) fitted through the cells' ink centroids, and median glyph height (px, fillers excluded). */
  readonly pitch: number;
  readonly glyphHeight: number;
  readonly contrast: number;
}

// Smoothing before correlation: two 3 px box passes (sigma 1.15 px) absorb capture blur up to ~1 px
// and JPEG ringing.
const SMOOTH_RADIUS = 1;
const SMOOTH_PASSES = 2;
// Reference samples per character correlated with each questioned cell (the specimen has up to 40 `<`;
// two samples of a character correlate within 0.01 of each other on genuine captures).
const MAX_SAMPLES = 2;
// Darkness below 0.2 is background (the guilloche under the MRZ clear zone reaches 0.1-0.15).
const INK_FLOOR = 0.2;
// The questioned zone must reach 45 % of the specimen's paper-to-ink contrast (genuine 80-103 %).
const MIN_CONTRAST_SHARE = 0.45;
// Mean cell correlation: genuine captures (4 holders x 6 captures) measured >= 0.995; DejaVu Sans Mono
// 0.82-0.85, Liberation Mono 0.84-0.87, Nimbus Mono PS 0.78-0.86, Noto Mono (the closest) 0.88-0.90.
// 0 down to 0.97, 1 from 0.93 (on 1 - correlation).
const CORR_OK = 0.03;
const CORR_FULL = 0.07;
// Pitch: genuine within 0.5 % of the specimen's; 0 up to 1.5 %, 1 from 4 % (12 instead of 10 cpi is 17 %).
const PITCH_OK = Math.log(1.015);
const PITCH_FULL = Math.log(1.04);
// Glyph height: genuine within 4 %; 0 up to 6 %, 1 from 12 %.
const HEIGHT_OK = Math.log(1.06);
const HEIGHT_FULL = Math.log(1.12);

function grayOf(luma: FloatImage): GrayImage {
  const data = new Uint8Array(luma.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(luma.data[i]!);
  return { width: luma.width, height: luma.height, data };
}

function levels(luma: FloatImage): { paper: number; ink: number } {
  return { paper: histogramPercentile(luma.data, 0.9), ink: histogramPercentile(luma.data, 0.02) };
}

function measureCell(luma: FloatImage, box: Box, paper: number, ink: number): { cx: number; cy: number; inkHeight: number } {
  const span = Math.max(1, paper - ink);
  let s = 0;
  let sx = 0;
  let sy = 0;
  let top = -1;
  let bottom = -1;
  const x0 = Math.max(0, Math.round(box.x));
  const y0 = Math.max(0, Math.round(box.y));
  const x1 = Math.min(luma.width, Math.round(box.x + box.width));
  const y1 = Math.min(luma.height, Math.round(box.y + box.height));
  for (let y = y0; y < y1; y++) {
    let rowInk = false;
    for (let x = x0; x < x1; x++) {
      const d = (paper - luma.data[y * luma.width + x]!) / span;
      if (d >= 0.5) rowInk = true;
      const w = d - INK_FLOOR;
      if (w <= 0) continue;
      s += w;
      sx += w * x;
      sy += w * y;
    }
    if (rowInk) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return s > 0 ? { cx: sx / s, cy: sy / s, inkHeight: top < 0 ? 0 : bottom - top + 1 } : { cx: Number.NaN, cy: Number.NaN, inkHeight: 0 };
}

/** Pitch (px) from a least-squares line through the cells' centroids, per MRZ line, averaged. */
function fittedPitch(cells: readonly MrzCell[]): number {
  const slopes: number[] = [];
  for (const line of new Set(cells.map((c) => c.line))) {
    const pts = cells.filter((c) => c.line === line && Number.isFinite(c.cx));
    if (pts.length < 3) continue;
    const mk = pts.reduce((s, c) => s + c.index, 0) / pts.length;
    const mx = pts.reduce((s, c) => s + c.cx, 0) / pts.length;
    let sxy = 0;
    let sxx = 0;
    for (const c of pts) {
      sxy += (c.index - mk) * (c.cx - mx);
      sxx += (c.index - mk) ** 2;
    }
    if (sxx > 0) slopes.push(sxy / sxx);
  }
  return slopes.length > 0 ? slopes.reduce((s, v) => s + v, 0) / slopes.length : Number.NaN;
}

/** Read and measure the specimen's MRZ inside `rect` of the reference image. */
export function prepareMrz(reference: RgbImage, rect: Box): MrzReference | { readonly failure: string } {
  if (rect.width < 60 || rect.height < 20) return { failure: `the MRZ zone is ${rect.width} x ${rect.height} px, too small to read` };
  const luma = lumaCrop(reference, rect);
  const reading = readMrzFromImage(grayOf(luma), { orientation: 0 });
  if (!reading) return { failure: 'no MRZ could be read on the reference image' };
  const { paper, ink } = levels(luma);
  const cells: MrzCell[] = [];
  reading.lines.forEach((line, li) =>
    line.chars.forEach((c, k) => {
      if (!c.box) return;
      cells.push({ line: li, index: k, char: c.candidates[0]!.char, box: c.box, ...measureCell(luma, c.box, paper, ink) });
    }),
  );
  const byChar = new Map<string, MrzCell[]>();
  for (const c of cells) if (Number.isFinite(c.cx)) byChar.set(c.char, [...(byChar.get(c.char) ?? []), c].slice(0, MAX_SAMPLES));
  return {
    rect,
    location: reading.location,
    cells,
    byChar,
    smooth: boxBlur(luma, SMOOTH_RADIUS, SMOOTH_PASSES),
    pitch: fittedPitch(cells),
    glyphHeight: median(cells.filter((c) => c.char !== '<' && c.inkHeight > 0).map((c) => c.inkHeight)),
    contrast: paper - ink,
  };
}

/** The questioned characters per (line, index): from the given text or read in the specimen's cells. */
function questionedChars(luma: FloatImage, ref: MrzReference, text: string | undefined): string[][] {
  if (text) return text.split('\n').map((l) => [...l.trim()]);
  const read = readMrzAtLocation(grayOf(luma), ref.location, { candidates: 1 });
  return read.lines.map((l) => l.chars.map((c) => c.candidates[0]!.char));
}

/**
 * Compare the questioned MRZ's glyphs, pitch and height with the specimen's (see the module comment).
 * @param aligned the questioned side in the reference frame; `ref` the specimen's MRZ (prepareMrz)
 * @param pxPerMm reference pixels per millimetre (for the pitch in characters per inch)
 * @param text the MRZ lines joined by newlines, if known; otherwise the cells are read here
 */
export function compareMrzFont(aligned: RgbImage, ref: MrzReference, zoneId: string, pxPerMm: number, text?: string): ZoneComparison {
  const luma = lumaCrop(aligned, ref.rect);
  const { paper, ink } = levels(luma);
  if (paper - ink < MIN_CONTRAST_SHARE * ref.contrast) {
    return notMeasured(zoneId, 'mrz-font', ref.rect, `no MRZ print in the zone (contrast ${Math.round(paper - ink)} grey levels, the specimen's ${Math.round(ref.contrast)})`);
  }
  const chars = questionedChars(luma, ref, text);
  const smooth = boxBlur(luma, SMOOTH_RADIUS, SMOOTH_PASSES);
  const qCells: MrzCell[] = [];
  const corr: number[] = [];
  for (const cell of ref.cells) {
    const char = chars[cell.line]?.[cell.index];
    if (!char) continue;
    const m = measureCell(luma, cell.box, paper, ink);
    qCells.push({ ...cell, char, ...m });
    const samples = ref.byChar.get(char);
    if (!samples || !Number.isFinite(m.cx)) continue;
    let best = -1;
    for (const s of samples) {
      const window = { x0: Math.round(s.box.x), y0: Math.round(s.box.y), x1: Math.round(s.box.x + s.box.width), y1: Math.round(s.box.y + s.box.height) };
      const ox = Math.round(m.cx - s.cx);
      const oy = Math.round(m.cy - s.cy);
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) best = Math.max(best, windowZncc(smooth, ref.smooth, window, ox + dx, oy + dy).zncc);
    }
    corr.push(best);
  }
  if (corr.length === 0) return notMeasured(zoneId, 'mrz-font', ref.rect, 'no MRZ cell could be paired with a specimen cell of the same character');
  const meanCorr = corr.reduce((s, v) => s + v, 0) / corr.length;
  const pitch = fittedPitch(qCells);
  const pitchRatio = pitch / ref.pitch;
  const height = median(qCells.filter((c) => c.char !== '<' && c.inkHeight > 0).map((c) => c.inkHeight));
  const heightRatio = height > 0 && ref.glyphHeight > 0 ? height / ref.glyphHeight : 1;
  const cpi = (25.4 * pxPerMm) / pitch;
  const deviation = Math.max(
    ramp(1 - meanCorr, CORR_OK, CORR_FULL),
    Number.isFinite(pitchRatio) ? ramp(Math.abs(Math.log(pitchRatio)), PITCH_OK, PITCH_FULL) : 0,
    ramp(Math.abs(Math.log(heightRatio)), HEIGHT_OK, HEIGHT_FULL),
  );
  const summary =
    `${corr.length} MRZ cells correlate ${meanCorr.toFixed(2)} on average with the specimen's OCR-B cells of the same character (worst ${Math.min(...corr).toFixed(2)}); ` +
    `pitch ${cpi.toFixed(2)} characters per inch (specimen ${((25.4 * pxPerMm) / ref.pitch).toFixed(2)}), glyph height ${percent(heightRatio)} of the specimen's`;
  return measuredResult(
    zoneId,
    'mrz-font',
    ref.rect,
    { cellCorrelation: meanCorr, worstCellCorrelation: Math.min(...corr), cellsCompared: corr.length, pitchCpi: cpi, pitchRatio, glyphHeightPx: height, glyphHeightRatio: heightRatio },
    { cellCorrelation: 1, cellCorrelationMin: 1 - CORR_OK, pitchCpi: (25.4 * pxPerMm) / ref.pitch, pitchRatio: 1, glyphHeightPx: ref.glyphHeight, glyphHeightRatio: 1 },
    deviation,
    summary,
  );
}
