/**
 * Alignment on generated images with known answers: the bundled template's reference warped by a known
 * transform, and genuine cards of other holders (the card generator with the template's design) warped by a
 * known rectification error and degraded. A flat card from the generator is already in the reference frame,
 * so the truth is the warp applied here; corner error = distance between each reference corner and where the
 * estimated homography takes its true questioned position.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCard, UTO_RP_2024_DESIGN } from '../../../../tests/fixtures/card';
import type { RgbImage } from '../../imaging/raster';
import { bundledTemplatesDir } from '../library';
import { loadTemplate } from '../template';
import { alignToSide, tryAlignToSide } from './align';
import { compose } from './geometry';
import type { Homography3 } from './geometry';
import { prepareSide } from './prepared-side';
import type { PreparedSide } from './prepared-side';
import { cornerError, cornerHomography, degrade, halfTurn, noiseImage, rgbOf, similarity, tone, turn180, warpImage } from './test-support';

let side: PreparedSide;
beforeAll(async () => {
  side = await prepareSide(await loadTemplate(path.join(bundledTemplatesDir()!, 'uto-rp-2024')), 'front');
});

/** Mean absolute grey difference between two images of one size over the pixels `use` allows. */
function meanDifference(a: RgbImage, b: RgbImage, use: (x: number, y: number) => boolean): number {
  let sum = 0, n = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!use(x, y)) continue;
      const i = (y * a.width + x) * 3;
      sum += Math.abs(a.data[i]! + a.data[i + 1]! + a.data[i + 2]! - b.data[i]! - b.data[i + 1]! - b.data[i + 2]!) / 3;
      n++;
    }
  }
  return sum / n;
}

describe('alignment to a known homography', () => {
  it('recovers a rotation, rescale and shift of the reference to within 1.5 px at the corners', async () => {
    const truth = similarity(side.width, side.height, 1.2, 0.98, 3.5, -2.25);
    const a = (await alignToSide(await warpImage(side.reference, truth, side.width, side.height), side))!;
    expect(a).not.toBeNull();
    expect(cornerError(a.homography, truth, side.width, side.height)).toBeLessThan(1.5);
    expect(a.turned).toBe(0);
    expect(a.staticSimilarity).toBeGreaterThan(0.9);
    expect(a.score).toBeGreaterThanOrEqual(0.5);
  });

  it('recovers a perspective (outline corners off by 2-5 px) and the same document turned by 180 degrees', async () => {
    const W = side.width, H = side.height;
    const truth = cornerHomography(W, H, [[4, -3], [W - 5, 2], [W + 3, H + 4], [-2, H - 5]]);
    const warped = await warpImage(side.reference, truth, W, H);
    const upright = (await alignToSide(warped, side))!;
    expect(cornerError(upright.homography, truth, W, H)).toBeLessThan(1.5);
    const turned = (await alignToSide(turn180(warped), side))!;
    expect(turned.turned).toBe(180);
    expect(cornerError(turned.homography, compose(halfTurn(W, H), truth), W, H)).toBeLessThan(1.5);
    // The warped result is upright and in the reference frame.
    expect(meanDifference(turned.aligned, side.reference, (x, y) => x > 40 && y > 40 && x < W - 40 && y < H - 40)).toBeLessThan(3);
  });
});

describe('genuine cards of other holders', () => {
  const W = 1012, H = 638;
  const holders = [
    { seed: 501, surname: 'NOVAK', givenNames: 'PETRA', documentNumber: 'RP1234567' },
    { seed: 502, surname: 'OKONKWO', givenNames: 'CHIDI EMEKA', documentNumber: 'RP7654321' },
  ];
  /** A rectification off by up to 6 px at each corner, seeded per holder. */
  const outline = (k: number): Homography3 => {
    const o = [[3, -5], [-4, 2], [5, 6], [-6, -3]].map(([x, y]) => [x! * (k ? -1 : 1), y!] as const);
    return cornerHomography(W, H, [[o[0]![0], o[0]![1]], [W + o[1]![0], o[1]![1]], [W + o[2]![0], H + o[2]![1]], [o[3]![0], H + o[3]![1]]]);
  };
  const conditions: { name: string; make: (img: RgbImage) => Promise<RgbImage>; turned: boolean }[] = [
    { name: 'blur sigma 1.5', make: (img) => degrade(img, { blur: 1.5 }), turned: false },
    { name: 'JPEG q60', make: (img) => degrade(img, { jpeg: 60 }), turned: false },
    { name: 'darker, gamma 1.5', make: async (img) => tone(img, 0.8, 1.5, 20), turned: false },
    { name: 'turned 180, blur 1.2, JPEG q60, brighter', make: async (img) => turn180(await degrade(tone(img, 1.1, 0.7, -10), { blur: 1.2, jpeg: 60 })), turned: true },
  ];

  it.each(holders.map((h, k) => [h.surname, h, k] as const))('%s: aligned within 1.5 px under blur, JPEG, tone and a half turn', async (_name, holder, k) => {
    const flat = await rgbOf((await makeCard({ ...holder, design: UTO_RP_2024_DESIGN })).image);
    const truth = outline(k);
    const warped = await warpImage(flat, truth, 1011, 638);
    for (const c of conditions) {
      const q = await c.make(warped);
      const a = (await alignToSide(q, side))!;
      expect(a, c.name).not.toBeNull();
      const t = c.turned ? compose(halfTurn(q.width, q.height), truth) : truth;
      expect(cornerError(a.homography, t, W, H), c.name).toBeLessThan(1.5);
      expect(a.turned, c.name).toBe(c.turned ? 180 : 0);
      expect(a.score, c.name).toBeGreaterThanOrEqual(0.5);
      expect(a.staticSimilarity, c.name).toBeGreaterThan(0.9);
      // The aligned card is the flat card (the truth in the reference frame) up to the degradation.
      if (c.name === 'JPEG q60') expect(meanDifference(a.aligned, flat, (x, y) => x > 40 && y > 40 && x < W - 40 && y < H - 40)).toBeLessThan(4);
    }
  });
});

describe('no alignment', () => {
  it('refuses a tiny image, a blank one and noise, with the reason', async () => {
    const tiny = await tryAlignToSide(noiseImage(60, 38, 1, 60), side);
    expect(tiny.alignment).toBeNull();
    expect(tiny.reason).toMatch(/smaller than a quarter/);
    const blank = await tryAlignToSide(noiseImage(1011, 638, 2, 0, 230), side);
    expect(blank.reason).toMatch(/no features/);
    const noise = await tryAlignToSide(noiseImage(1011, 638, 3, 60), side);
    expect(noise.alignment).toBeNull();
    expect(noise.reason).toMatch(/no consistent placement/);
    const square = await tryAlignToSide(noiseImage(638, 638, 4, 60), side);
    expect(square.reason).toMatch(/proportions/);
    expect(await tryAlignToSide({ width: 10, height: 10, data: new Uint8Array(5) }, side)).toEqual({ alignment: null, reason: 'the image is empty or malformed' });
  });
});
