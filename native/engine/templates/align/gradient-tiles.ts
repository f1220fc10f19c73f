/**
 * Similarity of two images of the same frame by their gradient structure: zero-mean normalised
 * cross-correlation (ZNCC) of the gradient magnitude, tile by tile, over the pixels a mask allows. The gradient
 * removes the paper's tone and slow lighting changes; normalising each tile removes contrast and brightness
 * differences (a scanner's gain, gamma, JPEG's loss of contrast) locally; smoothing both images first makes
 * the measure tolerant to blur and to residual misalignment of a pixel or two. A tile of a genuine document
 * correlates with its reference tile; the same tile of another document's background print does not.
 */
import type CvNamespace from '@techstark/opencv-js';
import type { Cv } from '../../imaging/opencv';
import { withMats } from '../../imaging/opencv';
import type { GrayImage } from '../../imaging/raster';

type Mat = CvNamespace.Mat;

/** The gradient magnitude of an image at half resolution. */
export interface GradientField {
  readonly width: number;
  readonly height: number;
  readonly magnitude: Float32Array;
}

/**
 * Working resolution: half the 300-dpi canonical size (150 dpi). The fine print a template relies on
 * (guilloche lines of ~0.1 mm, 6-7 pt labels) is still resolved at 150 dpi, and the work is a quarter.
 */
export const GRADIENT_SCALE = 0.5;
/**
 * Gaussian smoothing before the gradient, sigma in working pixels (1.2 = 2.4 canonical px = 0.2 mm):
 * wide enough that a genuine document blurred with sigma 1.5 canonical px or misaligned by 1-2 px still
 * correlates, narrow enough to keep neighbouring guilloche lines (1-2 mm apart) distinct.
 */
const SMOOTHING_SIGMA = 1.2;

/** Gradient magnitude of `gray` at GRADIENT_SCALE after Gaussian smoothing (Sobel 3x3). */
export function gradientField(cv: Cv, gray: GrayImage): GradientField {
  return withMats((track) => {
    const src = track(new cv.Mat(gray.height, gray.width, cv.CV_8UC1));
    src.data.set(gray.data);
    const w = Math.max(1, Math.round(gray.width * GRADIENT_SCALE));
    const h = Math.max(1, Math.round(gray.height * GRADIENT_SCALE));
    const small = track(new cv.Mat());
    cv.resize(src, small, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
    const f = track(new cv.Mat());
    small.convertTo(f, cv.CV_32F);
    const smooth = track(new cv.Mat());
    cv.GaussianBlur(f, smooth, new cv.Size(0, 0), SMOOTHING_SIGMA, SMOOTHING_SIGMA, cv.BORDER_REPLICATE);
    const gx = track(new cv.Mat());
    const gy = track(new cv.Mat());
    cv.Sobel(smooth, gx, cv.CV_32F, 1, 0, 3, 1, 0, cv.BORDER_REPLICATE);
    cv.Sobel(smooth, gy, cv.CV_32F, 0, 1, 3, 1, 0, cv.BORDER_REPLICATE);
    const mag = track(new cv.Mat());
    cv.magnitude(gx, gy, mag);
    return { width: w, height: h, magnitude: new Float32Array(mag.data32F) };
  });
}

/** Shrink a 0/1 full-resolution mask to `w` x `h`: a working pixel is allowed only when all its source pixels are. */
export function shrinkMask(cv: Cv, mask: Uint8Array, width: number, height: number, w: number, h: number): Uint8Array {
  return withMats((track) => {
    const src: Mat = track(new cv.Mat(height, width, cv.CV_8UC1));
    const sd = src.data; // Mat.data builds a new view on every access: take it once.
    for (let i = 0; i < mask.length; i++) sd[i] = mask[i] ? 255 : 0;
    const small = track(new cv.Mat());
    cv.resize(src, small, new cv.Size(w, h), 0, 0, cv.INTER_AREA);
    const out = new Uint8Array(w * h);
    const dd = small.data;
    for (let i = 0; i < out.length; i++) out[i] = dd[i] === 255 ? 1 : 0;
    return out;
  });
}

/** Tiles of the reference with enough allowed pixels and enough structure to be compared. */
export interface TileGrid {
  readonly tile: number;
  readonly x0: Int32Array;
  readonly y0: Int32Array;
  readonly count: number;
}

/**
 * Tile side in working pixels: 16 (32 canonical px, 2.7 mm) holds a few guilloche crossings or a label word;
 * a 1011 x 638 document has ~600 tiles, of which 149 on the bundled side are fixed print with structure,
 * enough for a robust quantile.
 */
export const TILE = 16;
/** A tile is compared when at least 60 % of it is allowed (fixed print): fewer pixels make ZNCC noisy. */
const MIN_ALLOWED_SHARE = 0.6;
/**
 * A reference tile needs a gradient-magnitude standard deviation >= 1.5 (Sobel units): flat paper has ~0 and
 * nothing to correlate. Measured on the bundled side's fixed-print tiles: 10 % are below 0.7 (plain
 * paper), the lower quartile is 7, the median 12 (guilloche), the upper quartile 51 (labels, headings).
 */
const MIN_REFERENCE_STD = 1.5;

/** Choose the tiles of `reference` that are fixed print and carry structure. */
export function referenceTiles(reference: GradientField, allowed: Uint8Array): TileGrid {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y0 = 0; y0 + TILE <= reference.height; y0 += TILE) {
    for (let x0 = 0; x0 + TILE <= reference.width; x0 += TILE) {
      let n = 0, s = 0, s2 = 0;
      for (let y = y0; y < y0 + TILE; y++) {
        for (let x = x0; x < x0 + TILE; x++) {
          const i = y * reference.width + x;
          if (!allowed[i]) continue;
          const v = reference.magnitude[i]!;
          n++;
          s += v;
          s2 += v * v;
        }
      }
      if (n < MIN_ALLOWED_SHARE * TILE * TILE) continue;
      const std = Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
      if (std < MIN_REFERENCE_STD) continue;
      xs.push(x0);
      ys.push(y0);
    }
  }
  return { tile: TILE, x0: Int32Array.from(xs), y0: Int32Array.from(ys), count: xs.length };
}

/**
 * ZNCC of `questioned` against `reference` on each tile of `tiles`, over pixels allowed by `allowed` and
 * `covered` (NaN for a tile the questioned document does not cover well enough).
 */
export function tileCorrelations(reference: GradientField, questioned: GradientField, tiles: TileGrid, allowed: Uint8Array, covered: Uint8Array): Float32Array {
  const out = new Float32Array(tiles.count);
  const W = reference.width;
  for (let t = 0; t < tiles.count; t++) {
    let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (let y = tiles.y0[t]!; y < tiles.y0[t]! + tiles.tile; y++) {
      for (let x = tiles.x0[t]!; x < tiles.x0[t]! + tiles.tile; x++) {
        const i = y * W + x;
        if (!allowed[i] || !covered[i]) continue;
        const a = reference.magnitude[i]!;
        const b = questioned.magnitude[i]!;
        n++;
        sa += a;
        sb += b;
        saa += a * a;
        sbb += b * b;
        sab += a * b;
      }
    }
    if (n < MIN_ALLOWED_SHARE * tiles.tile * tiles.tile) {
      out[t] = NaN;
      continue;
    }
    const va = saa - (sa * sa) / n;
    const vb = sbb - (sb * sb) / n;
    // A flat questioned tile (blank, overexposed) correlates with nothing: 0, not undefined.
    out[t] = va > 1e-9 && vb > 1e-9 ? (sab - (sa * sb) / n) / Math.sqrt(va * vb) : 0;
  }
  return out;
}
