/**
 * `prepareReference`: everything the comparators precompute once per template side from its reference
 * image: text lines at a ladder of blur levels and the glyph atlas, the specimen's MRZ cells, band-passed
 * background print, static-text edges and the portrait frame.
 */
import type { RgbImage } from '../../imaging/raster';
import type { TemplateZone } from '../template';
import type { BackgroundReference } from './background';
import { prepareBackground } from './background';
import type { GlyphAtlas } from './glyph-atlas';
import { buildAtlas } from './glyph-atlas';
import type { MrzReference } from './mrz-font';
import { prepareMrz } from './mrz-font';
import type { PortraitReference } from './portrait-border';
import { preparePortrait } from './portrait-border';
import { gaussianBlurRgb, zoneRect } from './raster-ops';
import type { StaticTextReference } from './static-text';
import { prepareStaticText } from './static-text';
import type { TextZoneReference } from './text-reference';
import { prepareTextZone } from './text-reference';

/** ID-1 card width (ISO/IEC 7810), mm. */
const ID1_WIDTH_MM = 85.6;

/** Why a zone could not be prepared (the comparison then reports it as not measured). */
export interface PrepareFailure {
  readonly failure: string;
}

/**
 * What the fixed-print checks (MRZ font, background print, static text, portrait frame) precompute: they
 * compare pixels directly, so a blurred capture is compared with these prepared from the reference blurred
 * as much ({@link fixedPrintAtBlur}).
 */
export interface FixedPrintReference {
  /** Gaussian sigma (px) the reference was blurred by before preparing (0: as is). */
  readonly blurSigmaPx: number;
  readonly mrz: ReadonlyMap<string, MrzReference | PrepareFailure>;
  readonly background: ReadonlyMap<string, BackgroundReference | PrepareFailure>;
  readonly staticText: ReadonlyMap<string, StaticTextReference | PrepareFailure>;
  readonly portrait: ReadonlyMap<string, PortraitReference | PrepareFailure>;
}

/** The reference side, measured once (see the module comment). */
export interface PreparedReference extends FixedPrintReference {
  readonly width: number;
  readonly height: number;
  /** Reference pixels per millimetre of the card. */
  readonly pxPerMm: number;
  readonly text: ReadonlyMap<string, TextZoneReference | PrepareFailure>;
  readonly atlas: GlyphAtlas;
  /** The reference image and zones it was prepared from (for the blurred fixed-print variants). */
  readonly source: RgbImage;
  readonly zones: readonly TemplateZone[];
}

/** The `align` of a text zone (`left` unless the template says `right`). */
export function zoneAlign(zone: TemplateZone): 'left' | 'right' {
  return zone.align === 'right' ? 'right' : 'left';
}

/** The `sample` of a text zone (the specimen's printed value), if the template gives one. */
export function zoneSample(zone: TemplateZone): string | null {
  return typeof zone.sample === 'string' && zone.sample.trim() !== '' ? zone.sample : null;
}

function attempt<T>(fn: () => T | PrepareFailure): T | PrepareFailure {
  try {
    return fn();
  } catch (error) {
    return { failure: `preparation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Precompute the comparators' reference data for one template side.
 *
 * @param reference the side's reference image (RGB, as decoded from the template folder)
 * @param zones the side's zones (boxes are fractions of `reference`)
 * @param pxPerMm reference pixels per millimetre (reference width / template width in mm); default: the
 *   reference spans the ID-1 width of 85.6 mm (ISO/IEC 7810), right for cards, not for passport pages
 * @throws RangeError when the image buffer does not match its size or `pxPerMm` is not a positive number
 */
export function prepareReference(reference: RgbImage, zones: readonly TemplateZone[], pxPerMm = reference.width / ID1_WIDTH_MM): PreparedReference {
  if (reference.width <= 0 || reference.height <= 0 || reference.data.length !== reference.width * reference.height * 3) {
    throw new RangeError(`reference image ${reference.width} x ${reference.height} needs ${reference.width * reference.height * 3} RGB bytes, got ${reference.data.length}`);
  }
  if (!Number.isFinite(pxPerMm) || pxPerMm <= 0) throw new RangeError(`pxPerMm must be a positive number, got ${pxPerMm}`);
  const text = new Map<string, TextZoneReference | PrepareFailure>();
  for (const z of zones) {
    if (z.kind === 'text') text.set(z.id, attempt(() => prepareTextZone(reference, z.id, zoneRect(z.box, reference.width, reference.height), zoneAlign(z), zoneSample(z))));
  }
  const measured = [...text.values()].filter((t): t is TextZoneReference => !('failure' in t));
  return { width: reference.width, height: reference.height, pxPerMm, text, atlas: buildAtlas(measured), source: reference, zones, ...prepareFixedPrint(reference, zones, 0) };
}

/** The fixed-print checks' data from `image` (the reference, possibly blurred by `blurSigmaPx`). */
function prepareFixedPrint(image: RgbImage, zones: readonly TemplateZone[], blurSigmaPx: number): FixedPrintReference {
  const rect = (z: TemplateZone) => zoneRect(z.box, image.width, image.height);
  const mrz = new Map<string, MrzReference | PrepareFailure>();
  const background = new Map<string, BackgroundReference | PrepareFailure>();
  const staticText = new Map<string, StaticTextReference | PrepareFailure>();
  const portrait = new Map<string, PortraitReference | PrepareFailure>();
  // Variable content the background print check masks: portraits, signatures, the MRZ.
  const variable = zones.filter((z) => z.kind === 'portrait' || z.kind === 'signature' || z.kind === 'mrz').map(rect);
  for (const z of zones) {
    if (z.kind === 'mrz') mrz.set(z.id, attempt(() => prepareMrz(image, rect(z))));
    else if (z.kind === 'security' && z.feature === 'background-print') background.set(z.id, attempt(() => prepareBackground(image, z.id, rect(z), variable)));
    else if (z.kind === 'static-text') staticText.set(z.id, attempt(() => prepareStaticText(image, z.id, rect(z), z.text)));
    else if (z.kind === 'portrait') portrait.set(z.id, attempt(() => preparePortrait(image, z.id, rect(z))));
  }
  return { blurSigmaPx, mrz, background, staticText, portrait };
}

/**
 * Blur steps (Gaussian sigma, px) of the fixed-print variants: a capture's blur is rounded to the nearest
 * 0.25 px (the text ladder's matched blur varies by about that much between zones of one capture), so a pile
 * of captures prepares a handful of variants, each once.
 */
const BLUR_STEP_PX = 0.25;
const variants = new WeakMap<PreparedReference, Map<number, FixedPrintReference>>();

/**
 * The fixed-print checks' data prepared from the reference blurred by `sigma` (rounded to 0.25 px; computed
 * once per reference and step, then kept with the reference). `sigma <= 0` gives the reference's own.
 */
export function fixedPrintAtBlur(reference: PreparedReference, sigma: number): FixedPrintReference {
  const step = Math.round(sigma / BLUR_STEP_PX) * BLUR_STEP_PX;
  if (step <= 0) return reference;
  let byStep = variants.get(reference);
  if (!byStep) variants.set(reference, (byStep = new Map()));
  let found = byStep.get(step);
  if (!found) byStep.set(step, (found = prepareFixedPrint(gaussianBlurRgb(reference.source, step), reference.zones, step)));
  return found;
}
