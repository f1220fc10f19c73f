import { describe, expect, it } from 'vitest';
import { fuse, FUSED_CELL } from './fusion';
import type { QuantizedMap } from './stored-map';

const CALIBRATION = {
  format: 'caselens-forensic-fusion/1',
  version: 'test',
  fittedOn: 'test weights',
  auc: null,
  bias: -2,
  weights: { a: 3, b: 1 },
  mapWeights: { a: 1, b: 1 },
};

/** A map of `cellSize` cells over a 256 x 128 image, level `base` everywhere and `hot` inside `box` (image pixels). */
function map(cellSize: number, base: number, hot: number, box = { x: 64, y: 32, width: 48, height: 40 }): QuantizedMap {
  const width = Math.ceil(256 / cellSize);
  const height = Math.ceil(128 / cellSize);
  const levels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const px = x * cellSize;
      const py = y * cellSize;
      const inside = px >= box.x && px < box.x + box.width && py >= box.y && py < box.y + box.height;
      // Mild texture so the map is not flat outside the box.
      levels[y * width + x] = inside ? hot : base + ((x * 13 + y * 7) % 9);
    }
  }
  return { width, height, cellSize, levels, scale: { unit: 'test', range: [0, 1], higherIsSuspicious: true } };
}

describe('fusion', () => {
  it('scores by the logistic model and lists contributions, largest first', () => {
    const none = fuse([{ kernelId: 'a', score: null, maps: [] }], 256, 128, CALIBRATION);
    expect(none.score).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
    expect(none.reasons).toEqual([]);
    const both = fuse([{ kernelId: 'b', score: 0.9, maps: [] }, { kernelId: 'a', score: 0.5, maps: [] }, { kernelId: 'unknown', score: 1, maps: [] }], 256, 128, CALIBRATION);
    expect(both.score).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 1.5 + 0.9))), 6);
    expect(both.reasons.map((r) => r.kernelId)).toEqual(['a', 'b']);
    expect(both.calibration.version).toBe('test');
  });

  it('lights the cells where maps of any resolution stand out, and nowhere else', () => {
    const result = fuse([{ kernelId: 'a', score: 0.8, maps: [map(1, 40, 220)] }, { kernelId: 'b', score: 0.1, maps: [map(16, 30, 200)] }], 256, 128, CALIBRATION);
    const { map: fused } = result;
    expect([fused.width, fused.height, fused.cellSize]).toEqual([256 / FUSED_CELL, 128 / FUSED_CELL, FUSED_CELL]);
    const at = (px: number, py: number) => fused.data[Math.floor(py / FUSED_CELL) * fused.width + Math.floor(px / FUSED_CELL)]!;
    expect(at(80, 48)).toBeGreaterThan(0.9);
    expect(at(200, 100)).toBeLessThan(0.1);
    expect(at(10, 10)).toBeLessThan(0.1);
  });

  it('ignores a map that is flat (no cell stands out from the rest of the image)', () => {
    const flat: QuantizedMap = { width: 32, height: 16, cellSize: 8, levels: new Uint8Array(512).fill(250), scale: { unit: 't', range: [0, 1], higherIsSuspicious: true } };
    const result = fuse([{ kernelId: 'a', score: 1, maps: [flat] }], 256, 128, CALIBRATION);
    expect(Math.max(...result.map.data)).toBe(0);
  });
});
