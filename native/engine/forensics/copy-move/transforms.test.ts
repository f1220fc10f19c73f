import { describe, expect, it } from 'vitest';
import { spreadKeypoints } from './keypoint-grid';
import type { KeypointMatches } from './keypoints';
import { seededRandom } from './test-images';
import {
  applySimilarity,
  invertSimilarity,
  similarityFromTwo,
  similarityLeastSquares,
  similarityRotationDegrees,
  similarityScale,
  similarityToInputAffine,
} from './similarity';
import { clusterByTransform } from './transform-clusters';

const rotScale = (deg: number, s: number, tx: number, ty: number) => ({ a: s * Math.cos((deg * Math.PI) / 180), b: s * Math.sin((deg * Math.PI) / 180), tx, ty });

describe('similarity transforms', () => {
  const t = rotScale(7, 1.15, 40, -25);

  it('recovers a transform from two point pairs and by least squares from noisy pairs', () => {
    const [u1, v1] = applySimilarity(t, 10, 20);
    const [u2, v2] = applySimilarity(t, 90, 60);
    const two = similarityFromTwo(10, 20, u1, v1, 90, 60, u2, v2)!;
    expect(similarityRotationDegrees(two)).toBeCloseTo(7, 6);
    expect(similarityScale(two)).toBeCloseTo(1.15, 6);
    expect(similarityFromTwo(5, 5, 0, 0, 5, 5, 1, 1)).toBeNull();

    const rand = seededRandom(3);
    const xs: number[] = [], ys: number[] = [], us: number[] = [], vs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const x = rand() * 300, y = rand() * 200;
      const [u, v] = applySimilarity(t, x, y);
      xs.push(x);
      ys.push(y);
      us.push(u + (rand() - 0.5));
      vs.push(v + (rand() - 0.5));
    }
    const ls = similarityLeastSquares(xs, ys, us, vs, xs.map((_, i) => i))!;
    expect(similarityRotationDegrees(ls)).toBeCloseTo(7, 1);
    expect(similarityScale(ls)).toBeCloseTo(1.15, 2);
    expect(ls.tx).toBeCloseTo(40, 0);
  });

  it('inverts, and expresses a working-pixel transform in input pixels', () => {
    const inv = invertSimilarity(t);
    const [u, v] = applySimilarity(t, 33, 44);
    const [x, y] = applySimilarity(inv, u, v);
    expect(x).toBeCloseTo(33, 9);
    expect(y).toBeCloseTo(44, 9);
    // Working = input * 0.25: a point maps the same way whichever coordinates it is written in.
    const [m00, m01, m02, m10, m11, m12] = similarityToInputAffine(t, 0.25, 0.25);
    const [wu, wv] = applySimilarity(t, 400 * 0.25, 300 * 0.25);
    expect(m00 * 400 + m01 * 300 + m02).toBeCloseTo(wu / 0.25, 6);
    expect(m10 * 400 + m11 * 300 + m12).toBeCloseTo(wv / 0.25, 6);
  });
});

describe('clustering matches by transform', () => {
  /** Matches of a copied area (transform t, some listed target->source) among uniformly random false matches. */
  function scene(t: ReturnType<typeof rotScale>, copies: number, falseMatches: number): KeypointMatches {
    const rand = seededRandom(11);
    const rows: [number, number, number, number][] = [];
    for (let i = 0; i < copies; i++) {
      const x = 50 + rand() * 100, y = 60 + rand() * 100;
      const [u, v] = applySimilarity(t, x, y);
      rows.push(i % 3 === 0 ? [u + rand() - 0.5, v + rand() - 0.5, x, y] : [x, y, u + rand() - 0.5, v + rand() - 0.5]);
    }
    for (let i = 0; i < falseMatches; i++) rows.push([rand() * 1000, rand() * 700, rand() * 1000, rand() * 700]);
    const n = rows.length;
    const m = { count: n, ax: new Float32Array(n), ay: new Float32Array(n), bx: new Float32Array(n), by: new Float32Array(n), distance: new Uint16Array(n), keypoints: 2 * n };
    rows.forEach(([a, b, c, d], i) => {
      m.ax[i] = a;
      m.ay[i] = b;
      m.bx[i] = c;
      m.by[i] = d;
      m.distance[i] = 20;
    });
    return m;
  }

  it('finds the copy among false matches, orients every inlier, and finds nothing in false matches alone', () => {
    const t = rotScale(-4, 0.9, 500, 300);
    const clusters = clusterByTransform(scene(t, 20, 200), { inlierTolerance: 3, minInliers: 6 });
    expect(clusters).toHaveLength(1);
    const c = clusters[0]!;
    expect(c.sx.length).toBeGreaterThanOrEqual(18);
    // Either direction is a valid answer; the inliers follow the transform found.
    const forward = Math.abs(similarityScale(c.transform) - 0.9) < 0.05;
    expect(similarityRotationDegrees(c.transform)).toBeCloseTo(forward ? -4 : 4, 0);
    expect(c.rms).toBeLessThan(1);

    expect(clusterByTransform(scene(t, 0, 300), { inlierTolerance: 3, minInliers: 6 })).toEqual([]);
  });
});

describe('spreading keypoints over a grid', () => {
  it('keeps the strongest of a weak area instead of only the strongest of the image', () => {
    // 900 strong keypoints crowd into the left quarter of a 1024 x 768 image, 100 weak ones lie elsewhere.
    const rand = seededRandom(5);
    const xs: number[] = [], ys: number[] = [], response: number[] = [];
    for (let i = 0; i < 900; i++) {
      xs.push(rand() * 256);
      ys.push(rand() * 768);
      response.push(10 + rand());
    }
    for (let i = 0; i < 100; i++) {
      xs.push(256 + rand() * 768);
      ys.push(rand() * 768);
      response.push(rand());
    }
    const pick = spreadKeypoints(xs, ys, response, 1024, 768, 400);
    expect(pick).toHaveLength(400);
    expect(pick.filter((i) => i >= 900).length).toBeGreaterThanOrEqual(90);
    // Below the budget every keypoint is kept.
    expect(spreadKeypoints(xs.slice(0, 10), ys, response, 1024, 768, 400)).toHaveLength(10);
  });
});
