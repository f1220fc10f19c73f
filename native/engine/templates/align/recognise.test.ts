/**
 * Recognition with the reject option on generated documents: genuine cards of the bundled template are
 * recognised (upright or turned); a card of another design (same layout, other colours and background
 * print), documents of another layout (a TD1 front of the document generator, a TD3 passport page resized
 * to ID-1), noise, a blank and a tiny image are refused with the reason; among several templates the one
 * the document follows wins.
 */
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCard, UTO_RP_2024_DESIGN } from '../../../../tests/fixtures/card';
import { makeDocument } from '../../../../tests/fixtures/documents';
import { bundledTemplatesDir } from '../library';
import { loadTemplate } from '../template';
import { prepareSide, prepareSideFromImage } from './prepared-side';
import type { PreparedSide } from './prepared-side';
import { recognise } from './recognise';
import { cornerHomography, degrade, noiseImage, rgbOf, turn180, warpImage } from './test-support';

let uto: PreparedSide;
beforeAll(async () => {
  uto = await prepareSide(await loadTemplate(path.join(bundledTemplatesDir()!, 'uto-rp-2024')), 'front');
});

const W = 1012, H = 638;
const slightlyOff = cornerHomography(W, H, [[2, -4], [W - 3, 3], [W + 4, H - 2], [-5, H + 3]]);

describe('recognition', () => {
  it('recognises a genuine card of another holder, upright and turned, with the evidence in the reason', async () => {
    const card = await rgbOf((await makeCard({ seed: 611, design: UTO_RP_2024_DESIGN, surname: 'LINDQVIST', givenNames: 'ASTRID', documentNumber: 'RP5550123' })).image);
    const q = await degrade(await warpImage(card, slightlyOff, 1011, 638), { blur: 1, jpeg: 70 });
    for (const [image, turned] of [[q, 0], [turn180(q), 180]] as const) {
      const r = await recognise(image, [uto]);
      expect(r.best?.side).toBe(uto);
      expect(r.best!.alignment.turned).toBe(turned);
      expect(r.candidates).toHaveLength(1);
      expect(r.candidates[0]).toMatchObject({ templateId: 'uto-rp-2024', side: 'front', matched: true });
      expect(r.candidates[0]!.score).toBeGreaterThanOrEqual(0.5);
      expect(r.candidates[0]!.reason).toMatch(/^follows the side: fixed-print similarity 0\.9\d/);
    }
  });

  it('refuses a card of the same layout but another design (colours, background print): fixed print differs', async () => {
    const card = await rgbOf((await makeCard({ seed: 612, design: 99, surname: 'NOVAK', givenNames: 'PETRA', documentNumber: 'RP1234567' })).image);
    const r = await recognise(card, [uto]);
    expect(r.best).toBeNull();
    expect(r.candidates[0]!.matched).toBe(false);
    expect(r.candidates[0]!.score).toBeLessThan(0.5);
    // The headings and labels align; the background print does not, and the patches show it first.
    expect(r.candidates[0]!.reason).toMatch(/fixed-print patches found in place|fixed-print similarity/);
  });

  it('refuses documents of another layout, noise, a blank and a tiny image, each with a reason', async () => {
    const td1 = await rgbOf((await makeDocument({ format: 'TD1', seed: 3, side: 'front' })).png);
    const td3 = await rgbOf(await sharp((await makeDocument({ format: 'TD3', seed: 6 })).png).resize(W, H, { fit: 'fill' }).png().toBuffer());
    const inputs = { td1, td3, noise: noiseImage(1011, 638, 9, 60), blank: noiseImage(1011, 638, 9, 0, 235), tiny: noiseImage(80, 50, 9, 60) };
    for (const [name, image] of Object.entries(inputs)) {
      const r = await recognise(image, [uto]);
      expect(r.best, name).toBeNull();
      expect(r.candidates[0]!.matched, name).toBe(false);
      expect(r.candidates[0]!.reason.length, name).toBeGreaterThan(10);
    }
  });

  it('picks the template a document follows among several, and none for a third model', async () => {
    // A second template: the same layout in another design (its specimen as the reference image).
    const specimen99 = await rgbOf((await makeCard({ seed: 1, design: 99, surname: 'SPECIMEN', givenNames: 'ANNA MARIA', documentNumber: 'RP0000001' })).image);
    const model99 = await prepareSideFromImage({ templateId: 'uto-rp-model-99', templateVersion: '1.0.0', templateSha256: '0'.repeat(64), side: 'front' }, specimen99, uto.zones);
    const sides = [uto, model99];
    const genuine = await rgbOf((await makeCard({ seed: 613, design: UTO_RP_2024_DESIGN, surname: 'DUBOIS', givenNames: 'JEAN', documentNumber: 'RP3141592' })).image);
    const of99 = await rgbOf((await makeCard({ seed: 614, design: 99, surname: 'SILVA', givenNames: 'JOAO', documentNumber: 'RP2718281' })).image);
    const of7 = await rgbOf((await makeCard({ seed: 615, design: 7, surname: 'BERG', givenNames: 'ANNA', documentNumber: 'RP1618033' })).image);
    const first = await recognise(genuine, sides);
    expect(first.best?.side.templateId).toBe('uto-rp-2024');
    expect(first.candidates.map((c) => c.matched)).toEqual([true, false]);
    const second = await recognise(of99, sides);
    expect(second.best?.side.templateId).toBe('uto-rp-model-99');
    expect(second.candidates.map((c) => c.matched)).toEqual([false, true]);
    const third = await recognise(of7, sides);
    expect(third.best).toBeNull();
  });
});
