/** Size class and confidence parts of an outline, measured from its shape. */
import type { Quad } from '../../imaging/raster';
import { maxCornerDeviationDeg, sideRatio } from './geometry';
import { SIZE_MM } from './types';
import type { SizeClass } from './types';

/** Nominal side ratios: ID-1 1.586; ID-2 1.419 and ID-3 1.420 are indistinguishable by shape alone. */
const RATIO_ID1 = SIZE_MM.ID1.width / SIZE_MM.ID1.height;
const RATIO_ID23 = (SIZE_MM.ID2.width / SIZE_MM.ID2.height + SIZE_MM.ID3.width / SIZE_MM.ID3.height) / 2;

/**
 * Side-ratio tolerance 8 %: up to 15 degrees of tilt shortens one pair of sides by <= 3.4 %, a rounded or
 * worn corner and a soft edge add ~2 %. The windows (ID-1 1.459-1.713, ID-2/3 1.306-1.534) overlap a
 * little; there the nearer nominal ratio wins.
 */
export const RATIO_TOLERANCE = 0.08;

/** Corner angles may be off square by up to 25 degrees (15 degrees of camera tilt with a wide lens). */
export const MAX_CORNER_DEV = 25;

export interface ShapeFit {
  /** 'ID1', or 'ID3' standing for ID-2/ID-3 (the MRZ decides between them). */
  readonly sizeClass: SizeClass;
  readonly ratio: number;
  /** 1 at the nominal ratio, 0.5 at the tolerance limit. */
  readonly aspectFit: number;
  /** 1 for right angles, 0.5 at MAX_CORNER_DEV. */
  readonly shape: number;
}

/** Fit an outline (landscape order) to a size class, or null when no class fits. */
export function fitShape(q: Quad): ShapeFit | null {
  const ratio = sideRatio(q);
  const dev = maxCornerDeviationDeg(q);
  if (dev > MAX_CORNER_DEV) return null;
  const d1 = Math.abs(ratio / RATIO_ID1 - 1);
  const d23 = Math.abs(ratio / RATIO_ID23 - 1);
  const d = Math.min(d1, d23);
  if (d > RATIO_TOLERANCE) return null;
  return { sizeClass: d1 <= d23 ? 'ID1' : 'ID3', ratio, aspectFit: 1 - (0.5 * d) / RATIO_TOLERANCE, shape: 1 - (0.5 * dev) / MAX_CORNER_DEV };
}

/** Whether a size class fits the outline's ratio (ID-2 and ID-3 count as the same shape). */
export function sameShape(a: SizeClass, b: SizeClass): boolean {
  return a === b || (a !== 'ID1' && b !== 'ID1');
}
