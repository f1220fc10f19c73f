import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontNames, isOcrBName } from './font-name';

// Debian's fonts-ocr-b (installed by scripts/bootstrap.sh for generating test documents) and a font that is not OCR-B.
const OCR_B = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

describe('font names', () => {
  it('reads the family of an OpenType font and recognises OCR-B', () => {
    const names = fontNames(readFileSync(OCR_B));
    expect(names).toMatchObject({ family: 'OCR B' });
    expect(isOcrBName('family' in names ? names.family : null)).toBe(true);
  });

  it('reads a TrueType font that is not OCR-B', () => {
    const names = fontNames(readFileSync(DEJAVU));
    expect(names).toMatchObject({ family: 'DejaVu Sans Mono' });
    expect(isOcrBName('family' in names ? names.family : null)).toBe(false);
  });

  it('tells other files and truncated fonts apart with a reason', () => {
    expect(fontNames(Buffer.from('hello world, not a font'))).toMatchObject({ failure: expect.stringMatching(/not an uncompressed/) });
    expect(fontNames(readFileSync(OCR_B).subarray(0, 20))).toMatchObject({ failure: expect.any(String) });
    expect(['OCR-B', 'OCRB', 'OCR B', 'OCR-B 10 BT', 'ocr_b'].every(isOcrBName)).toBe(true);
    expect(['OCR-A', 'Bocrb', 'Liberation Mono'].some(isOcrBName)).toBe(false);
  });
});
