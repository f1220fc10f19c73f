import { describe, expect, it } from 'vitest';
import { compressed, decodeRgbRaw, encodeJpeg, iou, pasted, sceneRgb } from '../../../../tests/fixtures/forensic-scenes';
import { median } from './block-stats';
import { errorLevelAnalysis } from './ela';

const W = 640;
const H = 480;
/** Deliberately off the 16 px block grid and the 8 px JPEG grid. */
const BOX = { x: 200, y: 164, width: 160, height: 124 };

/** Camera original saved at q90; a rectangle replaced by never-compressed pixels of the same scene; saved at q95. */
async function splicedFromPng(seed: number) {
  const raw = await sceneRgb(seed, W, H);
  return decodeRgbRaw(await encodeJpeg(pasted(await compressed(raw, 90), raw, BOX), 95));
}

describe('errorLevelAnalysis', () => {
  it('flags a region pasted from a never-compressed source as a warning, where it is', async () => {
    for (const seed of [1, 2]) {
      const result = await errorLevelAnalysis(await splicedFromPng(seed));
      const top = result.indicators[0]!;
      expect(top.kind).toBe('ela.local-outlier');
      expect(top.severity).toBe('warning');
      expect(iou(top.region!, BOX)).toBeGreaterThan(0.75);
      expect(top.attributes.ratio as number).toBeGreaterThan(3);
      expect(result.score).toBeCloseTo(top.score, 10);
      // No other warning elsewhere in the image.
      expect(result.indicators.filter((i) => i.severity === 'warning' && iou(i.region!, BOX) < 0.5)).toEqual([]);
      // The map itself: pixels inside the pasted box changed much more than the rest.
      const map = result.maps.ela!;
      const inside: number[] = [];
      const outside: number[] = [];
      for (let y = 0; y < H; y += 2) {
        for (let x = 0; x < W; x += 2) {
          const inBox = x >= BOX.x && x < BOX.x + BOX.width && y >= BOX.y && y < BOX.y + BOX.height;
          (inBox ? inside : outside).push(map.data[y * W + x]!);
        }
      }
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      expect(mean(inside)).toBeGreaterThan(2 * mean(outside));
    }
  });

  it('raises no warning on single-compressed images (q85, q90, q95)', async () => {
    for (const seed of [3, 4]) {
      const raw = await sceneRgb(seed, W, H);
      for (const q of [85, 90, 95]) {
        const result = await errorLevelAnalysis(await compressed(raw, q));
        expect(result.indicators.filter((i) => i.severity === 'warning'), `seed ${seed} q${q}`).toEqual([]);
      }
    }
  });

  it('says so when re-saving barely changes the image (file saved at the ELA quality)', async () => {
    const result = await errorLevelAnalysis(await compressed(await sceneRgb(5, W, H), 90), { quality: 90 });
    expect(result.indicators.map((i) => i.kind)).toContain('ela.low-contrast');
    expect(result.metrics.medianBlockLumaResidual as number).toBeLessThan(0.5);
  });

  it('applies scale and channel reduction as documented, and handles gray input', async () => {
    const image = await compressed(await sceneRgb(6, 256, 192), 95);
    const mean = (await errorLevelAnalysis(image)).maps.ela!.data;
    const scaled = (await errorLevelAnalysis(image, { scale: 15 })).maps.ela!.data;
    const max = (await errorLevelAnalysis(image, { channelReduce: 'max' })).maps.ela!.data;
    for (let i = 0; i < mean.length; i += 97) {
      expect(scaled[i]).toBeCloseTo(mean[i]! * 15, 3);
      expect(max[i]! + 1e-6).toBeGreaterThanOrEqual(mean[i]!);
      // The mean of three integer differences is a multiple of 1/3.
      expect(Math.abs(mean[i]! * 3 - Math.round(mean[i]! * 3))).toBeLessThan(1e-4);
    }
    const gray = { width: image.width, height: image.height, data: new Uint8Array(image.width * image.height) };
    for (let i = 0; i < gray.data.length; i++) gray.data[i] = image.data[3 * i + 1]!;
    const g = await errorLevelAnalysis(gray);
    expect(g.maps.ela!.data.length).toBe(gray.data.length);
    expect(median(Array.from(g.maps.ela!.data.subarray(0, 5000)))).toBeGreaterThanOrEqual(0);
  });

  it('reports a too-small image as info and rejects inconsistent buffers', async () => {
    const tiny = await errorLevelAnalysis({ width: 40, height: 40, data: new Uint8Array(40 * 40 * 3) });
    expect(tiny.maps).toEqual({});
    expect(tiny.indicators[0]!.kind).toBe('ela.not-measured');
    expect(tiny.indicators[0]!.severity).toBe('info');
    await expect(errorLevelAnalysis({ width: 100, height: 100, data: new Uint8Array(12345) })).rejects.toThrow(RangeError);
    await expect(errorLevelAnalysis({ width: 100, height: 100, data: new Uint8Array(30000) }, { quality: 0 })).rejects.toThrow(RangeError);
  });
});
