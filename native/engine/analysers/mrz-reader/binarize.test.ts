import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../imaging/raster';
import { adaptiveInkMask, histogramQuantile, otsuLevel } from './binarize';
import { connectedComponents } from './components';
import { paintRect } from './test-helpers';

const blank = (w: number, h: number, v: number) => ({ width: w, height: h, data: new Uint8Array(w * h).fill(v) });

describe('binarization and components', () => {
  it('finds dark blobs on a light, gradient background as separate components', () => {
    let image: GrayImage = blank(120, 60, 0);
    const data = Uint8Array.from({ length: 120 * 60 }, (_, i) => 150 + Math.round(((i % 120) / 120) * 90)); // glare ramp 150..240
    image = { width: 120, height: 60, data };
    image = paintRect(image, 10, 10, 8, 20, 40);
    image = paintRect(image, 30, 10, 8, 20, 40);
    image = paintRect(image, 90, 15, 12, 12, 60);
    const mask = adaptiveInkMask(image, { window: 41 });
    const comps = connectedComponents(mask, 4).sort((a, b) => a.left - b.left);
    expect(comps.map((c) => [c.left, c.top, c.right, c.bottom])).toEqual([
      [10, 10, 17, 29],
      [30, 10, 37, 29],
      [90, 15, 101, 26],
    ]);
    expect(comps[0]!.area).toBe(160);
  });

  it('labels diagonal neighbours as one 8-connected component', () => {
    const data = new Uint8Array(25);
    for (let i = 0; i < 5; i++) data[i * 5 + i] = 1;
    const comps = connectedComponents({ width: 5, height: 5, data });
    expect(comps).toHaveLength(1);
    expect(comps[0]!.area).toBe(5);
  });

  it('puts the Otsu level between the modes of a bimodal histogram', () => {
    const histogram = new Array<number>(256).fill(0);
    histogram[40] = 100;
    histogram[200] = 300;
    const level = otsuLevel(histogram);
    expect(level).toBeGreaterThanOrEqual(40);
    expect(level).toBeLessThan(200);
    expect(histogramQuantile(histogram, 0.1)).toBe(40);
    expect(histogramQuantile(histogram, 0.9)).toBe(200);
  });
});
