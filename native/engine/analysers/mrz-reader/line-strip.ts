/**
 * Rectified strips: each located MRZ line is resampled (bilinear) into its own axis-aligned image, so
 * skew is removed without rotating the whole picture and everything downstream works on straight rows.
 */
import type { GrayImage, Point } from '../../imaging/raster';
import type { MrzLineGeometry } from './locate';
import { sampleBilinear } from './resample';

/** One MRZ line resampled upright, with the mapping back to the source image. */
export interface LineStrip {
  readonly image: GrayImage;
  /** Source-image point of strip pixel (0, 0). */
  readonly origin: Point;
  /** Source-image displacement of one strip pixel to the right. */
  readonly axisS: Point;
  /** Source-image displacement of one strip pixel down. */
  readonly axisT: Point;
  /** Strip x of the first cell centre as located. */
  readonly firstCellX: number;
  /** Located pitch in strip pixels. */
  readonly pitch: number;
  /** Strip y of the line's centre line. */
  readonly centreY: number;
  /** Located glyph height in strip pixels. */
  readonly charHeight: number;
}

// Glyphs are resampled to 24..36 px height: enough detail for the 16x24 feature patch, and small lines
// (12 px) are interpolated up so their components do not fall apart at binarization.
const MIN_STRIP_CHAR_HEIGHT = 24;
const MAX_STRIP_CHAR_HEIGHT = 36;
// Strip height 2.4 glyph heights: the glyph plus room for ±5 degrees of residual skew, but less than the
// 3.2 heights to the next line's centre... its glyphs start 1.3 heights away, outside 1.2.
const STRIP_HEIGHT_IN_CHARS = 2.4;
// One pitch of margin on each side so the first and last glyph are whole even if the grid slips.
const MARGIN_IN_PITCHES = 1;

/** Resample the `chars`-cell line `line` of `image` into an upright strip. */
export function sampleLineStrip(image: GrayImage, line: MrzLineGeometry, chars: number): LineStrip {
  const dx = line.end[0] - line.start[0];
  const dy = line.end[1] - line.start[1];
  const length = Math.hypot(dx, dy);
  const u: Point = length > 0 ? [dx / length, dy / length] : [1, 0];
  const v: Point = [-u[1], u[0]];
  const targetHeight = Math.min(MAX_STRIP_CHAR_HEIGHT, Math.max(MIN_STRIP_CHAR_HEIGHT, line.charHeight));
  const zoom = targetHeight / Math.max(1, line.charHeight);
  const pitch = (length / Math.max(1, chars - 1)) * zoom;
  const margin = MARGIN_IN_PITCHES * pitch;
  const width = Math.ceil((chars - 1) * pitch + 2 * margin);
  const height = Math.ceil(STRIP_HEIGHT_IN_CHARS * targetHeight);
  const axisS: Point = [u[0] / zoom, u[1] / zoom];
  const axisT: Point = [v[0] / zoom, v[1] / zoom];
  const origin: Point = [
    line.start[0] - margin * axisS[0] - (height / 2) * axisT[0],
    line.start[1] - margin * axisS[1] - (height / 2) * axisT[1],
  ];
  const data = new Uint8Array(width * height);
  for (let t = 0; t < height; t++) {
    const rowX = origin[0] + (t + 0.5) * axisT[0];
    const rowY = origin[1] + (t + 0.5) * axisT[1];
    for (let s = 0; s < width; s++) {
      const x = rowX + (s + 0.5) * axisS[0] - 0.5;
      const y = rowY + (s + 0.5) * axisS[1] - 0.5;
      data[t * width + s] = Math.round(sampleBilinear(image, x, y));
    }
  }
  return {
    image: { width, height, data },
    origin,
    axisS,
    axisT,
    firstCellX: margin,
    pitch,
    centreY: height / 2,
    charHeight: targetHeight,
  };
}

/** Source-image point of strip coordinates (s, t) (pixel edges, not centres). */
export function stripToImage(strip: LineStrip, s: number, t: number): Point {
  return [strip.origin[0] + s * strip.axisS[0] + t * strip.axisT[0], strip.origin[1] + s * strip.axisS[1] + t * strip.axisT[1]];
}
