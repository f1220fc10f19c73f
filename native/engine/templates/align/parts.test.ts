/**
 * The pure parts of alignment on constructed inputs with known answers: plausibility of transforms,
 * the similarity fit, guided matching, the warp, the fixed-print mask and the score's thresholds.
 */
import { describe, expect, it } from 'vitest';
import type { TemplateZone } from '../template';
import { checkPlausible, compose, invert, project } from './geometry';
import type { FeatureSet } from './features';
import { matchNear } from './matching';
import { evidences, recognitionScore } from './score';
import type { FitMeasures } from './score';
import { fitSimilarity } from './similarity-fit';
import { staticMask } from './static-mask';
import { cornerHomography, halfTurn, noiseImage, similarity } from './test-support';
import { warpInto } from './warp';

const W = 1012, H = 638;

describe('plausibility of a rectified document transform', () => {
  it('accepts small shifts, turns and scale changes, and reports a half turn', () => {
    expect(checkPlausible(similarity(W, H, 1.5, 1.02, 6, -4), W, H, W, H)).toEqual({ ok: true, turned: 0 });
    expect(checkPlausible(compose(similarity(W, H, -1, 0.99, 3, 2), halfTurn(W, H)), W, H, W, H)).toEqual({ ok: true, turned: 180 });
    // A questioned image twice the reference size maps at scale 0.5: that is the expected ratio, not a change.
    expect(checkPlausible([0.5, 0, 0, 0, 0.5, 0, 0, 0, 1], 2 * W, 2 * H, W, H)).toEqual({ ok: true, turned: 0 });
  });

  it('refuses mirror images, quarter turns, wrong scale, shear, perspective and large offsets, saying which', () => {
    const reason = (h: readonly number[]) => {
      const r = checkPlausible(h, W, H, W, H);
      return r.ok ? null : r.reason;
    };
    expect(reason([-1, 0, W, 0, 1, 0, 0, 0, 1])).toMatch(/mirror/);
    expect(reason(similarity(W, H, 90, 1, 0, 0))).toMatch(/rotated 90/);
    expect(reason(similarity(W, H, 0, 1.4, 0, 0))).toMatch(/scale 1.40/);
    expect(reason([1, 0.3, -90, 0, 1, 0, 0, 0, 1])).toMatch(/sheared/);
    // A keystone: the left edge 120 px longer than the right one.
    expect(reason(cornerHomography(W, H, [[0, -60], [W, 0], [W, H], [0, H + 60]]))).toMatch(/perspective/);
    expect(reason(similarity(W, H, 0, 1, 0.3 * W, 0))).toMatch(/centre/);
  });

  it('inverts and composes homographies', () => {
    const h = similarity(W, H, 3, 1.1, 12, -7);
    const back = invert(h)!;
    const [x, y] = project(compose(back, h), 123.5, 456.25);
    expect(x).toBeCloseTo(123.5, 9);
    expect(y).toBeCloseTo(456.25, 9);
    expect(invert([1, 2, 3, 2, 4, 6, 0, 0, 0])).toBeNull();
  });
});

/** Point pairs: `n` following w = a z + b (rotation `deg`, scale `s`, shift) and `outliers` random ones. */
function pairs(n: number, outliers: number, deg: number, s: number, dx: number, dy: number) {
  const h = similarity(0, 0, deg, s, dx, dy);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const total = n + outliers;
  const m = { count: total, qx: new Float32Array(total), qy: new Float32Array(total), rx: new Float32Array(total), ry: new Float32Array(total) };
  for (let i = 0; i < total; i++) {
    const x = rand() * 500, y = rand() * 300;
    const [u, v] = i < n ? project(h, x, y) : [rand() * 500, rand() * 300];
    m.qx[i] = x;
    m.qy[i] = y;
    m.rx[i] = u;
    m.ry[i] = v;
  }
  return m;
}

describe('similarity fit', () => {
  it('recovers rotation, scale and shift among 40 % outliers and marks the inliers', () => {
    const fit = fitSimilarity(pairs(60, 40, 2, 1.03, 5, -3), 1.5)!;
    const a = (2 * Math.PI) / 180;
    expect(fit.ar).toBeCloseTo(1.03 * Math.cos(a), 4);
    expect(fit.ai).toBeCloseTo(1.03 * Math.sin(a), 4);
    expect(fit.br).toBeCloseTo(5, 2);
    expect(fit.bi).toBeCloseTo(-3, 2);
    expect(fit.inliers).toBeGreaterThanOrEqual(60);
    expect(fit.inliers).toBeLessThan(64);
    expect(Array.from(fit.inlier.subarray(0, 60)).every((v) => v === 1)).toBe(true);
  });

  it('gives no fit from too few or inconsistent pairs', () => {
    expect(fitSimilarity(pairs(5, 0, 0, 1, 0, 0), 2)).toBeNull();
    expect(fitSimilarity(pairs(0, 50, 0, 1, 0, 0), 0.5)).toBeNull();
  });
});

describe('guided matching', () => {
  /** Keypoints at fixed places with random 32-byte descriptors. */
  function features(xs: number[], ys: number[], desc: Uint8Array): FeatureSet {
    return { count: xs.length, x: Float32Array.from(xs), y: Float32Array.from(ys), descriptors: desc };
  }
  it('pairs a keypoint with the reference keypoint of the same descriptor near its predicted place only', () => {
    const n = 50;
    const desc = new Uint8Array(noiseImage(n * 32, 1, 11, 127, 128).data.filter((_, i) => i % 3 === 0));
    const xs = Array.from({ length: n }, (_, i) => 20 + (i % 10) * 45);
    const ys = Array.from({ length: n }, (_, i) => 20 + Math.floor(i / 10) * 55);
    const reference = features(xs, ys, desc);
    // The questioned keypoints are the reference ones shifted by (-8, 5): the predicted place undoes it.
    const questioned = features(xs.map((x) => x - 8), ys.map((y) => y + 5), desc);
    const m = matchNear(questioned, reference, (x, y) => [x + 8, y - 5], 10, 500, 300);
    expect(m.count).toBe(n);
    for (let i = 0; i < m.count; i++) {
      expect(m.rx[i]! - m.qx[i]!).toBeCloseTo(8, 5);
      expect(m.ry[i]! - m.qy[i]!).toBeCloseTo(-5, 5);
    }
    // Without the correction every reference keypoint is out of reach (9.4 px away, radius 5).
    expect(matchNear(questioned, reference, (x, y) => [x, y], 5, 500, 300).count).toBe(0);
  });
});

describe('warp', () => {
  it('reproduces an image under the identity and marks coverage of a shifted one', () => {
    const img = noiseImage(40, 30, 3, 100);
    const same = warpInto(img, [1, 0, 0, 0, 1, 0, 0, 0, 1], 40, 30);
    expect(Buffer.from(same.image.data).equals(Buffer.from(img.data))).toBe(true);
    expect(same.covered.every((v) => v === 1)).toBe(true);
    const shifted = warpInto(img, [1, 0, 5, 0, 1, 0, 0, 0, 1], 40, 30);
    // Output column x shows input column x - 5: columns 0-4 are outside the input.
    expect(shifted.covered[4]).toBe(0);
    expect(shifted.covered[5]).toBe(1);
    expect(shifted.image.data[(2 * 40 + 10) * 3]).toBe(img.data[(2 * 40 + 5) * 3]);
  });
});

describe('fixed-print mask', () => {
  it('clears the variable zones with their margin and the rounded corners, keeps the rest', () => {
    const zones: TemplateZone[] = [
      { id: 'photo', kind: 'portrait', box: [0.1, 0.2, 0.2, 0.3] },
      { id: 'title', kind: 'static-text', text: 'TITLE', box: [0.5, 0.1, 0.3, 0.1] },
      { id: 'bg', kind: 'security', feature: 'guilloche', box: [0.4, 0.4, 0.5, 0.5] },
    ];
    const m = staticMask(zones, 200, 100, 3);
    const at = (x: number, y: number) => m[y * 200 + x];
    expect(at(30, 30)).toBe(0); // inside the portrait
    expect(at(18, 30)).toBe(0); // within the 3 px margin (the zone starts at x = 20)
    expect(at(15, 30)).toBe(1);
    expect(at(120, 15)).toBe(1); // static text and security print are fixed print
    expect(at(150, 70)).toBe(1);
    expect(at(2, 2)).toBe(0); // rounded corner
    expect(at(197, 97)).toBe(0);
  });
});

describe('recognition score', () => {
  const genuine: FitMeasures = { matches: 100, inliers: 80, inlierRatio: 0.8, medianErrorPx: 0.05, patchesTried: 110, patchesLocated: 110, patchInliers: 110, staticSimilarity: 0.98 };
  it('is 1 for clear evidence and exactly 0.5 when the weakest evidence sits on its threshold', () => {
    expect(recognitionScore(genuine)).toBe(1);
    expect(recognitionScore({ ...genuine, staticSimilarity: 0.5 })).toBeCloseTo(0.5, 9);
    expect(recognitionScore({ ...genuine, inliers: 10 })).toBeCloseTo(0.5, 9);
  });
  it('falls below 0.5 and names the failed evidence when one measure is short', () => {
    const otherDesign = { ...genuine, patchInliers: 40, staticSimilarity: 0.14 };
    expect(recognitionScore(otherDesign)).toBe(0);
    const failed = evidences(otherDesign).filter((e) => !e.passed).map((e) => e.text);
    expect(failed).toEqual(['fixed-print similarity 0.14 (threshold 0.5)', '40 of 110 fixed-print patches in place (threshold 0.65)']);
    expect(recognitionScore({ ...genuine, inlierRatio: 0.25 })).toBeLessThan(0.5);
  });
});
