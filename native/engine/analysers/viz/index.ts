/** Printed-field (VIZ) extraction: by label and layout, by template zone, by pattern. */
import type { OcrService } from '../ocr/ocr-service';
import type { OcrPageSegmentation, OcrResult } from '../ocr/ocr-types';
import { extractVizFields } from './extract-fields';
import { VIZ_LABELS_VERSION } from './label-vocabulary';
import { VIZ_FIELD_NAMES, type VizField, type VizZone } from './viz-types';
import { extractVizZones } from './zones';

export { extractVizFields, isMrzLikeLine, MIN_VALUE_WORD_CONFIDENCE } from './extract-fields';
export { assignDatesByOrder, asDocumentNumber, findDates, normalizeFieldValue, normalizeSex } from './field-patterns';
export { LABEL_PHRASES, matchLabel, VIZ_LABELS_VERSION } from './label-vocabulary';
export { foldForMatch } from './text-fold';
export { VIZ_FIELD_NAMES } from './viz-types';
export type { VizField, VizFieldName, VizSource, VizZone } from './viz-types';
export { extractVizZones, zoneRectangle } from './zones';
export type { VizZoneOptions } from './zones';

/** Options of {@link extractViz}. */
export interface VizOptions {
  /** OCR languages, e.g. `['srp_latn', 'srp', 'eng']`. Default: the service's. */
  readonly langs?: readonly string[];
  /** Page segmentation of the full-side pass. Default `sparse`: card fields are scattered text. */
  readonly psm?: OcrPageSegmentation;
  /** Template zones, when the document's template is known. */
  readonly zones?: readonly VizZone[];
}

/** Everything {@link extractViz} read, for storage with the analyser run. */
export interface VizExtraction {
  /** One per field found, in {@link VIZ_FIELD_NAMES} order; a zone's value replaces label and pattern. */
  readonly fields: readonly VizField[];
  /** The full-side OCR (engine provenance and timings included). */
  readonly page: OcrResult;
  readonly labelsVersion: string;
}

/** OCR a rectified document side and extract its printed fields (zones first when given, then labels, then patterns). */
export async function extractViz(service: OcrService, image: Buffer, options: VizOptions = {}): Promise<VizExtraction> {
  const [page, zoneFields] = await Promise.all([
    service.recognize(image, { langs: options.langs, psm: options.psm ?? 'sparse' }),
    options.zones && options.zones.length > 0 ? extractVizZones(service, image, options.zones, { langs: options.langs }) : Promise.resolve([]),
  ]);
  const byField = new Map(extractVizFields(page).map((field) => [field.field, field]));
  for (const field of zoneFields) byField.set(field.field, field);
  const fields = VIZ_FIELD_NAMES.flatMap((name) => {
    const field = byField.get(name);
    return field ? [field] : [];
  });
  return { fields, page, labelsVersion: VIZ_LABELS_VERSION };
}
