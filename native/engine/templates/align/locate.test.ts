/**
 * Locating a template side inside a whole image (no document outline found): a genuine card placed smaller,
 * tilted and in perspective on a larger background is found where it was put and recognised after the
 * template-guided rectification; a card of another design is located or not, but never recognised; an image
 * without a card gives the reason.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCard, UTO_RP_2024_DESIGN } from '../../../../tests/fixtures/card';
import { bundledTemplatesDir } from '../library';
import { loadTemplate } from '../template';
import { locateSide, outlineProblem } from './locate';
import { prepareSide } from './prepared-side';
import type { PreparedSide } from './prepared-side';
import { recognise } from './recognise';
import { cornerHomography, degrade, noiseImage, rgbOf, warpImage } from './test-support';
import type { Quad } from '../../imaging/raster';

let uto: PreparedSide;
beforeAll(async () => {
  uto = await prepareSide(await loadTemplate(path.join(bundledTemplatesDir()!, 'uto-rp-2024')), 'front');
});

const W = 1012, H = 638;
/** The card's corners in a 1600 x 1200 photo: about 55 % of its width, tilted and in mild perspective. */
const CORNERS: Quad = [[402, 318], [1281, 371], [1262, 905], [371, 860]];

describe('locating a template side in a whole image', () => {
  it('finds a genuine card on a larger background where it lies, and recognition accepts it', async () => {
    const card = await rgbOf((await makeCard({ seed: 621, design: UTO_RP_2024_DESIGN, surname: 'HALVORSEN', givenNames: 'INGRID', documentNumber: 'RP4242424' })).image);
    const photo = await degrade(await warpImage(card, cornerHomography(card.width, card.height, CORNERS), 1600, 1200, [150, 150, 148]), { blur: 0.8, jpeg: 80 });
    const spot = await locateSide(photo, uto);
    if ('reason' in spot) throw new Error(spot.reason);
    expect(spot.inliers).toBeGreaterThanOrEqual(12);
    // Coarse by design (features at about half the card's scale, 3 px inliers there): within 15 px (1.7 % of the
    // card's width); recognition's dense refinement then aligns to the pixel.
    spot.quad.forEach(([x, y], i) => expect(Math.hypot(x - CORNERS[i]![0], y - CORNERS[i]![1]), `corner ${i}`).toBeLessThan(15));
    expect(spot.rectified.width).toBe(uto.width);
    const recognition = await recognise(spot.rectified, [uto]);
    expect(recognition.best?.side).toBe(uto);
    expect(recognition.best!.alignment.score).toBeGreaterThanOrEqual(0.5);
  });

  it('never lets a card of another design through recognition, and says why an image holds no card', async () => {
    const other = await rgbOf((await makeCard({ seed: 622, design: 99, surname: 'NOVAK', givenNames: 'PETRA', documentNumber: 'RP1234567' })).image);
    const photo = await warpImage(other, cornerHomography(W, H, CORNERS), 1600, 1200, [150, 150, 148]);
    const spot = await locateSide(photo, uto);
    if (!('reason' in spot)) expect((await recognise(spot.rectified, [uto])).best).toBeNull();
    const noise = await locateSide(noiseImage(1600, 1200, 5, 60), uto);
    expect('reason' in noise && noise.reason).toMatch(/fewer than 12|outline/);
  });

  it('refuses outlines that no card can have', () => {
    const card: Quad = [[100, 100], [900, 100], [900, 600], [100, 600]];
    expect(outlineProblem(card, 1000, 700, 1.586)).toBeNull();
    expect(outlineProblem([card[1], card[0], card[3], card[2]], 1000, 700, 1.586)).toMatch(/mirrored/);
    expect(outlineProblem([[100, 100], [900, 100], [200, 150], [100, 600]], 1000, 700, 1.586)).toMatch(/not convex/);
    expect(outlineProblem([[10, 10], [90, 10], [90, 60], [10, 60]], 1000, 700, 1.586)).toMatch(/covers 0\.6 %/);
    expect(outlineProblem([[100, 100], [900, 100], [700, 400], [300, 400]], 1000, 700, 1.586)).toMatch(/beyond perspective/);
  });
});
