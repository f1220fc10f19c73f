import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../../imaging/raster';
import type { TemplateZone } from '../template';
import { compareZones } from './compare';
import type { PreparedReference } from './prepare';
import { prepareReference } from './prepare';
import { captured, genuineCaptures, genuineSource, HOLDERS, pasteFrom, preparedUtopiaFront, relit, renderSvg, shifted } from './test-cards';
import type { ZoneComparison } from './types';

let prepared: PreparedReference;
let zones: readonly TemplateZone[];
let cards: RgbImage[] = [];
let donor: RgbImage;
const genuine: { name: string; image: RgbImage }[] = [];

const portrait = (image: RgbImage): ZoneComparison => {
  const results = compareZones(image, prepared, zones, { checks: ['portrait-border'] });
  expect(results).toHaveLength(1);
  return results[0]!;
};

beforeAll(async () => {
  ({ prepared, zones } = await preparedUtopiaFront());
  cards = [await renderSvg((await genuineSource(HOLDERS[0]!)).svg), await renderSvg((await genuineSource(HOLDERS[1]!)).svg)];
  // The donor photo comes from another card, photographed under other light (its own exposure).
  donor = relit(await renderSvg((await genuineSource(HOLDERS[3]!)).svg), 0.85, 1.1);
  for (const card of cards) genuine.push(...(await genuineCaptures(card)));
});

describe('portrait-border check', () => {
  it('keeps genuine portraits of other holders under 0.3', () => {
    for (const capture of genuine) {
      const r = portrait(capture.image);
      expect(r.status).toBe('measured');
      expect(r.deviation, `${capture.name}: ${r.summary}`).toBeLessThan(0.3);
      expect(r.measured.ringEdgeZncc).toBeGreaterThan(0.9);
    }
  });

  it('finds a portrait pasted with its own frame 5 px right and 4 px down', async () => {
    for (const card of cards) {
      // The portrait rectangle with its frame is at (29, 109) to (281, 381) on this card.
      const r = portrait(await captured(pasteFrom(card, donor, 29, 109, 252, 272, 34, 113), 0.6, 70));
      expect(r.deviation, r.summary).toBeGreaterThan(0.7);
      expect(r.measured.ringEdgeZncc).toBeLessThan(0.6);
    }
  });

  it('finds a portrait pasted with its own frame only 1 px off by the frame offset, beyond a shifted capture', async () => {
    for (const card of cards) {
      // The whole capture 2 px off (alignment residual): the print around the zone moves with it.
      const genuineShifted = portrait(shifted(await captured(card, 0.6, 80), 2, -1));
      expect(genuineShifted.measured.frameOffsetPx, genuineShifted.summary).toBeLessThan(0.45);
      expect(genuineShifted.deviation, genuineShifted.summary).toBeLessThan(0.3);
      const pasted = portrait(shifted(await captured(pasteFrom(card, donor, 29, 109, 252, 272, 30, 110), 0.6, 80), 2, -1));
      expect(pasted.measured.frameOffsetPx, pasted.summary).toBeGreaterThan(0.7);
      expect(pasted.deviation, pasted.summary).toBeGreaterThan(0.7);
      expect(pasted.summary).toMatch(/the frame sits \d\.\d px from where the print around it puts it/);
    }
  });

  it('finds a photo pasted 7 px inside the frame by the straight seam it leaves', async () => {
    for (const card of cards) {
      const r = portrait(await captured(pasteFrom(card, donor, 36, 116, 238, 258, 36, 116), 0.6, 70));
      expect(r.deviation, r.summary).toBeGreaterThan(0.7);
      expect(r.measured.worstSeamExcess).toBeGreaterThan(0.12);
      expect(r.summary).toMatch(/straight edge 4-14 px inside the (left|right|top|bottom) side/);
    }
  });

  it('reports a blank capture and a too small zone as not measured', () => {
    const card = cards[0]!;
    const blank: RgbImage = { width: card.width, height: card.height, data: new Uint8Array(card.data.length).fill(200) };
    const r = portrait(blank);
    expect(r.status).toBe('not-measured');
    expect(r.summary).toMatch(/no edges around the portrait zone/);
    const tiny: TemplateZone = { id: 'tiny', kind: 'portrait', box: [0.05, 0.3, 0.02, 0.03] };
    const [small] = compareZones(card, prepareReference(card, [tiny], 1012 / 85.6), [tiny]);
    expect(small!.status).toBe('not-measured');
    expect(small!.summary).toMatch(/too small for a frame/);
  });
});
