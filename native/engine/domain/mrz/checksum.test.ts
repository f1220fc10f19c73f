import { describe, expect, it } from 'vitest';
import { mrzCheckDigit as fixtureCheckDigit } from '../../../../tests/fixtures/mrz-fixture';
import { checkDigitHolds, mrzCharValue, mrzCheckDigit } from './checksum';

describe('mrzCharValue', () => {
  it('maps digits, letters and the filler (Doc 9303 Part 3, 4.9)', () => {
    expect(mrzCharValue('0')).toBe(0);
    expect(mrzCharValue('9')).toBe(9);
    expect(mrzCharValue('A')).toBe(10);
    expect(mrzCharValue('Z')).toBe(35);
    expect(mrzCharValue('<')).toBe(0);
  });
  it('returns null outside the MRZ alphabet', () => {
    for (const ch of ['a', ' ', '?', 'Ä', '', 'AB']) expect(mrzCharValue(ch)).toBeNull();
  });
});

describe('mrzCheckDigit', () => {
  it('computes the ICAO worked example 520727 → 3', () => {
    // 5*7 + 2*3 + 0*1 + 7*7 + 2*3 + 7*1 = 35 + 6 + 0 + 49 + 6 + 7 = 103 → 3
    expect(mrzCheckDigit('520727')).toBe(3);
  });
  it('computes the Utopia document number L898902C3 → 6', () => {
    // L=21: 21*7=147, 8*3=24, 9*1=9, 8*7=56, 9*3=27, 0*1=0, 2*7=14, C=12*3=36, 3*1=3 → 316 → 6
    expect(mrzCheckDigit('L898902C3')).toBe(6);
  });
  it('agrees with the independent fixture implementation on many strings', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
    let seed = 7;
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = 0; i < 1 + (n % 20); i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += alphabet[seed % alphabet.length];
      }
      expect(mrzCheckDigit(s)).toBe(fixtureCheckDigit(s));
    }
  });
  it('is undefined (null) when the data holds an unreadable character', () => {
    expect(mrzCheckDigit('74O8?2')).toBeNull();
  });
});

describe('checkDigitHolds', () => {
  it('accepts the right digit and rejects others', () => {
    expect(checkDigitHolds('740812', '2')).toBe(true);
    expect(checkDigitHolds('740812', '3')).toBe(false);
    expect(checkDigitHolds('740812', '<')).toBe(false);
  });
  it('accepts < for an all-filler field only when allowed (TD3 personal number)', () => {
    expect(checkDigitHolds('<<<<<<<<<<<<<<', '<', true)).toBe(true);
    expect(checkDigitHolds('<<<<<<<<<<<<<<', '0', true)).toBe(true);
    expect(checkDigitHolds('<<<<<<<<<<<<<<', '<', false)).toBe(false);
    expect(checkDigitHolds('ZE184226B<<<<<', '<', true)).toBe(false);
  });
});
