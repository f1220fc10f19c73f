import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { pasted, sceneRgb } from '../../../../tests/fixtures/forensic-scenes';
import type { Box, ForensicResult, RgbImage } from '../types';
import { analyseMetadata } from './index';
import { cameraJpeg, cameraThumbnail, encodeRgb, withMpfImage } from './test-fixtures';

const CAMERA = { make: 'Canon', model: 'Canon EOS 90D', dateTimeOriginal: '2024:03:12 10:00:00' } as const;

async function analyse(bytes: Uint8Array, rgb: RgbImage): Promise<ForensicResult> {
  return analyseMetadata(bytes, { width: rgb.width, height: rgb.height, rgb });
}

const find = (r: ForensicResult, kind: string) => r.indicators.find((i) => i.kind === kind);
const flaggedKinds = (r: ForensicResult) => r.indicators.filter((i) => i.severity !== 'info').map((i) => i.kind);

/** Thumbnail of `rgb` turned upright for EXIF orientation 6 (90° clockwise), as some software writes it. */
async function uprightThumbnail(rgb: RgbImage): Promise<Uint8Array> {
  const turned = await sharp(Buffer.from(rgb.data), { raw: { width: rgb.width, height: rgb.height, channels: 3 } }).rotate(90).raw().toBuffer({ resolveWithObject: true });
  return cameraThumbnail({ width: turned.info.width, height: turned.info.height, data: new Uint8Array(turned.data) }, { width: 120, height: 160 });
}

describe('IFD1 thumbnail against the main image', () => {
  it('a thumbnail of another picture is a warning with the measured difference', async () => {
    const main = await sceneRgb(31, 800, 600);
    const other = await sceneRgb(131, 800, 600);
    const r = await analyse(await cameraJpeg({ rgb: main, ...CAMERA, thumbnail: await cameraThumbnail(other) }), main);
    const t = find(r, 'metadata.thumbnail-content');
    expect(t?.severity).toBe('warning');
    expect(Number(t?.attributes.normalisedResidual)).toBeGreaterThan(0.3);
    expect(t?.summary).toMatch(/normalised residual \d\.\d{3}/);
    expect(r.score).toBe(t?.score);
  });

  it('a region edited after the thumbnail was written is a warning located on the edit', async () => {
    const original = await sceneRgb(32, 800, 600);
    const donor = await sceneRgb(132, 800, 600);
    const box: Box = { x: 480, y: 150, width: 220, height: 260 }; // 12 % of the frame, a portrait-sized patch
    const edited = pasted(original, donor, box);
    const r = await analyse(await cameraJpeg({ rgb: edited, ...CAMERA, thumbnail: await cameraThumbnail(original) }), edited);
    const t = find(r, 'metadata.thumbnail-content');
    expect(t?.severity).toBe('warning');
    const region = t?.region;
    expect(region).not.toBeNull();
    const cx = (region?.x ?? 0) + (region?.width ?? 0) / 2;
    const cy = (region?.y ?? 0) + (region?.height ?? 0) / 2;
    expect(cx).toBeGreaterThan(box.x);
    expect(cx).toBeLessThan(box.x + box.width);
    expect(cy).toBeGreaterThan(box.y);
    expect(cy).toBeLessThan(box.y + box.height);
  });

  it('a crop after the thumbnail was written is a shape warning', async () => {
    const original = await sceneRgb(33, 800, 600);
    const cropped: RgbImage = { width: 800, height: 450, data: original.data.slice(75 * 800 * 3, 525 * 800 * 3) };
    const r = await analyse(await cameraJpeg({ rgb: cropped, ...CAMERA, thumbnail: await cameraThumbnail(original) }), cropped);
    const t = find(r, 'metadata.thumbnail-shape');
    expect(t?.severity).toBe('warning');
    expect(t?.score).toBeCloseTo(1, 1); // 4:3 thumbnail, 16:9 image: the full-scale shape difference
  });

  it('follows the orientation tag: stored and upright-written thumbnails both match', async () => {
    const stored = await sceneRgb(34, 600, 400);
    const asCamera = await analyse(await cameraJpeg({ rgb: stored, ...CAMERA, orientation: 6 }), stored);
    expect(flaggedKinds(asCamera)).toEqual([]);
    expect(find(asCamera, 'metadata.thumbnail-consistent')?.attributes.reading).toBe('stored');
    const upright = await analyse(await cameraJpeg({ rgb: stored, ...CAMERA, orientation: 6, thumbnail: await uprightThumbnail(stored) }), stored);
    expect(flaggedKinds(upright)).toEqual([]);
    expect(find(upright, 'metadata.thumbnail-consistent')?.attributes.reading).toBe('upright');
    // Without the orientation tag the same upright thumbnail has the wrong shape.
    const untagged = await analyse(await cameraJpeg({ rgb: stored, ...CAMERA, thumbnail: await uprightThumbnail(stored) }), stored);
    expect(flaggedKinds(untagged)).toEqual(['metadata.thumbnail-shape']);
  });

  it('genuine thumbnails stay quiet and pasted regions of 10 % are found, over several scenes', async () => {
    const quiet: number[] = [];
    const found: number[] = [];
    for (const seed of [41, 42, 43, 44]) {
      const original = await sceneRgb(seed, 640, 480);
      const genuine = await analyse(await cameraJpeg({ rgb: original, ...CAMERA }), original);
      quiet.push(flaggedKinds(genuine).length);
      const edited = pasted(original, await sceneRgb(seed + 100, 640, 480), { x: 330, y: 120, width: 202, height: 152 });
      const r = await analyse(await cameraJpeg({ rgb: edited, ...CAMERA, thumbnail: await cameraThumbnail(original) }), edited);
      found.push(find(r, 'metadata.thumbnail-content') ? 1 : 0);
    }
    expect(quiet).toEqual([0, 0, 0, 0]);
    expect(found).toEqual([1, 1, 1, 1]);
  });

  it('a global tone edit (gamma, brightness with clipping) or a JPEG re-save keeps the thumbnail consistent', async () => {
    const original = await sceneRgb(37, 640, 480);
    const raw = { raw: { width: 640, height: 480, channels: 3 as const } };
    const thumbnail = await cameraThumbnail(original);
    for (const edit of [(p: Sharp) => p.gamma(2.2, 1), (p: Sharp) => p.modulate({ brightness: 1.3 })]) {
      const { data } = await edit(sharp(Buffer.from(original.data), raw)).raw().toBuffer({ resolveWithObject: true });
      const toned: RgbImage = { width: 640, height: 480, data: new Uint8Array(data) };
      const r = await analyse(await cameraJpeg({ rgb: toned, ...CAMERA, thumbnail }), toned);
      expect(flaggedKinds(r)).toEqual([]);
    }
    const resaved = await analyse(await cameraJpeg({ rgb: original, ...CAMERA, thumbnail, quality: 40 }), original);
    expect(flaggedKinds(resaved)).toEqual([]);
  });

  it('reports an undecodable thumbnail as info', async () => {
    const main = await sceneRgb(35, 320, 240);
    const r = await analyse(await cameraJpeg({ rgb: main, ...CAMERA, thumbnail: Uint8Array.of(0xff, 0xd8, 0xff, 0xdb, 0, 4, 1, 2) }), main);
    expect(find(r, 'metadata.thumbnail-unreadable')?.severity).toBe('info');
    expect(flaggedKinds(r)).toEqual([]);
  });
});

describe('MPF previews', () => {
  it('compares a large-thumbnail preview and skips images of undefined type (gain maps, depth)', async () => {
    const main = await sceneRgb(36, 960, 720);
    const other = await encodeRgb(await sceneRgb(136, 640, 480), 85);
    const base = await cameraJpeg({ rgb: main, ...CAMERA });
    const preview = await analyse(withMpfImage(base, other, 0x010002), main);
    const t = find(preview, 'metadata.thumbnail-content');
    expect(t?.severity).toBe('warning');
    expect(t?.summary).toContain('MPF image 2 (large thumbnail (full HD equivalent))');
    expect(find(preview, 'metadata.thumbnail-consistent')?.attributes.source).toBe('ifd1');

    const gainMap = await analyse(withMpfImage(base, other, 0), main);
    expect(flaggedKinds(gainMap)).toEqual([]);
    expect(gainMap.metrics.previewsNotCompared).toEqual([{ index: 2, type: 'undefined' }]);

    const samePicture = await analyse(withMpfImage(base, await encodeRgb(await (async () => {
      const { data, info } = await sharp(Buffer.from(main.data), { raw: { width: 960, height: 720, channels: 3 } }).resize(640, 480).raw().toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, data: new Uint8Array(data) };
    })(), 85), 0x010002), main);
    expect(flaggedKinds(samePicture)).toEqual([]);
  });
});
