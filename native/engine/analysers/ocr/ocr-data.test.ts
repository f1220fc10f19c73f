import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateOcrDataDir, OCR_DATA_DIR_ENV, readOcrManifest, verifyOcrData, type OcrDataManifest } from './ocr-data';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A data folder with two fake traineddata files and a manifest that describes them. */
function fakeDataDir(): { dir: string; manifest: OcrDataManifest } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'caselens-ocrdata-'));
  dirs.push(dir);
  const files = ['eng', 'srp'].map((language) => {
    const content = Buffer.from(`fake ${language} model`);
    writeFileSync(path.join(dir, `${language}.traineddata`), content);
    return {
      language,
      file: `${language}.traineddata`,
      source: { kind: 'debian' as const, package: `tesseract-ocr-${language}`, version: '1:4.1.0-2', path: `/usr/share/${language}.traineddata` },
      sha256: createHash('sha256').update(content).digest('hex'),
      size: content.length,
    };
  });
  const manifest: OcrDataManifest = { schema: 1, scheme: 'plain-traineddata', models: 'lstm', files };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, manifest };
}

describe('OCR data manifest verification', () => {
  it('accepts files that match and names each kind of mismatch', async () => {
    const { dir, manifest } = fakeDataDir();
    expect(readOcrManifest(dir)).toEqual(manifest);
    expect(await verifyOcrData(dir, manifest)).toEqual([]);

    writeFileSync(path.join(dir, 'eng.traineddata'), 'fake ENG model'); // same size, other bytes
    rmSync(path.join(dir, 'srp.traineddata'));
    const problems = await verifyOcrData(dir, manifest, ['eng', 'srp', 'mkd']);
    expect(problems.map((p) => [p.language, p.problem])).toEqual([
      ['eng', 'sha256'],
      ['srp', 'missing'],
      ['mkd', 'not-in-manifest'],
    ]);
    writeFileSync(path.join(dir, 'eng.traineddata'), 'truncated');
    expect((await verifyOcrData(dir, manifest, ['eng']))[0]?.problem).toBe('size');
  });

  it('refuses a file that is not a manifest', () => {
    const { dir } = fakeDataDir();
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ schema: 2, files: [] }));
    expect(() => readOcrManifest(dir)).toThrow(/not an OCR data manifest/);
  });

  it('locates resources/ocr from source, or where the environment says', () => {
    const { dir } = fakeDataDir();
    const saved = process.env[OCR_DATA_DIR_ENV];
    try {
      process.env[OCR_DATA_DIR_ENV] = dir;
      expect(locateOcrDataDir()).toBe(dir);
      delete process.env[OCR_DATA_DIR_ENV];
      expect(locateOcrDataDir()).toBe(path.resolve(__dirname, '../../../../resources/ocr'));
    } finally {
      if (saved === undefined) delete process.env[OCR_DATA_DIR_ENV];
      else process.env[OCR_DATA_DIR_ENV] = saved;
    }
  });

  it('the installed resources/ocr matches its manifest', async () => {
    const dir = locateOcrDataDir();
    const manifest = readOcrManifest(dir);
    expect(manifest.files.map((file) => file.language)).toEqual(['eng', 'srp', 'srp_latn', 'mkd', 'sqi', 'bos', 'hrv', 'slv']);
    expect(await verifyOcrData(dir, manifest)).toEqual([]);
  });
});
