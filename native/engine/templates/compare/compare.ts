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
import { compareLayout, HEIGHT_OK_BLURRED, layoutDeviation } from './layout';
import { compareMrzFont } from './mrz-font';
import { comparePortraitBorder } from './portrait-border';
import type { FixedPrintReference, PreparedReference, PrepareFailure } from './prepare';
import { fixedPrintAtBlur } from './prepare';
import { median, zoneRect } from './raster-ops';
import { MAX_UNCOVERED_SHARE, uncoveredShare } from './coverage';
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

function compareZone(aligned: RgbImage, reference: PreparedReference, fixed: FixedPrintReference, zone: TemplateZone, checks: readonly ComparisonCheck[], options: CompareOptions, captureBlur: number | null = null): ZoneComparison[] {
  const region = zoneRect(zone.box, reference.width, reference.height);
  const out: ZoneComparison[] = [];
  const unprepared = (check: ComparisonCheck, prepared: PrepareFailure | undefined) =>
    notMeasured(zone.id, check, region, prepared ? prepared.failure : 'the zone was not prepared with this reference');
  const uncovered = uncoveredShare(options.covered, reference.width, region);
  if (uncovered > MAX_UNCOVERED_SHARE) {
    const why = `the capture does not cover ${Math.round(uncovered * 100)} % of the zone (the imaged or straightened document ends there)`;
    return checks.map((c) => notMeasured(zone.id, c, region, why));
  }
  if (zone.kind === 'text') {
    const ref = reference.text.get(zone.id);
    if (!isPrepared(ref)) return checks.map((c) => unprepared(c, ref));
    const line = measureQuestionedLine(aligned, ref);
    if (checks.includes('layout')) out.push(...guarded(zone.id, 'layout', region, () => [compareLayout(ref, line, reference.pxPerMm)]));
    if (checks.includes('font')) out.push(...guarded(zone.id, 'font', region, () => [compareFont(ref, reference.atlas, line, options.texts?.[zone.id])]));
    return out;
  }
  const mrz = fixed.mrz.get(zone.id);
  // The background check matches the capture's blur itself (band-pass at several blurs of the sharp reference).
  const background = reference.background.get(zone.id);
  const staticText = fixed.staticText.get(zone.id);
  const portrait = fixed.portrait.get(zone.id);
  if (checks.includes('mrz-font')) out.push(...(isPrepared(mrz) ? guarded(zone.id, 'mrz-font', region, () => [compareMrzFont(aligned, mrz, zone.id, reference.pxPerMm, options.texts?.[zone.id])]) : [unprepared('mrz-font', mrz)]));
  if (checks.includes('background')) out.push(...(isPrepared(background) ? guarded(zone.id, 'background', region, () => compareBackground(aligned, background, captureBlur)) : [unprepared('background', background)]));
  if (checks.includes('static-text')) out.push(...(isPrepared(staticText) ? guarded(zone.id, 'static-text', region, () => [compareStaticText(aligned, staticText)]) : [unprepared('static-text', staticText)]));
  if (checks.includes('portrait-border')) out.push(...(isPrepared(portrait) ? guarded(zone.id, 'portrait-border', region, () => [comparePortraitBorder(aligned, portrait)]) : [unprepared('portrait-border', portrait)]));
  return fixed.blurSigmaPx > 0 ? out.map((c) => (c.check === 'background' ? c : withReferenceBlur(c, fixed.blurSigmaPx))) : out;
}

/** A fixed-print result measured against the reference blurred to the capture's sharpness says so. */
function withReferenceBlur(c: ZoneComparison, sigma: number): ZoneComparison {
  if (c.status !== 'measured') return c;
  return { ...c, measured: { ...c.measured, referenceBlurSigmaPx: sigma }, summary: `${c.summary} (against the reference blurred by sigma ${sigma.toFixed(2)} px, as blurred as the capture)` };
}

/**
 * The fixed-print comparators were calibrated on captures blurred up to sigma 1 px against the sharp
 * reference; from a matched blur of 1.1 px on they compare with the reference blurred as much as the capture
 * (genuine captures at blur 1.2-2 px otherwise lose 15-60 % of their frame and header edge correlation).
 */
const FIXED_PRINT_BLUR_FROM_PX = 1.1;
/**
 * Glyph shapes stop telling fonts apart beyond this capture blur (matched sigma, px). Measured on the template
 * set's development seeds: at capture blur 1.2-1.8 px genuine values reach shape score 4.3 and line stroke
 * 122 % of the font's, while the near-miss fonts of re-typed fields scored 2.4-2.7 there; at sigma 1 the two
 * still separate (genuine <= 2.27, near-miss >= 2.5; see font.ts).
 */
const FONT_MAX_BLUR_PX = 1.2;

/** A font result on a capture too blurred for glyph shapes: kept as not measured, with what was measured. */
function fontBeyondBlur(c: ZoneComparison, blur: number): ZoneComparison {
  if (c.status !== 'measured') return c;
  return {
    ...c,
    status: 'not-measured',
    deviation: 0,
    measured: { ...c.measured, captureBlurSigmaPx: blur },
    summary: `glyph shapes not judged: the capture is blurred by sigma ${blur.toFixed(2)} px, beyond the ${FONT_MAX_BLUR_PX} px up to which they separate the template font from near-miss fonts (measured: ${c.summary})`,
  };
}

/** A layout result on a blurred capture, judged with the blurred capture's glyph height tolerance (layout.ts). */
function layoutOnBlurred(c: ZoneComparison, blur: number): ZoneComparison {
  if (c.status !== 'measured') return c;
  const m = c.measured;
  const deviation = layoutDeviation(m.baselineOffsetMm!, m.anchorOffsetMm!, m.glyphHeightRatio!, true);
  return { ...c, deviation, measured: { ...m, captureBlurSigmaPx: blur }, expected: { ...c.expected, glyphHeightTolerance: Math.exp(HEIGHT_OK_BLURRED) - 1 }, summary: `${c.summary} (glyph height tolerance of a capture blurred by sigma ${blur.toFixed(2)} px)` };
}

/** The capture's blur is taken from at least 3 text zones (one zone's ladder match varies by ~0.3 px). */
const MIN_BLUR_ZONES = 3;

/**
 * The capture's blur in reference pixels: the median of the blur at which the text zones' lines matched the
 * specimen's (the `layout` results' `matchedBlurSigmaPx`), or null with fewer than {@link MIN_BLUR_ZONES}.
 */
export function captureBlurSigma(results: readonly ZoneComparison[]): number | null {
  const sigmas = results.filter((c) => c.check === 'layout' && c.status === 'measured' && Number.isFinite(c.measured.matchedBlurSigmaPx)).map((c) => c.measured.matchedBlurSigmaPx!);
  return sigmas.length >= MIN_BLUR_ZONES ? median(sigmas) : null;
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
  // Text zones first: their lines tell how blurred the capture is, for the fixed-print checks.
  const byZone = new Map<string, ZoneComparison[]>();
  for (const z of zones) if (z.kind === 'text') byZone.set(z.id, compareZone(aligned, reference, reference, z, wanted(z), options));
  const blur = captureBlurSigma([...byZone.values()].flat());
  if (blur !== null && blur > FONT_MAX_BLUR_PX) for (const [id, results] of byZone) byZone.set(id, results.map((c) => (c.check === 'font' ? fontBeyondBlur(c, blur) : c.check === 'layout' ? layoutOnBlurred(c, blur) : c)));
  const fixed = blur !== null && blur >= FIXED_PRINT_BLUR_FROM_PX ? fixedPrintAtBlur(reference, blur) : reference;
  for (const z of zones) if (z.kind !== 'text') byZone.set(z.id, compareZone(aligned, reference, fixed, z, wanted(z), options, blur));
  return zones.flatMap((z) => byZone.get(z.id) ?? []);
}
