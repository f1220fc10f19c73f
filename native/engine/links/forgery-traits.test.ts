import { describe, expect, it } from 'vitest';
import { mrzView } from '../analysers/documents/mrz-view';
import { readMrz } from '../domain/mrz';
import { td1Mrz, type Td1Fields } from '../../../tests/fixtures/mrz-fixture';
import { groupFamilies } from './families';
import { extractForgeryTraits, parseStoredCheck, staggeredBins, type ForgeryTrait } from './forgery-traits';

/** Zones of the stored check, as `checkDetails` writes them (reference pixels of uto-rp-2024). */
const ZONES = [
  { id: 'docno', kind: 'text', field: 'documentNumber', box: { x: 790, y: 54, width: 196, height: 32 }, state: 'agrees', indicators: [] },
  { id: 'portrait', kind: 'portrait', field: null, box: { x: 30, y: 110, width: 250, height: 270 }, state: 'agrees', indicators: [] },
  { id: 'surname', kind: 'text', field: 'surname', box: { x: 306, y: 129, width: 460, height: 34 }, state: 'agrees', indicators: [] },
  { id: 'given-names', kind: 'text', field: 'givenNames', box: { x: 306, y: 189, width: 460, height: 34 }, state: 'agrees', indicators: [] },
  { id: 'guilloche', kind: 'security', field: null, box: { x: 300, y: 96, width: 700, height: 340 }, state: 'agrees', indicators: [] },
  { id: 'mrz', kind: 'mrz', field: null, box: { x: 10, y: 440, width: 992, height: 196 }, state: 'agrees', indicators: [] },
];

interface Ind {
  code: string;
  zoneId: string | null;
  deviation: number;
  measured?: Record<string, unknown>;
  expected?: Record<string, unknown>;
  region?: { x: number; y: number; width: number; height: number } | null;
}
const details = (indicators: Ind[], level = 'strong-indicators') => ({
  template: { id: 'uto-rp-2024', version: '1.0.0' },
  indicators: indicators.map((i) => ({ source: 'comparison', summary: 's', measured: {}, expected: {}, region: null, ...i })),
  zones: ZONES,
  assessment: { score: 0.9, level, reasons: [] },
});

const FONT = { code: 'template.font', deviation: 1, measured: { glyphWidthRatio: 0.9, glyphStrokeRatio: 0.93, lineStrokeRatio: 0.95 }, expected: {} };
const PATCH = (y: number) => ({ code: 'template.background', zoneId: 'guilloche', deviation: 0.9, measured: { regionBandZncc: 0.1, regionBlocks: 3 }, region: { x: 300, y, width: 72, height: 48 } });
const VIZ = (zoneId: string, viz: string, mrz: string) => ({ code: 'viz.mrz-mismatch', zoneId, deviation: 1, measured: { viz }, expected: { mrz } });
const MRZ_FONT = (corr: number, height: number) => ({ code: 'template.mrz-font', zoneId: 'mrz', deviation: 1, measured: { cellCorrelation: corr, glyphHeightRatio: height, pitchRatio: 1 } });
const BG_MISSING = (energy: number) => ({ code: 'template.background', zoneId: 'guilloche', deviation: 1, measured: { bandZncc: 0.1, bandEnergyRatio: energy }, expected: { bandZnccMin: 0.6 } });
const PORTRAIT = (seamLeft: number, offset: number) => ({
  code: 'template.portrait-border', zoneId: 'portrait', deviation: 1,
  measured: { ringEdgeZncc: 0.5, frameOffsetPx: offset, shiftXPx: 2, shiftYPx: 0, residualXPx: 0.1, residualYPx: 0, seamLeft, seamRight: 0.01, seamTop: 0.01, seamBottom: 0.04 },
  expected: { ringEdgeZnccMin: 0.75, frameOffsetMaxPx: 0.45, seamLeft: 0.002, seamRight: 0.002, seamTop: 0.002, seamBottom: 0.039, seamExcessMax: 0.05 },
});
const keys = (t: readonly ForgeryTrait[]) => t.map((x) => x.key);
const mrzOf = (lines: readonly string[]) => mrzView(readMrz(lines), null);
const HOLDER: Td1Fields = { documentCode: 'IR', issuingState: 'UTO', documentNumber: 'RP1234567', birthDate: '900101', expiryDate: '300101', sex: 'M', nationality: 'UTO', surname: 'PETROVIC', givenNames: 'GORAN' };

describe('staggeredBins', () => {
  it('puts values less than half a bin apart into a shared bin and values a whole bin apart into none', () => {
    const shared = (a: number, b: number, w: number) => staggeredBins(a, w).some(([lo]) => staggeredBins(b, w).some(([l]) => l === lo));
    for (let v = -1; v <= 1; v += 0.013) {
      expect(shared(v, v + 0.124, 0.25)).toBe(true);
      expect(shared(v, v + 0.26, 0.25)).toBe(false);
    }
    expect(staggeredBins(0.3, 0.25)).toEqual([[0.25, 0.5], [0.125, 0.375]]);
  });
});

describe('extractForgeryTraits', () => {
  it('names a retyped field by zone and field category, its font metrics, the background patch over it and the MRZ disagreement', () => {
    const t = extractForgeryTraits({ documentId: 'd1', check: details([{ ...FONT, zoneId: 'given-names' }, PATCH(190), VIZ('given-names', 'LUKA', 'BESNIK')]), mrz: mrzOf(td1Mrz({ ...HOLDER, givenNames: 'BESNIK' })) });
    expect(t).toMatchObject({ documentId: 'd1', templateId: 'uto-rp-2024', level: 'strong-indicators' });
    expect(keys(t.traits)).toEqual([
      'background.patch.field:name', 'background.patch.zone:given-names',
      'font.field:name', 'font.glyph-stroke:-8..-4 %', 'font.glyph-stroke:-10..-6 %', 'font.glyph-width:-12..-8 %', 'font.glyph-width:-10..-6 %', 'font.zone:given-names',
      'mrz.check-digits-hold-with-mismatch',
      'viz-mrz.diff:name:other-length', 'viz-mrz.mismatch.field:name', 'viz-mrz.mismatch.zone:given-names',
    ].sort());
    const width = t.traits.find((x) => x.key === 'font.glyph-width:-12..-8 %')!;
    expect(width).toMatchObject({ label: 'glyph width against the template font\'s -12 to -8 %', zoneId: 'given-names', weight: 0.5, source: 'template.font.glyphWidthRatio' });
    expect(width.value).toBeCloseTo(-10, 6);
    expect(t.traits.find((x) => x.key === 'font.zone:given-names')).toMatchObject({ weight: 1, label: 'glyphs differ from the template font in zone given-names' });
  });

  it('gives nothing for indicators within genuine variation and half weight at review level', () => {
    const below = extractForgeryTraits({ documentId: 'g', check: details([{ ...FONT, zoneId: 'surname', deviation: 0.29 }], 'no-indicators'), mrz: null });
    expect(below.traits).toEqual([]);
    expect(below.level).toBe('no-indicators');
    const review = extractForgeryTraits({ documentId: 'r', check: details([{ ...FONT, zoneId: 'surname', deviation: 0.5 }], 'review'), mrz: null });
    expect(review.traits.find((x) => x.key === 'font.zone:surname')!.weight).toBe(0.5);
  });

  it('describes a missing background, the MRZ font and the portrait frame from their measurements', () => {
    const t = extractForgeryTraits({ documentId: 'w2', check: details([BG_MISSING(1.1), MRZ_FONT(0.86, 0.9), PORTRAIT(0.6, 1.2)]), mrz: null });
    const k = keys(t.traits);
    expect(k).toContain('background.missing:guilloche');
    expect(k).toContain('background.energy-log2:0.00..+0.50');
    expect(k).toContain('mrz.font.non-ocr-b');
    expect(k).toContain('mrz.font.cell-correlation:+0.84..+0.88');
    expect(k).toContain('mrz.font.glyph-height:-12..-8 %');
    expect(k.some((x) => x.startsWith('mrz.font.pitch'))).toBe(false); // pitch as genuine
    expect(k).toContain('portrait.border:portrait');
    expect(k).toContain('portrait.seam:portrait:left');
    expect(k.some((x) => x.startsWith('portrait.seam:portrait:bottom'))).toBe(false); // 0.04 - 0.039: as the template
    expect(k).toContain('portrait.frame-offset-px:portrait:+1.0..+2.0 px');
    expect(k).toContain('portrait.frame-shift:portrait:1,0');
    expect(t.traits.find((x) => x.key === 'background.missing:guilloche')!.weight).toBe(3);
  });

  it('reads the MRZ habits: failing check digits by name and filled optional data', () => {
    const lines = td1Mrz({ ...HOLDER, optionalData1: '12345' });
    const broken = [lines[0]!.slice(0, 14) + (lines[0]![14] === '0' ? '1' : '0') + lines[0]!.slice(15), lines[1]!, lines[2]!];
    const t = extractForgeryTraits({ documentId: 'm', check: details([]), mrz: mrzOf(broken) });
    expect(keys(t.traits)).toEqual(['mrz.check-digit.fails:composite', 'mrz.check-digit.fails:documentNumber', 'mrz.optional-data:optionalData1:digits-5']);
    expect(t.traits[0]!.source).toBe('mrz.checks');
    expect(extractForgeryTraits({ documentId: 'ok', check: details([]), mrz: mrzOf(td1Mrz(HOLDER)) }).traits).toEqual([]);
  });

  it('counts what comes from the MRZ characters a tenth when the MRZ is not in OCR-B', () => {
    const viz = [VIZ('docno', 'RP1482267', 'RPIB22GJ'), { code: 'mrz.document-number.pattern', zoneId: 'mrz', deviation: 1, measured: { number: 'RPIB22GJ' } }];
    const plain = extractForgeryTraits({ documentId: 'a', check: details(viz), mrz: null });
    const withFont = extractForgeryTraits({ documentId: 'b', check: details([MRZ_FONT(0.82, 0.83), ...viz]), mrz: null });
    const w = (t: typeof plain, key: string) => t.traits.find((x) => x.key === key)!.weight;
    expect(w(plain, 'viz-mrz.mismatch.zone:docno')).toBe(1);
    expect(w(withFont, 'viz-mrz.mismatch.zone:docno')).toBe(0.1);
    expect(w(withFont, 'mrz.rule:document-number.pattern')).toBe(0.1);
    expect(w(withFont, 'mrz.font.non-ocr-b')).toBe(3);
  });

  it('adds the JPEG history when given', () => {
    const t = extractForgeryTraits({ documentId: 'j', check: null, mrz: null, jpeg: { quality: 83, tables: 'ijg' } });
    expect(keys(t.traits)).toEqual(['jpeg.quality:+75..+85', 'jpeg.quality:+80..+90', 'jpeg.tables:ijg']);
    expect(t.level).toBeNull();
  });

  it('survives malformed stored details with a neutral result', () => {
    for (const bad of [null, 'x', 42, [], { indicators: 'no' }, { indicators: [null, { code: 1 }, { code: 'template.font', deviation: 'high' }], zones: [7] }]) {
      expect(() => extractForgeryTraits({ documentId: 'x', check: bad as Record<string, unknown>, mrz: null })).not.toThrow();
      expect(extractForgeryTraits({ documentId: 'x', check: bad as Record<string, unknown>, mrz: null }).traits).toEqual([]);
    }
    expect(parseStoredCheck({ assessment: { level: 'bogus' }, template: { id: 3 } })).toEqual({ templateId: null, level: null, indicators: [], zones: [] });
  });
});

describe('workshop profiles (hand-built checks with capture noise)', () => {
  it('separates three fixed profiles into three families', () => {
    // Workshop 1: names retyped in a near-miss sans font; 2: flat background and a non-OCR-B MRZ; 3: portrait pasted and
    // VIZ number changed. Each product varies as captures do (metric values, which name field, a review-level extra).
    const noise = (i: number) => (i % 2 ? [{ code: 'template.font', zoneId: 'docno', deviation: 0.45, measured: { glyphWidthRatio: 1.0, glyphStrokeRatio: 0.92 } }] : []);
    const docs = [0, 1, 2, 3].flatMap((i) => [
      { documentId: `w1-${i}`, check: details([{ ...FONT, zoneId: i % 2 ? 'surname' : 'given-names', measured: { glyphWidthRatio: 0.9 + i * 0.01, glyphStrokeRatio: 0.93 } }, PATCH(i % 2 ? 130 : 190), VIZ(i % 2 ? 'surname' : 'given-names', 'NEW', 'OLDER'), ...noise(i)]), mrz: null },
      { documentId: `w2-${i}`, check: details([BG_MISSING(1.1 + i * 0.2), MRZ_FONT(0.85 + i * 0.01, 0.9), { code: 'template.mrz.unread', zoneId: 'mrz', deviation: 0.6 }, ...noise(i)]), mrz: null },
      { documentId: `w3-${i}`, check: details([PORTRAIT(i % 2 ? 0.3 : 0.01, 0.8 + i * 0.5), VIZ('docno', 'RP1111111', 'RP2222222'), ...noise(i)]), mrz: null },
    ]);
    const families = groupFamilies(docs.map((d) => extractForgeryTraits(d)));
    expect(families.map((f) => f.members.join(',')).sort()).toEqual(['w1', 'w2', 'w3'].map((w) => [0, 1, 2, 3].map((i) => `${w}-${i}`).join(',')));
    const byWorkshop = (w: string) => families.find((f) => f.members[0]!.startsWith(w))!;
    expect(byWorkshop('w1').sharedTraits.map((t) => t.key)).toEqual(expect.arrayContaining(['font.field:name', 'background.patch.field:name', 'viz-mrz.mismatch.field:name']));
    expect(byWorkshop('w2').sharedTraits.map((t) => t.key)).toEqual(expect.arrayContaining(['background.missing:guilloche', 'mrz.font.non-ocr-b', 'mrz.unread']));
    expect(byWorkshop('w3').sharedTraits.map((t) => t.key)).toEqual(expect.arrayContaining(['portrait.border:portrait', 'viz-mrz.mismatch.zone:docno']));
  });
});
