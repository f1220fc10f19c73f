import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../../imaging/raster';
import type { TemplateZone } from '../template';
import { compareZones } from './compare';
import type { PreparedReference } from './prepare';
import { prepareReference } from './prepare';
import { genuineCaptures, genuineSource, HOLDERS, preparedUtopiaFront, renderCaptured, renderSvg, replacedText, withFont } from './test-cards';
import type { CardSource } from './test-cards';
import type { ZoneComparison } from './types';

let prepared: PreparedReference;
let zones: readonly TemplateZone[];
let source: CardSource;
const genuine: { name: string; image: RgbImage }[] = [];

const statics = (image: RgbImage): Record<string, ZoneComparison> =>
  Object.fromEntries(compareZones(image, prepared, zones, { checks: ['static-text'] }).map((r) => [r.zoneId, r]));

beforeAll(async () => {
  ({ prepared, zones } = await preparedUtopiaFront());
  source = await genuineSource(HOLDERS[1]!);
  const other = await genuineSource(HOLDERS[2]!);
  genuine.push(...(await genuineCaptures(await renderSvg(source.svg))), ...(await genuineCaptures(await renderSvg(other.svg))));
});

describe('static-text check', () => {
  it('keeps the state name and title of genuine captures under 0.3', () => {
    for (const capture of genuine) {
      const r = statics(capture.image);
      expect(Object.keys(r).sort()).toEqual(['state', 'title']);
      for (const z of Object.values(r)) {
        expect(z.deviation, `${capture.name} ${z.zoneId}: ${z.summary}`).toBeLessThan(0.3);
        expect(z.measured.edgeZncc).toBeGreaterThan(0.98);
      }
    }
  });

  it('finds another title, a changed letter of the state name and a re-typeset title, each in its zone', async () => {
    const cases: [string, string, string][] = [
      ['title', 'title reads RESIDENCE CARD', replacedText(source.svg, 'RESIDENCE PERMIT', 'RESIDENCE CARD')],
      ['state', 'state reads UTOPYA', replacedText(source.svg, 'UTOPIA', 'UTOPYA')],
      ['title', 'title in Liberation Sans Bold', withFont(source.svg, 'RESIDENCE PERMIT', 'Liberation Sans')],
    ];
    for (const [zoneId, name, svg] of cases) {
      const r = statics(await renderCaptured(svg, 0.6, 70));
      expect(r[zoneId]!.deviation, `${name}: ${r[zoneId]!.summary}`).toBeGreaterThan(0.7);
      const otherZone = zoneId === 'title' ? 'state' : 'title';
      expect(r[otherZone]!.deviation, `${name}, other zone`).toBeLessThan(0.3);
    }
  });

  it('reads a painted-out title as deviating and a too small zone as not measured', async () => {
    const card = await renderSvg(source.svg);
    const out = new Uint8Array(card.data);
    for (let y = 52; y < 86; y++) for (let x = 28; x < 308; x++) out.set([42, 66, 96], (y * card.width + x) * 3);
    const r = statics({ width: card.width, height: card.height, data: out });
    expect(r.title!.deviation).toBeGreaterThan(0.7);
    expect(r.title!.measured.edgeEnergyRatio).toBeLessThan(0.2);
    const tiny: TemplateZone = { id: 'tiny', kind: 'static-text', text: 'U', box: [0.03, 0.02, 0.004, 0.004] };
    const [small] = compareZones(card, prepareReference(card, [tiny], 1012 / 85.6), [tiny]);
    expect(small!.status).toBe('not-measured');
    expect(small!.summary).toMatch(/too small to hold text/);
  });
});
