import { describe, expect, it } from 'vitest';
import { applyHomography, homography } from './homography';

describe('homography', () => {
  it('maps the four corners exactly and interior points projectively', () => {
    const from = [[10, 20], [410, 40], [400, 300], [0, 280]] as const;
    const to = [[0, 0], [1010, 0], [1010, 637], [0, 637]] as const;
    const h = homography(from, to)!;
    for (let i = 0; i < 4; i++) {
      const [u, v] = applyHomography(h, from[i]!);
      expect(u).toBeCloseTo(to[i]![0], 6);
      expect(v).toBeCloseTo(to[i]![1], 6);
    }
    // The intersection of the diagonals maps to the intersection of the image diagonals (the centre).
    const inverse = homography(to, from)!;
    const centre = applyHomography(inverse, [505, 318.5]);
    const [u, v] = applyHomography(h, centre);
    expect(u).toBeCloseTo(505, 6);
    expect(v).toBeCloseTo(318.5, 6);
  });

  it('refuses degenerate quads', () => {
    expect(homography([[0, 0], [1, 1], [2, 2], [3, 3]], [[0, 0], [1, 0], [1, 1], [0, 1]])).toBeNull();
  });
});
