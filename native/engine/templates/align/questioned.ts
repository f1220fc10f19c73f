/**
 * The questioned document prepared for matching: its grey image brought to a template side's feature frame
 * (half the reference size, FEATURE_SCALE in prepared-side.ts) and its ORB features. Computed once per frame
 * size and shared by every template side of that size.
 */
import type { Cv } from '../../imaging/opencv';
import { withMats } from '../../imaging/opencv';
import { rgbToGray } from '../../imaging/decode';
import type { GrayImage, RgbImage } from '../../imaging/raster';
import { detectFeatures } from './features';
import type { FeatureSet } from './features';

export interface QuestionedFeatures {
  /** The questioned image as given. */
  readonly width: number;
  readonly height: number;
  /** The working size it was resized to (the side's feature frame); features are in working pixels. */
  readonly workWidth: number;
  readonly workHeight: number;
  readonly features: FeatureSet;
  /** The questioned image's grey (as given, full size), reused by refinement. */
  readonly gray: GrayImage;
}

/**
 * Questioned keypoints: more than the reference's (prepared-side.ts) because the questioned image also
 * holds the holder's fields and portrait, whose keypoints find no partner; 1500 over the 506 x 319 working
 * image is about one per 10 x 10 px.
 */
const QUESTIONED_KEYPOINTS = 1500;

/** Resize `gray` to `w` x `h` (area averaging when shrinking, bilinear when enlarging). */
export function resizeGray(cv: Cv, gray: GrayImage, w: number, h: number): GrayImage {
  if (gray.width === w && gray.height === h) return gray;
  return withMats((track) => {
    const src = track(new cv.Mat(gray.height, gray.width, cv.CV_8UC1));
    src.data.set(gray.data);
    const dst = track(new cv.Mat());
    const shrinking = w * h < gray.width * gray.height;
    cv.resize(src, dst, new cv.Size(w, h), 0, 0, shrinking ? cv.INTER_AREA : cv.INTER_LINEAR);
    return { width: w, height: h, data: new Uint8Array(dst.data) };
  });
}

/** Features of `questioned` resized to the working size `w` x `h` (the reference's feature frame). */
export function questionedFeatures(cv: Cv, questioned: RgbImage, w: number, h: number): QuestionedFeatures {
  const gray = rgbToGray(questioned);
  const work = resizeGray(cv, gray, w, h);
  return { width: questioned.width, height: questioned.height, workWidth: w, workHeight: h, features: detectFeatures(cv, work, QUESTIONED_KEYPOINTS), gray };
}
