/**
 * One found document against the known templates: recognise which template side it follows (or none),
 * align it into that side's reference frame, read the template's text zones, compare zone by zone, apply the
 * field formats, rules and MRZ expectations, take in the per-zone forensics of the portrait, and assess.
 * Pure computation over images and stored results: nothing is written here.
 */
import { performance } from 'node:perf_hooks';
import type { BoxView, MrzView } from '../../contract';
import type { OcrService } from '../../analysers/ocr';
import type { RgbImage } from '../../imaging/raster';
import { invert, project } from '../align/geometry';
import { recognise, type Alignment, type PreparedSide, type RecognitionCandidate } from '../align';
import { compareZones, type PreparedReference, type ZoneComparison } from '../compare';
import type { LoadedTemplate, TemplateZone } from '../template';
import { assess, type Assessment } from './assessment';
import { alignClaimed, fixedPrintIndicator, mrzClaims, recogniseReproportioned, resizeRgb } from './claim';
import { forensicIndicators, type DocumentForensicFinding } from './forensic-indicators';
import { clamp01, type TemplateIndicator } from './indicators';
import { mrzIndicators } from './mrz-rules';
import { dateRuleIndicators, formatIndicators, vizMrzIndicators } from './rules';
import { locateAndRecognise } from './locate-in-image';
import type { LocatedSide } from '../align/locate';
import { zoneResults, type ZoneResult } from './zone-results';
import { readTextZones, type TextZone, type ZoneReading } from './zone-text';

/** A template side ready for checking: the template, its prepared side (alignment) and reference (comparison). */
export interface TemplateCandidate {
  readonly template: LoadedTemplate;
  readonly side: PreparedSide;
  readonly reference: PreparedReference;
}

/** The document as the documents analyser found it. */
export interface QuestionedDocument {
  /** The rectified document, upright when its MRZ was read. */
  readonly rectified: RgbImage;
  readonly mrz: MrzView | null;
  /** Per-zone forensic findings stored for this document (document pixels), when forensics ran. */
  readonly forensics?: readonly DocumentForensicFinding[];
  /**
   * False when no document outline was found and `rectified` is the whole image: the templates' print is then
   * also searched for inside it (align/locate.ts) before the document is given up as unrecognised.
   */
  readonly outlineFound?: boolean;
}

export interface TemplateCheckOptions {
  /** Reference day for date rules, YYYY-MM-DD. */
  readonly today: string;
  /** Zone OCR (formats, rules, VIZ vs MRZ, glyph comparison); null skips what needs it, and says so. */
  readonly ocr: OcrService | null;
}

export interface TemplateCheckResult {
  readonly candidates: readonly RecognitionCandidate[];
  /**
   * The template side the document was compared with and the alignment, or null (no template fitted and
   * none is claimed). `by`: `print` when the fixed print follows the side (recognised), `mrz-claim` when only
   * the MRZ claims it (compared, but not recognised).
   */
  readonly matched: { readonly candidate: TemplateCandidate; readonly alignment: Alignment; readonly by: 'print' | 'mrz-claim' } | null;
  /** The document as compared (re-proportioned when the finder straightened it to another format). */
  readonly reproportioned: boolean;
  readonly readings: readonly ZoneReading[];
  readonly comparisons: readonly ZoneComparison[];
  readonly indicators: readonly TemplateIndicator[];
  readonly zones: readonly ZoneResult[];
  /** Null when no template matched: a document is not assessed against a template it does not follow. */
  readonly assessment: Assessment | null;
  readonly timings: { readonly recogniseMs: number; readonly ocrMs: number; readonly compareMs: number; readonly totalMs: number };
  /** What could not be checked, in plain words (no OCR, no MRZ read). */
  readonly notes: readonly string[];
}

/**
 * The aligned document's resolution in dots per inch (the template side's pixels over its width in mm), recorded
 * in the zone images given to OCR: Tesseract sizes its heuristics by the stated DPI and, without one, guesses from
 * the pixel count.
 */
const alignedDpi = (widthPx: number, widthMm: number) => Math.round((widthPx / widthMm) * 25.4);

/** Comparisons → indicators (`template.<check>`), measured ones only. */
function comparisonIndicators(comparisons: readonly ZoneComparison[]): TemplateIndicator[] {
  return comparisons
    .filter((c) => c.status === 'measured')
    .map((c) => ({ code: `template.${c.check}`, zoneId: c.zoneId, deviation: clamp01(c.deviation), source: 'comparison' as const, summary: c.summary, measured: { ...c.measured }, expected: { ...c.expected }, region: c.region }));
}

/**
 * Zones whose specimen value has fewer glyphs than this get no font check: the shape of one or two glyphs
 * (the sex marker) varies more between genuine captures than between fonts (measured on the template set's
 * development seeds: genuine font deviation 1.0 on the sex zone in 8 of 45 captures).
 */
const MIN_FONT_GLYPHS = 3;
const glyphCount = (zone: TemplateZone | undefined) => (zone && 'sample' in zone && typeof zone.sample === 'string' ? zone.sample.replace(/\s/g, '').length : Infinity);

/**
 * Zone OCR confidence from which a reading is trusted as the characters printed when the MRZ cannot confirm
 * it: misread characters make the glyph comparison flag a genuine font (measured on the development seeds:
 * every genuine font false alarm came with a reading below 90 or one the MRZ contradicted).
 */
const TRUSTED_READING_CONFIDENCE = 90;

/**
 * The characters the font check may pair glyphs with, per zone: a reading the MRZ confirms (cross-check match
 * or variant), or a confident one; other zones get no text and are compared by stroke and width only.
 */
function fontTexts(readings: readonly ZoneReading[], mrz: MrzView | null): Record<string, string> {
  const confirmed = new Set(readings.filter((r) => r.text && mrz?.format && vizMrzIndicators([r], mrz).length === 0 && mrzCarries(r.field)).map((r) => r.zoneId));
  return Object.fromEntries(readings.filter((r) => r.text && (confirmed.has(r.zoneId) || r.confidence >= TRUSTED_READING_CONFIDENCE)).map((r) => [r.zoneId, r.text]));
}
const mrzCarries = (field: TextZone['field']) => ['documentNumber', 'surname', 'givenNames', 'birthDate', 'expiryDate', 'nationality', 'sex'].includes(field);

/**
 * The MRZ zone expects a machine-readable zone. Not reading one where the template has it is itself worth a
 * look (a non-OCR-B font, a printed-over zone), though glare or damage could do the same. With its weight 0.75
 * (template-assessment.json) it asks for review on its own (0.45): the MRZ was read on every one of 567 genuine
 * captures of the held-out runs 2001-5001 and not read on 28 of 80 forgeries with a non-OCR-B MRZ.
 */
const MRZ_UNREAD_DEVIATION = 0.6;

/** Check one document against every candidate side; see the module comment. */
export async function checkAgainstTemplates(doc: QuestionedDocument, candidates: readonly TemplateCandidate[], options: TemplateCheckOptions): Promise<TemplateCheckResult> {
  const t0 = performance.now();
  const sides = candidates.map((c) => c.side);
  let recognition = await recognise(doc.rectified, sides);
  let reproportioned = false;
  if (!recognition.best) {
    const again = await recogniseReproportioned(doc.rectified, sides);
    if (again) recognition = again.recognition;
    reproportioned = !!again;
  }
  let found: { candidate: TemplateCandidate; alignment: Alignment; by: 'print' | 'mrz-claim' } | null = null;
  const recognised = recognition.best ? candidates.find((c) => c.side === recognition.best!.side) : undefined;
  if (recognised && recognition.best) found = { candidate: recognised, alignment: recognition.best.alignment, by: 'print' };
  else {
    for (const claimed of candidates.filter((c) => mrzClaims(c.template.template, doc.mrz))) {
      const side = claimed.side;
      const fitted = Math.abs(doc.rectified.width / doc.rectified.height / (side.width / side.height) - 1) <= 0.08 ? doc.rectified : await resizeRgb(doc.rectified, side.width, side.height);
      const alignment = await alignClaimed(fitted, side);
      if (alignment) {
        found = { candidate: claimed, alignment, by: 'mrz-claim' };
        reproportioned = fitted !== doc.rectified;
        break;
      }
    }
  }
  let located: LocatedSide | null = null;
  if (!found && doc.outlineFound === false) {
    const hit = await locateAndRecognise(doc.rectified, candidates);
    if (hit) {
      found = { candidate: hit.candidate, alignment: hit.alignment, by: 'print' };
      located = hit.located;
    }
  }
  const recogniseMs = performance.now() - t0;
  if (!found) {
    return { candidates: recognition.candidates, matched: null, reproportioned: false, readings: [], comparisons: [], indicators: [], zones: [], assessment: null, timings: { recogniseMs, ocrMs: 0, compareMs: 0, totalMs: performance.now() - t0 }, notes: [] };
  }
  const best = found.candidate;
  const alignment = found.alignment;
  const zones: readonly TemplateZone[] = best.side.zones;
  const textZones = zones.filter((z): z is TextZone => z.kind === 'text');
  const notes: string[] = [];
  if (reproportioned) notes.push(`the document was straightened to other proportions (${doc.rectified.width} x ${doc.rectified.height} px) and was re-proportioned to the template side's before comparison`);
  if (found.by === 'mrz-claim') notes.push(`no template is recognised by its print; compared with ${best.template.template.id}, which the MRZ claims`);
  if (located) notes.push(`no document outline was found; the template's print was located in the image (${located.inliers} feature pairs) and the card straightened from there`);
  const t1 = performance.now();
  let readings: ZoneReading[] = [];
  if (options.ocr && textZones.length) readings = await readTextZones(options.ocr, alignment.aligned, alignedDpi(best.side.width, best.template.template.size.widthMm), textZones);
  else if (textZones.length) notes.push('printed fields were not read (OCR off): formats, date rules, VIZ against MRZ and glyph shapes of variable fields not checked');
  const ocrMs = performance.now() - t1;
  const t2 = performance.now();
  const texts = fontTexts(readings, doc.mrz);
  const mrzZone = zones.find((z) => z.kind === 'mrz') ?? null;
  const mrzLines = doc.mrz?.format ? doc.mrz.lines : null;
  if (mrzZone && mrzLines) texts[mrzZone.id] = mrzLines.join('\n');
  const comparisons = compareZones(alignment.aligned, best.reference, zones, { texts, covered: alignment.covered }).filter((c) => c.check !== 'font' || glyphCount(zones.find((z) => z.id === c.zoneId)) >= MIN_FONT_GLYPHS);
  const compareMs = performance.now() - t2;
  const template = best.template.template;
  const indicators: TemplateIndicator[] = [
    ...comparisonIndicators(comparisons),
    ...formatIndicators(textZones, readings),
    ...vizMrzIndicators(readings, doc.mrz, textZones),
    ...dateRuleIndicators(template, readings, doc.mrz, options.today),
    ...mrzIndicators(template, doc.mrz, mrzZone?.id ?? null, options.today),
    ...forensicIndicators(doc.forensics ?? [], alignment.homography, zones, best.side.width, best.side.height),
  ];
  if (found.by === 'mrz-claim') indicators.push(fixedPrintIndicator(alignment, best.template.template.id));
  if (mrzZone && !mrzLines) {
    indicators.push({ code: 'template.mrz.unread', zoneId: mrzZone.id, deviation: MRZ_UNREAD_DEVIATION, source: 'mrz', summary: 'the template has an MRZ on this side, but none was read on the document', measured: { mrzRead: false }, expected: { mrzRead: true }, region: null });
  }
  const assessment = assess(indicators);
  return {
    candidates: recognition.candidates,
    matched: found,
    reproportioned,
    readings,
    comparisons,
    indicators,
    zones: zoneResults(zones, best.side.width, best.side.height, indicators),
    assessment,
    timings: { recogniseMs, ocrMs, compareMs, totalMs: performance.now() - t0 },
    notes,
  };
}

/** A box in reference pixels mapped into the questioned document (bounding box of its corners), for stored findings. */
export function referenceBoxToDocument(box: BoxView, toReference: readonly number[]): BoxView | null {
  const inv = invert(toReference);
  if (!inv) return null;
  const corners = [
    [box.x, box.y],
    [box.x + box.width, box.y],
    [box.x + box.width, box.y + box.height],
    [box.x, box.y + box.height],
  ].map(([x, y]) => project(inv, x!, y!));
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(Math.max(...xs) - x), height: Math.round(Math.max(...ys) - y) };
}
