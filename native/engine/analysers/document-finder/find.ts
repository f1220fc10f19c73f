/**
 * `findDocuments`: identity documents in a photo or scan, each outlined, classified by ISO/IEC 7810 size
 * and rectified to 300 dpi. See the README-style notes in index.ts for the method.
 */
import type CvNamespace from '@techstark/opencv-js';
import { loadOpenCv } from '../../imaging/opencv';
import type { Cv } from '../../imaging/opencv';
import type { Point, Quad, RgbImage } from '../../imaging/raster';
import { anchorCandidate, dropFacingPages, edgeCandidates, makeCandidate, mergeAnchors } from './candidates';
import type { Candidate } from './candidates';
import { fitShape } from './classify';
import { centroid, iou, readingOrder, scaleQuad } from './geometry';
import { detectBands, scaleBand } from './mrz-bands';
import type { BandDetail } from './mrz-bands';
import { matToRgb, warpQuad } from './rectify';
import { CANONICAL_PX } from './types';
import type { FindOptions, FoundDocument } from './types';
import { WORKING_LONG_SIDE, gradientField, rgbMat, shrink } from './working';

type Mat = CvNamespace.Mat;

/** Bands scoring under 0.3 (irregular pitch, unequal lines) are ordinary text blocks, not MRZs. */
const MIN_BAND_SCORE = 0.3;

function insideAny(p: Point, cands: readonly Candidate[]): boolean {
  return cands.some((c) => c.mrz.verdict === 'consistent' && pointInConvex(p, c.quad));
}

function pointInConvex(p: Point, q: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const s = Math.sign((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]));
    if (s !== 0 && sign !== 0 && s !== sign) return false;
    if (s !== 0) sign = s;
  }
  return true;
}

/**
 * The whole-image MRZ search runs at the full working size. At 768 px (0.56x the pixels, ~15 ms less per
 * orientation) the band of a card a third of the frame wide, tilted, was lost in the 3-card test scene.
 */
const GLOBAL_MRZ_LONG_SIDE = WORKING_LONG_SIDE;

/**
 * MRZ bands anywhere in the working image at 0 and 90 degrees (each covers text within ~35 degrees);
 * the diagonals only when nothing else was found, as they cost as much again.
 */
function globalBands(cv: Cv, gray: Mat, diagonals: boolean): BandDetail[] {
  const { mat, scale } = shrink(cv, gray, GLOBAL_MRZ_LONG_SIDE);
  try {
    let bands = detectBands(cv, mat, [0, 90]).filter((b) => b.score >= MIN_BAND_SCORE);
    if (bands.length === 0 && diagonals) bands = detectBands(cv, mat, [45, 135]).filter((b) => b.score >= MIN_BAND_SCORE);
    return bands.map((b) => scaleBand(b, 1 / scale));
  } finally {
    mat.delete();
  }
}

function wholeImage(cv: Cv, gray: Mat): Candidate | null {
  const w = gray.cols - 1;
  const h = gray.rows - 1;
  const quad: Quad = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  if (!fitShape(quad) && !fitShape([quad[1], quad[2], quad[3], quad[0]])) return null;
  // The frame's own edges cannot be measured: edge support is the neutral 0.5 by definition.
  const c = makeCandidate(cv, gray, quad, 0.5, 'whole-image');
  return c;
}

function mrzBandOf(c: Candidate, toCanon: (p: Point) => Point): FoundDocument['mrzBand'] {
  if (c.mrz.verdict === 'consistent' && c.mrz.rect) return { ...c.mrz.rect, format: c.mrz.format };
  if (!c.band) return undefined;
  const pts = c.band.quad.map(toCanon);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y, lines: c.band.lines, format: c.band.format };
}

/** Homography from `quad` to the w x h rectangle, applied in plain arithmetic. */
function projector(cv: Cv, quad: Quad, w: number, h: number): (p: Point) => Point {
  const from = cv.matFromArray(4, 1, cv.CV_32FC2, quad.flatMap((p) => [p[0], p[1]]));
  const to = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, w - 1, 0, w - 1, h - 1, 0, h - 1]);
  const m = cv.getPerspectiveTransform(from, to);
  const d = Array.from(m.data64F);
  from.delete();
  to.delete();
  m.delete();
  return (p) => {
    const z = d[6]! * p[0] + d[7]! * p[1] + d[8]!;
    return [(d[0]! * p[0] + d[1]! * p[1] + d[2]!) / z, (d[3]! * p[0] + d[4]! * p[1] + d[5]!) / z];
  };
}

/**
 * Find the identity documents in an image: outlines (source pixels, TL, TR, BR, BL in landscape
 * orientation), size class, how they were found, a confidence with its parts, and a rectified copy at the
 * canonical 300-dpi size. Documents do not overlap and come top-to-bottom, then left-to-right.
 */
export async function findDocuments(image: RgbImage, options: FindOptions = {}): Promise<FoundDocument[]> {
  const cv = await loadOpenCv();
  const owned: { delete(): void }[] = [];
  const track = <M extends { delete(): void }>(m: M): M => {
    owned.push(m);
    return m;
  };
  try {
    const rgb = track(rgbMat(cv, image));
    const grayFull = track(new cv.Mat());
    cv.cvtColor(rgb, grayFull, cv.COLOR_RGB2GRAY);
    const { mat: gray, scale } = shrink(cv, grayFull, WORKING_LONG_SIDE);
    track(gray);
    const blurred = track(new cv.Mat());
    // 5x5 Gaussian: suppresses sensor noise and JPEG blocking before edges; a bilateral filter would keep
    // edges sharper but costs ~15x as much here (57 ms against 3.5 ms at 1024 px).
    cv.GaussianBlur(gray, blurred, new cv.Size(5, 5), 0);
    const field = gradientField(cv, blurred);

    let cands = edgeCandidates(cv, blurred, gray, field);
    // Bands are always searched in the whole image too (~40 ms at 768 px): a second card whose outline
    // merged with the background is otherwise lost as soon as another card was found by its edges.
    const bands = globalBands(cv, gray, cands.length === 0).filter((b) => !insideAny(b.center, cands));
    const anchors = bands.map((b) => anchorCandidate(cv, gray, field, b)).filter((c): c is Candidate => c !== null);
    cands = mergeAnchors(cands, anchors);
    cands = dropFacingPages(cands);
    // A scan that is the document: the frame itself, when no measured outline already is (nearly) the
    // frame. With an agreeing MRZ it replaces outlines covering most of the frame (those are then inner
    // print structures or an extrapolation); without one it is only the last resort.
    if (!cands.some((c) => c.method === 'edges' && c.mrz.verdict === 'consistent')) {
      const whole = wholeImage(cv, gray);
      if (whole && whole.mrz.verdict === 'consistent' && !cands.some((c) => c.method === 'edges' && iou(c.quad, whole.quad) > 0.8)) {
        cands = [...cands.filter((c) => iou(c.quad, whole.quad) < 0.5), whole];
      } else if (whole && cands.length === 0) cands.push(whole);
    }
    cands = cands.sort((a, b) => b.confidence - a.confidence).slice(0, options.maxDocuments ?? 8);

    const docs: FoundDocument[] = [];
    for (const c of readingOrder(cands, (k) => k.quad)) {
      const quad = scaleQuad(c.quad, 1 / scale);
      const size = CANONICAL_PX[c.sizeClass];
      let rectified: RgbImage = { width: 0, height: 0, data: new Uint8Array(0) };
      if (!options.skipRectify) {
        const warped = warpQuad(cv, rgb, quad, size.width, size.height);
        rectified = matToRgb(warped);
        warped.delete();
      }
      const mrzBand = mrzBandOf(c, projector(cv, c.quad, size.width, size.height));
      docs.push({
        quad,
        sizeClass: c.sizeClass,
        sizeClassFrom: c.sizeClassFrom,
        method: c.method,
        confidence: c.confidence,
        confidenceParts: c.parts,
        orientationKnown: c.orientationKnown,
        rectified,
        ...(mrzBand ? { mrzBand } : {}),
      });
    }
    return docs;
  } finally {
    for (const m of owned.reverse()) m.delete();
  }
}

/** Centre of a found document (handy for callers sorting or matching). */
export function documentCentre(doc: FoundDocument): Point {
  return centroid(doc.quad);
}
