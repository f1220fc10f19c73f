import { afterAll, describe, expect, it } from 'vitest';
import { createOcrService } from './ocr-service';
import { locateOcrDataDir, readOcrManifest } from './ocr-data';
import { renderTextPng } from './test-support/render-text';

// One service for the file: starting a worker costs ~0.5–1 s, each recognition of these small images
// well under a second on the 2-core test machine.
const service = createOcrService({ poolSize: 1 });
afterAll(() => service.terminate());

describe('OCR service', () => {
  it('reads Serbian Latin diacritics and Cyrillic with line and word boxes', async () => {
    // Scripts on separate rows: with srp_latn + srp loaded, Tesseract may read a row that mixes Latin
    // and Cyrillic words entirely in one script.
    const image = await renderTextPng(900, 220, [
      { text: 'ĐORĐEVIĆ ŽELJKO', x: 40, y: 70, size: 34, bold: true },
      { text: 'Šabac Čačak', x: 520, y: 70, size: 30 },
      { text: 'Датум рођења', x: 40, y: 150, size: 30 },
    ]);
    const result = await service.recognize(image, { langs: ['srp_latn', 'srp'], psm: 'sparse' });
    expect(result.text).toContain('ĐORĐEVIĆ');
    expect(result.text).toContain('ŽELJKO');
    expect(result.text).toContain('Датум рођења');
    expect(result.text).toContain('Čačak');
    const surname = result.words.find((word) => word.text === 'ĐORĐEVIĆ');
    expect(surname?.confidence).toBeGreaterThan(70);
    // The word starts at x = 40 and its caps are ~25 px tall above the baseline at y = 70.
    expect(surname?.box.x).toBeGreaterThanOrEqual(35);
    expect(surname?.box.x).toBeLessThanOrEqual(45);
    expect(surname?.box.y).toBeGreaterThanOrEqual(35);
    expect(surname?.box.y).toBeLessThanOrEqual(50);
    expect(result.lines.length).toBeGreaterThanOrEqual(2);
    expect(result.timings.recognizeMs).toBeGreaterThan(0);
  });

  it('records engine provenance with the manifest checksums', async () => {
    const image = await renderTextPng(600, 120, [{ text: 'Place of birth', x: 30, y: 70, size: 30 }]);
    const result = await service.recognize(image, { langs: ['eng'] });
    expect(result.text.trim()).toBe('Place of birth');
    const manifest = readOcrManifest(locateOcrDataDir());
    const eng = manifest.files.find((file) => file.language === 'eng');
    expect(result.engine).toMatchObject({ name: 'tesseract.js', version: '7.0.0', oem: 'LSTM_ONLY', psm: 'auto' });
    expect(result.engine.langs).toEqual([{ language: 'eng', file: 'eng.traineddata', sha256: eng?.sha256, size: eng?.size, source: eng?.source }]);
    expect(result.engine.tesseractVersion).toMatch(/^5\./);
    expect((await service.provenance(['hrv'])).langs[0]?.source.package).toBe('tesseract-ocr-hrv');
  });

  it('recognises only the rectangle, reporting full-image coordinates', async () => {
    const image = await renderTextPng(800, 200, [
      { text: 'LEFT', x: 40, y: 120, size: 40, bold: true },
      { text: 'RIGHT', x: 500, y: 120, size: 40, bold: true },
    ]);
    const result = await service.recognize(image, { langs: ['eng'], psm: 'line', rectangle: { x: 450, y: 50, width: 330, height: 100 } });
    expect(result.text.trim()).toBe('RIGHT');
    expect(result.words[0]?.box.x).toBeGreaterThanOrEqual(495);
  });

  it('keeps idle workers per language set instead of reloading models on every switch', async () => {
    const image = await renderTextPng(400, 100, [{ text: 'ZONE 42', x: 20, y: 65, size: 32, bold: true }]);
    // One place to recognise, two workers kept: alternating languages loads each set once.
    const kept = createOcrService({ poolSize: 1, maxWorkers: 2 });
    try {
      for (const langs of [['eng'], ['eng', 'hrv'], ['eng'], ['eng', 'hrv'], ['eng']]) {
        expect((await kept.recognize(image, { langs, psm: 'line' })).text.trim()).toBe('ZONE 42');
      }
      expect(kept.poolStats()).toEqual({ workersStarted: 2, languageSwitches: 0, liveWorkers: 2 });
    } finally {
      await kept.terminate();
    }
    // One worker only: every change of language set reloads the models; queued calls for the languages the
    // worker holds go first.
    const single = createOcrService({ poolSize: 1, maxWorkers: 1 });
    try {
      for (const langs of [['eng'], ['eng', 'hrv'], ['eng']]) await single.recognize(image, { langs, psm: 'line' });
      expect(single.poolStats()).toMatchObject({ workersStarted: 1, languageSwitches: 2 });
      // The first switches to eng+hrv; the queued eng+hrv call then runs before the eng one: 2 switches, not 3.
      await Promise.all([['eng', 'hrv'], ['eng'], ['eng', 'hrv']].map((langs) => single.recognize(image, { langs, psm: 'line' })));
      expect(single.poolStats()).toMatchObject({ workersStarted: 1, languageSwitches: 4 });
    } finally {
      await single.terminate();
    }
  });

  it('refuses languages that are not installed, and calls after terminate', async () => {
    await expect(service.recognize(Buffer.alloc(0), { langs: ['deu'] })).rejects.toThrow(/"deu" is not installed/);
    const other = createOcrService({ poolSize: 1 });
    await other.terminate();
    const image = await renderTextPng(200, 80, [{ text: 'X', x: 20, y: 50, size: 30 }]);
    await expect(other.recognize(image)).rejects.toThrow(/terminated/);
  });
});
