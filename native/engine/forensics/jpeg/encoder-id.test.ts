import { describe, expect, it } from 'vitest';
import { identifyEncoder, IJG_CAVEAT, JPEG_SIGNATURES_VERSION, jpegSignatures } from './encoder-id';
import { ANNEX_K_CHROMINANCE, ANNEX_K_LUMINANCE, ijgScaleFactor, scaleIjgTable } from './standard-tables';
import { parseJpegStructure } from './structure';
import { makeJpeg } from './test-fixtures';

const tablesOf = async (options: Parameters<typeof makeJpeg>[0]) => {
  const s = parseJpegStructure(await makeJpeg(options));
  return { luma: s.componentTables[0]?.values ?? [], chroma: s.componentTables[1]?.values ?? null };
};

describe('jpeg-signatures.json', () => {
  it('holds the IJG tables for every quality, equal to the computed ones, and only distinct pairs', () => {
    const all = jpegSignatures();
    for (let q = 1; q <= 100; q++) {
      const entry = all.find((e) => e.family === 'ijg' && e.quality === q && !e.label.includes('16-bit'));
      expect(entry?.luma).toEqual(scaleIjgTable(ANNEX_K_LUMINANCE, ijgScaleFactor(q), true));
      expect(entry?.chroma).toEqual(scaleIjgTable(ANNEX_K_CHROMINANCE, ijgScaleFactor(q), true));
    }
    const keys = all.map((e) => `${e.luma.join(',')}|${e.chroma?.join(',') ?? '-'}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(JPEG_SIGNATURES_VERSION).toMatch(/^\d{4}\.\d+\.\d+\+[0-9a-f]{12}$/);
  });
});

describe('identifyEncoder', () => {
  it('names IJG-family tables with the caveat that many programs share them', async () => {
    const { luma, chroma } = await tablesOf({ quality: 75 });
    const id = identifyEncoder(luma, chroma);
    expect(id.exact.map((c) => [c.family, c.quality])).toEqual([['ijg', 75]]);
    expect(id.nearest[0]).toMatchObject({ family: 'ijg', quality: 75, distance: 0, exact: true, compared: 'luma+chroma' });
    expect(id.caveat).toBe(IJG_CAVEAT);
  });

  it('recognises sharp mozjpeg output as mozjpeg table 3 at its quality', async () => {
    const { luma, chroma } = await tablesOf({ quality: 80, mozjpeg: true });
    const id = identifyEncoder(luma, chroma);
    expect(id.exact[0]).toMatchObject({ family: 'mozjpeg', quality: 80 });
    expect(id.exact[0]?.label).toMatch(/quant table 3/);
    expect(id.caveat).toBeNull();
  });

  it('ranks the nearest tables by mean absolute difference when nothing matches exactly', () => {
    const luma = scaleIjgTable(ANNEX_K_LUMINANCE, ijgScaleFactor(75), true);
    const chroma = scaleIjgTable(ANNEX_K_CHROMINANCE, ijgScaleFactor(75), true);
    luma[0] = (luma[0] as number) + 3;
    chroma[63] = (chroma[63] as number) - 1;
    const id = identifyEncoder(luma, chroma, 3);
    expect(id.exact).toEqual([]);
    expect(id.nearest).toHaveLength(3);
    expect(id.nearest[0]).toMatchObject({ family: 'ijg', quality: 75, maxDifference: 3, exact: false });
    expect(id.nearest[0]?.distance).toBeCloseTo(4 / 128, 10);
    expect((id.nearest[1]?.distance ?? 0) >= (id.nearest[0]?.distance ?? 0)).toBe(true);
  });

  it('compares the luma table only for a grayscale image', () => {
    const id = identifyEncoder(scaleIjgTable(ANNEX_K_LUMINANCE, ijgScaleFactor(90), true), null);
    expect(id.exact[0]).toMatchObject({ family: 'ijg', quality: 90, compared: 'luma' });
  });
});
