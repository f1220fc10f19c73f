/**
 * JPEG re-encode + decode of a raw raster with sharp (libvips + the mozjpeg build of libjpeg-turbo that
 * sharp ships), in its libjpeg-turbo-compatible mode: the JPEG Annex K / IJG quantisation tables scaled by
 * quality the IJG way, no trellis quantisation, no overshoot deringing, baseline. These settings give the
 * same pixels as OpenCV's `imwrite` and MATLAB's `imwrite` (both IJG libjpeg): the ELA kernel reproduces
 * pyIFD's reference maps exactly with them (see tests/integration/forensic-maps-corpus.test.ts).
 */
import sharp from 'sharp';
import type { GrayImage, RgbImage } from '../types';
import { channelCount } from './raster-input';

export type ChromaSubsampling = '4:2:0' | '4:4:4';

export interface RoundTripOptions {
  /** IJG quality 1..100. */
  readonly quality: number;
  /** Chroma subsampling of the re-encode (ignored for gray). libjpeg's and OpenCV's default is 4:2:0. */
  readonly chromaSubsampling: ChromaSubsampling;
}

/**
 * Encodes `image` as JPEG at `quality` and decodes it again; returns the decoded pixels in the input's
 * layout (gray stays 1 channel, RGB stays 3). The input buffer is handed to sharp without a copy.
 */
export async function jpegRoundTrip(image: GrayImage | RgbImage, options: RoundTripOptions): Promise<Uint8Array> {
  const channels = channelCount(image);
  if (!(Number.isInteger(options.quality) && options.quality >= 1 && options.quality <= 100)) {
    throw new RangeError(`JPEG quality must be an integer 1..100, got ${options.quality}`);
  }
  const input = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length);
  let encoder = sharp(input, { raw: { width: image.width, height: image.height, channels }, limitInputPixels: false });
  if (channels === 1) encoder = encoder.toColourspace('b-w');
  const jpeg = await encoder
    .jpeg({
      quality: options.quality,
      chromaSubsampling: options.chromaSubsampling,
      // Huffman optimisation changes only the entropy code, never the pixels, and costs ~2.5x the encode time.
      optimiseCoding: false,
      mozjpeg: false,
      trellisQuantisation: false,
      overshootDeringing: false,
      optimiseScans: false,
      progressive: false,
      quantisationTable: 0,
    })
    .toBuffer();
  let decoder = sharp(jpeg, { limitInputPixels: false });
  if (channels === 1) decoder = decoder.toColourspace('b-w');
  const { data, info } = await decoder.raw().toBuffer({ resolveWithObject: true });
  if (info.width !== image.width || info.height !== image.height || info.channels !== channels) {
    throw new Error(`JPEG round trip returned ${info.width}x${info.height}x${info.channels}, expected ${image.width}x${image.height}x${channels}`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
