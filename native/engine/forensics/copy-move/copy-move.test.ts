import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Box, ForensicIndicator, ForensicResult, GrayImage } from '../types';
import { detectCopyMove } from './index';
import { copyPatch, copyPatchWarped, naturalTexture, smoothSurface, tiledPattern, withNoise } from './test-images';

const W = 640;
const H = 480;
const SOURCE: Box = { x: 60, y: 60, width: 120, height: 120 };
const TARGET: Box = { ...SOURCE, x: 420, y: 300 };

const pairs = (r: ForensicResult) => r.indicators.filter((i) => i.kind === 'copy-move.pair');
const inBox = (x: number, y: number, b: Box) => x >= b.x && y >= b.y && x < b.x + b.width && y < b.y + b.height;
const iou = (a: Box, b: Box) => {
  const x0 = Math.max(a.x, b.x), y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width), y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return inter / (a.width * a.height + b.width * b.height - inter);
};
const transformOf = (i: ForensicIndicator) => i.attributes.transform as { rotationDegrees: number; scale: number; shift: { dx: number; dy: number } };

/** Pixel precision and recall of the map (cells read back at input pixels) against the union of `truth` boxes. */
function mapQuality(r: ForensicResult, truth: readonly Box[], width = W, height = H): { precision: number; recall: number } {
  const m = r.maps['copy-move']!;
  let tp = 0, fp = 0, fn = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = truth.some((b) => inBox(x, y, b));
      const o = m.data[Math.floor(y / m.cellSize) * m.width + Math.floor(x / m.cellSize)]! > 0.5;
      if (t && o) tp++;
      else if (o) fp++;
      else if (t) fn++;
    }
  }
  return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn) };
}

async function jpeg(image: GrayImage, quality: number): Promise<GrayImage> {
  const bytes = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 1 } }).jpeg({ quality }).toBuffer();
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

describe('copy-move detection on generated images', () => {
  const texture = naturalTexture(W, H, 7);

  it('finds a textured patch copied elsewhere (then JPEG q80), with both ends, the shift and a map of both regions', async () => {
    const image = await jpeg(withNoise(copyPatch(texture, SOURCE, TARGET.x, TARGET.y), 1, 3), 80);
    const r = await detectCopyMove(image);
    const found = pairs(r);
    expect(found).toHaveLength(1);
    const pair = found[0]!;
    expect(iou(pair.region!, SOURCE)).toBeGreaterThan(0.8);
    expect(iou(pair.attributes.target as Box, TARGET)).toBeGreaterThan(0.8);
    expect(transformOf(pair).shift.dx).toBeCloseTo(360, -1);
    expect(transformOf(pair).shift.dy).toBeCloseTo(240, -1);
    expect(pair.attributes.matched as number).toBeGreaterThanOrEqual(6);
    expect(pair.severity).toBe('warning');
    expect(r.score).toBe(pair.score);
    const q = mapQuality(r, [SOURCE, TARGET]);
    expect(q.precision).toBeGreaterThan(0.9);
    expect(q.recall).toBeGreaterThan(0.9);
  });

  it('finds a copy rotated by 5 degrees and scaled by 1.1 and recovers the transform', async () => {
    const warped = copyPatchWarped(texture, 120, 120, 120, 480, 340, 5, 1.1);
    const r = await detectCopyMove(await jpeg(withNoise(warped.image, 1, 3), 80));
    const found = pairs(r);
    expect(found).toHaveLength(1);
    const t = transformOf(found[0]!);
    expect(Math.abs(t.rotationDegrees - 5)).toBeLessThan(1);
    expect(Math.abs(t.scale - 1.1)).toBeLessThan(0.03);
    expect(iou(found[0]!.region!, SOURCE)).toBeGreaterThan(0.7);
    expect(iou(found[0]!.attributes.target as Box, warped.target)).toBeGreaterThan(0.7);
    // The truth box of the rotated square includes its bounding corners, so recall stays below 1.
    const q = mapQuality(r, [SOURCE, warped.target]);
    expect(q.precision).toBeGreaterThan(0.9);
    expect(q.recall).toBeGreaterThan(0.7);
  });

  it('finds a copy of a smooth, corner-free surface by block matching', async () => {
    const surface = smoothSurface(W, H, 11);
    const r = await detectCopyMove(await jpeg(withNoise(copyPatch(surface, SOURCE, TARGET.x, TARGET.y), 1, 4), 80));
    const found = pairs(r);
    expect(found).toHaveLength(1);
    expect(found[0]!.attributes.method).toBe('blocks');
    expect(transformOf(found[0]!).shift).toEqual({ dx: 360, dy: 240 });
    expect(iou(found[0]!.region!, SOURCE)).toBeGreaterThan(0.7);
    const q = mapQuality(r, [SOURCE, TARGET]);
    expect(q.precision).toBeGreaterThan(0.9);
    expect(q.recall).toBeGreaterThan(0.7);
  });

  it('reports no pair, score 0 and an empty map on clean textured and smooth images', async () => {
    for (const image of [withNoise(texture, 1, 3), smoothSurface(W, H, 11)]) {
      const r = await detectCopyMove(image);
      expect(r.indicators).toEqual([]);
      expect(r.score).toBe(0);
      expect(r.maps['copy-move']!.data.every((v) => v === 0)).toBe(true);
    }
  });

  it('reports a tiled pattern as a repeated pattern (info), not as copy-move pairs (known false-positive case)', async () => {
    const r = await detectCopyMove(tiledPattern(W, H, 96, 5));
    expect(pairs(r)).toEqual([]);
    const patterns = r.indicators.filter((i) => i.kind === 'copy-move.repeated-pattern');
    expect(patterns.length).toBeGreaterThanOrEqual(1);
    expect(patterns[0]!.severity).toBe('info');
    // Every offset found is a multiple of the 96 px period.
    for (const p of patterns[0]!.attributes.pairs as { shift: { dx: number; dy: number } }[]) {
      expect(Math.abs(p.shift.dx) % 96 < 3 || Math.abs(p.shift.dx) % 96 > 93).toBe(true);
      expect(Math.abs(p.shift.dy) % 96 < 3 || Math.abs(p.shift.dy) % 96 > 93).toBe(true);
    }
    expect(r.score).toBe(0);
    expect(r.maps['copy-move']!.data.every((v) => v === 0)).toBe(true);
  });

  it('reports regions in input pixels when the image is reduced to the working size', async () => {
    const big = naturalTexture(1600, 1200, 9);
    const from: Box = { x: 150, y: 150, width: 300, height: 300 };
    const to: Box = { ...from, x: 1050, y: 750 };
    const rgbOf = (g: GrayImage) => {
      const data = new Uint8Array(g.data.length * 3);
      for (let i = 0; i < g.data.length; i++) data.set([g.data[i]!, Math.max(0, g.data[i]! - 20), Math.min(255, g.data[i]! + 20)], 3 * i);
      return { width: g.width, height: g.height, data };
    };
    const r = await detectCopyMove(rgbOf(withNoise(copyPatch(big, from, to.x, to.y), 1, 5)));
    const found = pairs(r);
    expect(found).toHaveLength(1);
    expect(iou(found[0]!.region!, from)).toBeGreaterThan(0.8);
    expect(iou(found[0]!.attributes.target as Box, to)).toBeGreaterThan(0.8);
    expect(r.metrics.keypointWorkingSize).toEqual([1024, 768]);
    const map = r.maps['copy-move']!;
    expect(map.cellSize).toBe(4);
    expect([map.width, map.height]).toEqual([400, 300]);
    const q = mapQuality(r, [from, to], 1600, 1200);
    expect(q.precision).toBeGreaterThan(0.9);
    expect(q.recall).toBeGreaterThan(0.9);
  });

  it('gives the same result twice (deterministic) and states its parameters and timings', async () => {
    const image = withNoise(copyPatch(texture, SOURCE, TARGET.x, TARGET.y), 1, 3);
    const a = await detectCopyMove(image);
    const b = await detectCopyMove(image);
    expect(b.indicators).toEqual(a.indicators);
    expect(Array.from(b.maps['copy-move']!.data)).toEqual(Array.from(a.maps['copy-move']!.data));
    expect(a.metrics.parameters).toMatchObject({ keypointLongSide: 1024, blockSize: 16 });
    expect((a.metrics.timingsMs as { total: number }).total).toBeGreaterThan(0);
  });

  it('answers a tiny image with an info indicator and refuses a buffer that is neither RGB nor grey', async () => {
    const r = await detectCopyMove({ width: 40, height: 30, data: new Uint8Array(40 * 30) });
    expect(r.score).toBeNull();
    expect(r.indicators.map((i) => [i.kind, i.severity])).toEqual([['copy-move.too-small', 'info']]);
    await expect(detectCopyMove({ width: 100, height: 100, data: new Uint8Array(5) })).rejects.toThrow(RangeError);
    await expect(detectCopyMove({ width: 100, height: 100, data: new Uint8Array(100 * 100) }, { ratio: 2 })).rejects.toThrow(RangeError);
  });
});
