/**
 * Dense refinement of an alignment: every textured fixed-print patch of the reference (patches.ts) is
 * located by normalised cross-correlation (OpenCV matchTemplate, TM_CCOEFF_NORMED: invariant to the patch's
 * brightness and contrast) in the questioned document warped by the current estimate, to sub-pixel
 * precision (a parabola through the peak and its neighbours on each axis), and a homography is fitted to
 * the displaced patch centres by RANSAC. Hundreds of well-spread sub-pixel pairs fix the homography far
 * better than ORB keypoints, which sit on their pyramid level's pixel grid and cluster in the print with
 * the most corners.
 */
import type { Cv } from '../../imaging/opencv';
import { withMats } from '../../imaging/opencv';
import type { GrayImage } from '../../imaging/raster';
import { fitHomography, invert, project } from './geometry';
import type { Homography3, HomographyFit } from './geometry';
import type { FeatureMatches } from './matching';
import { MAX_SEARCH } from './patches';
import { warpInto } from './warp';
import type { PatchSet } from './patches';

/** The refined fit and how many patches were found. */
export interface DenseFit {
  readonly h: number[];
  /** Patches whose correlation peak is clear (MIN_PEAK, inside the search window). */
  readonly located: number;
  /** Patches the fitted homography explains within the RANSAC threshold. */
  readonly fit: HomographyFit;
  /** Patches tried. */
  readonly tried: number;
}

/**
 * Lowest correlation peak accepted: 0.5. Measured peaks of the second pass on the bundled side: genuine
 * cards blurred with sigma 1.5 px 0.71-1.00, after JPEG q60 0.83-1.00, blurred with sigma 2.5 px
 * 0.54-1.00; a card of another design peaks at -0.09-1.00 with median 0.11 (its headings and labels match,
 * its background print does not).
 */
const MIN_PEAK = 0.5;
/**
 * RANSAC threshold on patch centres, reference px: sub-pixel block matching is accurate to ~0.2 px on
 * genuine print, so 1 px keeps the located patches while dropping the ones locked onto a neighbour.
 */
const THRESHOLD_PX = 1;

/**
 * Refine `initial` (questioned px → reference px): warp `questioned` by it, search every `stride`-th patch
 * of `patches` within `search` px (at most MAX_SEARCH) of its place, and fit the homography questioned →
 * reference to the located patches. Null when fewer than 8 patches are located or no fit is found.
 */
export function refineDense(cv: Cv, questioned: GrayImage, initial: Homography3, reference: GrayImage, patches: PatchSet, search: number, stride = 1): DenseFit | null {
  const S = Math.min(MAX_SEARCH, Math.max(1, Math.round(search)));
  const back = invert(initial);
  if (!back) return null;
  const moved = warpInto(questioned, initial, reference.width, reference.height).image;
  const pairs = withMats((track) => {
    const warped = track(new cv.Mat(reference.height, reference.width, cv.CV_8UC1));
    warped.data.set(moved.data);
    const ref = track(new cv.Mat(reference.height, reference.width, cv.CV_8UC1));
    ref.data.set(reference.data);
    const res = track(new cv.Mat());
    const qx: number[] = [], qy: number[] = [], rx: number[] = [], ry: number[] = [];
    const side = 2 * S + 1;
    for (let k = 0; k < patches.count; k += stride) {
      const x0 = patches.x[k]!, y0 = patches.y[k]!, pw = patches.w[k]!, ph = patches.h[k]!;
      const tpl = ref.roi(new cv.Rect(x0, y0, pw, ph));
      const win = warped.roi(new cv.Rect(x0 - S, y0 - S, pw + 2 * S, ph + 2 * S));
      try {
        cv.matchTemplate(win, tpl, res, cv.TM_CCOEFF_NORMED);
      } finally {
        tpl.delete();
        win.delete();
      }
      const r = res.data32F;
      let best = -2, bi = -1;
      for (let i = 0; i < r.length; i++) if (r[i]! > best) { best = r[i]!; bi = i; }
      if (!(best >= MIN_PEAK)) continue;
      const u = bi % side, v = Math.floor(bi / side);
      // A peak on the window's edge may be the slope of a peak outside it.
      if (u === 0 || v === 0 || u === side - 1 || v === side - 1) continue;
      const du = parabola(r[bi - 1]!, best, r[bi + 1]!), dv = parabola(r[bi - side]!, best, r[bi + side]!);
      const cx = x0 + (pw - 1) / 2, cy = y0 + (ph - 1) / 2;
      const [px, py] = project(back, cx + u - S + du, cy + v - S + dv);
      qx.push(px);
      qy.push(py);
      rx.push(cx);
      ry.push(cy);
    }
    return { count: qx.length, qx: Float32Array.from(qx), qy: Float32Array.from(qy), rx: Float32Array.from(rx), ry: Float32Array.from(ry) } satisfies FeatureMatches;
  });
  const fit = fitHomography(cv, pairs, THRESHOLD_PX);
  if (!fit) return null;
  return { h: fit.h, located: pairs.count, fit, tried: Math.ceil(patches.count / stride) };
}

/** Offset of a parabola's vertex through (-1, a), (0, b), (1, c), clamped to half a pixel. */
function parabola(a: number, b: number, c: number): number {
  const den = a - 2 * b + c;
  if (!(den < 0)) return 0;
  return Math.max(-0.5, Math.min(0.5, (a - c) / (2 * den)));
}
