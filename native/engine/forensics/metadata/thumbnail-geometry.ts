/**
 * Where the picture sits inside an embedded thumbnail. Cameras write thumbnails of a fixed size (160x120
 * by Exif 2.3 §4.6.4's recommendation) and fit pictures of another shape inside with uniform bars (Canon
 * and others letterbox a 3:2 frame into 4:3), so the aspect ratio of a thumbnail is compared with the main
 * image's only after such bars are found and removed.
 */
import type { LumaRaster } from './luma-resample';

/** Picture rectangle inside the thumbnail (thumbnail pixels, fractional edges). */
export interface ThumbnailContent {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly bars: 'none' | 'top-bottom' | 'left-right';
  /** Mean level of the bars, when there are bars. */
  readonly barLevel: number | null;
}

export interface GeometryCheck {
  /** |ln(picture aspect / main aspect)|, after removing bars when they were found. */
  readonly aspectError: number;
  readonly tolerance: number;
  readonly thumbnailAspect: number;
  readonly mainAspect: number;
  /** Null when the aspect ratios disagree beyond the tolerance and no uniform bars explain it. */
  readonly content: ThumbnailContent | null;
}

/**
 * Framing allowance of 1 %: some cameras frame the thumbnail a few pixels tighter or looser than the
 * main image (MCU-aligned sizes); larger differences are not explained by that.
 */
const FRAMING_ALLOWANCE = 0.01;
/** Bars must be this uniform (standard deviation, 8-bit levels): JPEG ringing at a flat bar stays far below it; picture content rarely does over whole rows. */
const BAR_MAX_STD = 8;
/** The two bars must have the same level within this many 8-bit levels (both are written as one fill colour). */
const BAR_MAX_LEVEL_GAP = 10;

/** Mean and standard deviation of a set of rows (`rows`) or columns (`cols`) of the raster. */
function stripStats(r: LumaRaster, axis: 'rows' | 'cols', from: number, to: number): { mean: number; std: number; n: number } {
  let s = 0, s2 = 0, n = 0;
  for (let a = from; a < to; a++) {
    const len = axis === 'rows' ? r.width : r.height;
    for (let b = 0; b < len; b++) {
      const v = r.data[axis === 'rows' ? a * r.width + b : b * r.width + a] as number;
      s += v;
      s2 += v * v;
      n++;
    }
  }
  const mean = n ? s / n : 0;
  return { mean, std: n ? Math.sqrt(Math.max(0, s2 / n - mean * mean)) : 0, n };
}

/**
 * Checks a thumbnail's shape against a main image of `mainWidth` x `mainHeight` (same orientation) and
 * finds the picture rectangle. The tolerance on the log aspect ratio is 1/width + 1/height of the
 * thumbnail (rounding its size to whole pixels) plus a 1 % framing allowance.
 */
export function thumbnailContent(thumb: LumaRaster, mainWidth: number, mainHeight: number): GeometryCheck {
  const { width: tw, height: th } = thumb;
  const thumbnailAspect = tw / th;
  const mainAspect = mainWidth / mainHeight;
  const tolerance = 1 / tw + 1 / th + FRAMING_ALLOWANCE;
  const direct = Math.abs(Math.log(thumbnailAspect / mainAspect));
  if (direct <= tolerance) return { aspectError: direct, tolerance, thumbnailAspect, mainAspect, content: { x0: 0, y0: 0, x1: tw, y1: th, bars: 'none', barLevel: null } };

  const wider = mainAspect > thumbnailAspect; // picture wider than the thumbnail: bars top and bottom
  const extent = wider ? tw / mainAspect : th * mainAspect; // picture height (or width) in thumbnail pixels
  const bar = ((wider ? th : tw) - extent) / 2;
  const full = Math.floor(bar); // strips wholly inside each bar
  const mismatch = { aspectError: direct, tolerance, thumbnailAspect, mainAspect, content: null };
  if (full < 1) return mismatch;
  // Leave out the strip next to the picture when there are two or more: JPEG ringing spreads into it.
  const inner = full >= 2 ? full - 1 : full;
  const axis = wider ? 'rows' : 'cols';
  const length = wider ? th : tw;
  const first = stripStats(thumb, axis, 0, inner);
  const second = stripStats(thumb, axis, length - inner, length);
  const uniform = first.std <= BAR_MAX_STD && second.std <= BAR_MAX_STD && Math.abs(first.mean - second.mean) <= BAR_MAX_LEVEL_GAP;
  if (!uniform) return mismatch;
  const content: ThumbnailContent = wider
    ? { x0: 0, y0: bar, x1: tw, y1: th - bar, bars: 'top-bottom', barLevel: (first.mean + second.mean) / 2 }
    : { x0: bar, y0: 0, x1: tw - bar, y1: th, bars: 'left-right', barLevel: (first.mean + second.mean) / 2 };
  const pictureAspect = (content.x1 - content.x0) / (content.y1 - content.y0);
  return { aspectError: Math.abs(Math.log(pictureAspect / mainAspect)), tolerance, thumbnailAspect, mainAspect, content };
}
