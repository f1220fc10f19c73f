/**
 * Band-pass (difference of Gaussians) of the luma of a rectangle, relative to the local background, with
 * strong ink (text, labels, frame lines, the header band) painted out first, shared by the `background`
 * and `portrait-border` checks. The band keeps the fine print (guilloche lines 1-2 px wide) and drops
 * the paper's colour gradient, uneven light and everything printed in solid ink, so identical labels do
 * not correlate in place of the pattern. Painting out uses normalised convolution: the background is a
 * blur of the non-ink pixels divided by the blur of the non-ink weight.
 */
import type { Box, RgbImage } from '../../imaging/raster';
import type { FloatImage } from './raster-ops';
import { boxBlur, coarseBlur, gaussianBlur, lumaCrop } from './raster-ops';
import { dilate } from './morphology';

// Inner scale: two box passes of 3 px (sigma 1.15 px) keep 1.2 px lines after a capture blur of sigma
// ~1; with extra blur, a Gaussian of the combined sigma. Outer scale: two box passes of 7 px (sigma
// 2.8 px) remove everything wider than ~6 px.
const INNER_SIGMA = Math.sqrt(4 / 3);
const OUTER_RADIUS = 3;
const OUTER_PASSES = 2;
// Local background: 4 x 4 px block means, two box passes of 5 blocks (sigma ~ 6.5 px), interpolated
// back: wide against the 1-2 px lines, at 1/16 of the cost of a full-resolution blur.
const BACKGROUND_FACTOR = 4;
const BACKGROUND_RADIUS = 2;
const BACKGROUND_PASSES = 2;
// Strong ink: darker than 55 % of the local background (text and labels reach 20-35 %, guilloche lines
// 75-85 %, at any exposure since it is a ratio).
const INK_RATIO = 0.55;

/** Band-passed luma (relative to the local background) and a strong-ink mask over a rectangle. */
export interface BandPassed {
  /** The rectangle (image px). */
  readonly rect: Box;
  /** DoG of luma / local background (dimensionless, ~0 on flat paper and on painted-out ink). */
  readonly band: FloatImage;
  /** 1 where the pixel is strong ink (1 px around included): not background print. */
  readonly ink: Uint8Array;
}

/**
 * Band-pass `rect` of `image` (`rect` must lie inside the image). `extraBlur` (px) blurs the inner scale
 * further, to meet a blurred capture at its own sharpness (inner sigma = sqrt(1.15^2 + extraBlur^2)).
 */
export function bandPass(image: RgbImage, rect: Box, extraBlur = 0): BandPassed {
  const luma = lumaCrop(image, rect);
  const { width: w, height: h } = luma;
  const n = w * h;
  const first = coarseBlur(luma, BACKGROUND_FACTOR, BACKGROUND_RADIUS, BACKGROUND_PASSES);
  const ink0 = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (luma.data[i]! < INK_RATIO * first.data[i]!) ink0[i] = 1;
  const ink = dilate(ink0, w, h, 1);
  const weight = new Float32Array(n);
  const weighted = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    weight[i] = ink[i] ? 0 : 1;
    weighted[i] = ink[i] ? 0 : luma.data[i]!;
  }
  const wb = coarseBlur({ width: w, height: h, data: weight }, BACKGROUND_FACTOR, BACKGROUND_RADIUS, BACKGROUND_PASSES).data;
  const vb = coarseBlur({ width: w, height: h, data: weighted }, BACKGROUND_FACTOR, BACKGROUND_RADIUS, BACKGROUND_PASSES).data;
  const rel = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Weight under 2 %: the pixel sits deep inside solid ink, with no background near it.
    const bg = wb[i]! > 0.02 ? vb[i]! / wb[i]! : first.data[i]!;
    rel[i] = ink[i] ? 1 : luma.data[i]! / Math.max(8, bg); // 8 grey levels: never divide by ~0
  }
  const relImage: FloatImage = { width: w, height: h, data: rel };
  const inner = extraBlur > 0 ? gaussianBlur(relImage, Math.hypot(INNER_SIGMA, extraBlur)) : boxBlur(relImage, 1, 2);
  const outer = boxBlur(relImage, OUTER_RADIUS, OUTER_PASSES);
  const band = new Float32Array(n);
  for (let i = 0; i < n; i++) band[i] = inner.data[i]! - outer.data[i]!;
  return { rect, band: { width: w, height: h, data: band }, ink };
}
