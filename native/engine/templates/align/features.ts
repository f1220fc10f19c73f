/**
 * ORB keypoints and descriptors (Rublee et al., "ORB: an efficient alternative to SIFT or SURF", ICCV 2011)
 * from opencv.js; matching.ts pairs them. ORB is chosen over AKAZE and BRISK (the other detectors of the
 * opencv.js build): it is the cheapest, its oriented descriptor is invariant to the 180-degree turn a card
 * may arrive in, and the guilloche, headings and labels of a document give it plenty of corners. Results
 * are plain typed arrays, so a prepared template side holds no WASM memory.
 */
import type { Cv } from '../../imaging/opencv';
import { withMats } from '../../imaging/opencv';
import type { GrayImage } from '../../imaging/raster';
import { spreadKeypoints } from '../../forensics/copy-move/keypoint-grid';

/** Keypoints with their 256-bit descriptors (32 bytes each, row i at `descriptors[32 i ..]`). */
export interface FeatureSet {
  readonly count: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly descriptors: Uint8Array;
}

interface CvKeyPoint {
  readonly pt: { readonly x: number; readonly y: number };
  readonly response: number;
}
interface CvVector<T> {
  size(): number;
  get(i: number): T;
  push_back(v: T): void;
  delete(): void;
}
interface Feature2DSteps {
  detect(image: unknown, keypoints: unknown, mask: unknown): void;
  compute(image: unknown, keypoints: unknown, descriptors: unknown): void;
  delete(): void;
}

/** ORB descriptor length in bytes (256 binary tests). */
const DESCRIPTOR_BYTES = 32;
/**
 * Pyramid levels at scale step 1.2: 4 levels span 1.2^3 = 1.7x. The questioned document is brought to the
 * side's feature frame before detection, so only residual scale (a loose outline, blur that removes the
 * finest corners) has to be covered; each further level adds detection time.
 */
const PYRAMID_LEVELS = 4;
/**
 * FAST threshold 6 (OpenCV's default is 20), on the half-size working image: a blurred document loses
 * most corners at 20. Measured on genuine cards of the bundled template blurred with sigma 2.5 px: 11-16
 * coarse inliers at 12, 23-33 at 6; on the other documents of the measurements (other designs, other
 * layouts, noise) the lower threshold adds keypoints but no consistent matches.
 */
const FAST_THRESHOLD = 6;
/** Candidates detected per keypoint kept: the grid selection (keypoint-grid.ts) then spreads them out. */
const OVERSAMPLE = 3;

/**
 * Detect up to `maxKeypoints` ORB keypoints on `gray` (only where `mask` is non-zero, when given), spread
 * over a grid so one high-contrast area (a heading) does not take them all, and describe them.
 */
export function detectFeatures(cv: Cv, gray: GrayImage, maxKeypoints: number, mask?: Uint8Array): FeatureSet {
  return withMats((track) => {
    const img = track(new cv.Mat(gray.height, gray.width, cv.CV_8UC1));
    img.data.set(gray.data);
    const maskMat = track(mask ? new cv.Mat(gray.height, gray.width, cv.CV_8UC1) : new cv.Mat());
    if (mask) {
      // Mat.data is a getter that builds a new view on every access: take it once.
      const md = maskMat.data;
      for (let i = 0; i < mask.length; i++) md[i] = mask[i] ? 255 : 0;
    }
    // ORB(nfeatures, scaleFactor, nlevels, edgeThreshold 31, firstLevel 0, WTA_K 2, Harris score, patchSize 31,
    // fastThreshold): OpenCV's defaults except the count, the pyramid depth and the FAST threshold (above).
    const orb = track(new cv.ORB(OVERSAMPLE * maxKeypoints, 1.2, PYRAMID_LEVELS, 31, 0, 2, cv.ORB_HARRIS_SCORE, 31, FAST_THRESHOLD)) as unknown as Feature2DSteps;
    const all = track(new cv.KeyPointVector()) as unknown as CvVector<CvKeyPoint>;
    orb.detect(img, all, maskMat);
    const found: CvKeyPoint[] = [];
    for (let i = 0; i < all.size(); i++) found.push(all.get(i));
    const pick = spreadKeypoints(
      found.map((k) => k.pt.x),
      found.map((k) => k.pt.y),
      found.map((k) => k.response),
      gray.width,
      gray.height,
      maxKeypoints,
    );
    const kept = track(new cv.KeyPointVector()) as unknown as CvVector<CvKeyPoint>;
    for (const i of pick) kept.push_back(found[i]!);
    const desc = track(new cv.Mat());
    // compute() drops keypoints whose patch leaves the image: positions are read back afterwards.
    orb.compute(img, kept, desc);
    const n = desc.rows === kept.size() ? kept.size() : 0;
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const k = kept.get(i);
      x[i] = k.pt.x;
      y[i] = k.pt.y;
    }
    const descriptors = n ? new Uint8Array(desc.data.subarray(0, n * DESCRIPTOR_BYTES)) : new Uint8Array(0);
    return { count: n, x, y, descriptors };
  });
}

