/**
 * Test-only image factory for the DCT and blocking kernels: seeded photographic-like scenes (smooth
 * shading, textures at several scales, hard-edged shapes, sensor-like noise) and the JPEG histories the
 * tests need (single and double compression, splicing a patch from another JPEG, cropping after
 * compression), all rendered with sharp so the bytes are real libjpeg output. Never used by the product.
 */
import sharp from 'sharp';
import { mulberry32 } from '../../../../tests/fixtures/prng';
import type { Box, RgbImage } from '../types';

/** A seeded scene: every channel = shading + textures + shapes + noise, clamped to 0..255. */
export function syntheticScene(seed: number, width: number, height: number, noise = 4): RgbImage {
  const random = mulberry32(seed);
  const waves: { fx: number; fy: number; phase: number; amp: number; channel: number }[] = [];
  for (let i = 0; i < 24; i++) {
    // Periods from ~6 to ~400 pixels: fine texture up to broad shading.
    const period = 6 * Math.pow(70, random());
    const angle = random() * Math.PI;
    waves.push({
      fx: (Math.cos(angle) * 2 * Math.PI) / period,
      fy: (Math.sin(angle) * 2 * Math.PI) / period,
      phase: random() * 2 * Math.PI,
      amp: 4 + random() * 14,
      channel: Math.floor(random() * 4),
    });
  }
  const shapes: { x: number; y: number; r: number; rgb: number[] }[] = [];
  for (let i = 0; i < 30; i++) {
    shapes.push({ x: random() * width, y: random() * height, r: 8 + random() * Math.min(width, height) * 0.12, rgb: [random() * 60 - 30, random() * 60 - 30, random() * 60 - 30] });
  }
  const base = [60 + random() * 120, 60 + random() * 120, 60 + random() * 120];
  const data = new Uint8Array(width * height * 3);
  const value = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      value[0] = base[0]! + (x / width) * 30;
      value[1] = base[1]! + (y / height) * 30;
      value[2] = base[2]!;
      for (const w of waves) {
        const s = w.amp * Math.sin(w.fx * x + w.fy * y + w.phase);
        if (w.channel === 3) {
          value[0] += s;
          value[1] += s;
          value[2] += s;
        } else value[w.channel] = value[w.channel]! + s;
      }
      for (const s of shapes) {
        const dx = x - s.x;
        const dy = y - s.y;
        if (dx * dx + dy * dy < s.r * s.r) for (let c = 0; c < 3; c++) value[c] = value[c]! + s.rgb[c]!;
      }
      const at = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        // Sum of two uniforms: a triangular, roughly Gaussian sensor noise of the given peak amplitude.
        const n = (random() + random() - 1) * noise;
        data[at + c] = Math.max(0, Math.min(255, Math.round(value[c]! + n)));
      }
    }
  }
  return { width, height, data };
}

/** Baseline JPEG of an RGB image at `quality` (libjpeg via sharp, 4:2:0 chroma). */
export async function encodeJpeg(image: RgbImage, quality: number): Promise<Uint8Array> {
  const out = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).jpeg({ quality }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Lossless PNG of an RGB image. */
export async function encodePng(image: RgbImage): Promise<Uint8Array> {
  const out = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Decodes any image sharp reads to 8-bit RGB, in stored orientation. */
export async function decodeRgb(bytes: Uint8Array): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Copy of `image` with `patch` (its top-left `from`-sized window) written at (box.x, box.y). */
export function paste(image: RgbImage, patch: RgbImage, box: Box, from: { x: number; y: number } = { x: 0, y: 0 }): RgbImage {
  const data = image.data.slice();
  for (let y = 0; y < box.height; y++) {
    const src = ((from.y + y) * patch.width + from.x) * 3;
    data.set(patch.data.subarray(src, src + box.width * 3), ((box.y + y) * image.width + box.x) * 3);
  }
  return { width: image.width, height: image.height, data };
}

/** The window of `image` starting at (x, y) of the given size. */
export function crop(image: RgbImage, x: number, y: number, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    const src = ((y + row) * image.width + x) * 3;
    data.set(image.data.subarray(src, src + width * 3), row * width * 3);
  }
  return { width, height, data };
}

/** JPEG at `firstQuality`, decoded and saved again at `secondQuality` (aligned double compression). */
export async function doubleCompressed(image: RgbImage, firstQuality: number, secondQuality: number): Promise<Uint8Array> {
  return encodeJpeg(await decodeRgb(await encodeJpeg(image, firstQuality)), secondQuality);
}

/**
 * A splice: the host went through a JPEG at `hostQuality`; a patch cut from another scene that went
 * through a JPEG at `patchQuality` is pasted at `box` (its x and y are not multiples of 8, so the patch's
 * 8x8 grid is shifted against the host's); the result is saved at `finalQuality`.
 */
export async function splicedJpeg(options: {
  seed: number;
  width: number;
  height: number;
  box: Box;
  hostQuality: number;
  patchQuality: number;
  finalQuality: number;
}): Promise<Uint8Array> {
  const host = await decodeRgb(await encodeJpeg(syntheticScene(options.seed, options.width, options.height), options.hostQuality));
  const donor = await decodeRgb(await encodeJpeg(syntheticScene(options.seed + 1000, options.width, options.height), options.patchQuality));
  // Cut the patch from the donor at an aligned position, so it carries the donor's grid, shifted by box.x mod 8.
  const spliced = paste(host, donor, options.box, { x: 16, y: 16 });
  return encodeJpeg(spliced, options.finalQuality);
}
