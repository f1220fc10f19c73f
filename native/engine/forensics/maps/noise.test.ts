import { describe, expect, it } from 'vitest';
import { compressed, insideOutside, iou, sceneRgb, withGaussianNoise } from '../../../../tests/fixtures/forensic-scenes';
import { Rng } from '../../../../tests/fixtures/prng';
import { median, medianInPlace } from './block-stats';
import { noiseLevels } from './noise-level';
import { noiseInconsistency } from './noise';

const W = 640;
const H = 480;
const BOX = { x: 192, y: 160, width: 160, height: 128 };

describe('noiseLevels (Donoho MAD estimator)', () => {
  it('recovers the sigma of Gaussian noise on a flat and on a smoothly shaded image', () => {
    for (const sigma of [2, 5, 10]) {
      const rng = new Rng(sigma);
      const data = new Uint8Array(256 * 256);
      for (let y = 0; y < 256; y++) {
        for (let x = 0; x < 256; x++) {
          const g = Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
          // A horizontal ramp: first-order shading cancels in the diagonal Haar detail.
          data[y * 256 + x] = Math.round(Math.min(250, Math.max(5, 60 + x * 0.5 + sigma * g)));
        }
      }
      const { grid, valid } = noiseLevels({ width: 256, height: 256, data }, 32);
      expect(valid.every((v) => v === 1)).toBe(true);
      // 8-bit rounding adds variance 1/12, so the estimate is sqrt(sigma^2 + 1/12) on average.
      const expected = Math.sqrt(sigma * sigma + 1 / 12);
      // Below ~3 levels the median of |HH| (multiples of 0.5 for 8-bit input) is coarse: +10 % at sigma 2.
      expect(Math.abs(median(grid.data) - expected) / expected).toBeLessThan(sigma < 3 ? 0.15 : 0.06);
    }
  });

  it('marks clipped blocks as not measurable', () => {
    const data = new Uint8Array(128 * 128).fill(255);
    const { valid } = noiseLevels({ width: 128, height: 128, data }, 32);
    expect(valid.every((v) => v === 0)).toBe(true);
  });
});

describe('noiseInconsistency', () => {
  it('flags a region with added Gaussian noise (sigma 8, then saved at q90) as a warning, where it is', async () => {
    for (const seed of [1, 2]) {
      const raw = await sceneRgb(seed, W, H);
      const result = noiseInconsistency(await compressed(withGaussianNoise(raw, BOX, 8, seed), 90));
      const top = result.indicators[0]!;
      expect(top.kind).toBe('noise.inconsistent-level');
      expect(top.severity).toBe('warning');
      expect(top.attributes.side).toBe('high');
      expect(iou(top.region!, BOX)).toBeGreaterThan(0.75);
      expect(top.attributes.ratio as number).toBeGreaterThan(2.5);
      expect(result.indicators.filter((i) => i.severity === 'warning' && iou(i.region!, BOX) < 0.5)).toEqual([]);
      const map = result.maps.noise!;
      expect(map.cellSize).toBe(32);
      const { inside, outside } = insideOutside(map, BOX);
      expect(median(inside)).toBeGreaterThan(2 * median(outside));
    }
  });

  it('raises no warning on clean images (never compressed, q90, q95) and says when too little noise is left (q75)', async () => {
    for (const seed of [3, 4]) {
      const raw = await sceneRgb(seed, W, H);
      for (const [label, image] of [
        ['raw', raw],
        ['q90', await compressed(raw, 90)],
        ['q95', await compressed(raw, 95)],
        ['q75', await compressed(raw, 75)],
      ] as const) {
        const result = noiseInconsistency(image);
        expect(result.indicators.filter((i) => i.severity === 'warning'), `seed ${seed} ${label}`).toEqual([]);
        if (label === 'q75') expect(result.indicators.map((i) => i.kind)).toContain('noise.low-signal');
      }
    }
  });

  it('reports a too-small image as info and rejects a bad block size', () => {
    const tiny = noiseInconsistency({ width: 100, height: 100, data: new Uint8Array(10000) });
    expect(tiny.indicators[0]!.kind).toBe('noise.not-measured');
    expect(() => noiseInconsistency({ width: 256, height: 256, data: new Uint8Array(65536) }, { blockSize: 30 })).toThrow(RangeError);
  });
});

describe('medianInPlace', () => {
  it('equals the sorted median for odd and even counts, with ties', () => {
    const rng = new Rng(7);
    for (const n of [1, 2, 3, 10, 255, 256]) {
      const values = Array.from({ length: n }, () => Math.round(rng.float() * 20) / 2);
      const sorted = [...values].sort((a, b) => a - b);
      const expected = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      expect(medianInPlace(Float64Array.from(values), n)).toBe(expected);
    }
  });
});
