/**
 * Keypoint self-matching for copy-move detection (Amerini et al., "A SIFT-based forensic method for
 * copy-move attack detection and transformation recovery", IEEE TIFS 2011), with ORB (Rublee et al. 2011)
 * in place of SIFT: the opencv.js build has ORB, AKAZE and BRISK but no SIFT; ORB is the cheapest of the
 * three (a FAST/Harris pyramid and 256-bit binary descriptors matched by Hamming distance), and it is
 * invariant to rotation and, through its image pyramid, to rescaling (2.5x with the 6 levels used here).
 */
import type { Cv } from '../../imaging/opencv';
import { withMats } from '../../imaging/opencv';
import type { GrayImage } from '../types';
import { spreadKeypoints } from './keypoint-grid';
import type { CopyMoveOptions } from './options';

/** What opencv.js hands back for one keypoint / one match (its typings declare them as `any`). */
interface CvKeyPoint {
  readonly pt: { readonly x: number; readonly y: number };
  readonly size: number;
  readonly response: number;
}
interface CvDMatch {
  readonly trainIdx: number;
  readonly distance: number;
}
interface Feature2DSteps {
  detect(image: unknown, keypoints: unknown, mask: unknown): void;
  compute(image: unknown, keypoints: unknown, descriptors: unknown): void;
  delete(): void;
}
interface CvVector<T> {
  size(): number;
  get(i: number): T;
  delete(): void;
}

/** Matched keypoint pairs, parallel arrays in working-image pixels; each unordered pair appears once. */
export interface KeypointMatches {
  readonly count: number;
  readonly ax: Float32Array;
  readonly ay: Float32Array;
  readonly bx: Float32Array;
  readonly by: Float32Array;
  /** Hamming distance of the two descriptors (of 256 bits). */
  readonly distance: Uint16Array;
  /** How many keypoints ORB returned. */
  readonly keypoints: number;
}

/**
 * Neighbours asked of the matcher per keypoint: the keypoint itself, partners closer than the spatial
 * limit (the same corner found at another pyramid level, overlapping patches) and up to a few copies.
 * 6 leaves room for two copies after self and three near neighbours; more costs matcher time.
 */
const NEIGHBOURS = 6;
/** ORB pyramid levels (see the constructor call). */
const PYRAMID_LEVELS = 6;
/**
 * Candidates detected per keypoint kept: 3x gives the grid selection (keypoint-grid.ts) a choice in
 * moderately textured cells; descriptors are computed for the kept ones only.
 */
const OVERSAMPLE = 3;

/**
 * Detect ORB keypoints on `luma` (3x the number kept, then spread over a grid: keypoint-grid.ts) and match
 * the image against itself: for each keypoint its nearest
 * descriptors (brute force, Hamming), dropping itself and partners closer than max(minMatchDistance,
 * the larger of the two patch diameters) — overlapping patches share pixels, so their descriptors agree
 * for reasons other than copying. On the rest the g2NN test (Amerini et al. 2011) runs: neighbours
 * d1..dk are matches when d_k / d_(k+1) < ratio and d_k <= maxHamming (a clear gap after them); when the
 * list runs out before a gap, the farthest distance the matcher returned stands for d_(k+1), which is
 * conservative (the true next distance can only be larger).
 */
export function matchKeypointsToSelf(cv: Cv, luma: GrayImage, options: CopyMoveOptions): KeypointMatches {
  return withMats((track) => {
    const img = track(new cv.Mat(luma.height, luma.width, cv.CV_8UC1));
    img.data.set(luma.data);
    // ORB(nfeatures, scaleFactor 1.2, nlevels, edgeThreshold 31, firstLevel 0, WTA_K 2, Harris score,
    // patchSize 31, fastThreshold): OpenCV's defaults except the feature count, the FAST threshold and
    // the pyramid depth: 6 levels span 1.2^5 = 2.5x, enough for the rescaling range clustering accepts (2x).
    // detect() and compute() exist on every Feature2D in opencv.js; its typings declare only detectAndCompute.
    const orb = track(new cv.ORB(OVERSAMPLE * options.maxKeypoints, 1.2, PYRAMID_LEVELS, 31, 0, 2, cv.ORB_HARRIS_SCORE, 31, options.fastThreshold)) as unknown as Feature2DSteps;
    const all = track(new cv.KeyPointVector()) as unknown as CvVector<CvKeyPoint> & InstanceType<Cv['KeyPointVector']>;
    const noMask = track(new cv.Mat());
    orb.detect(img, all, noMask);
    const found: CvKeyPoint[] = [];
    for (let i = 0; i < all.size(); i++) found.push(all.get(i));
    const pick = spreadKeypoints(
      found.map((k) => k.pt.x),
      found.map((k) => k.pt.y),
      found.map((k) => k.response),
      luma.width,
      luma.height,
      options.maxKeypoints,
    );
    const kpv = track(new cv.KeyPointVector()) as unknown as CvVector<CvKeyPoint> & InstanceType<Cv['KeyPointVector']> & { push_back(k: CvKeyPoint): void };
    for (const i of pick) kpv.push_back(found[i]!);
    const desc = track(new cv.Mat());
    // compute() may drop keypoints whose patch leaves the image: positions are read back afterwards.
    orb.compute(img, kpv, desc);
    const n = kpv.size();
    const empty: KeypointMatches = { count: 0, ax: new Float32Array(0), ay: new Float32Array(0), bx: new Float32Array(0), by: new Float32Array(0), distance: new Uint16Array(0), keypoints: n };
    if (n < 2) return empty;
    const px = new Float32Array(n);
    const py = new Float32Array(n);
    const size = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const k = kpv.get(i);
      px[i] = k.pt.x;
      py[i] = k.pt.y;
      size[i] = k.size;
    }
    const matcher = track(new cv.BFMatcher(cv.NORM_HAMMING, false));
    const knn = track(new cv.DMatchVectorVector()) as unknown as CvVector<CvVector<CvDMatch>>;
    matcher.knnMatch(desc, desc, knn, Math.min(NEIGHBOURS, n));
    const seen = new Set<number>();
    const out: { a: number; b: number; d: number }[] = [];
    const kept: CvDMatch[] = [];
    for (let i = 0; i < n; i++) {
      const row = knn.get(i);
      kept.length = 0;
      let farthest = 0;
      try {
        for (let j = 0; j < row.size(); j++) {
          const m = row.get(j);
          farthest = Math.max(farthest, m.distance);
          const t = m.trainIdx;
          if (t === i) continue;
          const limit = Math.max(options.minMatchDistance, size[i]!, size[t]!);
          if (Math.hypot(px[t]! - px[i]!, py[t]! - py[i]!) < limit) continue;
          kept.push(m);
        }
      } finally {
        row.delete();
      }
      for (const m of g2nn(kept, farthest, options.ratio, options.maxHamming)) {
        const a = Math.min(i, m.trainIdx);
        const b = Math.max(i, m.trainIdx);
        const key = a * n + b;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ a, b, d: m.distance });
      }
    }
    const count = out.length;
    const r: KeypointMatches = {
      count,
      ax: new Float32Array(count),
      ay: new Float32Array(count),
      bx: new Float32Array(count),
      by: new Float32Array(count),
      distance: new Uint16Array(count),
      keypoints: n,
    };
    out.forEach((m, k) => {
      r.ax[k] = px[m.a]!;
      r.ay[k] = py[m.a]!;
      r.bx[k] = px[m.b]!;
      r.by[k] = py[m.b]!;
      r.distance[k] = m.d;
    });
    return r;
  });
}

/** g2NN over candidates sorted by distance: all before the first ratio gap, if that gap exists. */
function g2nn(sorted: readonly CvDMatch[], farthest: number, ratio: number, maxHamming: number): readonly CvDMatch[] {
  for (let k = 0; k < sorted.length; k++) {
    const d = sorted[k]!.distance;
    if (d > maxHamming) return [];
    const next = k + 1 < sorted.length ? sorted[k + 1]!.distance : farthest;
    // A zero "next" means every candidate is identical (a flat or periodic patch): no gap, no match.
    if (next > 0 && d / next < ratio) return sorted.slice(0, k + 1);
  }
  return [];
}
