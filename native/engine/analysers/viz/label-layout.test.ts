import { describe, expect, it } from 'vitest';
import type { OcrLine, OcrWord } from '../ocr/ocr-types';
import { extractVizFields } from './extract-fields';
import { findLabelGroups } from './label-layout';
import { LABEL_PHRASES, matchLabel } from './label-vocabulary';
import { foldForMatch } from './text-fold';
import { VIZ_FIELD_NAMES } from './viz-types';

/** A line from `[text, x]` pairs at one baseline; each character is `height * 0.6` wide. */
function line(y: number, height: number, words: readonly (readonly [string, number])[], confidence = 90): OcrLine {
  const ocrWords: OcrWord[] = words.map(([text, x]) => ({ text, confidence, box: { x, y, width: Math.round(text.length * height * 0.6), height } }));
  const x0 = Math.min(...ocrWords.map((w) => w.box.x));
  const x1 = Math.max(...ocrWords.map((w) => w.box.x + w.box.width));
  return { text: words.map(([text]) => text).join(' '), confidence, box: { x: x0, y, width: x1 - x0, height }, words: ocrWords };
}

/** Consecutive words starting at x with one space (0.4 heights) between them. */
function words(text: string, x: number, height: number): [string, number][] {
  const out: [string, number][] = [];
  let cursor = x;
  for (const word of text.split(' ')) {
    out.push([word, cursor]);
    cursor += Math.round(word.length * height * 0.6 + height * 0.4);
  }
  return out;
}

describe('label vocabulary', () => {
  it('covers every field in English, Serbian Latin and Cyrillic, Macedonian, Albanian, Bosnian, Croatian and Slovenian', () => {
    for (const field of VIZ_FIELD_NAMES) {
      const languages = new Set(LABEL_PHRASES.filter((phrase) => phrase.field === field).map((phrase) => phrase.language));
      expect([...languages].sort(), field).toEqual(['bs', 'en', 'hr', 'mk', 'sl', 'sq', 'sr-Cyrl', 'sr-Latn']);
    }
  });

  it('folds case, diacritics and Cyrillic look-alikes', () => {
    expect(foldForMatch('Datum rođenja:')).toBe('datumrodenja');
    expect(foldForMatch('Shtetësia')).toBe('shtetesia');
    // "Презиме" OCR'd with Latin p/e/m folds like the Cyrillic original.
    expect(foldForMatch('Пpeзиme')).toBe(foldForMatch('Презиме'));
  });

  it('matches labels with an OCR error or two, but short labels only exactly', () => {
    expect(matchLabel(foldForMatch('Surnarne'))?.phrase.field).toBe('surname');
    expect(matchLabel(foldForMatch('Dale of birth'))?.phrase.field).toBe('dateOfBirth');
    expect(matchLabel(foldForMatch('Drzavljanstvo'))?.phrase.field).toBe('nationality');
    expect(matchLabel(foldForMatch('Mbiemri'))?.phrase.language).toBe('sq');
    expect(matchLabel(foldForMatch('Priimek'))?.phrase.language).toBe('sl');
    expect(matchLabel(foldForMatch('Pol'))?.phrase.field).toBe('sex');
    expect(matchLabel(foldForMatch('Pot'))).toBeNull();
    expect(matchLabel(foldForMatch('Nom'))).toBeNull();
  });
});

describe('label groups', () => {
  it('joins labels and unknown translations separated by "/" into one group', () => {
    const groups = findLabelGroups([line(100, 12, words('Surname / Nom', 300, 12)), line(160, 12, words('Prezime/Surname', 300, 12))]);
    expect(groups.map((g) => [g.field, g.words.map((w) => w.text).join(' ')])).toEqual([
      ['surname', 'Surname / Nom'],
      ['surname', 'Prezime / Surname'],
    ]);
  });

  it('keeps side-by-side labels on one OCR line apart', () => {
    const groups = findLabelGroups([line(100, 12, [...words('Date of birth', 300, 12), ...words('Sex', 640, 12)])]);
    expect(groups.map((g) => g.field)).toEqual(['dateOfBirth', 'sex']);
  });
});

describe('extractVizFields (synthetic layout)', () => {
  it('takes values below labels, bounded by the next label on the row, and right of "Label:" labels', () => {
    const fields = extractVizFields({
      lines: [
        line(100, 12, words('Mbiemri / Surname', 300, 12)),
        line(118, 22, words('KRASNIQI', 300, 22)),
        line(160, 12, [...words('Datëlindja', 300, 12), ...words('Gjinia', 640, 12)]),
        line(178, 22, [...words('01.02.1990', 300, 22), ['F', 640]]),
        line(220, 12, [...words('Državljanstvo:', 300, 12), ...words('SRB', 420, 12)]),
      ],
    });
    expect(fields.map((f) => [f.field, f.text, f.normalized, f.source, f.label?.language])).toEqual([
      ['surname', 'KRASNIQI', 'KRASNIQI', 'label', 'sq'],
      ['dateOfBirth', '01.02.1990', '1990-02-01', 'label', 'sq'],
      ['sex', 'F', 'F', 'label', 'sq'],
      ['nationality', 'SRB', 'SRB', 'label', 'sr-Latn'],
    ]);
  });

  it('finds document numbers and dates by pattern, assigning dates only when their order is unambiguous', () => {
    const fields = extractVizFields({
      lines: [
        line(40, 20, words('AB1234567', 700, 20)),
        line(100, 20, words('12.03.1985.', 300, 20)),
        line(140, 20, [...words('05.06.2021', 300, 20), ...words('05.06.2031', 600, 20)]),
        line(300, 20, [['IDSRB0098765434<<<<<<<<<<<<<<<', 60]], 40),
      ],
    });
    expect(fields.map((f) => [f.field, f.normalized, f.source])).toEqual([
      ['dateOfBirth', '1985-03-12', 'pattern'],
      ['documentNumber', 'AB1234567', 'pattern'],
      ['dateOfExpiry', '2031-06-05', 'pattern'],
      ['dateOfIssue', '2021-06-05', 'pattern'],
    ]);
    const ambiguous = extractVizFields({ lines: [line(100, 20, words('05.06.2021 05.06.2031', 300, 20))] });
    expect(ambiguous).toEqual([]);
  });
});
