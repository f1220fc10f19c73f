/**
 * The optimised ghost differences (strip luma, flat-block early out, unrolled 10-quality loop, shared
 * summed-area table) against a direct transcription of their definition: per aligned block, a
 * textbook O(n^4) DCT and, per quality, the sum of (c - Q round(c / Q))^2 over the coefficients.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../tests/fixtures/prng';
import type { GrayImage, RgbImage } from '../types';
import { ghostDifferences, windowMean, windowMeans } from './ghost-differences';
import { ijgLumaTable } from './ijg-tables';

/** Noise over a ramp, with flat 8x8-aligned patches (the early out) and a saturated corner. */
function testImage(seed: number, width: number, height: number, channels: 1 | 3): RgbImage | GrayImage {
  const random = mulberry32(seed);
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const flat = (x >> 3) % 5 === 1 && (y >> 3) % 3 === 0;
      for (let c = 0; c < channels; c++) {
        const v = flat ? 77 + 10 * c : x < 12 && y < 12 ? 255 : 40 + x + c * 5 + random() * 60;
        data[(y * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { width, height, data };
}

function referenceDifferences(image: RgbImage | GrayImage, qualities: readonly number[], includeDc: boolean): Float64Array[] {
  const cols = Math.floor(image.width / 8);
  const rows = Math.floor(image.height / 8);
  const rgb = image.data.length === image.width * image.height * 3;
  const tables = qualities.map((q) => ijgLumaTable(q));
  const out = qualities.map(() => new Float64Array(cols * rows));
  const pixel = new Float64Array(64);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const i = (r * 8 + y) * image.width + c * 8 + x;
          const d = image.data;
          pixel[y * 8 + x] = (rgb ? 0.299 * d[3 * i]! + 0.587 * d[3 * i + 1]! + 0.114 * d[3 * i + 2]! : d[i]!) - 128;
        }
      }
      for (let v = 0; v < 8; v++) {
        for (let u = 0; u < 8; u++) {
          if (!includeDc && u === 0 && v === 0) continue;
          let s = 0;
          for (let y = 0; y < 8; y++) {
            for (let x = 0; x < 8; x++) s += pixel[y * 8 + x]! * Math.cos(((2 * x + 1) * u * Math.PI) / 16) * Math.cos(((2 * y + 1) * v * Math.PI) / 16);
          }
          const coefficient = (s * (u === 0 ? Math.SQRT1_2 : 1) * (v === 0 ? Math.SQRT1_2 : 1)) / 4;
          tables.forEach((table, qi) => {
            const step = table[v * 8 + u]!;
            const e = coefficient - step * Math.round(coefficient / step);
            const cell = r * cols + c;
            out[qi]![cell] = out[qi]![cell]! + (e * e) / 64;
          });
        }
      }
    }
  }
  return out;
}

describe('ghost differences against their definition', () => {
  const cases: { name: string; channels: 1 | 3; qualities: number[]; includeDc: boolean }[] = [
    { name: 'RGB, the default 10 qualities', channels: 3, qualities: [50, 55, 60, 65, 70, 75, 80, 85, 90, 95], includeDc: false },
    { name: 'gray, 3 qualities (generic loop)', channels: 1, qualities: [55, 70, 80], includeDc: false },
    { name: 'RGB, 10 qualities with the DC coefficient', channels: 3, qualities: [50, 55, 60, 65, 70, 75, 80, 85, 90, 95], includeDc: true },
  ];
  for (const { name, channels, qualities, includeDc } of cases) {
    it(name, () => {
      const image = testImage(qualities.length + channels, 85, 67, channels);
      const ours = ghostDifferences(image, qualities, includeDc);
      const expected = referenceDifferences(image, qualities, includeDc);
      expect([ours.cols, ours.rows]).toEqual([10, 8]);
      let flatBlocks = 0;
      qualities.forEach((_, qi) => {
        for (let i = 0; i < expected[qi]!.length; i++) {
          // Float32 output; the reference's cosines round differently (~1e-13 on flat blocks).
          expect(Math.abs(ours.perQuality[qi]![i]! - expected[qi]![i]!)).toBeLessThanOrEqual(1e-6 * expected[qi]![i]! + 1e-9);
          if (qi === 0 && expected[qi]![i]! < 1e-9) flatBlocks++;
        }
      });
      if (!includeDc) expect(flatBlocks).toBeGreaterThan(3);
    });
  }

  it('windowMeans shares one table and equals windowMean and a direct window mean', () => {
    const random = mulberry32(7);
    const maps = [0, 1, 2].map(() => Float32Array.from({ length: 13 * 9 }, () => random() * 50));
    const shared = windowMeans(maps, 13, 9, 2);
    maps.forEach((map, m) => {
      expect(Array.from(shared[m]!)).toEqual(Array.from(windowMean(map, 13, 9, 2)));
      // k = 2: the window covers this block and the next one on each axis (clipped at the edges).
      let s = 0;
      for (const [r, c] of [[4, 6], [4, 7], [5, 6], [5, 7]] as const) s += map[r * 13 + c]!;
      expect(shared[m]![4 * 13 + 6]).toBeCloseTo(s / 4, 4);
    });
    expect(windowMeans(maps, 13, 9, 1)[1]).toBe(maps[1]);
  });
});
