import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../../imaging/raster';
import type { TemplateZone } from '../template';
import { compareZones } from './compare';
import type { PreparedReference } from './prepare';
import { genuineCaptures, genuineSource, HOLDERS, preparedUtopiaFront, renderCaptured, renderSvg, withFont } from './test-cards';
import type { CardSource } from './test-cards';
import type { ZoneComparison } from './types';

let prepared: PreparedReference;
let zones: readonly TemplateZone[];
const sources: CardSource[] = [];
const genuine: { name: string; image: RgbImage; texts: Readonly<Record<string, string>> }[] = [];

const font = (image: RgbImage, texts?: Readonly<Record<string, string>>): ZoneComparison[] => compareZones(image, prepared, zones, { checks: ['font'], ...(texts ? { texts } : {}) });
const byZone = (results: ZoneComparison[], id: string) => results.find((r) => r.zoneId === id)!;
// The forged values: a name and a date, DejaVu Sans Bold replaced by a near-miss font.
const FORGED = ['surname', 'birth-date'];

beforeAll(async () => {
  ({ prepared, zones } = await preparedUtopiaFront());
  for (const holder of HOLDERS.slice(0, 2)) {
    const source = await genuineSource(holder);
    sources.push(source);
    for (const c of await genuineCaptures(await renderSvg(source.svg))) genuine.push({ ...c, texts: source.texts });
  }
});

describe('font check', () => {
  it('keeps genuine captures of other holders under 0.3 in every text zone, with and without the text', () => {
    const scores: number[] = [];
    for (const capture of genuine) {
      for (const r of font(capture.image, capture.texts)) {
        expect(r.status, `${capture.name} ${r.zoneId}`).toBe('measured');
        expect(r.deviation, `${capture.name} ${r.zoneId}: ${r.summary}`).toBeLessThan(0.3);
        expect(r.measured.glyphsCompared, `${capture.name} ${r.zoneId}: ${r.summary}`).toBeGreaterThan(0);
        scores.push(r.measured.shapeScore!);
      }
      for (const r of font(capture.image)) {
        expect(r.deviation, `${capture.name} ${r.zoneId} without text`).toBeLessThan(0.3);
        expect(r.summary).toMatch(/text not given, glyph shapes not compared/);
      }
    }
    expect(Math.max(...scores)).toBeLessThan(2.4);
  });

  for (const family of ['Liberation Sans', 'Nimbus Sans']) {
    it(`finds a name and a date re-typed in ${family} Bold (clean and JPEG 60), in those zones only`, async () => {
      for (const source of sources) {
        let svg = source.svg;
        for (const id of FORGED) svg = withFont(svg, source.texts[id]!, family);
        for (const image of [await renderSvg(svg), await renderCaptured(svg, 0, 60)]) {
          const results = font(image, source.texts);
          for (const id of FORGED) {
            const r = byZone(results, id);
            expect(r.deviation, `${id}: ${r.summary}`).toBeGreaterThan(0.7);
            // Narrower or lighter than the template's glyphs, and shaped differently.
            expect(r.measured.glyphOutlineCorrelation!).toBeLessThan(0.95);
          }
          for (const r of results.filter((x) => !FORGED.includes(x.zoneId))) expect(r.deviation, `${r.zoneId}: ${r.summary}`).toBeLessThan(0.3);
        }
      }
    });
  }

  it('says when the given text does not pair with the glyphs, and falls back to stroke weight', () => {
    const capture = genuine[0]!;
    const results = font(capture.image, { ...capture.texts, surname: 'AB' });
    const r = byZone(results, 'surname');
    expect(r.status).toBe('measured');
    expect(r.summary).toMatch(/glyphs found do not pair with the 2 characters/);
    expect(r.measured.glyphsCompared).toBeUndefined();
    expect(r.deviation).toBeLessThan(0.3);
  });
});
