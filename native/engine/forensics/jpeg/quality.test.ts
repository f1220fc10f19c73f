import { describe, expect, it } from 'vitest';
import { estimateJpegQuality, fitIjgQuality } from './quality';
import { ANNEX_K_CHROMINANCE, ANNEX_K_LUMINANCE, ijgScaleFactor, scaleIjgTable } from './standard-tables';
import { parseJpegStructure } from './structure';
import { makeJpeg, replaceQuantTables } from './test-fixtures';

const estimate = (bytes: Uint8Array) => estimateJpegQuality(parseJpegStructure(bytes));

describe('estimateJpegQuality', () => {
  it.each([50, 75, 90, 95])('recovers sharp quality %i exactly as IJG-scaled tables', async (quality) => {
    const q = estimate(await makeJpeg({ quality }));
    expect(q.overall).toEqual({ quality, sumAbsError: 0, meanAbsError: 0, exact: true });
    expect(q.tables.map((t) => [t.role, t.quality, t.exact])).toEqual([['luma', quality, true], ['chroma', quality, true]]);
    expect(q.linearScale).toBeNull();
  });

  it('gives the nearest quality with a residual for tables that are not IJG-scaled (mozjpeg)', async () => {
    const q = estimate(await makeJpeg({ quality: 80, mozjpeg: true }));
    expect(q.overall?.exact).toBe(false);
    expect(q.overall?.sumAbsError).toBeGreaterThan(0);
    // mozjpeg's default table 3 is near, not equal to, IJG at a similar setting.
    expect(Math.abs((q.overall?.quality ?? 0) - 80)).toBeLessThanOrEqual(10);
    expect(q.linearScale).toBeNull();
  });

  it('finds a linear IJG scale that no quality 1..100 produces', async () => {
    // 137 %: between quality 36 (5000/36 = 138 %) and 37 (135 %); no quality gives it.
    const jpeg = replaceQuantTables(await makeJpeg({ quality: 80 }), scaleIjgTable(ANNEX_K_LUMINANCE, 137, true), scaleIjgTable(ANNEX_K_CHROMINANCE, 137, true));
    const q = estimate(jpeg);
    expect(q.overall?.exact).toBe(false);
    expect(q.linearScale).toBe(137);
  });

  it('detects a one-step edit of an IJG table', async () => {
    const luma = scaleIjgTable(ANNEX_K_LUMINANCE, ijgScaleFactor(75), true);
    luma[63] = (luma[63] as number) + 1;
    const q = estimate(replaceQuantTables(await makeJpeg({ quality: 80 }), luma, scaleIjgTable(ANNEX_K_CHROMINANCE, ijgScaleFactor(75), true)));
    expect(q.overall).toMatchObject({ quality: 75, sumAbsError: 1, exact: false });
    expect(q.tables[0]).toMatchObject({ quality: 75, sumAbsError: 1, maxAbsError: 1, exact: false, exactQualities: [] });
  });
});

describe('fitIjgQuality', () => {
  it('inverts every quality 1..100 for both base tables', () => {
    for (let quality = 1; quality <= 100; quality++) {
      const scale = ijgScaleFactor(quality);
      expect(fitIjgQuality(scaleIjgTable(ANNEX_K_LUMINANCE, scale, true), 'luma', 8)).toMatchObject({ quality, exact: true });
      expect(fitIjgQuality(scaleIjgTable(ANNEX_K_CHROMINANCE, scale, true), 'chroma', 8).exactQualities).toContain(quality);
    }
  });

  it('lists every quality that gives the same clamped table', () => {
    // Chroma at quality 1, 2 and 3 is 255 everywhere once clamped to 8 bits (K.2's smallest step 17 x 16.66 > 255).
    const fit = fitIjgQuality(new Array<number>(64).fill(255), 'chroma', 8);
    expect(fit.exactQualities).toEqual([1, 2, 3]);
    expect(fit.quality).toBe(3);
  });

  it('uses the 16-bit range for 16-bit tables (libjpeg without force_baseline)', () => {
    const table = scaleIjgTable(ANNEX_K_LUMINANCE, ijgScaleFactor(10), false);
    expect(Math.max(...table)).toBeGreaterThan(255);
    expect(fitIjgQuality(table, 'luma', 16)).toMatchObject({ quality: 10, exact: true });
    expect(fitIjgQuality(table, 'luma', 8).exact).toBe(false);
  });
});
