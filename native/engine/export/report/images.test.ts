import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { colourMap, mapImage, orientUpright, rampColour } from './images';

describe('report images', () => {
  // 3 x 2 stored pixels, values 1..6 row by row.
  const levels = Uint8Array.from([1, 2, 3, 4, 5, 6]);

  it('turns a map upright as EXIF orientation says', () => {
    expect(orientUpright(levels, 3, 2, 1)).toEqual({ levels, width: 3, height: 2 });
    expect(Array.from(orientUpright(levels, 3, 2, 2).levels)).toEqual([3, 2, 1, 6, 5, 4]); // mirrored
    expect(Array.from(orientUpright(levels, 3, 2, 3).levels)).toEqual([6, 5, 4, 3, 2, 1]); // 180°
    // Orientation 6: the stored image is turned 90° clockwise to stand upright: 2 x 3, the first column is the bottom row.
    const six = orientUpright(levels, 3, 2, 6);
    expect([six.width, six.height]).toEqual([2, 3]);
    expect(Array.from(six.levels)).toEqual([4, 1, 5, 2, 6, 3]);
    const eight = orientUpright(levels, 3, 2, 8);
    expect(Array.from(eight.levels)).toEqual([3, 6, 2, 5, 1, 4]);
  });

  it('colours the suspicious end bright and opaque, leaves the other end to the background', () => {
    expect(rampColour(0).alpha).toBe(0);
    expect(rampColour(1)).toEqual({ rgb: [252, 255, 164], alpha: 1 });
    const high = colourMap(Uint8Array.from([0, 255]), null, true);
    expect(Array.from(high.subarray(0, 3))).toEqual([255, 255, 255]);
    expect(Array.from(high.subarray(3, 6))).toEqual([252, 255, 164]);
    // Lower-is-suspicious maps are read the other way round.
    const low = colourMap(Uint8Array.from([0, 255]), null, false);
    expect(Array.from(low.subarray(0, 3))).toEqual([252, 255, 164]);
    expect(Array.from(low.subarray(3, 6))).toEqual([255, 255, 255]);
  });

  it('draws a stored map over the thumbnail at the thumbnail size, cells kept sharp', async () => {
    const map = await sharp(Buffer.from([0, 255, 0, 0]), { raw: { width: 2, height: 2, channels: 1 } }).png().toBuffer();
    const thumb = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const image = await mapImage(map, 1, true, thumb);
    expect([image.mime, image.width, image.height]).toEqual(['image/png', 200, 100]);
    const { data } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => Array.from(data.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3));
    expect(at(150, 20)).toEqual([252, 255, 164]); // the suspicious cell, top right
    expect(at(20, 20)[0]).toBe(at(20, 20)[2]); // grey background elsewhere
  });
});
