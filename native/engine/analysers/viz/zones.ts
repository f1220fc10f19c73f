/**
 * Template zones: when the document's template is known, OCR each field's zone on its own (Tesseract's
 * rectangle), which reads values that page segmentation misses (light print on dark bands, tight layouts).
 */
import sharp from 'sharp';
import type { OcrService } from '../ocr/ocr-service';
import type { OcrBox, OcrPageSegmentation } from '../ocr/ocr-types';
import { fieldFromWords, valueCandidates } from './extract-fields';
import { VIZ_FIELD_NAMES, type VizField, type VizFieldName, type VizZone } from './viz-types';

/** Options of {@link extractVizZones}. */
export interface VizZoneOptions {
  readonly langs?: readonly string[];
  /** Default `block` (6): a zone holds one field, on one or two lines. */
  readonly psm?: OcrPageSegmentation;
}

const isFieldName = (name: string): name is VizFieldName => (VIZ_FIELD_NAMES as readonly string[]).includes(name);

/** A fractional zone in pixels, clamped to the image; null when it covers no pixel. */
export function zoneRectangle(zone: VizZone, width: number, height: number): OcrBox | null {
  const [fx, fy, fw, fh] = zone.box;
  if (![fx, fy, fw, fh].every((value) => Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new Error(`zone ${zone.field}: box values must be fractions from 0 to 1, got [${zone.box.join(', ')}]`);
  }
  const x = Math.round(fx * width);
  const y = Math.round(fy * height);
  const right = Math.min(width, Math.round((fx + fw) * width));
  const bottom = Math.min(height, Math.round((fy + fh) * height));
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * OCR each zone and return its field (source `zone`), in zone order; zones that read nothing are left
 * out. Label words inside a zone (a template zone drawn over label and value) are dropped from the value.
 */
export async function extractVizZones(service: OcrService, image: Buffer, zones: readonly VizZone[], options: VizZoneOptions = {}): Promise<VizField[]> {
  for (const zone of zones) if (!isFieldName(zone.field)) throw new Error(`zone field "${zone.field}" is not one of ${VIZ_FIELD_NAMES.join(', ')}`);
  const { width, height } = await sharp(image).metadata();
  if (!width || !height) throw new Error('zone extraction: the image has no readable size');
  const results = await Promise.all(
    zones.map(async (zone) => {
      const rectangle = zoneRectangle(zone, width, height);
      if (!rectangle) return null;
      const ocr = await service.recognize(image, { langs: options.langs, psm: options.psm ?? 'block', rectangle });
      const { candidates } = valueCandidates(ocr.lines);
      return fieldFromWords(zone.field as VizFieldName, candidates, 'zone');
    }),
  );
  return results.filter((field): field is VizField => field !== null);
}
