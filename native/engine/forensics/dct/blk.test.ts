import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../tests/fixtures/prng';
import type { Box, GrayImage, RgbImage } from '../types';
import { analyzeBlockArtifactGrid } from './blk';
import { analyzeBlockArtifactGridBytes } from './decode';
import { decodeRgb, encodeJpeg, splicedJpeg, syntheticScene } from './test-images';

const BOX: Box = { x: 203, y: 117, width: 160, height: 128 };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * A gray image made of 8x8 tiles with random flat offsets (a pure block grid, as coarse JPEG quantization
 * leaves it) over a smooth ramp; inside `shifted` the tiles start at (+4, +4), a grid shifted by half a block.
 */
function tiledImage(width: number, height: number, shifted: Box): GrayImage {
  const random = mulberry32(11);
  const offsets = Float64Array.from({ length: 1024 * 1024 }, () => random() * 12 - 6);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= shifted.x && x < shifted.x + shifted.width && y >= shifted.y && y < shifted.y + shifted.height;
      const tx = inside ? (x + 4) >> 3 : x >> 3;
      const ty = inside ? (y + 4) >> 3 : y >> 3;
      const value = 90 + x * 0.1 + y * 0.05 + offsets[(ty + (inside ? 512 : 0)) * 1024 + tx]!;
      data[y * width + x] = Math.round(value);
    }
  }
  return { width, height, data };
}

function meanOver(result: ReturnType<typeof analyzeBlockArtifactGrid>, box: Box, inside: boolean): number {
  const map = result.maps.blk!;
  let sum = 0;
  let n = 0;
  for (let y = 0; y < map.height; y++) {
    for (let x = 0; x < map.width; x++) {
      const x0 = x * 8;
      const y0 = y * 8;
      const within = x0 >= box.x + 16 && x0 + 8 <= box.x + box.width - 16 && y0 >= box.y + 16 && y0 + 8 <= box.y + box.height - 16;
      const clear = x0 + 8 < box.x - 24 || x0 > box.x + box.width + 24 || y0 + 8 < box.y - 24 || y0 > box.y + box.height + 24;
      if (inside ? within : clear) {
        sum += map.data[y * map.width + x]!;
        n++;
      }
    }
  }
  return sum / n;
}

describe('BLK block artifact grid', () => {
  let spliced: Uint8Array;
  let single75: RgbImage;
  beforeAll(async () => {
    spliced = await splicedJpeg({ seed: 8, width: 512, height: 384, box: BOX, hostQuality: 60, patchQuality: 60, finalQuality: 90 });
    single75 = await decodeRgb(await encodeJpeg(syntheticScene(9, 512, 384), 75));
  });

  it('scores tiles on the image grid low and tiles shifted by half a block high', () => {
    const shifted: Box = { x: 160, y: 96, width: 192, height: 160 };
    const result = analyzeBlockArtifactGrid(tiledImage(512, 384, shifted));
    const inside = meanOver(result, shifted, true);
    const outside = meanOver(result, shifted, false);
    expect(outside).toBeLessThan(0);
    expect(inside).toBeGreaterThan(0);
    const region = result.indicators.find((i) => i.kind === 'jpeg.blk.inconsistent-region');
    expect(region?.region && overlaps(region.region, shifted)).toBe(true);
  });

  it('lights up a patch pasted from another JPEG at a non-aligned offset', async () => {
    const result = await analyzeBlockArtifactGridBytes(spliced);
    const inside = meanOver(result, BOX, true);
    const outside = meanOver(result, BOX, false);
    expect(inside - outside).toBeGreaterThan(200);
    const regions = result.indicators.filter((i) => i.kind === 'jpeg.blk.inconsistent-region');
    expect(regions.some((r) => r.region !== null && overlaps(r.region, BOX))).toBe(true);
    const map = result.maps.blk!;
    expect([map.width, map.height, map.cellSize]).toEqual([64, 48, 8]);
  });

  it('reports no region on a single compression', () => {
    const result = analyzeBlockArtifactGrid(single75);
    expect(result.indicators.filter((i) => i.kind === 'jpeg.blk.inconsistent-region')).toHaveLength(0);
    expect(result.score).toBeNull();
  });

  it('treats a gray image as R = G = B, and answers tiny or undecodable input with info', async () => {
    const gray = tiledImage(96, 80, { x: 0, y: 0, width: 0, height: 0 });
    const rgb: RgbImage = { width: 96, height: 80, data: Uint8Array.from({ length: 96 * 80 * 3 }, (_, i) => gray.data[Math.floor(i / 3)]!) };
    expect(Array.from(analyzeBlockArtifactGrid(gray).maps.blk!.data)).toEqual(Array.from(analyzeBlockArtifactGrid(rgb).maps.blk!.data));
    expect(analyzeBlockArtifactGrid({ width: 40, height: 40, data: new Uint8Array(1600) }).indicators[0]).toMatchObject({ kind: 'jpeg.blk.not-applicable', severity: 'info' });
    const broken = await analyzeBlockArtifactGridBytes(new Uint8Array([1, 2, 3, 4, 5]));
    expect(broken.indicators[0]).toMatchObject({ kind: 'jpeg.blk.not-applicable', severity: 'info' });
  });
});
