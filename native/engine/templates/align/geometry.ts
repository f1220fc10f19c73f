/**
 * 3x3 homographies (row-major, 9 numbers) between a questioned document and a template's reference frame:
 * robust estimation from point pairs (RANSAC in opencv.js), composition, and the plausibility checks that
 * keep a rectified document from being forced onto a template by a wild transform.
 */
import type { Cv } from '../../imaging/opencv';
import { withMats } from '../../imaging/opencv';
import type { Point } from '../../imaging/raster';
import type { FeatureMatches } from './matching';

export type Homography3 = readonly number[];

/** Apply `h` to one point. */
export function project(h: Homography3, x: number, y: number): Point {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** `a` after `b` (a * b), normalised so the last entry is 1. */
export function compose(a: Homography3, b: Homography3): number[] {
  const m = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) m[r * 3 + c]! += a[r * 3 + k]! * b[k * 3 + c]!;
  return normalise(m);
}

/** Inverse of `h` (adjugate / determinant), normalised; null when singular. */
export function invert(h: Homography3): number[] | null {
  const [a, b, c, d, e, f, g, i, j] = h as [number, number, number, number, number, number, number, number, number];
  const A = e * j - f * i, B = -(d * j - f * g), C = d * i - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  const inv = [A, -(b * j - c * i), b * f - c * e, B, a * j - c * g, -(a * f - c * d), C, -(a * i - b * g), a * e - b * d].map((v) => v / det);
  return normalise(inv);
}

function normalise(m: number[]): number[] {
  const s = m[8]!;
  return Math.abs(s) > 1e-15 ? m.map((v) => v / s) : m;
}

/** A scaling homography (x * sx, y * sy). */
export function scaling(sx: number, sy: number): number[] {
  return [sx, 0, 0, 0, sy, 0, 0, 0, 1];
}

/** A robust fit and the pairs it explains. */
export interface HomographyFit {
  readonly h: number[];
  /** 1 for each match RANSAC kept as an inlier. */
  readonly inlier: Uint8Array;
  readonly inliers: number;
  /** Median distance, in reference pixels, between an inlier's reference point and its projection. */
  readonly medianErrorPx: number;
}

/** RANSAC iterations cap and confidence: 2000 draws find an all-inlier sample of 4 with 99.5 % confidence down to an inlier share of ~ 0.25. */
const RANSAC_MAX_ITERS = 2000;
const RANSAC_CONFIDENCE = 0.995;
/** findHomography needs 4 pairs; fewer than 8 cannot be told from chance agreement. */
const MIN_PAIRS = 8;

/**
 * RANSAC homography from questioned to reference points, inliers within `thresholdPx` reference px
 * (OpenCV refines the model on its inliers, Levenberg-Marquardt).
 */
export function fitHomography(cv: Cv, matches: FeatureMatches, thresholdPx: number): HomographyFit | null {
  const n = matches.count;
  if (n < MIN_PAIRS) return null;
  return withMats((track) => {
    const src = new Float32Array(2 * n);
    const dst = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      src[2 * i] = matches.qx[i]!;
      src[2 * i + 1] = matches.qy[i]!;
      dst[2 * i] = matches.rx[i]!;
      dst[2 * i + 1] = matches.ry[i]!;
    }
    const s = track(cv.matFromArray(n, 1, cv.CV_32FC2, Array.from(src)));
    const d = track(cv.matFromArray(n, 1, cv.CV_32FC2, Array.from(dst)));
    const mask = track(new cv.Mat());
    const hm = track(cv.findHomography(s, d, cv.RANSAC, thresholdPx, mask, RANSAC_MAX_ITERS, RANSAC_CONFIDENCE));
    if (hm.empty() || hm.rows !== 3 || hm.cols !== 3) return null;
    const h = normalise(Array.from(hm.data64F));
    if (!h.every(Number.isFinite)) return null;
    const inlier = new Uint8Array(n);
    const errors: number[] = [];
    const kept = mask.data; // Mat.data builds a new view on every access: take it once.
    for (let i = 0; i < n; i++) {
      if (!kept[i]) continue;
      const [px, py] = project(h, matches.qx[i]!, matches.qy[i]!);
      const e = Math.hypot(px - matches.rx[i]!, py - matches.ry[i]!);
      // The refit can move a RANSAC inlier beyond the threshold: count only what the final model explains.
      if (e > thresholdPx) continue;
      inlier[i] = 1;
      errors.push(e);
    }
    errors.sort((a, b) => a - b);
    return { h, inlier, inliers: errors.length, medianErrorPx: errors.length ? errors[errors.length >> 1]! : Infinity };
  });
}

/** The verdict of the plausibility checks: the turn found, or why the transform is refused. */
export type Plausibility = { readonly ok: true; readonly turned: 0 | 180 } | { readonly ok: false; readonly reason: string };

/**
 * Limits for a rectified document (the documents analyser has already removed perspective and brought it to
 * its canonical size), measured on the linear part of `h` after dividing out the expected size ratio:
 * - rotation within 10 degrees of 0 or 180: an outline found on the document's edges leaves < 2 degrees;
 *   10 still admits a loosely drawn manual outline and refuses the 90-degree and arbitrary rotations that
 *   only a wrong match set produces;
 * - scale within 0.8-1.25: the canonical size is fixed by the document format, a loose outline changes it
 *   by a few percent; a match set on a part of another document drifts far beyond;
 * - anisotropy (ratio of singular values) at most 1.2 and local area change over the document at most
 *   1.3x: a few pixels of outline error shear a 1011 x 638 document by < 2 %;
 * - mirror images (negative determinant) are refused outright: no rectification produces one;
 * - the questioned document's centre lands within 15 % of the reference's size from the reference centre.
 */
const MAX_TURN_DEG = 10;
const SCALE_RANGE: readonly [number, number] = [0.8, 1.25];
const MAX_ANISOTROPY = 1.2;
const MAX_AREA_CHANGE = 1.3;
const MAX_CENTRE_SHIFT = 0.15;

/** Check that `h` (questioned w x h → reference rw x rh) is what a rectified document of this model would give. */
export function checkPlausible(h: Homography3, qw: number, qh: number, rw: number, rh: number): Plausibility {
  const expected = Math.sqrt((rw / qw) * (rh / qh));
  const jac = (x: number, y: number) => {
    const w = h[6]! * x + h[7]! * y + h[8]!;
    const [u, v] = project(h, x, y);
    return [(h[0]! - h[6]! * u) / w, (h[1]! - h[7]! * u) / w, (h[3]! - h[6]! * v) / w, (h[4]! - h[7]! * v) / w] as const;
  };
  const [a, b, c, d] = jac(qw / 2, qh / 2).map((v) => v / expected) as [number, number, number, number];
  const det = a * d - b * c;
  if (!(det > 0)) return { ok: false, reason: 'the transform mirrors the document' };
  const angle = (Math.atan2(c - b, a + d) * 180) / Math.PI;
  const turned: 0 | 180 = Math.abs(angle) > 90 ? 180 : 0;
  const offTurn = turned === 180 ? 180 - Math.abs(angle) : Math.abs(angle);
  if (offTurn > MAX_TURN_DEG) return { ok: false, reason: `rotated ${angle.toFixed(1)} degrees, more than ${MAX_TURN_DEG} from upright or upside down` };
  const scale = Math.sqrt(det);
  if (scale < SCALE_RANGE[0] || scale > SCALE_RANGE[1]) return { ok: false, reason: `scale ${scale.toFixed(2)} outside ${SCALE_RANGE[0]}-${SCALE_RANGE[1]} of the canonical size` };
  // Singular values of [a b; c d]: sqrt of the eigenvalues of its Gram matrix.
  const p = a * a + b * b + c * c + d * d;
  const root = Math.sqrt(Math.max(0, p * p - 4 * det * det));
  const anisotropy = Math.sqrt((p + root) / Math.max(1e-12, p - root));
  if (anisotropy > MAX_ANISOTROPY) return { ok: false, reason: `sheared or stretched ${anisotropy.toFixed(2)}:1` };
  const areas = ([[0, 0], [qw, 0], [qw, qh], [0, qh]] as const).map(([x, y]) => {
    const [ja, jb, jc, jd] = jac(x, y);
    return Math.abs(ja * jd - jb * jc);
  });
  const change = Math.max(...areas) / Math.max(1e-12, Math.min(...areas));
  if (change > MAX_AREA_CHANGE) return { ok: false, reason: `perspective left in the transform (area changes ${change.toFixed(2)}x across the document)` };
  const [cx, cy] = project(h, qw / 2, qh / 2);
  const shift = Math.max(Math.abs(cx - rw / 2) / rw, Math.abs(cy - rh / 2) / rh);
  if (shift > MAX_CENTRE_SHIFT) return { ok: false, reason: `the document's centre lands ${(shift * 100).toFixed(0)} % of the template's size off the template's centre` };
  return { ok: true, turned };
}
