import { describe, expect, it } from 'vitest';
import { mrvAMrz, mrvBMrz, td1Mrz, td2Mrz, td3Mrz } from '../../../../tests/fixtures/mrz-fixture';
import { breakMrz } from '../../../../tests/fixtures/documents/mrz-defects';
import { MRZ_CHECKS } from '../../../../tests/fixtures/documents/mrz-layout';
import { readMrz } from './parse';
import { replaceAt } from './test-support';

// ICAO Doc 9303 specimens (Utopia).
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

describe('readMrz on the ICAO specimens', () => {
  it('reads TD1 field by field with positions and checks', () => {
    const r = readMrz(TD1);
    expect(r.format).toBe('TD1');
    expect(r.valid).toBe(true);
    expect(r.fields.documentNumber).toMatchObject({ raw: 'D23145890', text: 'D23145890', status: 'valid', line: 0, start: 5, end: 14 });
    expect(r.fields.documentNumber?.check).toMatchObject({ line: 0, column: 14, expected: '7', found: '7', valid: true });
    expect(r.fields.birthDate).toMatchObject({ raw: '740812', status: 'valid', line: 1, start: 0, end: 6 });
    expect(r.fields.expiryDate).toMatchObject({ raw: '120415', status: 'valid', line: 1, start: 8, end: 14 });
    expect(r.fields.sex).toMatchObject({ raw: 'F', status: 'unchecked', line: 1, start: 7, end: 8 });
    expect(r.fields.documentCode).toMatchObject({ raw: 'I<', text: 'I' });
    expect(r.fields.nationality).toMatchObject({ raw: 'UTO', start: 15, end: 18 });
    expect(r.fields.name).toMatchObject({ text: 'ERIKSSON, ANNA MARIA', line: 2, start: 0, end: 30 });
    expect(r.name).toEqual({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', full: false });
    // composite over line1 6-30, line2 1-7, 9-15, 19-29 → 6 (fixture test computes the same)
    expect(r.checks.map((c) => [c.id, c.expected, c.valid])).toEqual([
      ['documentNumber', '7', true],
      ['birthDate', '2', true],
      ['expiryDate', '9', true],
      ['composite', '6', true],
    ]);
    expect(r.corrections).toEqual([]);
    expect(r.lines).toEqual(TD1);
    expect(r.rawLines).toEqual(TD1);
  });

  it('reads TD3 including the personal number and its check digit', () => {
    const r = readMrz(TD3);
    expect(r.format).toBe('TD3');
    expect(r.valid).toBe(true);
    expect(r.fields.documentNumber).toMatchObject({ raw: 'L898902C3', status: 'valid' });
    expect(r.fields.personalNumber).toMatchObject({ raw: 'ZE184226B<<<<<', text: 'ZE184226B', status: 'valid', line: 1, start: 28, end: 42 });
    expect(r.checks.find((c) => c.id === 'personalNumber')).toMatchObject({ expected: '1', found: '1', valid: true });
    expect(r.checks.find((c) => c.id === 'composite')).toMatchObject({ line: 1, column: 43, expected: '0', valid: true });
    expect(r.fields.name?.text).toBe('ERIKSSON, ANNA MARIA');
  });

  it('reads TD2', () => {
    const r = readMrz(TD2);
    expect(r.format).toBe('TD2');
    expect(r.valid).toBe(true);
    expect(r.fields.documentNumber).toMatchObject({ raw: 'D23145890', status: 'valid', line: 1, start: 0, end: 9 });
    expect(r.fields.nationality).toMatchObject({ raw: 'UTO', line: 1, start: 10, end: 13 });
    expect(r.checks.find((c) => c.id === 'composite')).toMatchObject({ column: 35, expected: '6', valid: true });
  });
});

describe('readMrz on fixture-built MRZs of every format', () => {
  const person = { documentNumber: 'AB1234567', birthDate: '900131', sex: 'M' as const, expiryDate: '300615', surname: 'Petrović', givenNames: 'Marko Ivan', issuingState: 'SRB' };
  it('validates MRV-A and MRV-B (no composite)', () => {
    for (const [lines, format] of [[mrvAMrz(person), 'MRVA'], [mrvBMrz(person), 'MRVB']] as const) {
      const r = readMrz(lines);
      expect(r.format).toBe(format);
      expect(r.valid).toBe(true);
      expect(r.checks.map((c) => c.id)).toEqual(['documentNumber', 'birthDate', 'expiryDate']);
      expect(r.fields.documentCode?.raw).toBe('V<');
      expect(r.name).toMatchObject({ surname: 'PETROVIC', givenNames: 'MARKO IVAN' });
    }
  });
  it('validates TD1, TD2, TD3 built by the fixture', () => {
    expect(readMrz(td1Mrz(person)).valid).toBe(true);
    expect(readMrz(td2Mrz(person)).valid).toBe(true);
    expect(readMrz(td3Mrz({ ...person, optionalData: '' })).fields.personalNumber?.check).toMatchObject({ found: '<', valid: true });
  });
  it('reads a TD1 document number longer than 9 characters (overflow into optional data 1)', () => {
    // The continuation ends at the first filler, so issuer data must not follow the check digit directly.
    const lines = td1Mrz({ ...person, documentNumber: 'D23145890123' });
    expect(lines[0][14]).toBe('<');
    const r = readMrz(lines);
    expect(r.valid).toBe(true);
    expect(r.fields.documentNumber).toMatchObject({ raw: 'D23145890123', status: 'valid', segments: [{ line: 0, start: 5, end: 14 }, { line: 0, start: 15, end: 18 }] });
    expect(r.fields.documentNumber?.check).toMatchObject({ line: 0, column: 18, valid: true });
    expect(r.fields.optionalData1).toMatchObject({ text: '', start: 19, end: 30 });
    expect(r.issues.map((i) => i.kind)).toContain('document-number.long');
  });
  it('reads a TD2 document number longer than 9 characters', () => {
    const r = readMrz(td2Mrz({ ...person, documentNumber: 'D2314589012' }));
    expect(r.valid).toBe(true);
    expect(r.fields.documentNumber?.raw).toBe('D2314589012');
    expect(r.fields.documentNumber?.check).toMatchObject({ line: 1, column: 30, valid: true });
  });
  it('treats a lone < in the number check position as a broken digit, not an overflow', () => {
    const r = readMrz([replaceAt(TD1[0] as string, 14, '<'), TD1[1] as string, TD1[2] as string]);
    expect(r.fields.documentNumber).toMatchObject({ raw: 'D23145890', status: 'invalid' });
    expect(r.valid).toBe(false);
  });
});

describe('readMrz partial results', () => {
  it('keeps the other fields when one check digit fails', () => {
    const r = readMrz([TD1[0] as string, replaceAt(TD1[1] as string, 6, '3'), TD1[2] as string]);
    expect(r.valid).toBe(false);
    expect(r.fields.birthDate).toMatchObject({ status: 'invalid', check: { expected: '2', found: '3', valid: false } });
    expect(r.fields.documentNumber?.status).toBe('valid');
    expect(r.fields.expiryDate?.status).toBe('valid');
    expect(r.checks.find((c) => c.id === 'composite')?.valid).toBe(false); // the composite covers the birth check digit
  });
  it('parses a short line as far as it goes and records the issue', () => {
    const r = readMrz([TD1[0] as string, (TD1[1] as string).slice(0, 20), TD1[2] as string]);
    expect(r.format).toBe('TD1');
    expect(r.valid).toBe(false);
    expect(r.fields.birthDate?.status).toBe('valid');
    expect(r.fields.expiryDate?.status).toBe('valid');
    expect(r.fields.nationality?.raw).toBe('UTO');
    expect(r.fields.optionalData2?.status).toBe('unreadable');
    expect(r.checks.find((c) => c.id === 'composite')).toMatchObject({ found: '', valid: false, expected: null });
    expect(r.issues.map((i) => i.kind)).toEqual(expect.arrayContaining(['shape.line-too-short', 'shape.inexact']));
  });
  it('ignores characters after the line length and says so', () => {
    const r = readMrz([TD1[0] as string, TD1[1] as string, `${TD1[2] as string}K7`]);
    expect(r.fields.name?.status).toBe('unchecked');
    expect(r.checks.every((c) => c.valid)).toBe(true);
    expect(r.valid).toBe(false);
    expect(r.issues.find((i) => i.kind === 'shape.line-too-long')?.message).toContain('K7');
  });
  it('reads the lines that exist when one is missing', () => {
    const r = readMrz([TD1[0] as string, TD1[1] as string]);
    expect(r.format).toBe('TD1');
    expect(r.fields.documentNumber?.status).toBe('valid');
    expect(r.fields.name?.status).toBe('unreadable');
    expect(r.issues.map((i) => i.kind)).toContain('shape.missing-lines');
  });
  it('removes whitespace and upper-cases plain text, recording both', () => {
    const r = readMrz([' i<utoD23145 8907<<<<<<<<<<<<<<< ', TD1[1] as string, TD1[2] as string]);
    expect(r.valid).toBe(true);
    expect(r.issues.map((i) => i.kind)).toEqual(expect.arrayContaining(['input.whitespace-removed', 'input.lower-case']));
  });
  it('reports no layout for empty input', () => {
    const r = readMrz(['', '  ']);
    expect(r.format).toBeNull();
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.kind)).toContain('shape.unknown');
  });
  it('marks a field with characters outside its charset as unreadable when nothing can repair them', () => {
    const r = readMrz([TD1[0] as string, TD1[1] as string, replaceAt(TD1[2] as string, 3, '?')]);
    expect(r.fields.name?.status).toBe('unreadable');
    expect(r.fields.documentNumber?.status).toBe('valid');
  });
  it('reports the MRZ as read when correction is off', () => {
    const r = readMrz([TD1[0] as string, replaceAt(TD1[1] as string, 2, 'O'), TD1[2] as string], { correct: false });
    expect(r.corrections).toEqual([]);
    expect(r.fields.birthDate?.status).toBe('unreadable');
  });
});

describe('readMrz against independently broken MRZs (tests/fixtures/documents/mrz-defects)', () => {
  const person = { documentNumber: 'X12345678', birthDate: '851224', sex: 'F' as const, expiryDate: '310101', surname: 'Kovač', givenNames: 'Ana', issuingState: 'HRV' };
  const builds = { TD1: td1Mrz(person), TD2: td2Mrz(person), TD3: td3Mrz(person), 'MRV-A': mrvAMrz(person), 'MRV-B': mrvBMrz(person) } as const;
  const ids: Record<string, string> = { optionalData: 'personalNumber' };
  for (const [format, lines] of Object.entries(builds) as [keyof typeof builds, string[]][]) {
    for (const check of MRZ_CHECKS[format]) {
      it(`${format}: a wrong ${check.field} digit fails exactly the checks the fixture says`, () => {
        const { lines: broken, truth } = breakMrz(lines, format, { kind: 'check-digit', field: check.field, shift: 3 });
        const r = readMrz(broken);
        expect(r.valid).toBe(false);
        expect(r.corrections).toEqual([]);
        expect(r.checks.filter((c) => !c.valid).map((c) => c.id)).toEqual(truth.failingChecks.map((f) => ids[f] ?? f));
      });
    }
  }
});
