import { describe, expect, it } from 'vitest';
import { rotateGray180 } from '../../imaging/raster';
import { bestLines, readMrzFromImage } from './read';
import { renderTestZone, SPECIMEN_LINES } from './test-helpers';
import { degrade } from './training/degrade';
import { SeededRandom } from './training/random';

describe('readMrzFromImage', () => {
  for (const format of ['TD1', 'TD2', 'TD3'] as const) {
    it(`reads a clean ${format} zone exactly, with boxes on the glyphs`, async () => {
      const zone = await renderTestZone(SPECIMEN_LINES[format], { charHeight: 20, angle: 1.5 });
      const reading = readMrzFromImage(zone.image);
      expect(reading?.orientation).toBe(0);
      expect(bestLines(reading!.lines)).toEqual(SPECIMEN_LINES[format]);
      const first = reading!.lines[0]!.chars[0]!;
      const [x, y] = zone.starts[0]!;
      expect(x).toBeGreaterThan(first.box!.x);
      expect(x).toBeLessThan(first.box!.x + first.box!.width);
      expect(y).toBeGreaterThan(first.box!.y);
      expect(y).toBeLessThan(first.box!.y + first.box!.height);
      for (const line of reading!.lines) {
        for (const c of line.chars) {
          expect(c.candidates).toHaveLength(5);
          expect(c.candidates[0]!.score).toBeGreaterThanOrEqual(c.candidates[1]!.score);
        }
      }
    });
  }

  it('reads an upside-down zone and maps boxes back to the given image', async () => {
    const zone = await renderTestZone(SPECIMEN_LINES.TD1, { charHeight: 22 });
    const turned = rotateGray180(zone.image);
    const reading = readMrzFromImage(turned);
    expect(reading?.orientation).toBe(180);
    expect(bestLines(reading!.lines)).toEqual(SPECIMEN_LINES.TD1);
    const first = reading!.lines[0]!.chars[0]!.box!;
    const [x, y] = zone.starts[0]!;
    const [tx, ty] = [zone.image.width - x, zone.image.height - y];
    expect(tx).toBeGreaterThan(first.x);
    expect(tx).toBeLessThan(first.x + first.width);
    expect(ty).toBeGreaterThan(first.y);
    expect(ty).toBeLessThan(first.y + first.height);
  });

  it('reads 12 px glyphs after blur, noise and JPEG 50', async () => {
    const zone = await renderTestZone(SPECIMEN_LINES.TD3, { charHeight: 12, angle: -2 });
    const image = await degrade(zone.image, { blurSigma: 0.6, noiseSigma: 6, jpegQuality: 50 }, new SeededRandom(3));
    const reading = readMrzFromImage(image);
    expect(bestLines(reading!.lines)).toEqual(SPECIMEN_LINES.TD3);
  });

  it('returns null when there is no MRZ', () => {
    expect(readMrzFromImage({ width: 300, height: 200, data: new Uint8Array(300 * 200).fill(200) })).toBeNull();
  });
});
