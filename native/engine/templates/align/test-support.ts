/**
 * Test helpers for alignment: questioned documents made from a flat card (which is in the reference
 * frame) by a known homography, and the degradations a rectified photo or scan shows (blur, JPEG,
 * brightness and gamma, a half turn). Used by the tests only.
 */
import sharp from 'sharp';
import { decodeRgb } from '../../imaging/decode';
import { loadOpenCv, withMats } from '../../imaging/opencv';
import type { Point, Quad, RgbImage } from '../../imaging/raster';
import { homography } from '../../analysers/documents/homography';
import { project } from './geometry';
import type { Homography3 } from './geometry';

/** Decode PNG/JPEG bytes to an RgbImage. */
export async function rgbOf(bytes: Buffer): Promise<RgbImage> {
  const d = await decodeRgb(bytes);
  return { width: d.width, height: d.height, data: d.data };
}

/** Warp `image` by `toQuestioned` (image px → output px) into a `width` x `height` canvas of `background`. */
export async function warpImage(image: RgbImage, toQuestioned: Homography3, width: number, height: number, background: readonly [number, number, number] = [96, 78, 60]): Promise<RgbImage> {
  const cv = await loadOpenCv();
  return withMats((track) => {
    const src = track(new cv.Mat(image.height, image.width, cv.CV_8UC3));
    src.data.set(image.data);
    const m = track(cv.matFromArray(3, 3, cv.CV_64F, [...toQuestioned]));
    const out = track(new cv.Mat());
    cv.warpPerspective(src, out, m, new cv.Size(width, height), cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(...background, 255));
    return { width, height, data: new Uint8Array(out.data) };
  });
}

/** The homography taking the reference's corners to `corners` (a rectification that is off by the corners' offsets). */
export function cornerHomography(width: number, height: number, corners: Quad): Homography3 {
  const from: Quad = [[0, 0], [width, 0], [width, height], [0, height]];
  const h = homography(from, corners);
  if (!h) throw new Error('degenerate corners');
  return h;
}

/** Rotation by `deg` about the centre of a width x height image, with scale `s` and shift (dx, dy). */
export function similarity(width: number, height: number, deg: number, s: number, dx: number, dy: number): Homography3 {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a) * s, n = Math.sin(a) * s;
  const cx = width / 2, cy = height / 2;
  return [c, -n, cx - c * cx + n * cy + dx, n, c, cy - n * cx - c * cy + dy, 0, 0, 1];
}

/**
 * Largest distance, reference px, between each reference corner and where `estimated` (questioned →
 * reference) takes its true questioned position (`truth`: reference → questioned).
 */
export function cornerError(estimated: Homography3, truth: Homography3, width: number, height: number): number {
  let worst = 0;
  for (const [x, y] of [[0, 0], [width, 0], [width, height], [0, height]] as Point[]) {
    const [qx, qy] = project(truth, x, y);
    const [rx, ry] = project(estimated, qx, qy);
    worst = Math.max(worst, Math.hypot(rx - x, ry - y));
  }
  return worst;
}

/** The image turned by 180 degrees. */
export function turn180(image: RgbImage): RgbImage {
  const out = new Uint8Array(image.data.length);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    const j = n - 1 - i;
    out[3 * i] = image.data[3 * j]!;
    out[3 * i + 1] = image.data[3 * j + 1]!;
    out[3 * i + 2] = image.data[3 * j + 2]!;
  }
  return { width: image.width, height: image.height, data: out };
}

/** The half turn of a width x height image as a homography (pixel-centre convention of turn180). */
export function halfTurn(width: number, height: number): Homography3 {
  return [-1, 0, width - 1, 0, -1, height - 1, 0, 0, 1];
}

/** Gaussian blur (sigma px), then optionally JPEG at `quality`, through sharp. */
export async function degrade(image: RgbImage, opts: { blur?: number; jpeg?: number }): Promise<RgbImage> {
  let p = sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } });
  if (opts.blur) p = p.blur(opts.blur);
  const bytes = opts.jpeg ? await p.jpeg({ quality: opts.jpeg }).toBuffer() : await p.png().toBuffer();
  return rgbOf(bytes);
}

/** Tone change: out = 255 * gain * (in / 255) ^ gamma + offset, clipped. */
export function tone(image: RgbImage, gain: number, gamma: number, offset: number): RgbImage {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(255 * gain * (v / 255) ** gamma + offset)));
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = lut[image.data[i]!]!;
  return { width: image.width, height: image.height, data: out };
}

/** Seeded uniform noise image (a blank or meaningless input). */
export function noiseImage(width: number, height: number, seed: number, amplitude: number, base = 128): RgbImage {
  let s = seed >>> 0 || 1;
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = Math.max(0, Math.min(255, base + Math.round((((s & 0xffff) / 0xffff) * 2 - 1) * amplitude)));
  }
  return { width, height, data: out };
}
