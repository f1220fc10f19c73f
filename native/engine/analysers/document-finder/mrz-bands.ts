/**
 * MRZ bands: 2 or 3 text lines that are parallel, equally long, aligned at both ends and evenly spaced at
 * the 6 lines/inch of ICAO printing, with glyphs at a regular pitch. Lines come from `mrz-lines.ts`.
 */
import type CvNamespace from '@techstark/opencv-js';
import type { Cv } from '../../imaging/opencv';
import { loadOpenCv } from '../../imaging/opencv';
import type { GrayImage, Point, Quad } from '../../imaging/raster';
import { MRZ_LINE_PITCH_MM, MRZ_PITCH_MM } from './types';
import type { MrzFormat, RotatedBand } from './types';
import { linesAtAngles } from './mrz-lines';
import type { TextLine } from './mrz-lines';
import { WORKING_LONG_SIDE, grayMat, shrink } from './working';
import { dist } from './geometry';

type Mat = CvNamespace.Mat;

/** MRZ lines of one band are parallel within 3 degrees (print skew is well under 1 degree). */
const MAX_LINE_ANGLE_DIFF = Math.cos((3 * Math.PI) / 180);
/** ... equally long within 20 % (all lines have the same character count; glare can eat a few glyphs). */
const MAX_LENGTH_DIFF = 0.2;
/** ... and their centres are offset along the text by at most 10 % of the length. */
const MAX_ALONG_OFFSET = 0.1;
/**
 * Line spacing over line length: 4.23 mm over 30, 36 or 44 glyphs of 2.54 mm is 0.038-0.056; 0.025-0.085
 * leaves room for length lost to glare or gained by the closing.
 */
const SPACING_RANGE: readonly [number, number] = [0.025, 0.085];

/** A band plus what anchoring a document on it needs. */
export interface BandDetail extends RotatedBand {
  /** Unit vector along the text (x >= 0) and the normal pointing to increasing line index. */
  readonly u: Point;
  readonly n: Point;
  /** Offsets of the line centres along `n` from `center`, ascending. */
  readonly lineOffsets: readonly number[];
  /** Extent along `u` from `center`: [start, end] (start < 0 < end). */
  readonly along: readonly [number, number];
}

function groupLines(lines: readonly TextLine[]): TextLine[][] {
  const sorted = [...lines].sort((a, b) => b.length - a.length);
  const used = new Set<TextLine>();
  const groups: TextLine[][] = [];
  for (const seed of sorted) {
    if (used.has(seed)) continue;
    const u = seed.dir;
    const n: Point = [-u[1], u[0]];
    const members = sorted.filter((l) => {
      if (l !== seed && used.has(l)) return false;
      if (l === seed) return true;
      const dx = l.center[0] - seed.center[0];
      const dy = l.center[1] - seed.center[1];
      const perp = Math.abs(dx * n[0] + dy * n[1]);
      return (
        Math.abs(l.dir[0] * u[0] + l.dir[1] * u[1]) >= MAX_LINE_ANGLE_DIFF &&
        Math.abs(l.length - seed.length) <= MAX_LENGTH_DIFF * seed.length &&
        Math.abs(dx * u[0] + dy * u[1]) <= MAX_ALONG_OFFSET * seed.length &&
        perp <= 2.2 * SPACING_RANGE[1] * seed.length
      );
    });
    const byOffset = members
      .map((l) => ({ l, o: (l.center[0] - seed.center[0]) * n[0] + (l.center[1] - seed.center[1]) * n[1] }))
      .sort((a, b) => a.o - b.o);
    if (byOffset.length < 2 || byOffset.length > 3) continue;
    const gaps = byOffset.slice(1).map((m, i) => m.o - byOffset[i]!.o);
    const meanLen = byOffset.reduce((s, m) => s + m.l.length, 0) / byOffset.length;
    if (gaps.some((g) => g < SPACING_RANGE[0] * meanLen || g > SPACING_RANGE[1] * meanLen)) continue;
    // Three lines are evenly spaced (6 lines/inch): gaps equal within 25 %.
    if (gaps.length === 2 && Math.abs(gaps[0]! - gaps[1]!) > 0.25 * Math.max(gaps[0]!, gaps[1]!)) continue;
    for (const m of byOffset) used.add(m.l);
    groups.push(byOffset.map((m) => m.l));
  }
  return groups;
}

/** Glyph pitch along a horizontal strip from the autocorrelation of its column ink profile. */
function glyphPitch(cv: Cv, strip: Mat, expectedChars: readonly [number, number]): { pitch: number; strength: number } | null {
  const bin = new cv.Mat();
  try {
    cv.threshold(strip, bin, 0, 255, cv.THRESH_BINARY_INV | cv.THRESH_OTSU);
    const w = bin.cols;
    const h = bin.rows;
    const prof = new Float64Array(w);
    const d = bin.data;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) prof[x]! += d[y * w + x]! / 255;
    let mean = 0;
    for (const v of prof) mean += v;
    mean /= w;
    let energy = 0;
    for (let x = 0; x < w; x++) {
      prof[x]! -= mean;
      energy += prof[x]! ** 2;
    }
    if (energy <= 0) return null;
    const lo = Math.max(2, Math.floor(w / expectedChars[1]));
    const hi = Math.ceil(w / expectedChars[0]);
    let best = { lag: 0, r: -1 };
    const ac = new Float64Array(hi + 2);
    for (let lag = lo - 1; lag <= hi + 1; lag++) {
      let s = 0;
      for (let x = 0; x + lag < w; x++) s += prof[x]! * prof[x + lag]!;
      ac[lag] = s / energy;
    }
    for (let lag = lo; lag <= hi; lag++) if (ac[lag]! > best.r && ac[lag]! >= ac[lag - 1]! && ac[lag]! >= ac[lag + 1]!) best = { lag, r: ac[lag]! };
    if (best.lag === 0) return null;
    const l = ac[best.lag - 1]!;
    const c = ac[best.lag]!;
    const r = ac[best.lag + 1]!;
    const den = l - 2 * c + r;
    const pitch = den < 0 ? best.lag + (0.5 * (l - r)) / den : best.lag;
    return { pitch, strength: Math.max(0, Math.min(1, best.r)) };
  } finally {
    bin.delete();
  }
}

/** Warp the part of `gray` under `quad` (TL, TR, BR, BL) to an upright strip of the given size. */
export function warpStrip(cv: Cv, gray: Mat, quad: Quad, width: number, height: number): Mat {
  const src = cv.matFromArray(4, 1, cv.CV_32FC2, quad.flatMap((p) => [p[0], p[1]]));
  const dst = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, width, 0, width, height, 0, height]);
  const m = cv.getPerspectiveTransform(src, dst);
  const out = new cv.Mat();
  try {
    cv.warpPerspective(gray, out, m, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
    return out;
  } finally {
    src.delete();
    dst.delete();
    m.delete();
  }
}

function formatOf(lines: number, chars: number | null, length: number, spacing: number): MrzFormat | null {
  // Without a measurable pitch, the line spacing (4.23 mm against 2.54 mm glyphs) gives the count.
  const n = chars ?? (length / spacing) * (MRZ_LINE_PITCH_MM / MRZ_PITCH_MM);
  if (lines === 3) return n >= 24 && n <= 37 ? 'TD1' : null;
  if (lines !== 2) return null;
  // 40 splits 36 (TD2) from 44 (TD3) characters per line.
  if (n >= 30 && n < 40) return 'TD2';
  if (n >= 40 && n <= 52) return 'TD3';
  return null;
}

function bandFromGroup(cv: Cv, gray: Mat, group: readonly TextLine[]): BandDetail | null {
  const seed = group[0]!;
  const u = seed.dir;
  const n: Point = [-u[1], u[0]];
  const c0 = seed.center;
  const proj = (p: Point, v: Point) => (p[0] - c0[0]) * v[0] + (p[1] - c0[1]) * v[1];
  let a0 = Infinity;
  let a1 = -Infinity;
  const offs = group.map((l) => proj(l.center, n)).sort((a, b) => a - b);
  for (const l of group) {
    const a = proj(l.center, u);
    a0 = Math.min(a0, a - l.length / 2);
    a1 = Math.max(a1, a + l.length / 2);
  }
  const thick = group.reduce((s, l) => s + l.thickness, 0) / group.length;
  const n0 = offs[0]! - thick / 2;
  const n1 = offs[offs.length - 1]! + thick / 2;
  const mid: Point = [c0[0] + ((a0 + a1) / 2) * u[0] + ((n0 + n1) / 2) * n[0], c0[1] + ((a0 + a1) / 2) * u[1] + ((n0 + n1) / 2) * n[1]];
  const length = a1 - a0;
  const thickness = n1 - n0;
  const at = (a: number, b: number): Point => [mid[0] + a * u[0] + b * n[0], mid[1] + a * u[1] + b * n[1]];
  const quad: Quad = [at(-length / 2, -thickness / 2), at(length / 2, -thickness / 2), at(length / 2, thickness / 2), at(-length / 2, thickness / 2)];
  const spacing = (offs[offs.length - 1]! - offs[0]!) / (offs.length - 1);
  // Pitch from a strip 8 px per line-spacing tall is plenty for a column profile and cheap to warp.
  const stripH = Math.max(8, Math.round(thickness));
  const strip = warpStrip(cv, gray, quad, Math.max(16, Math.round(length)), stripH);
  let pitch: { pitch: number; strength: number } | null;
  try {
    // Search 26-52 glyphs per line: 30, 36 and 44 without their half or double (harmonics).
    pitch = glyphPitch(cv, strip, [26, 52]);
  } finally {
    strip.delete();
  }
  const chars = pitch && pitch.strength >= 0.15 ? Math.round(length / pitch.pitch) : null;
  const format = formatOf(group.length, chars, length, spacing);
  const lengths = group.map((l) => l.length);
  const lenSim = Math.min(...lengths) / Math.max(...lengths);
  const score = Math.max(0, Math.min(1, (0.4 + 0.6 * (pitch?.strength ?? 0)) * lenSim * (format ? 1 : 0.6)));
  const deg = (Math.atan2(u[1], u[0]) * 180) / Math.PI;
  return {
    quad,
    center: mid,
    length,
    thickness,
    angleDeg: deg <= -90 ? deg + 180 : deg > 90 ? deg - 180 : deg,
    lines: group.length,
    charsPerLine: chars,
    format,
    score,
    u,
    n,
    lineOffsets: offs.map((o) => o - (n0 + n1) / 2),
    along: [-length / 2, length / 2],
  };
}

/** MRZ bands in a grey Mat (coordinates of that Mat), searched at the given orientations. */
export function detectBands(cv: Cv, gray: Mat, anglesDeg: readonly number[]): BandDetail[] {
  const bands: BandDetail[] = [];
  for (const lines of linesAtAngles(cv, gray, anglesDeg)) {
    for (const g of groupLines(lines)) {
      const b = bandFromGroup(cv, gray, g);
      if (!b) continue;
      // The same band seen in two passes (text at ~22 degrees shows in the 0 and 45 degree passes).
      const dup = bands.findIndex((o) => dist(o.center, b.center) < 0.2 * Math.max(o.length, b.length));
      if (dup < 0) bands.push(b);
      else if (bands[dup]!.score < b.score) bands[dup] = b;
    }
  }
  return bands.sort((a, b) => b.score - a.score);
}

/**
 * Find MRZ-like bands in a grey image at any orientation. Works on a copy shrunk to at most 1024 px on the
 * long side; the result is in the input's pixels. The 180-degree reading direction is not resolved.
 */
export async function findMrzBands(gray: GrayImage): Promise<RotatedBand[]> {
  const cv = await loadOpenCv();
  const full = grayMat(cv, gray);
  const { mat, scale } = shrink(cv, full, WORKING_LONG_SIDE);
  full.delete();
  try {
    return detectBands(cv, mat, [0, 45, 90, 135]).map((b) => scaleBand(b, 1 / scale));
  } finally {
    mat.delete();
  }
}

/** The band in coordinates multiplied by `s`. */
export function scaleBand(b: BandDetail, s: number): BandDetail {
  const sp = (p: Point): Point => [p[0] * s, p[1] * s];
  return {
    ...b,
    quad: b.quad.map(sp) as unknown as Quad,
    center: sp(b.center),
    length: b.length * s,
    thickness: b.thickness * s,
    lineOffsets: b.lineOffsets.map((o) => o * s),
    along: [b.along[0] * s, b.along[1] * s],
  };
}
