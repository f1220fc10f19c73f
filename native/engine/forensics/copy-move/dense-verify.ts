/**
 * Dense verification of a keypoint pair (Pan & Lyu, IEEE TIFS 2010): with the estimated transform T, every
 * pixel p near the source keypoints is compared with T(p) by normalised cross-correlation over a 7x7
 * window. Pixels that correlate form the copied region (keypoints only mark corners of it); the target
 * region is its image under T. This turns sparse matches into a pixel map and rejects transforms that no
 * pixel area supports.
 */
import type { Box, GrayImage } from '../types';
import type { Similarity } from './similarity';
import { correlationField, RADIUS } from './correlation-field';
import type { Area } from './correlation-field';
import { closeSquare3, fillHoles, keepSeeded } from './mask-ops';
import { applySimilarity, invertSimilarity } from './similarity';

/**
 * Search margin around the keypoints: 16 px (about an ORB patch diameter at the verification scale, since
 * a region extends past its outermost corners) plus a quarter of their extent.
 */
const MIN_MARGIN = 16;
const MARGIN_FRACTION = 0.25;

/** A transform confirmed by pixel correlation: both ends and how much correlates. */
export interface VerifiedPair {
  /** Boxes in working pixels (x, y, width, height), both ends of the pair. */
  readonly source: Box;
  readonly target: Box;
  /** Pixels of the source end that correlate with their partners. */
  readonly pixels: number;
  /** Mean NCC over those pixels. */
  readonly meanCorrelation: number;
}

/**
 * Verify transform `t` around the source points (sx, sy): mark pixels whose 7x7 NCC with their image under
 * `t` is at least `minCorrelation` (both windows textured, partners at least `minDistance` apart), close
 * one-pixel gaps, fill enclosed holes, keep the connected parts that contain a source point, and write
 * both ends into `mask` (1 = has a copy partner). Returns null when no pixel survives.
 */
export function verifyTransform(luma: GrayImage, t: Similarity, sx: readonly number[], sy: readonly number[], minCorrelation: number, minDistance: number, mask: Uint8Array): VerifiedPair | null {
  const { width: w, height: h } = luma;
  const area = searchArea(sx, sy, w, h);
  const aw = area.x1 - area.x0, ah = area.y1 - area.y0;
  if (aw <= 2 * RADIUS || ah <= 2 * RADIUS) return null;
  const n = aw * ah;
  const ncc = correlationField(luma, area, t, minDistance);
  const hit = new Uint8Array(n);
  for (let k = 0; k < n; k++) if (ncc[k]! >= minCorrelation) hit[k] = 1;
  const region = keepSeeded(fillHoles(closeSquare3(hit, aw, ah), aw, ah), aw, ah, sx.map((x) => Math.round(x) - area.x0), sy.map((y) => Math.round(y) - area.y0));
  let pixels = 0, sumNcc = 0, nccCount = 0;
  let bx0 = aw, by0 = ah, bx1 = -1, by1 = -1;
  for (let y = 0; y < ah; y++) {
    for (let x = 0; x < aw; x++) {
      const k = y * aw + x;
      if (!region[k]) continue;
      pixels++;
      if (hit[k]) {
        sumNcc += ncc[k]!;
        nccCount++;
      }
      mask[(area.y0 + y) * w + area.x0 + x] = 1;
      if (x < bx0) bx0 = x;
      if (x > bx1) bx1 = x;
      if (y < by0) by0 = y;
      if (y > by1) by1 = y;
    }
  }
  if (pixels === 0 || nccCount === 0) return null;
  const source: Box = { x: area.x0 + bx0, y: area.y0 + by0, width: bx1 - bx0 + 1, height: by1 - by0 + 1 };
  const target = markTarget(t, region, area, aw, source, w, h, mask);
  return { source, target, pixels, meanCorrelation: sumNcc / nccCount };
}

function searchArea(sx: readonly number[], sy: readonly number[], w: number, h: number): Area {
  const minX = Math.min(...sx), maxX = Math.max(...sx), minY = Math.min(...sy), maxY = Math.max(...sy);
  const margin = MIN_MARGIN + MARGIN_FRACTION * Math.max(maxX - minX, maxY - minY);
  return {
    x0: Math.max(0, Math.floor(minX - margin)),
    y0: Math.max(0, Math.floor(minY - margin)),
    x1: Math.min(w, Math.ceil(maxX + margin) + 1),
    y1: Math.min(h, Math.ceil(maxY + margin) + 1),
  };
}

/** Target end: pixels q whose preimage T^-1(q) lies in the source region (so rescaled copies have no holes). */
function markTarget(t: Similarity, region: Uint8Array, area: { x0: number; y0: number }, aw: number, source: Box, w: number, h: number, mask: Uint8Array): Box {
  const inv = invertSimilarity(t);
  const corners = [
    applySimilarity(t, source.x, source.y),
    applySimilarity(t, source.x + source.width, source.y),
    applySimilarity(t, source.x, source.y + source.height),
    applySimilarity(t, source.x + source.width, source.y + source.height),
  ];
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[0])))), x1 = Math.min(w - 1, Math.ceil(Math.max(...corners.map((c) => c[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[1])))), y1 = Math.min(h - 1, Math.ceil(Math.max(...corners.map((c) => c[1]))));
  const ah = region.length / aw;
  let bx0 = w, by0 = h, bx1 = -1, by1 = -1;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const [u, v] = applySimilarity(inv, x, y);
      const rx = Math.round(u) - area.x0, ry = Math.round(v) - area.y0;
      if (rx < 0 || ry < 0 || rx >= aw || ry >= ah || !region[ry * aw + rx]) continue;
      mask[y * w + x] = 1;
      if (x < bx0) bx0 = x;
      if (x > bx1) bx1 = x;
      if (y < by0) by0 = y;
      if (y > by1) by1 = y;
    }
  }
  return bx1 < 0 ? { x: x0, y: y0, width: 0, height: 0 } : { x: bx0, y: by0, width: bx1 - bx0 + 1, height: by1 - by0 + 1 };
}

