import { beforeAll, describe, expect, it } from 'vitest';
import { readDctCoefficients } from '../jpeg-dct/index';
import type { Box } from '../types';
import { analyzeDctBlocking } from './dct-blocking';
import { ZIGZAG } from './jpeg-tables';
import { doubleCompressed, encodeJpeg, encodePng, splicedJpeg, syntheticScene } from './test-images';

const BOX: Box = { x: 203, y: 117, width: 160, height: 128 };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('DCT blocking inconsistency (Ye et al.)', () => {
  let single60: Uint8Array;
  let single90: Uint8Array;
  let double6090: Uint8Array;
  let spliced: Uint8Array;
  beforeAll(async () => {
    const scene = syntheticScene(5, 512, 384);
    single60 = await encodeJpeg(scene, 60);
    single90 = await encodeJpeg(scene, 90);
    double6090 = await doubleCompressed(scene, 60, 90);
    spliced = await splicedJpeg({ seed: 6, width: 512, height: 384, box: BOX, hostQuality: 60, patchQuality: 60, finalQuality: 90 });
  });

  it('estimates the quantization steps of a single compression from the coefficient histograms', () => {
    const result = analyzeDctBlocking(single60);
    const estimated = result.metrics.estimatedTable as number[];
    const file = result.metrics.fileTable as number[];
    // The peak-counting estimator lands on q or slightly below (it counts the peaks between the DC lobes).
    const close = ZIGZAG.slice(1, 16).filter((i) => estimated[i]! >= file[i]! - 3 && estimated[i]! <= file[i]! + 1).length;
    expect(close).toBeGreaterThanOrEqual(12);
    expect(estimated[0]).toBe(0);
    expect(result.score).toBeLessThanOrEqual(0.2);
  });

  it('finds the coarser lattice of an earlier compression: low score for quality 90, high for 60 then 90', () => {
    expect(analyzeDctBlocking(single90).score).toBeLessThanOrEqual(0.2);
    const double = analyzeDctBlocking(double6090);
    expect(double.score).toBeGreaterThanOrEqual(0.7);
    expect(double.indicators.some((i) => i.kind === 'jpeg.dct-blocking.coarser-lattice')).toBe(true);
  });

  it('computes each block as the sum of its distances from the estimated lattice', () => {
    const result = analyzeDctBlocking(double6090);
    const estimated = result.metrics.estimatedTable as number[];
    const dct = readDctCoefficients(double6090);
    const y = dct.components[0]!;
    const map = result.maps['dct-blocking']!;
    for (const [bx, by] of [[0, 0], [17, 9], [63, 47]] as const) {
      let expected = 0;
      for (let i = 0; i < 64; i++) {
        const q = estimated[i]!;
        if (q === 0) continue;
        const c = y.coefficients[(by * y.blocksWide + bx) * 64 + i]! * y.quantTable[i]!;
        const nearest = Math.sign(c) * Math.round(Math.abs(c) / q) * q;
        expected += Math.abs(c - nearest);
      }
      expect(map.data[by * map.width + bx]).toBeCloseTo(expected, 4);
    }
  });

  it('marks a pasted patch as off the lattice of the image', () => {
    const result = analyzeDctBlocking(spliced);
    const regions = result.indicators.filter((i) => i.kind === 'jpeg.dct-blocking.off-lattice-region');
    expect(regions.some((r) => r.region !== null && overlaps(r.region, BOX))).toBe(true);
    const inside = regions.find((r) => r.region !== null && overlaps(r.region, BOX))!;
    expect(inside.attributes.meanInside as number).toBeGreaterThan(1.4 * (inside.attributes.meanOutside as number));
  });

  it('answers a PNG with an info indicator', async () => {
    const result = analyzeDctBlocking(await encodePng(syntheticScene(7, 64, 64)));
    expect(result.indicators).toHaveLength(1);
    expect(result.indicators[0]).toMatchObject({ kind: 'jpeg.dct-blocking.not-applicable', severity: 'info' });
  });
});
