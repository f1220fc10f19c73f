/**
 * The working copy of an image the finder measures on: grey, shrunk so its long side is at most
 * WORKING_LONG_SIDE, plus its intensity gradient as plain arrays for sub-pixel sampling.
 */
import type CvNamespace from '@techstark/opencv-js';
import type { Cv } from '../../imaging/opencv';
import type { GrayImage, Point, RgbImage } from '../../imaging/raster';

type Mat = CvNamespace.Mat;

/**
 * 1024 px: a card 300 px wide in a phone photo still has MRZ glyphs ~9 px apart and card edges hundreds of
 * pixels long, while the morphology and contour passes over ~0.75 MP stay within a few milliseconds each.
 * Finer scales mostly add texture (wood grain, keyboard keys) that the outline search has to reject.
 */
export const WORKING_LONG_SIDE = 1024;

/** RGB pixels in a new CV_8UC3 Mat (one copy). The caller deletes it. */
export function rgbMat(cv: Cv, image: RgbImage): Mat {
  const m = new cv.Mat(image.height, image.width, cv.CV_8UC3);
  m.data.set(image.data);
  return m;
}

/** Grey pixels in a new CV_8UC1 Mat. The caller deletes it. */
export function grayMat(cv: Cv, image: GrayImage): Mat {
  const m = new cv.Mat(image.height, image.width, cv.CV_8UC1);
  m.data.set(image.data);
  return m;
}

/** Shrink (INTER_AREA: averages, no aliasing) so the long side is at most `longSide`; returns the scale used. */
export function shrink(cv: Cv, src: Mat, longSide: number): { mat: Mat; scale: number } {
  const scale = Math.min(1, longSide / Math.max(src.cols, src.rows));
  const dst = new cv.Mat();
  if (scale < 1) cv.resize(src, dst, new cv.Size(Math.round(src.cols * scale), Math.round(src.rows * scale)), 0, 0, cv.INTER_AREA);
  else src.copyTo(dst);
  return { mat: dst, scale };
}

/** Intensity derivative per pixel (Sobel / 8 after a Gaussian blur), sampled bilinearly. */
export class GradientField {
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly gx: Float32Array,
    private readonly gy: Float32Array,
  ) {}

  /** Derivative along unit direction (nx, ny) at (x, y); 0 outside the image. */
  along(x: number, y: number, nx: number, ny: number): number {
    if (x < 0 || y < 0 || x > this.width - 2 || y > this.height - 2) return 0;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    const i = y0 * this.width + x0;
    const w = this.width;
    const gx = this.gx;
    const gy = this.gy;
    const sx = (gx[i]! * (1 - fx) + gx[i + 1]! * fx) * (1 - fy) + (gx[i + w]! * (1 - fx) + gx[i + w + 1]! * fx) * fy;
    const sy = (gy[i]! * (1 - fx) + gy[i + 1]! * fx) * (1 - fy) + (gy[i + w]! * (1 - fx) + gy[i + w + 1]! * fx) * fy;
    return sx * nx + sy * ny;
  }

  /** The `p`-quantile (0-1) of |gx| + |gy|, over every 3rd pixel of every 3rd row (plenty for a histogram). */
  quantileL1(p: number): number {
    const hist = new Uint32Array(256);
    let n = 0;
    for (let y = 0; y < this.height; y += 3) {
      for (let x = 0, i = y * this.width; x < this.width; x += 3, i += 3) {
        hist[Math.min(255, Math.round(Math.abs(this.gx[i]!) + Math.abs(this.gy[i]!)))]!++;
        n++;
      }
    }
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += hist[v]!;
      if (acc >= p * n) return v;
    }
    return 255;
  }

  inside(p: Point, margin = 0): boolean {
    return p[0] >= -margin && p[1] >= -margin && p[0] <= this.width - 1 + margin && p[1] <= this.height - 1 + margin;
  }
}

/** Gradient of a blurred grey Mat. */
export function gradientField(cv: Cv, blurred: Mat): GradientField {
  const dx = new cv.Mat();
  const dy = new cv.Mat();
  try {
    // Sobel 3x3 responds with 8x the slope of a linear ramp; scale 1/8 gives grey levels per pixel.
    cv.Sobel(blurred, dx, cv.CV_32F, 1, 0, 3, 1 / 8);
    cv.Sobel(blurred, dy, cv.CV_32F, 0, 1, 3, 1 / 8);
    return new GradientField(blurred.cols, blurred.rows, new Float32Array(dx.data32F), new Float32Array(dy.data32F));
  } finally {
    dx.delete();
    dy.delete();
  }
}

