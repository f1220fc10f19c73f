/**
 * Look for the MRZ inside a candidate outline, in a small rectified copy where the text is horizontal:
 * it decides the 180-degree orientation (the MRZ is at the bottom), ID-2 against ID-3, and whether the
 * outline really is the document the MRZ belongs to (an open passport booklet is shaped like its data
 * page, but its MRZ sits in the middle).
 */
import type CvNamespace from '@techstark/opencv-js';
import type { Cv } from '../../imaging/opencv';
import type { Quad } from '../../imaging/raster';
import { detectBands } from './mrz-bands';
import type { BandDetail } from './mrz-bands';
import { warpQuad } from './rectify';
import { CANONICAL_PX, MRZ_GEOMETRY, SIZE_MM } from './types';
import type { MrzFormat, SizeClass } from './types';
import { sameShape } from './classify';

type Mat = CvNamespace.Mat;

/** The check works at ~500 px wide: glyph pitch 10-15 px, enough for the band detector, ~4x cheaper than canonical. */
const CHECK_WIDTH = 500;

/** The measured bottom line may sit up to 5 mm from its nominal place (issuer layouts vary by ~2-3 mm). */
const MAX_PLACEMENT_ERROR_MM = 5;
/** The band length may differ from chars x 2.54 mm by 15 % (blur widens it, glare can shorten it). */
const MAX_LENGTH_ERROR = 0.15;

export interface MrzCheck {
  /** 'none': no band; 'consistent': band where the outline's document has it; 'foreign': a band that does not fit. */
  readonly verdict: 'none' | 'consistent' | 'foreign';
  /** The outline re-ordered so the MRZ is at the bottom (unchanged unless consistent). */
  readonly quad: Quad;
  readonly sizeClass: SizeClass;
  readonly format: MrzFormat | null;
  readonly bandScore: number;
  /** Fraction of interior pixels next to a step of more than 20 grey levels (print, text, photo). */
  readonly detail: number;
  /** Band rectangle in canonical-size pixels of `sizeClass`. */
  readonly rect?: { x: number; y: number; width: number; height: number; lines: number };
}

function bandFits(b: BandDetail, w: number, h: number, widthMm: number, fmt: MrzFormat): boolean {
  const g = MRZ_GEOMETRY[fmt];
  const pxPerMm = w / widthMm;
  const bottomLine = b.center[1] + Math.max(...b.lineOffsets);
  const expected = h - g.bottomCentreMm * pxPerMm;
  const lengthMm = b.length / pxPerMm;
  return Math.abs(bottomLine - expected) <= MAX_PLACEMENT_ERROR_MM * pxPerMm && Math.abs(lengthMm / (g.chars * 2.54) - 1) <= MAX_LENGTH_ERROR;
}

/** Check one outline (landscape order, working-image pixels) of shape `shapeClass`. */
export function checkMrz(cv: Cv, gray: Mat, quad: Quad, shapeClass: SizeClass): MrzCheck {
  const size = SIZE_MM[shapeClass];
  const w = CHECK_WIDTH;
  const h = Math.round((CHECK_WIDTH * size.height) / size.width);
  const strip = warpQuad(cv, gray, quad, w, h);
  let bands: BandDetail[];
  let detail: number;
  try {
    bands = detectBands(cv, strip, [0]);
    detail = detailFraction(strip);
  } finally {
    strip.delete();
  }
  // Only bands along the long side (within 5 degrees: the outline is already rectified) count.
  const band = bands.find((b) => Math.abs(b.angleDeg) <= 5 && b.length >= 0.5 * w);
  if (!band) return { verdict: 'none', quad, sizeClass: shapeClass, format: null, bandScore: 0, detail };
  const upsideDown = band.center[1] < h / 2;
  const b: BandDetail = upsideDown
    ? { ...band, center: [w - band.center[0], h - band.center[1]], lineOffsets: band.lineOffsets.map((o) => -o).sort((x, y) => x - y) }
    : band;
  const oriented: Quad = upsideDown ? [quad[2], quad[3], quad[0], quad[1]] : quad;
  const formats: MrzFormat[] = b.format ? [b.format] : b.lines === 3 ? ['TD1'] : ['TD3', 'TD2'];
  for (const fmt of formats) {
    const cls = MRZ_GEOMETRY[fmt].sizeClass;
    if (!sameShape(cls, shapeClass) || !bandFits(b, w, h, SIZE_MM[cls].width, fmt)) continue;
    const canon = canonicalScale(cls, w);
    return {
      verdict: 'consistent',
      quad: oriented,
      sizeClass: cls,
      format: b.format,
      bandScore: b.score,
      detail,
      rect: {
        x: (b.center[0] - b.length / 2) * canon,
        y: (b.center[1] - b.thickness / 2) * canon,
        width: b.length * canon,
        height: b.thickness * canon,
        lines: b.lines,
      },
    };
  }
  return { verdict: 'foreign', quad, sizeClass: shapeClass, format: b.format, bandScore: b.score, detail };
}

/** Factor from the check raster (CHECK_WIDTH wide) to the canonical raster of `cls`. */
function canonicalScale(cls: SizeClass, checkWidth: number): number {
  return CANONICAL_PX[cls].width / checkWidth;
}

/** Share of pixels inside a 5 % margin whose right neighbour differs by more than 20 grey levels. */
function detailFraction(strip: Mat): number {
  const w = strip.cols;
  const h = strip.rows;
  const d = strip.data;
  let n = 0;
  let hit = 0;
  for (let y = Math.round(0.05 * h); y < 0.95 * h; y++) {
    for (let x = Math.round(0.05 * w), i = y * w + x; x < 0.95 * w - 1; x++, i++) {
      n++;
      if (Math.abs(d[i]! - d[i + 1]!) > 20) hit++;
    }
  }
  return n ? hit / n : 0;
}
