import { describe, expect, it } from 'vitest';
import { confusionKey, normalizeDocumentNumber, parseDocumentNumber } from './number-parse';

describe('document numbers', () => {
  it('normalises case, spaces, hyphens and fillers', () => {
    expect(normalizeDocumentNumber(' rp-720 0011<<')).toBe('RP7200011');
    expect(parseDocumentNumber('RP7200011')).toMatchObject({ normalized: 'RP7200011' });
  });

  it('folds OCR look-alikes in the digit part only, keeping the letter prefix', () => {
    expect(confusionKey('RP72000II')).toBe('RP7200011');
    expect(confusionKey('RP72OOO1S')).toBe('RP7200015');
    expect(confusionKey('RP7200011')).toBe('RP7200011');
    // The prefix is kept: a BS-series number is not an 85-series one.
    expect(confusionKey('BS1234567')).toBe('BS1234567');
    expect(confusionKey('RP7200012')).not.toBe(confusionKey('RP7200013'));
  });
});
