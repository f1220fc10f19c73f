import { describe, expect, it } from 'vitest';
import { decodeMapPng, encodeMapPng, mapMeta, quantizeMap, suspicion } from './stored-map';
import type { ForensicMap } from './types';

const map = (width: number, height: number, fill: (x: number, y: number) => number, higherIsSuspicious = true): ForensicMap => {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = fill(x, y);
  return { width, height, cellSize: 1, data, scale: { unit: 'levels', range: [0, 10], higherIsSuspicious } };
};

describe('stored forensic maps', () => {
  it('quantises over the stated range, clipping outside it, and reads NaN as unsuspicious', () => {
    const q = quantizeMap(map(4, 1, (x) => [-3, 5, 10, Number.NaN][x]!));
    expect(Array.from(q.levels)).toEqual([0, 128, 255, 0]);
    const inverted = quantizeMap(map(2, 1, (x) => [Number.NaN, 2][x]!, false));
    expect(Array.from(inverted.levels)).toEqual([255, 51]);
    expect(Array.from(suspicion(inverted)).map((v) => Math.round(v * 100))).toEqual([0, 80]);
  });

  it('pools large maps by an integer factor, keeping the most suspicious value of each block', () => {
    // A single hot pixel in a 5000 x 10 map must survive pooling to 2048 cells wide (factor 3).
    const q = quantizeMap(map(5000, 10, (x, y) => (x === 4001 && y === 7 ? 10 : 1)));
    expect(q.width).toBe(Math.ceil(5000 / 3));
    expect(q.cellSize).toBe(3);
    expect(q.levels[Math.floor(7 / 3) * q.width + Math.floor(4001 / 3)]).toBe(255);
    expect(q.levels[0]).toBe(26);
    // Lower-is-suspicious maps pool by the minimum.
    const low = quantizeMap(map(4100, 2, (x) => (x === 10 ? 0 : 9), false));
    expect(low.levels[Math.floor(10 / 3)]).toBe(0);
    expect(low.levels[0]).toBe(230);
  });

  it('round-trips through the stored PNG bit for bit, with its meta', async () => {
    const q = quantizeMap(map(37, 23, (x, y) => ((x * 7 + y * 3) % 11) - 0.5));
    const meta = mapMeta(q, 37, 23);
    const back = await decodeMapPng(await encodeMapPng(q), meta);
    expect(Array.from(back.levels)).toEqual(Array.from(q.levels));
    expect(back.scale).toEqual(q.scale);
    expect([back.width, back.height, back.cellSize]).toEqual([37, 23, 1]);
  });

  it('refuses an empty range', () => {
    expect(() => quantizeMap({ ...map(1, 1, () => 0), scale: { unit: 'x', range: [1, 1], higherIsSuspicious: true } })).toThrow(/empty/);
  });
});
