/**
 * `compareZones`: every comparator that applies to each zone of a template side, run on a questioned
 * document already aligned into the reference frame. Zone kinds and checks: `text` → `layout`, `font`;
 * `mrz` → `mrz-font`; `security` with `feature: background-print` → `background` (one result for the
 * zone plus one per region of deviating blocks); `static-text` → `static-text`; `portrait` →
 * `portrait-border`. Bad input (size mismatch, blank image, tiny or empty zone) gives `not-measured`
 * results with the reason, never an exception.
 */
import type { RgbImage } from '../../imaging/raster';
import type { TemplateZone } from '../template';
import { compareBackground } from './background';
import { notMeasured } from './deviation';
import { compareFont } from './font';
import { compareLayout } from './layout';
import { compareMrzFont } from './mrz-font';
import { comparePortraitBorder } from './portrait-border';
import type { PreparedReference, PrepareFailure } from './prepare';
import { zoneRect } from './raster-ops';
import { compareStaticText } from './static-text';
import { measureQuestionedLine } from './text-questioned';
import type { CompareOptions, ComparisonCheck, Region, ZoneComparison } from './types';

/** The checks that apply to a zone of this kind. */
export function checksFor(zone: TemplateZone): ComparisonCheck[] {
  switch (zone.kind) {
    case 'text':
      return ['layout', 'font'];
    case 'mrz':
      return ['mrz-font'];
    case 'security':
      return zone.feature === 'background-print' ? ['background'] : [];
    case 'static-text':
      return ['static-text'];
    case 'portrait':
      return ['portrait-border'];
    default:
      return [];
  }
}

function isPrepared<R extends object>(value: R | PrepareFailure | undefined): value is R {
  return value !== undefined && !('failure' in value);
}

function guarded(zoneId: string, check: ComparisonCheck, region: Region, run: () => ZoneComparison[]): ZoneComparison[] {
  try {
    return run();
  } catch (error) {
    return [notMeasured(zoneId, check, region, `the comparator failed: ${error instanceof Error ? error.message : String(error)}`)];
  }
}

function compareZone(aligned: RgbImage, reference: PreparedReference, zone: TemplateZone, checks: readonly ComparisonCheck[], options: CompareOptions): ZoneComparison[] {
  const region = zoneRect(zone.box, reference.width, reference.height);
  const out: ZoneComparison[] = [];
  const unprepared = (check: ComparisonCheck, prepared: PrepareFailure | undefined) =>
    notMeasured(zone.id, check, region, prepared ? prepared.failure : 'the zone was not prepared with this reference');
  if (zone.kind === 'text') {
    const ref = reference.text.get(zone.id);
    if (!isPrepared(ref)) return checks.map((c) => unprepared(c, ref));
    const line = measureQuestionedLine(aligned, ref);
    if (checks.includes('layout')) out.push(...guarded(zone.id, 'layout', region, () => [compareLayout(ref, line, reference.pxPerMm)]));
    if (checks.includes('font')) out.push(...guarded(zone.id, 'font', region, () => [compareFont(ref, reference.atlas, line, options.texts?.[zone.id])]));
    return out;
  }
  const mrz = reference.mrz.get(zone.id);
  const background = reference.background.get(zone.id);
  const staticText = reference.staticText.get(zone.id);
  const portrait = reference.portrait.get(zone.id);
  if (checks.includes('mrz-font')) out.push(...(isPrepared(mrz) ? guarded(zone.id, 'mrz-font', region, () => [compareMrzFont(aligned, mrz, zone.id, reference.pxPerMm, options.texts?.[zone.id])]) : [unprepared('mrz-font', mrz)]));
  if (checks.includes('background')) out.push(...(isPrepared(background) ? guarded(zone.id, 'background', region, () => compareBackground(aligned, background)) : [unprepared('background', background)]));
  if (checks.includes('static-text')) out.push(...(isPrepared(staticText) ? guarded(zone.id, 'static-text', region, () => [compareStaticText(aligned, staticText)]) : [unprepared('static-text', staticText)]));
  if (checks.includes('portrait-border')) out.push(...(isPrepared(portrait) ? guarded(zone.id, 'portrait-border', region, () => [comparePortraitBorder(aligned, portrait)]) : [unprepared('portrait-border', portrait)]));
  return out;
}

/**
 * Compare a questioned document, aligned into the template's reference frame, zone by zone.
 *
 * @param aligned the questioned side, same size as the reference image (the aligner's output)
 * @param reference `prepareReference` of the template side
 * @param zones the side's zones (those prepared in `reference`)
 * @param options texts per zone (for `font` and `mrz-font`), checks to run
 * @returns one result per zone and check (the background check adds one per deviating region)
 */
export function compareZones(aligned: RgbImage, reference: PreparedReference, zones: readonly TemplateZone[], options: CompareOptions = {}): ZoneComparison[] {
  const wanted = (zone: TemplateZone) => checksFor(zone).filter((c) => !options.checks || options.checks.includes(c));
  const sizeOk = aligned.width === reference.width && aligned.height === reference.height && aligned.data.length === aligned.width * aligned.height * 3;
  if (!sizeOk) {
    const why = `the aligned image is ${aligned.width} x ${aligned.height} px (${aligned.data.length} bytes), the reference ${reference.width} x ${reference.height} px: not in the reference frame`;
    return zones.flatMap((z) => wanted(z).map((c) => notMeasured(z.id, c, zoneRect(z.box, reference.width, reference.height), why)));
  }
  return zones.flatMap((z) => compareZone(aligned, reference, z, wanted(z), options));
}
