import { beforeAll, describe, expect, it } from 'vitest';
import type { Box, RgbImage } from '../types';
import { analyzeGridShiftBytes } from './decode';
import { analyzeGridShift } from './grid-shift';
import { crop, decodeRgb, encodeJpeg, encodePng, splicedJpeg, syntheticScene } from './test-images';

const BOX: Box = { x: 203, y: 117, width: 160, height: 128 };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function gray(image: RgbImage): { width: number; height: number; data: Uint8Array } {
  const n = image.width * image.height;
  return { width: image.width, height: image.height, data: Uint8Array.from({ length: n }, (_, i) => Math.round(0.299 * image.data[3 * i]! + 0.587 * image.data[3 * i + 1]! + 0.114 * image.data[3 * i + 2]!)) };
}

describe('8x8 grid origin and shifted grids', () => {
  let scene: RgbImage;
  let aligned: RgbImage;
  let cropped: Uint8Array;
  let spliced: Uint8Array;
  beforeAll(async () => {
    scene = syntheticScene(12, 512, 384);
    aligned = await decodeRgb(await encodeJpeg(scene, 75));
    // Crop 3 columns from the left and 5 rows from the top after compression, then store losslessly.
    cropped = await encodePng(crop(aligned, 3, 5, 505, 379));
    spliced = await splicedJpeg({ seed: 13, width: 512, height: 384, box: BOX, hostQuality: 60, patchQuality: 60, finalQuality: 90 });
  });

  it('finds the grid of a decoded JPEG at (0, 0) and gives score 0', () => {
    const result = analyzeGridShift(aligned);
    expect(result.metrics.origin).toEqual({ x: 0, y: 0 });
    expect(result.score).toBe(0);
    expect(result.indicators.some((i) => i.kind === 'jpeg.grid.shifted')).toBe(false);
  });

  it('finds the crop offset (3, 5) of an image cropped after compression', async () => {
    const result = await analyzeGridShiftBytes(cropped);
    // Seams that were at x = 8k are now at x = 8k - 3 = 5 (mod 8), at y = 8k - 5 = 3 (mod 8).
    expect(result.metrics.origin).toEqual({ x: 5, y: 3 });
    expect(result.metrics.cropShift).toEqual({ x: 3, y: 5 });
    expect(result.score).toBeGreaterThanOrEqual(0.9);
    const indicator = result.indicators.find((i) => i.kind === 'jpeg.grid.shifted');
    expect(indicator?.attributes.cropShift).toEqual({ x: 3, y: 5 });
    expect(indicator?.summary).toMatch(/cropping by \(3, 5\)/);
  });

  it('finds no grid in an image that was never JPEG-compressed', () => {
    const result = analyzeGridShift(scene);
    expect(result.metrics.origin).toEqual({ x: null, y: null });
    expect(result.score).toBe(0);
    expect(result.indicators).toHaveLength(0);
  });

  it('gives the same origin from 8-bit gray as from RGB', async () => {
    const decoded = await decodeRgb(cropped);
    expect(analyzeGridShift(gray(decoded)).metrics.origin).toEqual({ x: 5, y: 3 });
  });

  it('reports a region over a patch pasted from another JPEG at a non-aligned offset', async () => {
    const result = await analyzeGridShiftBytes(spliced);
    expect(result.metrics.origin).toEqual({ x: 0, y: 0 });
    const regions = result.indicators.filter((i) => i.kind === 'jpeg.grid.shifted-region');
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.some((r) => r.region !== null && overlaps(r.region, BOX))).toBe(true);
    const map = result.maps['grid-misalignment']!;
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < map.height; y++) {
      for (let x = 0; x < map.width; x++) {
        const v = map.data[y * map.width + x]!;
        const cx = x * 8 + 4;
        const cy = y * 8 + 4;
        if (cx > BOX.x + 40 && cx < BOX.x + BOX.width - 40 && cy > BOX.y + 40 && cy < BOX.y + BOX.height - 40) inside = Math.max(inside, v);
        else if (cx < BOX.x - 48 || cx > BOX.x + BOX.width + 48 || cy < BOX.y - 48 || cy > BOX.y + BOX.height + 48) outside = Math.max(outside, v);
      }
    }
    expect(inside).toBeGreaterThan(0.3);
    expect(outside).toBe(0);
  });

  it('answers a tiny image with info', () => {
    const result = analyzeGridShift({ width: 32, height: 200, data: new Uint8Array(32 * 200) });
    expect(result.indicators[0]).toMatchObject({ kind: 'jpeg.grid.not-applicable', severity: 'info' });
  });
});
