/**
 * Plain pixel buffers shared by the document analysers (finder, MRZ reader, OCR). Kept free of sharp and
 * OpenCV types so pure code (and its tests) can work on them directly.
 */

/** One 8-bit channel, row-major, `data.length === width * height`. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Three 8-bit channels (R, G, B) interleaved, row-major, `data.length === width * height * 3`. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A point in pixel coordinates (x to the right, y down; may be fractional). */
export type Point = readonly [x: number, y: number];

/**
 * A document outline in the source image's pixel coordinates, in reading order of the upright document:
 * top-left, top-right, bottom-right, bottom-left.
 */
export type Quad = readonly [Point, Point, Point, Point];

/** An axis-aligned rectangle in pixel coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function grayImage(width: number, height: number, data?: Uint8Array): GrayImage {
  const buffer = data ?? new Uint8Array(width * height);
  if (buffer.length !== width * height) throw new RangeError(`gray image ${width}x${height} needs ${width * height} bytes, got ${buffer.length}`);
  return { width, height, data: buffer };
}

/** Copy of the pixels inside `box` (clipped to the image). */
export function cropGray(image: GrayImage, box: Box): GrayImage {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  const w = Math.max(0, x1 - x0);
  const h = Math.max(0, y1 - y0);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(image.data.subarray((y0 + y) * image.width + x0, (y0 + y) * image.width + x0 + w), y * w);
  return { width: w, height: h, data: out };
}

/** The same image turned by 180 degrees (an upside-down card or passport page). */
export function rotateGray180(image: GrayImage): GrayImage {
  const out = new Uint8Array(image.data.length);
  for (let i = 0, n = image.data.length; i < n; i++) out[i] = image.data[n - 1 - i]!;
  return { width: image.width, height: image.height, data: out };
}
