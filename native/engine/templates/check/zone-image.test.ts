import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../../imaging/raster';
import { darkBandGrey } from './zone-image';

/** A 40 x 10 image: `band` colour everywhere, `ink` in columns 10-29 of rows 3-6. */
function zone(band: [number, number, number], ink: [number, number, number]): RgbImage {
  const width = 40, height = 10;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(y >= 3 && y <= 6 && x >= 10 && x < 30 ? ink : band, (y * width + x) * 3);
  return { width, height, data };
}

describe('zone pixels for OCR', () => {
  it('sends light print on a dark band as its widest-contrast channel, inverted to dark on light', () => {
    const grey = darkBandGrey(zone([30, 50, 80], [230, 110, 90]), 0, 0, 40, 10)!;
    expect(grey).not.toBeNull();
    // The red channel spreads most (230 vs 30): the band becomes light (225), the print dark (25).
    expect(grey[0]).toBe(225);
    expect(grey[3 * 40 + 15]).toBe(25);
  });

  it('leaves dark print on light paper alone', () => {
    expect(darkBandGrey(zone([235, 230, 220], [20, 20, 30]), 0, 0, 40, 10)).toBeNull();
  });

  it('reads only the sub-rectangle it is given', () => {
    const image = zone([30, 50, 80], [230, 110, 90]);
    const grey = darkBandGrey(image, 5, 2, 30, 6)!;
    expect(grey).toHaveLength(30 * 6);
    expect(grey[0]).toBe(225); // (5, 2): band
    expect(grey[1 * 30 + 5]).toBe(25); // (10, 3): print
    // Print alone is not a dark band.
    expect(darkBandGrey(image, 10, 3, 20, 4)).toBeNull();
  });
});
