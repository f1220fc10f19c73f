/**
 * The TypeScript reader on its own (it is the only reader where the addon is not built): known
 * coefficients of images whose DCT is known in closed form.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readDctCoefficientsTs } from './index';

describe('TypeScript JPEG DCT reader', () => {
  it('reads the DC term of a uniform grey image as (level - 128) * 8 / q, and no AC energy', async () => {
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 160, g: 160, b: 160 } } })
      .jpeg({ quality: 90, chromaSubsampling: '4:2:0' })
      .toBuffer();
    const dct = readDctCoefficientsTs(bytes);
    expect(dct.width).toBe(64);
    expect(dct.progressive).toBe(false);
    const [y, cb] = dct.components;
    expect([y!.h, y!.v, cb!.h, cb!.v]).toEqual([2, 2, 1, 1]);
    expect([y!.widthInBlocks, y!.heightInBlocks, cb!.widthInBlocks, cb!.heightInBlocks]).toEqual([8, 6, 4, 3]);
    // IJG quality 90 scales the Annex K luminance DC step 16 to 3.
    expect(y!.quantTable[0]).toBe(3);
    const expectedDc = Math.round(((160 - 128) * 8) / 3);
    for (let block = 0; block < y!.widthInBlocks * y!.heightInBlocks; block++) {
      expect(y!.coefficients[block * 64]).toBe(expectedDc);
      for (let k = 1; k < 64; k++) expect(y!.coefficients[block * 64 + k]).toBe(0);
    }
    // Neutral grey has no chroma: Cb DC is 0.
    expect(cb!.coefficients[0]).toBe(0);
  });

  it('puts a horizontal cosine into the first horizontal AC coefficient', async () => {
    const width = 8;
    const pixels = Buffer.alloc(width * 8);
    // A half-period cosine across the block: basis function u = 1 of the 8-point DCT.
    for (let y = 0; y < 8; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = Math.round(128 + 60 * Math.cos(((2 * x + 1) * Math.PI) / 16));
    const bytes = await sharp(pixels, { raw: { width, height: 8, channels: 1 } }).jpeg({ quality: 100 }).toBuffer();
    const [y] = readDctCoefficientsTs(bytes).components;
    const coefficients = Array.from(y!.coefficients.subarray(0, 64));
    const largest = coefficients.map((c, i) => [Math.abs(c), i] as const).sort((a, b) => b[0] - a[0])[0]!;
    expect(largest[1]).toBe(1);
    expect(Math.abs(coefficients[8]!)).toBeLessThanOrEqual(1);
  });
});
