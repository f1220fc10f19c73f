import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../types';
import { blockFeatures } from './block-features';
import type { BlockMatchParameters } from './block-match';
import { matchBlocks } from './block-match';
import { workingLuma } from './luma';
import { DEFAULT_COPY_MOVE_OPTIONS as D } from './options';
import { copyPatch, smoothSurface, withNoise } from './test-images';

const params: BlockMatchParameters = {
  blockSize: D.blockSize,
  step: D.blockStep,
  minTexture: D.minBlockTexture,
  minIsotropy: D.minBlockIsotropy,
  tolerance: D.blockTolerance,
  ratio: D.blockRatio,
  minSupport: D.minBlockSupport,
};

function image(w: number, h: number, f: (x: number, y: number) => number): GrayImage {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = Math.max(0, Math.min(255, Math.round(f(x, y))));
  return { width: w, height: h, data };
}

/** A lit diagonal bar on a dark background whose brightness ramps slowly along it (a shelf edge in a dim room). */
const bar = () => withNoise(image(512, 384, (x, y) => {
  const d = y - 0.3 * x - 150;
  return 20 + (1 / (1 + Math.exp(-(d + 20) / 2)) - 1 / (1 + Math.exp(-(d - 20) / 2))) * (60 + 0.05 * x);
}), 0.5, 1);

describe('block matching guards', () => {
  it('texture guard: a uniform field and a smooth gradient have no blocks to match', () => {
    expect(blockFeatures(image(200, 150, () => 240), 16, 2, D.minBlockTexture, D.minBlockIsotropy).count).toBe(0);
    const gradient = image(200, 150, (x, y) => 40 + 0.6 * x + 0.3 * y);
    const f = blockFeatures(gradient, 16, 2, D.minBlockTexture, D.minBlockIsotropy);
    expect(f.positions).toBeGreaterThan(5000);
    expect(f.count).toBe(0);
  });

  it('edge guard: a lit bar matches itself along its own direction unless one-dimensional blocks are left out', () => {
    const unguarded = matchBlocks(bar(), { ...params, minIsotropy: 0 });
    expect(unguarded.pairs.length).toBeGreaterThan(0);
    const along = unguarded.pairs[0]!;
    // The offset follows the bar (slope 0.3): aperture problem, not a copy.
    expect(Math.abs(along.dy / along.dx - 0.3)).toBeLessThan(0.1);
    expect(matchBlocks(bar(), params).pairs).toEqual([]);
  });

  it('ratio test and support threshold: a clean smooth surface gives no pair, the same surface with a copy gives one', () => {
    for (const seed of [12, 15, 29]) {
      const clean = workingLuma(smoothSurface(640, 480, seed), 512).image;
      expect(matchBlocks(clean, params).pairs).toEqual([]);
      const copied = workingLuma(withNoise(copyPatch(smoothSurface(640, 480, seed), { x: 60, y: 60, width: 120, height: 120 }, 420, 300), 1, 4), 512).image;
      const found = matchBlocks(copied, params).pairs;
      expect(found).toHaveLength(1);
      // 360, 240 input px at the 0.8 working scale.
      expect([found[0]!.dx, found[0]!.dy]).toEqual([288, 192]);
      expect(found[0]!.blocks).toBeGreaterThan(4 * params.minSupport);
    }
  });
});
