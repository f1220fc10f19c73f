/**
 * Candidate MRZ text lines: dark thin strokes (blackhat), their horizontal gradient (Scharr x, strong on
 * the vertical strokes dense monospaced text is full of), merged along the line by a horizontal closing,
 * thresholded (Otsu) and taken as long thin contours. The text must be within ~35 degrees of horizontal
 * for the horizontal closing to join neighbouring glyphs, so rotated images are searched in several
 * passes (image turned by 0, 45, 90, 135 degrees) and the results mapped back.
 */
import type CvNamespace from '@techstark/opencv-js';
import type { Cv } from '../../imaging/opencv';
import type { Point } from '../../imaging/raster';

type Mat = CvNamespace.Mat;

/** One line-like blob, in the coordinates of the image the pass was given. */
export interface TextLine {
  readonly center: Point;
  /** Unit vector along the line, pointing to +x (x component >= 0). */
  readonly dir: Point;
  readonly length: number;
  readonly thickness: number;
}

/**
 * Blackhat kernel 15x7: strokes thinner than 7 px in some direction are kept (glyph strokes from 1 px on
 * a 300 px card to ~5 px on a full-frame page at the 1024 px working size), while photos, header bands
 * and shadows, which are wider than the kernel both ways, are removed.
 */
const BLACKHAT_KERNEL = { width: 15, height: 7 } as const;
/** Horizontal closing 17x3: bridges the gaps between glyphs and inside '<' runs, not the ~1.8 mm between lines. */
const LINE_CLOSE_KERNEL = { width: 17, height: 3 } as const;
/** An MRZ line is at least 8 times longer than thick (30 glyphs of 2.54 mm pitch, 2.5 mm tall: ~30). */
const MIN_LINE_ELONGATION = 8;
/** Shortest MRZ line considered: 30 glyphs at ~3 px pitch, below which no OCR reads them anyway. */
const MIN_LINE_LENGTH = 90;

/** Text lines in a grey Mat whose text runs roughly horizontally. */
export function horizontalLines(cv: Cv, gray: Mat): TextLine[] {
  const bh = new cv.Mat();
  const grad = new cv.Mat();
  const bin = new cv.Mat();
  const k1 = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(BLACKHAT_KERNEL.width, BLACKHAT_KERNEL.height));
  const k2 = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(LINE_CLOSE_KERNEL.width, LINE_CLOSE_KERNEL.height));
  const contours = new cv.MatVector();
  const hierarchy = new cv.Mat();
  const out: TextLine[] = [];
  try {
    cv.morphologyEx(gray, bh, cv.MORPH_BLACKHAT, k1);
    cv.Scharr(bh, grad, cv.CV_32F, 1, 0);
    // Scharr's positive taps sum to 16: 1/16 keeps the full range in 8 bits instead of saturating.
    cv.convertScaleAbs(grad, grad, 1 / 16);
    cv.normalize(grad, grad, 0, 255, cv.NORM_MINMAX, cv.CV_8U);
    cv.morphologyEx(grad, grad, cv.MORPH_CLOSE, k2);
    cv.threshold(grad, bin, 0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU);
    cv.findContours(bin, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    for (let i = 0; i < contours.size(); i++) {
      const c = contours.get(i);
      try {
        const r = cv.minAreaRect(c);
        const long = Math.max(r.size.width, r.size.height);
        const short = Math.max(1, Math.min(r.size.width, r.size.height));
        if (long < MIN_LINE_LENGTH || long / short < MIN_LINE_ELONGATION) continue;
        const p = cv.boxPoints(r);
        const a = p[0]!;
        const b = p[1]!;
        const d = p[3]!;
        const ab = Math.hypot(b.x - a.x, b.y - a.y);
        const ad = Math.hypot(d.x - a.x, d.y - a.y);
        let dir: Point = ab >= ad ? [(b.x - a.x) / ab, (b.y - a.y) / ab] : [(d.x - a.x) / ad, (d.y - a.y) / ad];
        if (dir[0] < 0 || (dir[0] === 0 && dir[1] < 0)) dir = [-dir[0], -dir[1]];
        out.push({ center: [r.center.x, r.center.y], dir, length: long, thickness: short });
      } finally {
        c.delete();
      }
    }
  } finally {
    bh.delete();
    grad.delete();
    bin.delete();
    k1.delete();
    k2.delete();
    contours.delete();
    hierarchy.delete();
  }
  return out;
}

/**
 * Text lines at any orientation: passes over the image turned by each of `anglesDeg` (multiples of 45),
 * results in the input's coordinates.
 */
export function linesAtAngles(cv: Cv, gray: Mat, anglesDeg: readonly number[]): TextLine[][] {
  return anglesDeg.map((angle) => {
    if (angle === 0) return horizontalLines(cv, gray);
    const w = gray.cols;
    const h = gray.rows;
    const th = (angle * Math.PI) / 180;
    const cos = Math.cos(th);
    const sin = Math.sin(th);
    // Canvas that holds the whole turned image.
    const W = Math.ceil(Math.abs(w * cos) + Math.abs(h * sin));
    const H = Math.ceil(Math.abs(w * sin) + Math.abs(h * cos));
    // Forward map: p' = R (p - c) + c', R turning by +angle (clockwise on screen).
    const cx = w / 2;
    const cy = h / 2;
    const m = cv.matFromArray(2, 3, cv.CV_64F, [cos, -sin, W / 2 - cos * cx + sin * cy, sin, cos, H / 2 - sin * cx - cos * cy]);
    const turned = new cv.Mat();
    try {
      // Replicated border: a constant fill would add a long straight edge for the blackhat to pick up.
      cv.warpAffine(gray, turned, m, new cv.Size(W, H), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
      return horizontalLines(cv, turned).map((l) => {
        const x = l.center[0] - W / 2;
        const y = l.center[1] - H / 2;
        const center: Point = [cos * x + sin * y + cx, -sin * x + cos * y + cy];
        let dir: Point = [cos * l.dir[0] + sin * l.dir[1], -sin * l.dir[0] + cos * l.dir[1]];
        if (dir[0] < 0 || (dir[0] === 0 && dir[1] < 0)) dir = [-dir[0], -dir[1]];
        return { center, dir, length: l.length, thickness: l.thickness };
      });
    } finally {
      m.delete();
      turned.delete();
    }
  });
}
