import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../../imaging/raster';
import type { TemplateZone } from '../template';
import type { BackgroundReference } from './background';
import { compareBackground } from './background';
import { compareZones } from './compare';
import type { PreparedReference } from './prepare';
import { prepareReference } from './prepare';
import { captured, genuineCaptures, genuineSource, HOLDERS, meanColour, paintRect, preparedUtopiaFront, renderCaptured, renderSvg, withoutGuilloche } from './test-cards';
import type { CardSource } from './test-cards';
import type { ZoneComparison } from './types';

let prepared: PreparedReference;
let zones: readonly TemplateZone[];
let source: CardSource;
let card: RgbImage;
let reference: RgbImage;
let pxPerMm: number;
const genuine: { name: string; image: RgbImage }[] = [];

const background = (image: RgbImage): ZoneComparison[] => compareZones(image, prepared, zones, { checks: ['background'] });

beforeAll(async () => {
  ({ prepared, zones, reference, pxPerMm } = await preparedUtopiaFront());
  source = await genuineSource(HOLDERS[0]!);
  card = await renderSvg(source.svg);
  const other = await genuineSource(HOLDERS[3]!);
  genuine.push(...(await genuineCaptures(card)), ...(await genuineCaptures(await renderSvg(other.svg))));
});

describe('background check', () => {
  it('keeps genuine captures of the model under 0.3, with no deviating region', () => {
    for (const capture of genuine) {
      const results = background(capture.image);
      expect(results, `${capture.name}: ${results.map((r) => r.summary).join(' / ')}`).toHaveLength(1);
      const [zone] = results;
      expect(zone!.status).toBe('measured');
      expect(zone!.deviation, `${capture.name}: ${zone!.summary}`).toBeLessThan(0.3);
      expect(zone!.measured.bandZncc).toBeGreaterThan(0.8);
    }
  });

  it('judges a heavily blurred capture with the heavy-blur bounds only when the text zones say it is blurred', async () => {
    const blurred = await captured(card, 2.2, 80);
    const [found] = compareBackground(blurred, prepared.background.get('guilloche') as BackgroundReference, 1.8);
    expect(found!.expected.bandZnccMin).toBe(0.42);
    expect(found!.deviation, found!.summary).toBeLessThan(0.3);
    const missing = await renderCaptured(withoutGuilloche(source.svg), 2.2, 80);
    const [absent] = compareBackground(missing, prepared.background.get('guilloche') as BackgroundReference, 1.8);
    expect(absent!.deviation, absent!.summary).toBeGreaterThan(0.7);
    // Without the capture's blur the sharp bounds apply, whatever level the pattern matched best.
    const [sharpBounds] = compareBackground(blurred, prepared.background.get('guilloche') as BackgroundReference);
    expect(sharpBounds!.expected.bandZnccMin).toBe(0.6);
    expect(sharpBounds!.measured.bandZncc).toBeCloseTo(found!.measured.bandZncc!, 6);
  });

  it('finds the guilloche missing, another model pattern and a flat colour', async () => {
    const other = await genuineSource(HOLDERS[0]!, 77);
    const flat = paintRect(card, 300, 96, 700, 340, meanColour(card, 560, 140, 20, 10));
    const cases: [string, RgbImage][] = [
      ['guilloche removed', await renderCaptured(withoutGuilloche(source.svg), 0, 60)],
      ['another design seed', await renderSvg(other.svg)],
      ['flat colour', await captured(flat, 0, 70)],
    ];
    for (const [name, image] of cases) {
      const [zone] = background(image);
      expect(zone!.deviation, `${name}: ${zone!.summary}`).toBeGreaterThan(0.7);
      expect(zone!.measured.bandZncc, name).toBeLessThan(0.35);
    }
  });

  it('locates a flat patch over a re-typed field as a deviating region inside the patch', async () => {
    // Patch in the paper's colour over the surname value and its label, then captured.
    const patch = { x: 300, y: 112, w: 260, h: 56 };
    const image = await captured(paintRect(card, patch.x, patch.y, patch.w, patch.h, meanColour(card, 560, 140, 20, 10)), 0.6, 70);
    const [zone, ...regions] = background(image);
    expect(zone!.deviation, zone!.summary).toBeGreaterThan(0.7);
    // The zone as a whole still correlates: only the patch is off.
    expect(zone!.measured.bandZncc).toBeGreaterThan(0.8);
    expect(regions.length).toBeGreaterThanOrEqual(1);
    for (const r of regions) {
      expect(r.zoneId).toBe('guilloche');
      expect(r.deviation, r.summary).toBeGreaterThan(0.7);
      // Blocks are 24 px: a region may reach one block beyond the patch's edge.
      expect(r.region.x).toBeGreaterThanOrEqual(patch.x - 24);
      expect(r.region.y).toBeGreaterThanOrEqual(patch.y - 24);
      expect(r.region.x + r.region.width).toBeLessThanOrEqual(patch.x + patch.w + 24);
      expect(r.region.y + r.region.height).toBeLessThanOrEqual(patch.y + patch.h + 24);
      expect(r.summary).toMatch(/region at \(\d+, \d+\) correlates/);
    }
  });

  it('reads a black zone as pattern missing, and reports zones without usable print or too small as not measured', () => {
    const [black] = background(paintRect(card, 290, 86, 720, 360, [20, 20, 20]));
    expect(black!.deviation).toBeGreaterThan(0.7);
    const portrait = zones.find((z) => z.kind === 'portrait')!;
    const hidden: TemplateZone = { id: 'under-portrait', kind: 'security', feature: 'background-print', box: portrait.box };
    const tiny: TemplateZone = { id: 'tiny', kind: 'security', feature: 'background-print', box: [0.5, 0.3, 0.02, 0.02] };
    const own = prepareReference(reference, [portrait, hidden, tiny], pxPerMm);
    const [underPortrait, small] = compareZones(card, own, [hidden, tiny], { checks: ['background'] });
    expect(underPortrait!.status).toBe('not-measured');
    expect(underPortrait!.summary).toMatch(/free of ink and content/);
    expect(small!.status).toBe('not-measured');
    expect(small!.summary).toMatch(/smaller than 2 x 2 blocks/);
  });
});
