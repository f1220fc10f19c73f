import { describe, expect, it } from 'vitest';
import { canonicalJson, dateTime, decimal, exifDateTime, hexBinary, mrzBirthDate } from './literals';

describe('CASE literals', () => {
  it('types date-times and keeps what is not one out', () => {
    expect(dateTime('2024-03-14T09:40:00+01:00')).toEqual({ '@type': 'xsd:dateTime', '@value': '2024-03-14T09:40:00+01:00' });
    expect(dateTime('2026-12-01T10:00:00.000Z')?.['@value']).toBe('2026-12-01T10:00:00.000Z');
    expect(dateTime('2024-03-14')).toBeNull();
    expect(dateTime('yesterday')).toBeNull();
    expect(dateTime(null)).toBeNull();
  });

  it('turns EXIF times into local date-times, with the offset only when one was recorded', () => {
    expect(exifDateTime('2024:03:09 08:12:41')?.['@value']).toBe('2024-03-09T08:12:41');
    expect(exifDateTime('2024:03:09 08:12:41', '+01:00')?.['@value']).toBe('2024-03-09T08:12:41+01:00');
    expect(exifDateTime('0000:00:00 00:00:00 junk')).toBeNull();
  });

  it('writes decimals without exponents and hex digests in lower case', () => {
    expect(decimal(42.4411)).toEqual({ '@type': 'xsd:decimal', '@value': '42.4411' });
    expect(decimal(-1e-7)['@value']).toBe('-0.0000001');
    expect(() => decimal(Number.NaN)).toThrow();
    expect(hexBinary('ABCDEF01')).toEqual({ '@type': 'xsd:hexBinary', '@value': 'abcdef01' });
    expect(() => hexBinary('xyz')).toThrow(/Not a hex digest/);
  });

  it('gives MRZ birth dates the latest century that is not after the export', () => {
    expect(mrzBirthDate('740812', '2026-12-02T09:30:00Z')?.['@value']).toBe('1974-08-12T00:00:00');
    expect(mrzBirthDate('120229', '2026-12-02T09:30:00Z')?.['@value']).toBe('2012-02-29T00:00:00');
    expect(mrzBirthDate('261203', '2026-12-02T09:30:00Z')?.['@value']).toBe('1926-12-03T00:00:00');
    expect(mrzBirthDate('261202', '2026-12-02T09:30:00Z')?.['@value']).toBe('2026-12-02T00:00:00');
    expect(mrzBirthDate('740231', '2026-12-02')).toBeNull();
    expect(mrzBirthDate('74<812', '2026-12-02')).toBeNull();
  });

  it('serialises statements canonically', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: undefined } })).toBe('{"a":{"d":[2,{"e":"x","f":null}]},"b":1}');
  });
});
