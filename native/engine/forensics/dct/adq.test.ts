import { beforeAll, describe, expect, it } from 'vitest';
import type { Box, ForensicResult } from '../types';
import { analyzeAlignedDoubleQuantization } from './adq';
import { doubleCompressed, encodeJpeg, encodePng, splicedJpeg, syntheticScene } from './test-images';

/** Pasted box: x and y not multiples of 8 (203 = 8 * 25 + 3, 117 = 8 * 14 + 5). */
const BOX: Box = { x: 203, y: 117, width: 160, height: 128 };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Mean map value over the blocks wholly inside `box` shrunk by 8 px, and over the blocks clear of it by 8 px. */
function insideOutside(result: ForensicResult, name: string, box: Box): { inside: number; outside: number } {
  const map = result.maps[name]!;
  let inside = 0;
  let ni = 0;
  let outside = 0;
  let no = 0;
  for (let y = 0; y < map.height; y++) {
    for (let x = 0; x < map.width; x++) {
      const x0 = x * 8;
      const y0 = y * 8;
      const v = map.data[y * map.width + x]!;
      if (x0 >= box.x + 8 && x0 + 8 <= box.x + box.width - 8 && y0 >= box.y + 8 && y0 + 8 <= box.y + box.height - 8) {
        inside += v;
        ni++;
      } else if (x0 + 8 < box.x - 8 || x0 > box.x + box.width + 8 || y0 + 8 < box.y - 8 || y0 > box.y + box.height + 8) {
        outside += v;
        no++;
      }
    }
  }
  return { inside: inside / ni, outside: outside / no };
}

describe('ADQ1 aligned double quantization', () => {
  let single90: Uint8Array;
  let double6090: Uint8Array;
  let spliced: Uint8Array;
  beforeAll(async () => {
    const scene = syntheticScene(1, 512, 384);
    single90 = await encodeJpeg(scene, 90);
    double6090 = await doubleCompressed(scene, 60, 90);
    spliced = await splicedJpeg({ seed: 2, width: 512, height: 384, box: BOX, hostQuality: 60, patchQuality: 60, finalQuality: 90 });
  });

  it('gives a low score and no double-compression indicator for a single compression at quality 90', () => {
    const result = analyzeAlignedDoubleQuantization(single90);
    expect(result.score).toBeLessThanOrEqual(0.1);
    expect(result.indicators.some((i) => i.kind === 'jpeg.adq.double-compression')).toBe(false);
    expect(result.metrics.primaryQuality).toBeNull();
  });

  it('gives a high score and estimates the primary quality for quality 60 then 90', () => {
    const result = analyzeAlignedDoubleQuantization(double6090);
    expect(result.score).toBeGreaterThanOrEqual(0.7);
    const quality = result.metrics.primaryQuality as number;
    expect(Math.abs(quality - 60)).toBeLessThanOrEqual(4);
    const indicator = result.indicators.find((i) => i.kind === 'jpeg.adq.double-compression');
    expect(indicator?.severity).toBe('notice');
    expect(indicator?.summary).toMatch(/quality \d+/);
    // The toolbox's map: blocks following the DQ pattern have a low probability of being off-pattern.
    const map = result.maps.adq1!;
    expect([map.width, map.height, map.cellSize]).toEqual([64, 48, 8]);
    const mean = map.data.reduce((a, b) => a + b, 0) / map.data.length;
    expect(mean).toBeLessThan(0.1);
  });

  it('lights up a patch pasted from another JPEG at a non-aligned offset, and reports a region over it', () => {
    const result = analyzeAlignedDoubleQuantization(spliced);
    const { inside, outside } = insideOutside(result, 'adq1', BOX);
    expect(inside).toBeGreaterThan(0.8);
    expect(outside).toBeLessThan(0.2);
    const regions = result.indicators.filter((i) => i.kind === 'jpeg.adq.off-pattern-region');
    expect(regions.some((r) => r.region !== null && overlaps(r.region, BOX) && r.severity === 'warning')).toBe(true);
  });

  it('takes coefficients read once as well as bytes, with the same result', async () => {
    const { readDctCoefficients } = await import('../jpeg-dct/index');
    const fromBytes = analyzeAlignedDoubleQuantization(double6090);
    const fromCoefficients = analyzeAlignedDoubleQuantization(readDctCoefficients(double6090));
    expect(fromCoefficients.score).toBe(fromBytes.score);
    expect(Array.from(fromCoefficients.maps.adq1!.data)).toEqual(Array.from(fromBytes.maps.adq1!.data));
  });

  it('answers bad input with an info indicator instead of throwing', async () => {
    const png = await encodePng(syntheticScene(3, 64, 64));
    const notJpeg = analyzeAlignedDoubleQuantization(png);
    expect(notJpeg.score).toBeNull();
    expect(notJpeg.indicators[0]).toMatchObject({ kind: 'jpeg.adq.not-applicable', severity: 'info' });
    const tiny = analyzeAlignedDoubleQuantization(await encodeJpeg(syntheticScene(4, 40, 40), 90));
    expect(tiny.indicators[0]?.summary).toMatch(/at least 8 per side/);
    const truncated = analyzeAlignedDoubleQuantization(double6090.subarray(0, Math.floor(double6090.length * 0.6)));
    expect(truncated.indicators.some((i) => i.kind === 'jpeg.adq.input-damaged' && i.severity === 'info')).toBe(true);
    expect(truncated.maps.adq1).toBeDefined();
  });
});
