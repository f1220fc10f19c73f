import { describe, expect, it } from 'vitest';
import { auc, f1, fitLogistic, pixelAuc, pixelCounts } from './forensics-eval';

describe('forensic evaluation measures', () => {
  it('computes AUC with ties as half', () => {
    expect(auc([0.9, 0.8, 0.1], [true, true, false])).toBe(1);
    expect(auc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(auc([1], [true])).toBeNull();
  });

  it('counts pixels of an upsampled map against a mask', () => {
    // 2 x 1 cells of 2 px over a 4 x 2 image; left cell suspicious; mask covers the left 3 columns.
    const map = { width: 2, height: 1, cellSize: 2, levels: Uint8Array.from([255, 0]), scale: { unit: 't', range: [0, 1] as const, higherIsSuspicious: true } };
    const mask = Uint8Array.from([255, 255, 255, 0, 255, 255, 255, 0]);
    const counts = pixelCounts(map, mask, 4, 2, 0.5);
    expect(counts).toEqual({ tp: 4, fp: 0, fn: 2 });
    expect(f1(counts)).toBeCloseTo(0.8, 6);
    expect(pixelAuc(map, mask, 4, 2)).toBeCloseTo((4 * 2 + 2 * 1) / (6 * 2), 6);
  });

  it('fits a logistic model that separates separable data with non-negative weights', () => {
    // Feature 2 is anti-correlated with the label: an unconstrained fit would give it a negative weight.
    const x = [[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.1, 0.9], [0.2, 0.8], [0.3, 0.7]];
    const y = [true, true, true, false, false, false];
    const { bias, weights } = fitLogistic(x, y, 0.01);
    expect(weights[0]).toBeGreaterThan(1);
    expect(weights[1]).toBe(0);
    const p = (f: number[]) => 1 / (1 + Math.exp(-(bias + f[0]! * weights[0]! + f[1]! * weights[1]!)));
    expect(p([0.9, 0.5])).toBeGreaterThan(0.5);
    expect(p([0.1, 0.5])).toBeLessThan(0.5);
  });
});
