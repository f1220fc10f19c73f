/**
 * Capture degradations for synthetic MRZ images: Gaussian blur, sensor noise, JPEG at quality 40-95,
 * hard binarization (fax/photocopy look) and dark-stroke thinning, each drawn at random and seeded.
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { GrayImage } from '../../../imaging/raster';
import { SeededRandom } from './random';

/** Which degradations to apply; undefined fields are drawn at random. */
export interface Degradation {
  readonly blurSigma?: number;
  readonly noiseSigma?: number;
  readonly jpegQuality?: number;
  readonly binarize?: boolean;
}

function toSharp(image: GrayImage): Sharp {
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), { raw: { width: image.width, height: image.height, channels: 1 } });
}

async function fromSharp(pipeline: Sharp): Promise<GrayImage> {
  const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
}

/** A random degradation scaled to a glyph height of `charHeight` px. */
export function randomDegradation(random: SeededRandom, charHeight: number): Degradation {
  return {
    // Blur up to 0.08 glyph heights (1 px at 12 px, 3 px at 40 px): soft focus, not unreadable.
    blurSigma: random.chance(0.6) ? Math.max(0.3, random.range(0.02, 0.08) * charHeight) : 0,
    noiseSigma: random.chance(0.6) ? random.range(2, 14) : 0,
    jpegQuality: random.chance(0.6) ? random.int(40, 95) : 0,
    binarize: random.chance(0.08),
  };
}

/** Apply `d` to `image`. Noise draws come from `random`. */
export async function degrade(image: GrayImage, d: Degradation, random: SeededRandom): Promise<GrayImage> {
  let out = image;
  if (d.blurSigma && d.blurSigma >= 0.3) out = await fromSharp(toSharp(out).blur(d.blurSigma));
  if (d.binarize) {
    let sum = 0;
    for (const v of out.data) sum += v;
    const level = (sum / out.data.length) * random.range(0.7, 0.9); // below the paper mean: a copier's cut
    const data = new Uint8Array(out.data.length);
    for (let i = 0; i < data.length; i++) data[i] = out.data[i]! < level ? 20 : 235;
    out = { width: out.width, height: out.height, data };
  }
  if (d.noiseSigma && d.noiseSigma > 0) {
    const data = new Uint8Array(out.data.length);
    for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(out.data[i]! + d.noiseSigma * random.gaussian())));
    out = { width: out.width, height: out.height, data };
  }
  if (d.jpegQuality && d.jpegQuality > 0) {
    const jpeg = await toSharp(out).jpeg({ quality: d.jpegQuality }).toBuffer();
    out = await fromSharp(sharp(jpeg));
  }
  return out;
}

/** The named capture conditions used by the integration test and the evaluation script. */
export const NAMED_DEGRADATIONS = ['clean', 'blur', 'jpeg50', 'noise', 'rotate3', 'small', 'combined'] as const;
/** One of {@link NAMED_DEGRADATIONS}. */
export type NamedDegradation = (typeof NAMED_DEGRADATIONS)[number];

/**
 * Apply a named capture condition to a card image: `blur` Gaussian sigma 1.5 px, `jpeg50` JPEG quality 50,
 * `noise` Gaussian sigma 12, `rotate3` 3 degrees clockwise on a white canvas, `small` scaled to 45 % (a
 * 1012 px card's 28 px glyphs become ~12.5 px), `combined` rotate 2 degrees + scale 60 % + blur 1 + noise
 * 8 + JPEG 50.
 */
export async function applyNamedDegradation(image: GrayImage, name: NamedDegradation, seed = 1): Promise<GrayImage> {
  const random = new SeededRandom(seed);
  const rotate = async (img: GrayImage, angle: number) => fromSharp(toSharp(img).rotate(angle, { background: '#ffffff' }));
  const scale = async (img: GrayImage, factor: number) => fromSharp(toSharp(img).resize(Math.round(img.width * factor), Math.round(img.height * factor), { kernel: 'lanczos3' }));
  switch (name) {
    case 'clean':
      return image;
    case 'blur':
      return degrade(image, { blurSigma: 1.5 }, random);
    case 'jpeg50':
      return degrade(image, { jpegQuality: 50 }, random);
    case 'noise':
      return degrade(image, { noiseSigma: 12 }, random);
    case 'rotate3':
      return rotate(image, 3);
    case 'small':
      return scale(image, 0.45);
    case 'combined':
      return degrade(await scale(await rotate(image, 2), 0.6), { blurSigma: 1, noiseSigma: 8, jpegQuality: 50 }, random);
  }
}
