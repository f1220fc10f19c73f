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
import { zoneRect } from './raster-ops';
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

/** The reference side, measured once (see the module comment). */
export interface PreparedReference {
  readonly width: number;
  readonly height: number;
  /** Reference pixels per millimetre of the card. */
  readonly pxPerMm: number;
  readonly text: ReadonlyMap<string, TextZoneReference | PrepareFailure>;
  readonly atlas: GlyphAtlas;
  readonly mrz: ReadonlyMap<string, MrzReference | PrepareFailure>;
  readonly background: ReadonlyMap<string, BackgroundReference | PrepareFailure>;
  readonly staticText: ReadonlyMap<string, StaticTextReference | PrepareFailure>;
  readonly portrait: ReadonlyMap<string, PortraitReference | PrepareFailure>;
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
  const rect = (z: TemplateZone) => zoneRect(z.box, reference.width, reference.height);
  const text = new Map<string, TextZoneReference | PrepareFailure>();
  const mrz = new Map<string, MrzReference | PrepareFailure>();
  const background = new Map<string, BackgroundReference | PrepareFailure>();
  const staticText = new Map<string, StaticTextReference | PrepareFailure>();
  const portrait = new Map<string, PortraitReference | PrepareFailure>();
  // Variable content the background print check masks: portraits, signatures, the MRZ.
  const variable = zones.filter((z) => z.kind === 'portrait' || z.kind === 'signature' || z.kind === 'mrz').map(rect);
  for (const z of zones) {
    if (z.kind === 'text') text.set(z.id, attempt(() => prepareTextZone(reference, z.id, rect(z), zoneAlign(z), zoneSample(z))));
    else if (z.kind === 'mrz') mrz.set(z.id, attempt(() => prepareMrz(reference, rect(z))));
    else if (z.kind === 'security' && z.feature === 'background-print') background.set(z.id, attempt(() => prepareBackground(reference, z.id, rect(z), variable)));
    else if (z.kind === 'static-text') staticText.set(z.id, attempt(() => prepareStaticText(reference, z.id, rect(z), z.text)));
    else if (z.kind === 'portrait') portrait.set(z.id, attempt(() => preparePortrait(reference, z.id, rect(z))));
  }
  const measured = [...text.values()].filter((t): t is TextZoneReference => !('failure' in t));
  return { width: reference.width, height: reference.height, pxPerMm, text, atlas: buildAtlas(measured), mrz, background, staticText, portrait };
}
