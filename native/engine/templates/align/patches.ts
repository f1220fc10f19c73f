/**
 * Reference patches for dense refinement: windows of the template's fixed print with texture in two
 * directions (a guilloche crossing or bend, label glyphs, the emblem), which block matching can locate
 * precisely along both axes. A patch along one straight line would slide along it (the aperture problem), so
 * patches are chosen by the smaller eigenvalue of their structure tensor (Shi and Tomasi, "Good features to
 * track", CVPR 1994) and by its ratio to the larger one. Fixed print often runs in narrow strips between
 * the holder's fields (a label row between two value boxes is ~18 px high at 300 dpi), so besides squares
 * the candidates include wide and tall strips, and at most PER_CELL patches are kept per grid cell so the
 * homography is fixed by the whole document, not by its most textured corner.
 */
import type { Cv } from '../../imaging/opencv';
import { withMats } from '../../imaging/opencv';
import type { GrayImage } from '../../imaging/raster';

/** Chosen patches: top-left corners and sizes, reference px. */
export interface PatchSet {
  readonly x: Int32Array;
  readonly y: Int32Array;
  readonly w: Int32Array;
  readonly h: Int32Array;
  readonly count: number;
}

/**
 * Candidate shapes, reference px: a 32 px square (2.7 mm: a guilloche bend, a few glyph strokes), a 64 x 16
 * strip (a label word between two value rows) and a 16 x 64 strip (the fixed print between two columns).
 * Each is matched in ~0.15 ms by opencv.js's matchTemplate with a +-10 px search (measured: 200 in 30 ms).
 */
const SHAPES: readonly (readonly [number, number])[] = [
  [32, 32],
  [64, 16],
  [16, 64],
];
/** Grid step of candidate positions: 8 px, fine enough that a strip finds the gap it fits in. */
const STEP = 8;
/**
 * Largest search radius the patches must leave room for inside the image, reference px
 * (dense.ts searches at most this far).
 */
export const MAX_SEARCH = 12;
/**
 * Smallest eigenvalue of the structure tensor, mean per pixel, in (Sobel units)^2, and its ratio to the
 * largest. Measured on the bundled template's 32 px candidates: the median smallest eigenvalue is 14 (plain
 * paper and single lines, ~0 along the line), the upper quartile 270 (bends, crossings, glyph corners).
 * 20 keeps the faint guilloche crossings of the field area; a ratio of 0.1 refuses texture that runs
 * essentially one way (a straight stroke).
 */
const MIN_EIGEN = 20;
const MIN_EIGEN_RATIO = 0.1;
/**
 * Spreading: cells of 48 px keep at most 2 patches each (the strongest): the header alone otherwise
 * supplies three quarters of the patches of the bundled template and leaves the perspective terms of the
 * homography to extrapolation.
 */
const CELL = 48;
const PER_CELL = 2;

/** Patches of `gray` lying wholly where `allowed` is 1, with texture in two directions, spread over the image. */
export function choosePatches(cv: Cv, gray: GrayImage, allowed: Uint8Array): PatchSet {
  const { width: W, height: H } = gray;
  const [gx, gy] = withMats((track) => {
    const src = track(new cv.Mat(H, W, cv.CV_8UC1));
    src.data.set(gray.data);
    const f = track(new cv.Mat());
    src.convertTo(f, cv.CV_32F);
    const smooth = track(new cv.Mat());
    // Sigma 1 px: about the scale block matching sees after a questioned document's blur.
    cv.GaussianBlur(f, smooth, new cv.Size(0, 0), 1, 1, cv.BORDER_REPLICATE);
    const dx = track(new cv.Mat());
    const dy = track(new cv.Mat());
    cv.Sobel(smooth, dx, cv.CV_32F, 1, 0, 3, 1, 0, cv.BORDER_REPLICATE);
    cv.Sobel(smooth, dy, cv.CV_32F, 0, 1, 3, 1, 0, cv.BORDER_REPLICATE);
    return [new Float32Array(dx.data32F), new Float32Array(dy.data32F)] as const;
  });
  // Summed-area tables of the tensor's entries and of the mask.
  const S = (W + 1) * (H + 1);
  const sxx = new Float64Array(S), syy = new Float64Array(S), sxy = new Float64Array(S), sm = new Float64Array(S);
  for (let y = 0; y < H; y++) {
    let rxx = 0, ryy = 0, rxy = 0, rm = 0;
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const a = gx[i]!, b = gy[i]!;
      rxx += a * a;
      ryy += b * b;
      rxy += a * b;
      rm += allowed[i]!;
      const o = (y + 1) * (W + 1) + x + 1;
      sxx[o] = sxx[o - W - 1]! + rxx;
      syy[o] = syy[o - W - 1]! + ryy;
      sxy[o] = sxy[o - W - 1]! + rxy;
      sm[o] = sm[o - W - 1]! + rm;
    }
  }
  const box = (t: Float64Array, x: number, y: number, w: number, h: number) => t[(y + h) * (W + 1) + x + w]! - t[y * (W + 1) + x + w]! - t[(y + h) * (W + 1) + x]! + t[y * (W + 1) + x]!;
  const candidates: { x: number; y: number; w: number; h: number; score: number; cell: number }[] = [];
  const cols = Math.ceil(W / CELL);
  for (const [w, h] of SHAPES) {
    const n = w * h;
    for (let y = MAX_SEARCH; y + h + MAX_SEARCH <= H; y += STEP) {
      for (let x = MAX_SEARCH; x + w + MAX_SEARCH <= W; x += STEP) {
        if (box(sm, x, y, w, h) < n) continue;
        const a = box(sxx, x, y, w, h) / n, c = box(syy, x, y, w, h) / n, b = box(sxy, x, y, w, h) / n;
        const half = (a + c) / 2, root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
        const lmin = half - root, lmax = half + root;
        if (lmin < MIN_EIGEN || lmin < MIN_EIGEN_RATIO * lmax) continue;
        const cell = Math.floor((y + h / 2) / CELL) * cols + Math.floor((x + w / 2) / CELL);
        candidates.push({ x, y, w, h, score: lmin, cell });
      }
    }
  }
  candidates.sort((p, q) => q.score - p.score || p.y - q.y || p.x - q.x);
  const perCell = new Map<number, { x: number; y: number; w: number; h: number }[]>();
  const kept: typeof candidates = [];
  for (const p of candidates) {
    const inCell = perCell.get(p.cell) ?? [];
    if (inCell.length >= PER_CELL) continue;
    // Two patches of one cell should not mostly overlap (they would measure the same print twice).
    if (inCell.some((o) => overlap(o, p) > 0.5 * Math.min(o.w * o.h, p.w * p.h))) continue;
    inCell.push(p);
    perCell.set(p.cell, inCell);
    kept.push(p);
  }
  kept.sort((p, q) => p.y - q.y || p.x - q.x);
  return {
    x: Int32Array.from(kept, (p) => p.x),
    y: Int32Array.from(kept, (p) => p.y),
    w: Int32Array.from(kept, (p) => p.w),
    h: Int32Array.from(kept, (p) => p.h),
    count: kept.length,
  };
}

function overlap(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
