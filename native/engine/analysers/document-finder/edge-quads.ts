/**
 * Rough document outlines from contours: Canny edges with thresholds from the image's own gradient
 * statistics, and Otsu segmentation of both polarities (card lighter than a table, darker than a scanner
 * bed). Each closed shape gives a quad from its convex hull (approxPolyDP) or, when the corners are too
 * rounded for that, its minimum-area rectangle. `refineQuad` then snaps them onto the real edges.
 */
import type CvNamespace from '@techstark/opencv-js';
import type { Cv } from '../../imaging/opencv';
import type { Point, Quad } from '../../imaging/raster';
import { iou, isConvex, maxCornerDeviationDeg, orderLandscape, sideRatio, signedArea } from './geometry';
import type { GradientField } from './working';

type Mat = CvNamespace.Mat;

/**
 * A document covers at least 1.2 % of the working image: a 300 px card in a 2.5x larger photo still
 * passes (25 %/2.5^2 = 4 %), and with four cards in a frame each has ~10 %.
 */
export const MIN_AREA_FRACTION = 0.012;

/**
 * Broad side-ratio window for rough quads (1.15-2.0, i.e. ID-2/3's 1.42 and ID-1's 1.59 with room for
 * hull bloat and tilt); the strict per-class test comes after refinement.
 */
const ROUGH_RATIO: readonly [number, number] = [1.15, 2.0];

/** Corners may deviate up to 30 degrees from square before refinement (15 degrees of tilt gives ~10). */
const ROUGH_MAX_CORNER_DEV = 30;

function contourPoints(c: Mat): Point[] {
  const pts: Point[] = [];
  const d = c.data32S;
  for (let i = 0; i + 1 < d.length; i += 2) pts.push([d[i]!, d[i + 1]!]);
  return pts;
}

function quadsFromContours(cv: Cv, contours: CvNamespace.MatVector, minArea: number, maxArea: number, out: Quad[]): void {
  for (let i = 0; i < contours.size(); i++) {
    const c = contours.get(i);
    const hull = new cv.Mat();
    const approx = new cv.Mat();
    try {
      const rect = cv.minAreaRect(c);
      const rectArea = rect.size.width * rect.size.height;
      if (rectArea < minArea || rectArea > maxArea) continue;
      cv.convexHull(c, hull, false, true);
      const peri = cv.arcLength(hull, true);
      // 2 % of the perimeter removes the hull's small steps, 4 % also cuts off rounded corners.
      for (const eps of [0.02, 0.04]) {
        cv.approxPolyDP(hull, approx, eps * peri, true);
        if (approx.rows === 4) {
          out.push(orderLandscape(contourPoints(approx)));
          break;
        }
      }
      const box = cv.boxPoints(rect);
      // The rectangle is a candidate only when the hull fills it (>= 85 %): a rounded rectangle fills
      // ~99 %, a perspective view of a card ~90 %, an L-shaped clutter blob much less.
      if (cv.contourArea(hull) >= 0.85 * rectArea) out.push(orderLandscape(box.map((p) => [p.x, p.y] as Point)));
    } finally {
      c.delete();
      hull.delete();
      approx.delete();
    }
  }
}

/**
 * Clear the connected components of `binary` whose bounding box is smaller than `minBoxArea`, in place.
 * Text and texture make thousands of small contours; each one costs a WASM round trip in findContours'
 * result, so they are removed in one pass first (the outline of a document is one large component).
 */
function dropSmallComponents(cv: Cv, binary: Mat, minBoxArea: number): void {
  const labels = new cv.Mat();
  const stats = new cv.Mat();
  const centroids = new cv.Mat();
  try {
    const n = cv.connectedComponentsWithStats(binary, labels, stats, centroids, 8, cv.CV_32S);
    const keep = new Uint8Array(n);
    const s = stats.data32S;
    for (let i = 1; i < n; i++) keep[i] = s[i * 5 + cv.CC_STAT_WIDTH]! * s[i * 5 + cv.CC_STAT_HEIGHT]! >= minBoxArea ? 255 : 0;
    const l = labels.data32S;
    const d = binary.data;
    for (let i = 0; i < l.length; i++) d[i] = keep[l[i]!]!;
  } finally {
    labels.delete();
    stats.delete();
    centroids.delete();
  }
}

function findQuads(cv: Cv, binary: Mat, mode: number, minArea: number, maxArea: number, out: Quad[]): void {
  const contours = new cv.MatVector();
  const hierarchy = new cv.Mat();
  try {
    dropSmallComponents(cv, binary, minArea);
    cv.findContours(binary, contours, hierarchy, mode, cv.CHAIN_APPROX_SIMPLE);
    quadsFromContours(cv, contours, minArea, maxArea, out);
  } finally {
    contours.delete();
    hierarchy.delete();
  }
}

/**
 * Contours are traced at half the working size (~512 px): outlines only need to be within a few pixels
 * before `refineQuad`, and every pass here costs 4x less (the whole search ~12 ms instead of ~50 ms).
 */
const CONTOUR_SCALE = 0.5;

/** Rough candidate quads (clockwise, landscape order) in working-image pixels, roughly deduplicated. */
export function roughQuads(cv: Cv, blurredWorking: Mat, field: GradientField): Quad[] {
  const blurred = new cv.Mat();
  cv.resize(blurredWorking, blurred, new cv.Size(Math.round(blurredWorking.cols * CONTOUR_SCALE), Math.round(blurredWorking.rows * CONTOUR_SCALE)), 0, 0, cv.INTER_AREA);
  try {
    return roughQuadsAt(cv, blurred, field).map((q) => q.map((p) => [p[0] / CONTOUR_SCALE, p[1] / CONTOUR_SCALE] as Point) as unknown as Quad);
  } finally {
    blurred.delete();
  }
}

function roughQuadsAt(cv: Cv, blurred: Mat, field: GradientField): Quad[] {
  const area = blurred.cols * blurred.rows;
  const minArea = MIN_AREA_FRACTION * area;
  // Outlines filling > 99.5 % of the frame are the frame itself; the whole-image fallback covers them.
  const maxArea = 0.995 * area;
  const raw: Quad[] = [];
  const edges = new cv.Mat();
  const work = new cv.Mat();
  const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3));
  const openKernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5));
  try {
    // Canny's high threshold: the 90th percentile of gradient strength (edges are the strongest 10 % of
    // a photo), at least 4 and at most 24 grey levels/px (so flat scans do not turn noise into edges and
    // busy textures do not hide a card edge of moderate contrast). OpenCV's Sobel is 8x our slope units.
    const high = 8 * Math.min(24, Math.max(4, field.quantileL1(0.9)));
    cv.Canny(blurred, edges, high / 2, high, 3, false);
    // One 3x3 dilation closes the one-pixel gaps Canny leaves at corners and along blurred edges.
    cv.dilate(edges, edges, kernel);
    findQuads(cv, edges, cv.RETR_LIST, minArea, maxArea, raw);
    for (const type of [cv.THRESH_BINARY, cv.THRESH_BINARY_INV]) {
      cv.threshold(blurred, work, 0, 255, type | cv.THRESH_OTSU);
      // A 5x5 opening detaches a card from thin table lines and removes speckle.
      cv.morphologyEx(work, work, cv.MORPH_OPEN, openKernel);
      findQuads(cv, work, cv.RETR_EXTERNAL, minArea, maxArea, raw);
    }
  } finally {
    edges.delete();
    work.delete();
    kernel.delete();
    openKernel.delete();
  }
  const kept: Quad[] = [];
  for (const q of raw.sort((a, b) => Math.abs(signedArea(b)) - Math.abs(signedArea(a)))) {
    const r = sideRatio(q);
    if (!isConvex(q) || r < ROUGH_RATIO[0] || r > ROUGH_RATIO[1] || maxCornerDeviationDeg(q) > ROUGH_MAX_CORNER_DEV) continue;
    // Near-identical outlines (IoU > 0.92: inner and outer contour of one dilated edge) are refined once.
    if (kept.some((k) => iou(k, q) > 0.92)) continue;
    kept.push(q);
    // 40 candidates are far more than any real scene needs; it bounds the refinement cost in clutter.
    if (kept.length >= 40) break;
  }
  return kept;
}
