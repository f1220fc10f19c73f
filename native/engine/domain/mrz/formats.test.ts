import { describe, expect, it } from 'vitest';
import { MRZ_CHECKS, MRZ_FIELDS, MRZ_SHAPE } from '../../../../tests/fixtures/documents/mrz-layout';
import { charsetAllows, detectFormat, fieldsCoveredBy, MRZ_LAYOUTS } from './formats';
import type { MrzFormat } from './types';

const FIXTURE_NAME: Record<MrzFormat, 'TD1' | 'TD2' | 'TD3' | 'MRV-A' | 'MRV-B'> = { TD1: 'TD1', TD2: 'TD2', TD3: 'TD3', MRVA: 'MRV-A', MRVB: 'MRV-B' };
const FIXTURE_FIELD: Record<string, string> = { optionalData1: 'optionalData', optionalData2: 'optionalData2', personalNumber: 'optionalData' };

describe('MRZ_LAYOUTS', () => {
  for (const format of Object.keys(MRZ_LAYOUTS) as MrzFormat[]) {
    const layout = MRZ_LAYOUTS[format];
    const fixture = FIXTURE_NAME[format];
    it(`${format} has the shape of the independent fixture layout`, () => {
      expect({ lines: layout.lineCount, length: layout.lineLength }).toEqual(MRZ_SHAPE[fixture]);
    });
    it(`${format} places every field where the fixture layout does`, () => {
      for (const f of layout.fields) {
        const expected = MRZ_FIELDS[fixture][(FIXTURE_FIELD[f.name] ?? f.name) as keyof (typeof MRZ_FIELDS)[typeof fixture]];
        expect(expected, f.name).toBeDefined();
        expect({ line: f.line, start: f.start, end: f.start + f.length }, f.name).toEqual(expected);
      }
    });
    it(`${format} places every check digit where the fixture layout does`, () => {
      const fixtureChecks = MRZ_CHECKS[fixture].map((c) => ({ id: c.field === 'optionalData' ? 'personalNumber' : c.field, digit: c.digit, spans: c.spans }));
      expect(layout.checks.map((c) => ({ id: c.id, digit: { line: c.line, column: c.column }, spans: c.spans }))).toEqual(fixtureChecks);
    });
    it(`${format} fields do not overlap and stay inside the line`, () => {
      const used = new Set<string>();
      for (const f of layout.fields) {
        expect(f.start + f.length).toBeLessThanOrEqual(layout.lineLength);
        for (let i = f.start; i < f.start + f.length; i++) {
          expect(used.has(`${f.line}:${i}`), `${f.name} at ${i}`).toBe(false);
          used.add(`${f.line}:${i}`);
        }
      }
    });
  }
  it('has no composite check for visas (Doc 9303 Part 7)', () => {
    expect(MRZ_LAYOUTS.MRVA.checks.map((c) => c.id)).toEqual(['documentNumber', 'birthDate', 'expiryDate']);
    expect(MRZ_LAYOUTS.MRVB.checks.map((c) => c.id)).toEqual(['documentNumber', 'birthDate', 'expiryDate']);
  });
  it('lists the fields the TD1 composite covers', () => {
    const composite = MRZ_LAYOUTS.TD1.checks.find((c) => c.id === 'composite');
    expect(composite && fieldsCoveredBy(MRZ_LAYOUTS.TD1, composite)).toEqual(['documentNumber', 'optionalData1', 'birthDate', 'expiryDate', 'optionalData2']);
  });
  it('lists the fields the TD3 composite covers (not names, nationality or sex)', () => {
    const composite = MRZ_LAYOUTS.TD3.checks.find((c) => c.id === 'composite');
    expect(composite && fieldsCoveredBy(MRZ_LAYOUTS.TD3, composite)).toEqual(['documentNumber', 'birthDate', 'expiryDate', 'personalNumber']);
  });
});

describe('detectFormat', () => {
  const line = (n: number, first = 'I') => first + '<'.repeat(n - 1);
  it('recognises exact shapes and the visa V', () => {
    expect(detectFormat([line(30), line(30), line(30)])).toMatchObject({ format: 'TD1', exact: true });
    expect(detectFormat([line(36), line(36)])).toMatchObject({ format: 'TD2', exact: true });
    expect(detectFormat([line(44, 'P'), line(44)])).toMatchObject({ format: 'TD3', exact: true });
    expect(detectFormat([line(44, 'V'), line(44)])).toMatchObject({ format: 'MRVA', exact: true });
    expect(detectFormat([line(36, 'V'), line(36)])).toMatchObject({ format: 'MRVB', exact: true });
  });
  it('falls back to the nearest layout for damaged shapes', () => {
    expect(detectFormat([line(30), line(29), line(31)])).toMatchObject({ format: 'TD1', exact: false });
    expect(detectFormat([line(44, 'P'), line(41)])).toMatchObject({ format: 'TD3', exact: false });
    expect(detectFormat([line(35), line(37)])).toMatchObject({ format: 'TD2', exact: false });
    expect(detectFormat([line(30), line(30)])).toMatchObject({ format: 'TD1', exact: false });
  });
  it('gives up on empty input', () => {
    expect(detectFormat([]).format).toBeNull();
    expect(detectFormat(['']).format).toBeNull();
  });
});

describe('charsetAllows', () => {
  it('separates the four charsets', () => {
    expect(['A', '<', '0'].map((c) => charsetAllows('alpha', c))).toEqual([true, true, false]);
    expect(['5', '<', 'S'].map((c) => charsetAllows('digits', c))).toEqual([true, false, false]);
    expect(['5', '<', 'S'].map((c) => charsetAllows('digitsOrFiller', c))).toEqual([true, true, false]);
    expect(['5', '<', 'S', 'a'].map((c) => charsetAllows('alnum', c))).toEqual([true, true, true, false]);
  });
});
