import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../../imaging/raster';
import type { TemplateZone } from '../template';
import { compareZones } from './compare';
import type { PreparedReference } from './prepare';
import { genuineCaptures, genuineSource, HOLDERS, meanColour, mrzInFont, paintRect, preparedUtopiaFront, renderCaptured, renderSvg } from './test-cards';
import type { CardSource } from './test-cards';
import type { ZoneComparison } from './types';

let prepared: PreparedReference;
let zones: readonly TemplateZone[];
let source: CardSource;
const genuine: { name: string; image: RgbImage; texts: Readonly<Record<string, string>> }[] = [];

const mrz = (image: RgbImage, texts?: Readonly<Record<string, string>>): ZoneComparison => {
  const results = compareZones(image, prepared, zones, { checks: ['mrz-font'], ...(texts ? { texts } : {}) });
  expect(results).toHaveLength(1);
  return results[0]!;
};

beforeAll(async () => {
  ({ prepared, zones } = await preparedUtopiaFront());
  source = await genuineSource(HOLDERS[0]!);
  const other = await genuineSource(HOLDERS[2]!);
  for (const s of [source, other]) for (const c of await genuineCaptures(await renderSvg(s.svg))) genuine.push({ ...c, texts: s.texts });
});

describe('mrz-font check', () => {
  it('keeps genuine OCR-B MRZs of other holders under 0.3, reading the cells itself or given the text', () => {
    for (const capture of genuine) {
      for (const r of [mrz(capture.image), mrz(capture.image, capture.texts)]) {
        expect(r.status, capture.name).toBe('measured');
        expect(r.deviation, `${capture.name}: ${r.summary}`).toBeLessThan(0.3);
        expect(r.measured.cellCorrelation).toBeGreaterThan(0.97);
        // 10 characters per inch: pitch 2.54 mm at 11.82 px/mm.
        expect(r.measured.pitchCpi).toBeCloseTo(10, 0);
        expect(r.measured.cellsCompared).toBeGreaterThan(70);
      }
    }
  });

  for (const family of ['DejaVu Sans Mono', 'Liberation Mono', 'Noto Mono', 'Nimbus Mono PS']) {
    it(`finds an MRZ printed in ${family}`, async () => {
      const svg = mrzInFont(source.svg, family);
      for (const image of [await renderSvg(svg), await renderCaptured(svg, 0.8, 60)]) {
        for (const r of [mrz(image), mrz(image, source.texts)]) {
          expect(r.deviation, r.summary).toBeGreaterThan(0.7);
          expect(r.measured.cellCorrelation).toBeLessThan(0.92);
          expect(r.summary).toMatch(/MRZ cells correlate 0\.\d\d on average with the specimen's OCR-B cells/);
        }
      }
    });
  }

  it('reports an MRZ zone without print and a blank image as not measured', async () => {
    const card = await renderSvg(source.svg);
    const clear = paintRect(card, 0, 440, card.width, 198, meanColour(card, 20, 600, 20, 20));
    const r = mrz(clear);
    expect(r.status).toBe('not-measured');
    expect(r.deviation).toBe(0);
    expect(r.summary).toMatch(/no MRZ print in the zone/);
    const blank: RgbImage = { width: card.width, height: card.height, data: new Uint8Array(card.data.length).fill(0) };
    expect(mrz(blank).status).toBe('not-measured');
  });
});
