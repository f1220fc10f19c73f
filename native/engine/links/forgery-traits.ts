/**
 * Production traits of one document (issue 6, "Forgery families"): the departures from its template that a
 * template check stored (`template_checks.details`, see templates/check/outcome.ts `checkDetails`), the MRZ
 * habits of its MRZ (check digits, optional data) and, when given, the JPEG history of its file, as discrete,
 * named traits that documents from one workshop share: which zones deviate and how (font metrics of the
 * variable fields, position offsets in 0.25 mm steps, background print missing, portrait frame and seams,
 * MRZ font), which printed fields disagree with the MRZ, which check digits fail.
 *
 * Only indicators at or above the review bound (AGREES_BELOW, 0.3) give traits: below it a measurement is within
 * what genuine captures of the template show and says nothing about how the document was made.
 * Measurements are put into two staggered grids of bins (the second shifted by half a bin), each bin a key of
 * half the trait's weight: two documents whose values differ by less than half a bin always share a key, values a
 * whole bin apart never do, so capture noise near a bin edge does not split a family.
 * Text-zone traits come twice, per zone and per field category (name, date, number), each at half weight: a
 * workshop that retypes names shares the category traits even when one document has the surname retyped and the
 * next the given names. Pure: nothing is read or written here.
 */
import type { AssessmentLevel, MrzView } from '../contract';
import { AGREES_BELOW, DEVIATES_AT } from '../templates/check/indicators';

/** The parts of a stored check (`checkDetails` JSON) the traits read. */
export interface StoredIndicator {
  readonly code: string;
  readonly zoneId: string | null;
  readonly deviation: number;
  readonly measured: Readonly<Record<string, unknown>>;
  readonly expected: Readonly<Record<string, unknown>>;
  readonly region: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
}
export interface StoredZone {
  readonly id: string;
  readonly kind: string;
  readonly field: string | null;
  readonly box: StoredIndicator['region'];
}
export interface StoredCheck {
  readonly templateId: string | null;
  readonly level: AssessmentLevel | null;
  readonly indicators: readonly StoredIndicator[];
  readonly zones: readonly StoredZone[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const boxOf = (v: unknown): StoredIndicator['region'] =>
  isRecord(v) && [v.x, v.y, v.width, v.height].every((n) => typeof n === 'number' && Number.isFinite(n)) ? { x: v.x as number, y: v.y as number, width: v.width as number, height: v.height as number } : null;
const LEVELS: readonly AssessmentLevel[] = ['no-indicators', 'review', 'strong-indicators'];

/**
 * Reads the stored check details defensively (they come from the case database as JSON): malformed indicators
 * and zones are skipped, a missing or malformed whole gives an empty check.
 */
export function parseStoredCheck(details: unknown): StoredCheck {
  if (!isRecord(details)) return { templateId: null, level: null, indicators: [], zones: [] };
  const template = isRecord(details.template) && typeof details.template.id === 'string' ? details.template.id : null;
  const level = isRecord(details.assessment) && LEVELS.includes(details.assessment.level as AssessmentLevel) ? (details.assessment.level as AssessmentLevel) : null;
  const indicators = (Array.isArray(details.indicators) ? details.indicators : []).flatMap((i): StoredIndicator[] =>
    isRecord(i) && typeof i.code === 'string' && typeof i.deviation === 'number' && Number.isFinite(i.deviation)
      ? [{ code: i.code, zoneId: typeof i.zoneId === 'string' ? i.zoneId : null, deviation: i.deviation, measured: isRecord(i.measured) ? i.measured : {}, expected: isRecord(i.expected) ? i.expected : {}, region: boxOf(i.region) }]
      : [],
  );
  const zones = (Array.isArray(details.zones) ? details.zones : []).flatMap((z): StoredZone[] =>
    isRecord(z) && typeof z.id === 'string' ? [{ id: z.id, kind: typeof z.kind === 'string' ? z.kind : 'unknown', field: typeof z.field === 'string' ? z.field : null, box: boxOf(z.box) }] : [],
  );
  return { templateId: template, level, indicators, zones };
}

/** One production trait. */
/** The trait of an MRZ whose glyphs were measured as not OCR-B (key shared with the draft links). */
export const NON_OCR_B_MRZ = 'mrz.font.non-ocr-b';

export interface ForgeryTrait {
  /** Stable key, e.g. `mrz.font.non-ocr-b`, `font.glyph-width:-10..-6%`; equal keys are the same trace. */
  readonly key: string;
  /** Factual sentence fragment ("MRZ glyphs do not correlate with the template's OCR-B (below 0.93)"). */
  readonly label: string;
  readonly zoneId: string | null;
  /** The value measured on this document (varies between documents sharing the key). */
  readonly value: number | string;
  /** How distinctive the trait is (similarity weight, see TRACE_WEIGHT). */
  readonly weight: number;
  /** Where it came from: the indicator code (and measured key), `mrz.checks`, `mrz.fields` or `jpeg`. */
  readonly source: string;
}

/** The traits of one document, with the context families need. */
export interface ForgeryTraits {
  readonly documentId: string;
  readonly templateId: string | null;
  readonly level: AssessmentLevel | null;
  readonly traits: readonly ForgeryTrait[];
}

/** The JPEG history of the document's file (from the `jpeg-structure` kernel's `jpeg.structure.*` finding). */
export interface JpegTraitInput {
  /** Estimated IJG quality (attribute `quality`), or null. */
  readonly quality?: number | null;
  /** Table signature: the matching reference label or family, or a hash of the tables; null when unknown. */
  readonly tables?: string | null;
}

export interface ForgeryTraitInput {
  readonly documentId: string;
  /** The stored check details (`StoredTemplateCheck.details`), or null when the document was not checked. */
  readonly check: Readonly<Record<string, unknown>> | null;
  readonly mrz: MrzView | null;
  readonly jpeg?: JpegTraitInput | null;
}

/**
 * Weight of each trace (a trace may be spread over several keys, which share it). The scale: 3 for a tool or
 * material choice that genuine captures never show and a workshop repeats on every product (no guilloche at all,
 * a non-OCR-B MRZ font); 2 for a deviation of one named zone (a retyped font, a pasted portrait, a field that
 * disagrees with the MRZ); 1 for how it deviates (metric bins, failing check digit, broken rule); 0.5 for what
 * capture conditions or messengers also cause (unread MRZ, JPEG quality and tables).
 */
const TRACE_WEIGHT = {
  backgroundMissing: 3, mrzFont: 3, staticText: 2, portrait: 2, font: 2, fontMetric: 1, layout: 1.5, layoutMetric: 1,
  patch: 2, vizMrz: 2, vizMrzDiff: 1, checkDigit: 1.5, mrzRule: 1, dateRule: 1.5, format: 1, claimOnly: 1,
  mrzUnread: 0.5, forensics: 1, seam: 0.5, frameOffset: 0.5, frameShift: 0.5, mrzMetric: 1, energy: 0.5,
  optionalData: 1, digitsHold: 0.5, jpeg: 0.5,
} as const;
/**
 * Review-level indicators (deviation 0.3-0.7) count half: capture noise reaches them (a phone photo of a genuinely
 * printed permit-type line measured font deviation 0.30-0.51 on the template set's development seeds).
 */
const REVIEW_SCALE = 0.5;
/**
 * With an MRZ printed in another font than OCR-B the reader's characters are unreliable (development seeds:
 * Nimbus Mono read as `RPIB22GJ` for `RP1482267`), so what comes from the MRZ characters counts a tenth.
 */
const MRZ_CONTENT_SCALE = 0.1;

const CATEGORY: Readonly<Record<string, string>> = { surname: 'name', givenNames: 'name', birthDate: 'date', issueDate: 'date', expiryDate: 'date', documentNumber: 'number' };
const fmt = (v: number, digits: number) => (v > 0 ? `+${v.toFixed(digits)}` : v.toFixed(digits)).replace(/^-0(\.0+)?$/, '0$1').replace(/^\+0(\.0+)?$/, '0$1');

/** The two staggered bins of `value` for bin `width`: [lo, hi) of each grid. */
export function staggeredBins(value: number, width: number): [number, number][] {
  const a = Math.floor(value / width) * width;
  const b = Math.floor(value / width - 0.5) * width + width / 2;
  return [[a, a + width], [b, b + width]];
}

class TraitSet {
  private readonly byKey = new Map<string, ForgeryTrait>();
  constructor(private readonly mrzScale: number) {}
  add(key: string, label: string, zoneId: string | null, value: number | string, weight: number, source: string, mrzContent = false): void {
    const w = Number((weight * (mrzContent ? this.mrzScale : 1)).toFixed(4));
    const old = this.byKey.get(key);
    if (!old || old.weight < w) this.byKey.set(key, { key, label, zoneId, value, weight: w, source });
  }
  /** A measurement as its two staggered bins, each half the weight; `unit` and `digits` for the key and label. */
  bins(key: string, what: string, zoneId: string | null, value: number, width: number, unit: string, digits: number, weight: number, source: string, mrzContent = false): void {
    for (const [lo, hi] of staggeredBins(value, width)) this.add(`${key}:${fmt(lo, digits)}..${fmt(hi, digits)}${unit}`, `${what} ${fmt(lo, digits)} to ${fmt(hi, digits)}${unit}`, zoneId, Number(value.toFixed(4)), weight / 2, source, mrzContent);
  }
  /** A text-zone trait per zone and per field category, half the weight each. */
  zoned(kind: string, zone: StoredZone | undefined, zoneId: string, label: string, value: number | string, weight: number, source: string, mrzContent = false): void {
    const category = zone?.field ? CATEGORY[zone.field] : undefined;
    this.add(`${kind}.zone:${zoneId}`, `${label} in zone ${zoneId}`, zoneId, value, category ? weight / 2 : weight, source, mrzContent);
    if (category) this.add(`${kind}.field:${category}`, `${label} in a ${category} field`, zoneId, value, weight / 2, source, mrzContent);
  }
  list(): ForgeryTrait[] {
    return [...this.byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

const num = (r: Readonly<Record<string, unknown>>, k: string): number | null => (typeof r[k] === 'number' && Number.isFinite(r[k]) ? (r[k] as number) : null);
const pct = (ratio: number) => (ratio - 1) * 100;

/** The text zone a background region (reference px) covers most, or null. */
function coveredZone(region: StoredIndicator['region'], zones: readonly StoredZone[]): StoredZone | null {
  if (!region) return null;
  let best: StoredZone | null = null;
  let bestArea = 0;
  for (const z of zones) {
    if (z.kind !== 'text' || !z.box) continue;
    const w = Math.min(region.x + region.width, z.box.x + z.box.width) - Math.max(region.x, z.box.x);
    const h = Math.min(region.y + region.height, z.box.y + z.box.height) - Math.max(region.y, z.box.y);
    if (w > 0 && h > 0 && w * h > bestArea) [best, bestArea] = [z, w * h];
  }
  return best;
}

/** How a printed value differs from the MRZ's: one character, several of the same length, or another length. */
function diffClass(viz: string, mrz: string): string {
  if (viz.length !== mrz.length) return 'other-length';
  let n = 0;
  for (let i = 0; i < viz.length; i++) if (viz[i] !== mrz[i]) n++;
  return n <= 1 ? 'one-char' : 'several-chars';
}

function comparisonTraits(t: TraitSet, ind: StoredIndicator, zones: readonly StoredZone[], scale: number): void {
  const m = ind.measured;
  const e = ind.expected;
  const z = ind.zoneId ?? 'document';
  const zone = zones.find((x) => x.id === ind.zoneId);
  const check = ind.code.slice('template.'.length);
  const src = (k?: string) => (k ? `${ind.code}.${k}` : ind.code);
  if (check === 'layout') {
    t.zoned('layout', zone, z, 'printed value off its template position or size', ind.deviation, TRACE_WEIGHT.layout * scale, src());
    const [base, anchor, height] = [num(m, 'baselineOffsetMm'), num(m, 'anchorOffsetMm'), num(m, 'glyphHeightRatio')];
    // Only the components beyond the check's own tolerances (stored with it) are traits. Bins: 0.25 mm for the
    // baseline (genuine |offset| <= 0.18 mm, so one product's captures stay within half a bin), 0.5 mm for the anchored
    // edge (genuine <= 0.31 mm), 3 % for the glyph height (genuine within 3.9 %).
    if (base !== null && Math.abs(base) > (num(e, 'baselineToleranceMm') ?? 0.25)) t.bins('layout.baseline-mm', 'baseline offset from the template\'s (+ below)', z, base, 0.25, ' mm', 3, TRACE_WEIGHT.layoutMetric * scale, src('baselineOffsetMm'));
    if (anchor !== null && Math.abs(anchor) > (num(e, 'anchorToleranceMm') ?? 0.33)) t.bins('layout.anchor-mm', 'anchored edge offset from the template\'s (+ right)', z, anchor, 0.5, ' mm', 2, TRACE_WEIGHT.layoutMetric * scale, src('anchorOffsetMm'));
    if (height !== null && Math.abs(Math.log(height)) > Math.log(1 + (num(e, 'glyphHeightTolerance') ?? 0.045))) t.bins('layout.glyph-height', 'glyph height against the specimen\'s', z, pct(height), 3, ' %', 0, TRACE_WEIGHT.layoutMetric * scale, src('glyphHeightRatio'));
  } else if (check === 'font') {
    t.zoned('font', zone, z, 'glyphs differ from the template font', ind.deviation, TRACE_WEIGHT.font * scale, src());
    // Font metrics are a property of the font used, not of the zone: zone-free keys. 4 % bins: near-miss sans fonts
    // measured 86-93 % width and 89-95 % stroke of the template font's; genuine within 5.5 % / 9.5 % (font.ts units).
    const width = num(m, 'glyphWidthRatio');
    const stroke = num(m, 'glyphStrokeRatio') ?? num(m, 'lineStrokeRatio');
    if (width !== null) t.bins('font.glyph-width', 'glyph width against the template font\'s', z, pct(width), 4, ' %', 0, TRACE_WEIGHT.fontMetric * scale, src('glyphWidthRatio'));
    if (stroke !== null) t.bins('font.glyph-stroke', 'stroke width against the template font\'s', z, pct(stroke), 4, ' %', 0, TRACE_WEIGHT.fontMetric * scale, src('glyphStrokeRatio'));
  } else if (check === 'mrz-font') {
    const corr = num(m, 'cellCorrelation');
    const strong = ind.deviation >= DEVIATES_AT;
    t.add(NON_OCR_B_MRZ, strong ? 'MRZ glyphs do not correlate with the template\'s OCR-B' : 'MRZ glyphs correlate less than genuine OCR-B', ind.zoneId, corr ?? ind.deviation, TRACE_WEIGHT.mrzFont * scale, src());
    // Bins: 0.04 in correlation (monospace fonts measured 0.69-0.90), 4 % in glyph height (fonts 83-103 %).
    if (corr !== null) t.bins('mrz.font.cell-correlation', 'MRZ glyph correlation with OCR-B', ind.zoneId, corr, 0.04, '', 2, TRACE_WEIGHT.mrzMetric * scale, src('cellCorrelation'));
    const height = num(m, 'glyphHeightRatio');
    if (height !== null && Math.abs(Math.log(height)) > Math.log(1.06)) t.bins('mrz.font.glyph-height', 'MRZ glyph height against OCR-B\'s', ind.zoneId, pct(height), 4, ' %', 0, TRACE_WEIGHT.mrzMetric * scale, src('glyphHeightRatio'));
    const pitch = num(m, 'pitchRatio');
    if (pitch !== null && Math.abs(Math.log(pitch)) > Math.log(1.015)) t.bins('mrz.font.pitch', 'MRZ character pitch against 10 per inch', ind.zoneId, pct(pitch), 4, ' %', 0, TRACE_WEIGHT.mrzMetric * scale, src('pitchRatio'));
  } else if (check === 'background') {
    const zncc = num(m, 'bandZncc');
    if (zncc !== null && zncc < (num(e, 'bandZnccMin') ?? 0.6)) {
      t.add(`background.missing:${z}`, `background print of zone ${z} does not follow the template's pattern`, ind.zoneId, zncc, TRACE_WEIGHT.backgroundMissing * scale, src('bandZncc'));
      const energy = num(m, 'bandEnergyRatio');
      // Half-octave bins of band-pass energy: a flat colour and a blank card differ there (measured 1.1-1.9).
      if (energy !== null && energy > 0) t.bins('background.energy-log2', 'background band-pass energy (log2 of the template\'s)', ind.zoneId, Math.log2(energy), 0.5, '', 2, TRACE_WEIGHT.energy * scale, src('bandEnergyRatio'));
    } else if (num(m, 'regionBlocks') !== null) {
      const covered = coveredZone(ind.region, zones);
      if (covered) t.zoned('background.patch', covered, covered.id, 'background print locally missing', ind.deviation, TRACE_WEIGHT.patch * scale, src('regionBandZncc'));
      else t.add(`background.patch.zone:${z}`, `background print locally missing in zone ${z}`, ind.zoneId, ind.deviation, TRACE_WEIGHT.patch * scale, src('regionBandZncc'));
    }
  } else if (check === 'static-text') {
    t.add(`static-text.differs:${z}`, `fixed text of zone ${z} differs from the template's`, ind.zoneId, num(m, 'edgeZncc') ?? ind.deviation, TRACE_WEIGHT.staticText * scale, src());
    const energy = num(m, 'edgeEnergyRatio');
    if (energy !== null && energy > 0) t.bins(`static-text.energy-log2:${z}`, `edge energy of zone ${z} (log2 of the template's)`, ind.zoneId, Math.log2(energy), 0.5, '', 2, TRACE_WEIGHT.energy * scale, src('edgeEnergyRatio'));
  } else if (check === 'portrait-border') {
    portraitTraits(t, ind, z, scale);
  } else if (check === 'fixed-print') {
    t.add('recognition.mrz-claim-only', 'fixed print not recognised; compared with the template its MRZ claims', null, num(m, 'staticSimilarity') ?? ind.deviation, TRACE_WEIGHT.claimOnly * scale, src());
  } else if (check === 'mrz.unread') {
    t.add('mrz.unread', 'the template has an MRZ here, none was read', ind.zoneId, 'unread', TRACE_WEIGHT.mrzUnread * scale, src());
  } else if (check === 'mrz.format') {
    t.add(`mrz.format:${String(m.format)}`, `MRZ in format ${String(m.format)}, not the template's`, ind.zoneId, String(m.format), TRACE_WEIGHT.checkDigit * scale, src());
  } else if (check.startsWith('format.')) {
    t.zoned(`format.${check.slice(7)}`, zone, z, `printed value breaks the template's ${check.slice(7)} format`, String(m.read ?? ''), TRACE_WEIGHT.format * scale, src());
  } else if (check.startsWith('rules.')) {
    const rule = check.slice(6);
    t.add(`rules.${rule}`, `date rule ${rule} broken`, ind.zoneId, ind.deviation, TRACE_WEIGHT.dateRule * scale, src(), true);
    const years = num(m, 'validityYears');
    if (years !== null) t.bins('rules.validity-years', 'validity in years', ind.zoneId, years, 1, ' y', 1, TRACE_WEIGHT.mrzRule * scale, src('validityYears'), true);
  }
}

function portraitTraits(t: TraitSet, ind: StoredIndicator, z: string, scale: number): void {
  const m = ind.measured;
  const e = ind.expected;
  const src = (k?: string) => (k ? `${ind.code}.${k}` : ind.code);
  t.add(`portrait.border:${z}`, `frame and strip around portrait zone ${z} differ from the template's`, ind.zoneId, num(m, 'ringEdgeZncc') ?? ind.deviation, TRACE_WEIGHT.portrait * scale, src());
  // The ring correlation itself is no separate trait: it measures how far the pasted frame is off (frame offset
  // below) and how the portrait's background differs, not another production habit.
  const excessMax = num(e, 'seamExcessMax') ?? 0.05;
  for (const side of ['Left', 'Right', 'Top', 'Bottom'] as const) {
    const q = num(m, `seam${side}`);
    const r = num(e, `seam${side}`) ?? 0;
    if (q !== null && q - r > excessMax) t.add(`portrait.seam:${z}:${side.toLowerCase()}`, `straight edge inside the ${side.toLowerCase()} side of portrait zone ${z}`, ind.zoneId, Number((q - r).toFixed(3)), TRACE_WEIGHT.seam * scale, src(`seam${side}`));
  }
  const offset = num(m, 'frameOffsetPx');
  if (offset !== null && offset > (num(e, 'frameOffsetMaxPx') ?? 0.45)) {
    // 1 px bins of the frame offset (pasted 1-4 px off; measured 0.6-3.3 px).
    t.bins(`portrait.frame-offset-px:${z}`, `portrait frame offset from the print around it (px)`, ind.zoneId, offset, 1, ' px', 1, TRACE_WEIGHT.frameOffset * scale, src('frameOffsetPx'));
    const dx = Math.round((num(m, 'shiftXPx') ?? 0) - (num(m, 'residualXPx') ?? 0));
    const dy = Math.round((num(m, 'shiftYPx') ?? 0) - (num(m, 'residualYPx') ?? 0));
    if (dx !== 0 || dy !== 0) t.add(`portrait.frame-shift:${z}:${Math.sign(dx)},${Math.sign(dy)}`, `portrait frame shifted ${dx > 0 ? 'right' : dx < 0 ? 'left' : ''}${dx && dy ? ' and ' : ''}${dy > 0 ? 'down' : dy < 0 ? 'up' : ''}`, ind.zoneId, `${dx},${dy}`, TRACE_WEIGHT.frameShift * scale, src('shiftXPx'));
  }
}

function mrzViewTraits(t: TraitSet, mrz: MrzView, anyMismatch: boolean): void {
  const failing = mrz.checks.filter((c) => !c.valid);
  for (const c of failing) t.add(`mrz.check-digit.fails:${c.name}`, `MRZ ${c.name} check digit fails`, null, `${c.found}/${c.expected}`, TRACE_WEIGHT.checkDigit, 'mrz.checks', true);
  if (anyMismatch && mrz.checks.length > 0 && failing.length === 0) t.add('mrz.check-digits-hold-with-mismatch', 'every MRZ check digit holds while printed fields disagree with the MRZ', null, mrz.checks.length, TRACE_WEIGHT.digitsHold, 'mrz.checks', true);
  for (const f of mrz.fields.filter((x) => x.name.startsWith('optionalData') || x.name === 'personalNumber')) {
    const content = f.raw.replace(/</g, '');
    if (!content) continue;
    const shape = /^\d+$/.test(content) ? 'digits' : /^[A-Z]+$/.test(content) ? 'letters' : 'mixed';
    t.add(`mrz.optional-data:${f.name}:${shape}-${content.length}`, `MRZ ${f.name} holds ${content.length} ${shape === 'mixed' ? 'characters' : shape}`, null, content, TRACE_WEIGHT.optionalData, 'mrz.fields', true);
  }
}

/**
 * The production traits of one checked document (see the module comment). A document without a stored check
 * (null or unparseable details) gets only its MRZ and JPEG traits.
 * @param input documentId, the stored check details JSON, the document's MRZ view and, optionally, its JPEG history
 * @returns the traits sorted by key, with the check's template id and assessment level
 */
export function extractForgeryTraits(input: ForgeryTraitInput): ForgeryTraits {
  const check = parseStoredCheck(input.check);
  const indicators = check.indicators.filter((i) => i.deviation >= AGREES_BELOW);
  const mrzFontSuspect = indicators.some((i) => i.code === 'template.mrz-font' && i.deviation >= DEVIATES_AT);
  const t = new TraitSet(mrzFontSuspect ? MRZ_CONTENT_SCALE : 1);
  let anyMismatch = false;
  for (const ind of indicators) {
    const scale = ind.deviation >= DEVIATES_AT ? 1 : REVIEW_SCALE;
    const z = ind.zoneId ?? 'document';
    const zone = check.zones.find((x) => x.id === ind.zoneId);
    if (ind.code.startsWith('template.')) comparisonTraits(t, ind, check.zones, scale);
    else if (ind.code === 'viz.mrz-mismatch') {
      anyMismatch = true;
      t.zoned('viz-mrz.mismatch', zone, z, 'printed value disagrees with the MRZ', `${String(ind.measured.viz ?? '')}/${String(ind.expected.mrz ?? '')}`, TRACE_WEIGHT.vizMrz * scale, ind.code, true);
      const cls = diffClass(String(ind.measured.viz ?? ''), String(ind.expected.mrz ?? ''));
      const category = zone?.field ? (CATEGORY[zone.field] ?? z) : z;
      t.add(`viz-mrz.diff:${category}:${cls}`, `printed ${category} and MRZ differ by ${cls.replace('-', ' ')}`, ind.zoneId, cls, TRACE_WEIGHT.vizMrzDiff * scale, ind.code, true);
    } else if (ind.code.startsWith('forensics.')) {
      t.add(`forensics.outlier:${z}`, `compression or noise history of zone ${z} differs from the document's other zones`, ind.zoneId, ind.deviation, TRACE_WEIGHT.forensics * scale, ind.code);
    } else if (ind.code.startsWith('mrz.') && ind.code !== 'mrz.check-digit.failed') {
      t.add(`mrz.rule:${ind.code.slice(4)}`, `MRZ rule ${ind.code.slice(4)} broken`, ind.zoneId, ind.deviation, TRACE_WEIGHT.mrzRule * scale, ind.code, true);
    }
  }
  if (input.mrz?.format) mrzViewTraits(t, input.mrz, anyMismatch);
  const jpeg = input.jpeg;
  // 10-point quality bins: a messenger or camera re-encodes at one fixed quality, two devices rarely within 5.
  if (jpeg && typeof jpeg.quality === 'number' && Number.isFinite(jpeg.quality)) t.bins('jpeg.quality', 'JPEG quality', null, jpeg.quality, 10, '', 0, TRACE_WEIGHT.jpeg, 'jpeg');
  if (jpeg?.tables) t.add(`jpeg.tables:${jpeg.tables}`, `JPEG quantization tables ${jpeg.tables}`, null, jpeg.tables, TRACE_WEIGHT.jpeg, 'jpeg');
  return { documentId: input.documentId, templateId: check.templateId, level: check.level, traits: t.list() };
}
