/**
 * Forensic kernels work on pixels as stored; findings and masks are shown upright (EXIF orientation
 * applied, as every viewer shows the photo). These functions map stored-pixel results to upright ones.
 * Orientation values follow EXIF 2.32 (TIFF tag 274): 1 upright, 2 mirrored, 3 turned 180°, 4 flipped,
 * 5 transposed, 6 needs 90° clockwise, 7 transversed, 8 needs 90° anticlockwise.
 */
import type { Box } from './types';

/** Size of the upright image. */
export function uprightSize(width: number, height: number, orientation: number): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}

/** Where stored point (x, y) of a `width` x `height` image lands upright (continuous coordinates). */
export function uprightPoint(x: number, y: number, width: number, height: number, orientation: number): [number, number] {
  switch (orientation) {
    case 2: return [width - x, y];
    case 3: return [width - x, height - y];
    case 4: return [x, height - y];
    case 5: return [y, x];
    case 6: return [height - y, x];
    case 7: return [height - y, width - x];
    case 8: return [y, width - x];
    default: return [x, y];
  }
}

/** Inverse of uprightPoint: the stored point behind upright point (u, v) of a stored `width` x `height` image. */
export function storedPoint(u: number, v: number, width: number, height: number, orientation: number): [number, number] {
  switch (orientation) {
    case 2: return [width - u, v];
    case 3: return [width - u, height - v];
    case 4: return [u, height - v];
    case 5: return [v, u];
    case 6: return [v, height - u];
    case 7: return [width - v, height - u];
    case 8: return [width - v, u];
    default: return [u, v];
  }
}

export function uprightBox(box: Box, width: number, height: number, orientation: number): Box {
  const [ax, ay] = uprightPoint(box.x, box.y, width, height, orientation);
  const [bx, by] = uprightPoint(box.x + box.width, box.y + box.height, width, height, orientation);
  return { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
}

/** One-channel raster turned upright (a new array unless orientation is 1). */
export function uprightRaster(data: Uint8Array, width: number, height: number, orientation: number): { data: Uint8Array; width: number; height: number } {
  if (orientation < 2 || orientation > 8) return { data, width, height };
  const size = uprightSize(width, height, orientation);
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Pixel centres map to pixel centres: map (x + 0.5, y + 0.5) and take the cell it falls in.
      const [u, v] = uprightPoint(x + 0.5, y + 0.5, width, height, orientation);
      out[Math.floor(v) * size.width + Math.floor(u)] = data[y * width + x]!;
    }
  }
  return { data: out, ...size };
}
