/**
 * Pure geometry and colour for drawing a stored forensic map over the item's preview.
 *
 * A stored map is `width` x `height` cells in STORED pixel order; one cell covers `cellSize` x `cellSize`
 * stored pixels of an `imageWidth` x `imageHeight` image, so the cells may overhang the image on the right
 * and bottom (the last cell is partial). The preview is shown upright (EXIF orientation applied), so a map is
 * drawn through three affine steps: cells -> stored pixels (scale by `cellSize`), stored -> upright pixels
 * (EXIF 2.32 orientation, TIFF tag 274), upright pixels -> the canvas (a view: scale, or the magnifier's
 * zoom and offset). Because stored -> upright is an isometry that maps the stored image rectangle exactly
 * onto the upright one, overhanging cells land outside a canvas of the upright image's size and are cropped.
 */

/** Canvas 2D affine matrix [a, b, c, d, e, f]: x' = a x + c y + e, y' = b x + d y + f (as `setTransform`). */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** Upright size of a stored `width` x `height` image: orientations 5-8 turn it by 90 or 270 degrees. */
export function uprightDims(orientation: number, width: number, height: number): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}

/**
 * The canvas transform taking stored pixel coordinates of a `width` x `height` image (its stored size) to
 * upright coordinates, for EXIF orientation 1..8 (anything else is treated as 1): 2 mirrors, 3 turns 180°,
 * 4 flips, 5 transposes, 6 turns 90° clockwise, 7 transverses, 8 turns 90° anticlockwise.
 */
export function uprightTransform(orientation: number, width: number, height: number): Matrix {
  switch (orientation) {
    case 2: return [-1, 0, 0, 1, width, 0];
    case 3: return [-1, 0, 0, -1, width, height];
    case 4: return [1, 0, 0, -1, 0, height];
    case 5: return [0, 1, 1, 0, 0, 0];
    case 6: return [0, 1, -1, 0, height, 0];
    case 7: return [0, -1, -1, 0, height, width];
    case 8: return [0, -1, 1, 0, 0, width];
    default: return IDENTITY;
  }
}

/** `outer` after `inner`: the matrix applying `inner` first, then `outer`. */
export function multiply(outer: Matrix, inner: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2, a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1];
}

/** Where `m` sends the point (x, y). */
export function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The inverse of an invertible affine matrix (every matrix here is: orientations and positive scales). */
export function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (det === 0) throw new RangeError('matrix is not invertible');
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** A uniform scale, optionally after a translation by (-x0, -y0): the view of the magnifier or of a scaled canvas. */
export function viewTransform(scale: number, x0 = 0, y0 = 0): Matrix {
  return [scale, 0, 0, scale, -x0 * scale, -y0 * scale];
}

/** What placing a map needs (a subset of the contract's ForensicMapView). */
export interface MapGeometry {
  readonly width: number;
  readonly height: number;
  readonly cellSize: number;
  readonly orientation: number;
  readonly imageWidth: number;
  readonly imageHeight: number;
}

/** Map cell coordinates -> upright image pixels -> `view`: the transform to set before drawing the cell-sized map raster. */
export function mapTransform(map: MapGeometry, view: Matrix = IDENTITY): Matrix {
  const cells: Matrix = [map.cellSize, 0, 0, map.cellSize, 0, 0];
  return multiply(view, multiply(uprightTransform(map.orientation, map.imageWidth, map.imageHeight), cells));
}

/**
 * The map cell under upright image point (x, y), or null outside the image (including overhanging cells
 * past the image's edge, which are cropped).
 */
export function cellAt(map: MapGeometry, x: number, y: number): { col: number; row: number } | null {
  const [sx, sy] = applyMatrix(invert(uprightTransform(map.orientation, map.imageWidth, map.imageHeight)), x, y);
  if (sx < 0 || sy < 0 || sx >= map.imageWidth || sy >= map.imageHeight) return null;
  const col = Math.floor(sx / map.cellSize);
  const row = Math.floor(sy / map.cellSize);
  return col < map.width && row < map.height ? { col, row } : null;
}

/**
 * Scale of a canvas showing an upright `width` x `height` image: 1 (one canvas pixel per image pixel) up to
 * `maxSide` on the long side, smaller beyond so a 12 MP photo does not allocate a 48 MB canvas.
 */
export function canvasScale(width: number, height: number, maxSide: number): number {
  const long = Math.max(width, height);
  return long > maxSide ? maxSide / long : 1;
}

/** The value a grey level 0..255 stands for: linear over the map's `range` (0 -> range[0], 255 -> range[1]). */
export function levelToValue(level: number, range: readonly [number, number]): number {
  return range[0] + (level / 255) * (range[1] - range[0]);
}

/**
 * Perceptual ramp from cool/dark to bright/warm: matplotlib's "inferno" (van der Walt and Smith, 2015)
 * sampled at ten evenly spaced points, interpolated linearly between them.
 */
export const INFERNO: readonly (readonly [number, number, number])[] = [
  [0, 0, 4], [27, 12, 65], [74, 12, 107], [120, 28, 109], [165, 44, 96],
  [207, 68, 70], [237, 105, 37], [251, 155, 6], [247, 209, 61], [252, 255, 164],
];

/**
 * Opacity rises linearly from 0 at 10 % of the way to the suspicious end (below it, the noise floor every
 * map has, e.g. ELA's residual on any edge, which would only tint the whole photo) to 1 at 60 % (so strong
 * responses are unmistakable); the unsuspicious end stays transparent and leaves the photo visible.
 */
const TRANSPARENT_BELOW = 0.1;
const OPAQUE_AT = 0.6;

/** Colour and opacity for `t` in [0, 1], 0 = unsuspicious end, 1 = suspicious end. */
export function rampColour(t: number): [number, number, number, number] {
  const clamped = Math.min(1, Math.max(0, t));
  const at = clamped * (INFERNO.length - 1);
  const i = Math.min(INFERNO.length - 2, Math.floor(at));
  const f = at - i;
  const lo = INFERNO[i]!;
  const hi = INFERNO[i + 1]!;
  const mix = (k: 0 | 1 | 2) => Math.round(lo[k] + (hi[k] - lo[k]) * f);
  return [mix(0), mix(1), mix(2), Math.round(255 * Math.min(1, Math.max(0, (clamped - TRANSPARENT_BELOW) / (OPAQUE_AT - TRANSPARENT_BELOW))))];
}

/**
 * RGBA look-up table (256 x 4 bytes) from a map's grey level to its display colour: the suspicious end
 * (255 when `higherIsSuspicious`, else 0) is bright and warm, the other end dark and transparent.
 */
export function colormapLut(higherIsSuspicious: boolean): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let level = 0; level < 256; level++) lut.set(rampColour((higherIsSuspicious ? level : 255 - level) / 255), level * 4);
  return lut;
}

/**
 * Colour a decoded greyscale map: `rgba` as `getImageData` returns it (grey in the red channel) becomes its
 * display colour, written into `out` (which may be `rgba` itself). Also returns the grey level per cell.
 */
export function colorize(rgba: Uint8ClampedArray, lut: Uint8ClampedArray, out: Uint8ClampedArray = new Uint8ClampedArray(rgba.length)): { rgba: Uint8ClampedArray; levels: Uint8Array } {
  const levels = new Uint8Array(rgba.length / 4);
  for (let i = 0, j = 0; j < rgba.length; i++, j += 4) {
    const level = rgba[j]!;
    levels[i] = level;
    const k = level * 4;
    out[j] = lut[k]!;
    out[j + 1] = lut[k + 1]!;
    out[j + 2] = lut[k + 2]!;
    out[j + 3] = lut[k + 3]!;
  }
  return { rgba: out, levels };
}

/**
 * The LUT as `feComponentTransfer` table values (0..1 per channel, 256 entries), for hosts where a map's
 * pixels cannot be read back (a canvas tainted by a cross-origin asset): the same colours through an SVG
 * filter applied while drawing. The alpha table is indexed by grey level after the filter copies red into alpha.
 */
export function lutTables(lut: Uint8ClampedArray): { r: string; g: string; b: string; a: string } {
  const channel = (k: number) => Array.from({ length: 256 }, (_, level) => (lut[level * 4 + k]! / 255).toFixed(4)).join(' ');
  return { r: channel(0), g: channel(1), b: channel(2), a: channel(3) };
}

/** CSS gradient of the legend, grey level 0 on the left to 255 on the right, sampled every 1/8 of the range. */
export function legendGradient(higherIsSuspicious: boolean): string {
  const lut = colormapLut(higherIsSuspicious);
  const steps = 8;
  const stops = Array.from({ length: steps + 1 }, (_, s) => {
    const k = Math.round((s / steps) * 255) * 4;
    return `rgba(${lut[k]}, ${lut[k + 1]}, ${lut[k + 2]}, ${(lut[k + 3]! / 255).toFixed(3)}) ${((s / steps) * 100).toFixed(1)}%`;
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/**
 * The magnifier's source window: `lensPx` screen pixels at `zoom` screen pixels per upright image pixel,
 * centred on (x, y), as the top-left corner of the window in image pixels (it may extend past the image).
 */
export function lensOrigin(x: number, y: number, lensPx: number, zoom: number): { x0: number; y0: number } {
  const half = lensPx / zoom / 2;
  return { x0: x - half, y0: y - half };
}
