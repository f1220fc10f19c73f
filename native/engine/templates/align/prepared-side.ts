/**
 * A template side prepared once for matching: its decoded reference image, grey copy, fixed-print mask,
 * ORB features on the fixed print, the patches dense refinement locates and the gradient tiles the
 * fixed-print similarity compares. Preparing costs 170-220 ms for the bundled 1012 x 638 side (measured
 * here): prepare a library's sides once and reuse them for every document.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../contract';
import { decodeRgb, rgbToGray } from '../../imaging/decode';
import { loadOpenCv } from '../../imaging/opencv';
import type { GrayImage, RgbImage } from '../../imaging/raster';
import type { LoadedTemplate, TemplateZone } from '../template';
import { detectFeatures } from './features';
import type { FeatureSet } from './features';
import { gradientField, referenceTiles, shrinkMask } from './gradient-tiles';
import { choosePatches } from './patches';
import { resizeGray } from './questioned';
import type { PatchSet } from './patches';
import type { GradientField, TileGrid } from './gradient-tiles';
import { staticMask } from './static-mask';

/** A template side prepared once for matching (decoded reference, grey, ORB keypoints and descriptors, fixed-print mask). */
export interface PreparedSide {
  readonly templateId: string;
  readonly templateVersion: string;
  /** SHA-256 of the template's `template.json`, to be cited with every result that used it. */
  readonly templateSha256: string;
  readonly side: string;
  /** Reference image size in pixels: the frame alignments are expressed in. */
  readonly width: number;
  readonly height: number;
  readonly reference: RgbImage;
  readonly zones: readonly TemplateZone[];
  /** Internals used by alignment (plain arrays: a prepared side holds no WASM memory). */
  readonly gray: GrayImage;
  /** ORB features of the reference at FEATURE_SCALE (frame featureWidth x featureHeight), on fixed print only. */
  readonly features: FeatureSet;
  readonly featureWidth: number;
  readonly featureHeight: number;
  /** Gradient magnitude of the reference at half resolution, the fixed-print mask at that size, and the tiles compared. */
  readonly gradient: GradientField;
  readonly gradientMask: Uint8Array;
  readonly tiles: TileGrid;
  /** Textured fixed-print patches for dense refinement. */
  readonly patches: PatchSet;
}

/**
 * Margin round variable zones for features, reference px: ORB describes a 31 x 31 patch, so a keypoint
 * closer than ~half of that to a holder's field describes the field too; 10 px keeps the labels printed
 * just above their values (their glyphs sit ~1-10 px above the value boxes of the bundled template).
 */
const FEATURE_MARGIN_PX = 10;
/** Margin round variable zones for the similarity: printed values overrun their boxes by a few px. */
const SIMILARITY_MARGIN_PX = 4;
/**
 * Margin round variable zones for dense-refinement patches, reference px: blur spreads the holder's ink
 * into the fixed print next to it and pulls the patch's correlation peak. Measured on genuine cards blurred
 * with sigma 2.5 px: with 4 px, patches next to value boxes were biased by up to 0.67 px and the corners
 * by 1.7-2.2 px; with 8 px, 0.6-1.0 px (at the price of 112 patches instead of 160).
 */
const PATCH_MARGIN_PX = 8;
/**
 * Features are detected at half the reference size: the coarse placement they serve needs a few pixels of
 * accuracy (dense.ts does the rest), headings, labels and guilloche bends keep their corners at 150 dpi, and
 * detection costs a quarter (ORB on 1012 x 638: 78 ms here; on 506 x 319: ~20 ms).
 */
export const FEATURE_SCALE = 0.5;
/**
 * Reference keypoints kept, at most: 800 over the fixed print of the 506 x 319 frame is ~1 per 10 x 10 px of
 * it (the bundled side yields 624 at the FAST threshold of features.ts).
 */
const REFERENCE_KEYPOINTS = 800;

/** Prepare side `sideName` of a loaded template: decodes its reference image (refused when it leaves the template folder). */
export async function prepareSide(loaded: LoadedTemplate, sideName: string): Promise<PreparedSide> {
  const side = loaded.template.sides.find((s) => s.name === sideName);
  if (!side) throw new EngineError('not-found', `Template ${loaded.template.id} has no side "${sideName}" (it has ${loaded.template.sides.map((s) => s.name).join(', ')}).`);
  const file = path.resolve(loaded.dir, side.image);
  if (path.relative(loaded.dir, file).startsWith('..')) throw new EngineError('invalid-args', `Template ${loaded.template.id}: side ${sideName} names an image outside the template folder`);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new EngineError('not-found', `Template ${loaded.template.id}: the reference image ${side.image} of side ${sideName} cannot be read.`);
  }
  const decoded = await decodeRgb(bytes);
  const reference: RgbImage = { width: decoded.width, height: decoded.height, data: decoded.data };
  return prepareSideFromImage({ templateId: loaded.template.id, templateVersion: loaded.template.version, templateSha256: loaded.sha256, side: sideName }, reference, side.zones);
}

/** Prepare a side from an already decoded reference image and its zones (boxes as fractions of the image). */
export async function prepareSideFromImage(
  meta: { templateId: string; templateVersion: string; templateSha256: string; side: string },
  reference: RgbImage,
  zones: readonly TemplateZone[],
): Promise<PreparedSide> {
  const cv = await loadOpenCv();
  const { width, height } = reference;
  const gray = rgbToGray(reference);
  const featureWidth = Math.max(1, Math.round(width * FEATURE_SCALE));
  const featureHeight = Math.max(1, Math.round(height * FEATURE_SCALE));
  const featureMask = shrinkMask(cv, staticMask(zones, width, height, FEATURE_MARGIN_PX), width, height, featureWidth, featureHeight);
  const features = detectFeatures(cv, resizeGray(cv, gray, featureWidth, featureHeight), REFERENCE_KEYPOINTS, featureMask);
  const gradient = gradientField(cv, gray);
  const fixed = staticMask(zones, width, height, SIMILARITY_MARGIN_PX);
  const gradientMask = shrinkMask(cv, fixed, width, height, gradient.width, gradient.height);
  const tiles = referenceTiles(gradient, gradientMask);
  const patches = choosePatches(cv, gray, staticMask(zones, width, height, PATCH_MARGIN_PX));
  return { ...meta, width, height, reference, zones, gray, features, featureWidth, featureHeight, gradient, gradientMask, tiles, patches };
}
