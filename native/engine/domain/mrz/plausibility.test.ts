import { describe, expect, it } from 'vitest';
import { td1Mrz, td3Mrz } from '../../../../tests/fixtures/mrz-fixture';
import type { Td1Fields } from '../../../../tests/fixtures/mrz-fixture';
import { recomputeCheckDigits } from '../../../../tests/fixtures/documents/mrz-layout';
import { readMrz } from './parse';
import { checkPlausibility } from './plausibility';
import type { PlausibilityOptions } from './plausibility-types';
import { replaceAt } from './test-support';

const TODAY = '2026-03-01';
const base: Td1Fields = { documentCode: 'IR', issuingState: 'SRB', nationality: 'MKD', documentNumber: 'AB1234567', birthDate: '900131', sex: 'M', expiryDate: '290615', surname: 'Petrović', givenNames: 'Marko' };
const kinds = (lines: readonly string[], options: PlausibilityOptions = { today: TODAY }) => checkPlausibility(readMrz(lines), options).map((f) => f.kind);
const td1 = (f: Partial<Td1Fields>) => td1Mrz({ ...base, ...f });
/** Edits a TD1 line, then recomputes every check digit (a careful forger's MRZ). */
const edited = (f: Partial<Td1Fields>, line: number, column: number, text: string) => {
  const lines = [...td1(f)];
  lines[line] = (lines[line] ?? '').slice(0, column) + text + (lines[line] ?? '').slice(column + text.length);
  return recomputeCheckDigits(lines, 'TD1');
};

describe('checkPlausibility', () => {
  it('finds nothing on a clean, current permit', () => {
    expect(kinds(td1({}))).toEqual([]);
  });
  it('reports the Utopia specimen as specimen codes, expired', () => {
    const specimen = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
    const findings = checkPlausibility(readMrz(specimen), { today: TODAY });
    expect(findings.map((f) => f.kind).sort()).toEqual(['mrz.expired', 'mrz.nationality.specimen', 'mrz.state.specimen']);
    expect(findings.find((f) => f.kind === 'mrz.expired')).toMatchObject({ severity: 'medium', field: 'expiryDate', attributes: { expiry: '2012-04-15', today: TODAY } });
  });
  it('reports failed check digits', () => {
    const lines = td1({});
    expect(kinds([lines[0], replaceAt(lines[1], 6, lines[1][6] === '9' ? '0' : '9'), lines[2]])).toEqual(['mrz.check-digit.failed', 'mrz.check-digit.failed']);
  });
  it('reports dates that are not calendar dates, and 29 February of common years', () => {
    expect(kinds(td1({ birthDate: '901331' }))).toEqual(['mrz.date.invalid']);
    expect(kinds(td1({ birthDate: '900431' }))).toEqual(['mrz.date.invalid']);
    expect(kinds(td1({ birthDate: '010229' }))).toEqual(['mrz.date.invalid']); // 2001 is not a leap year
    expect(kinds(td1({ birthDate: '000229' }))).toEqual([]); // 2000 is
  });
  it('accepts an unknown day and month marked with fillers as partial (info)', () => {
    const findings = checkPlausibility(readMrz(edited({}, 1, 2, '<<<<')), { today: TODAY });
    expect(findings.map((f) => [f.kind, f.severity])).toEqual([['mrz.date.partial', 'info']]);
  });
  it('reports birth after expiry (and the resulting expiry)', () => {
    expect(kinds(td1({ birthDate: '200101', expiryDate: '150101' })).sort()).toEqual(['mrz.birth-after-expiry', 'mrz.expired']);
  });
  it('resolves the birth century against today', () => {
    // 26-03-02 is after today → 1926; 26-02-28 is before → 2026.
    expect(checkPlausibility(readMrz(td1({ birthDate: '260302', expiryDate: '300101' })), { today: TODAY })).toEqual([]);
    expect(kinds(td1({ birthDate: '260228', expiryDate: '300101' }))).toEqual([]);
  });
  it('reports a holder who would be over 110 at expiry', () => {
    // born 1927 (27 > 26), expiry 2040: 113 at expiry
    const findings = checkPlausibility(readMrz(td1({ birthDate: '270101', expiryDate: '400101' })), { today: TODAY });
    expect(findings).toEqual([expect.objectContaining({ kind: 'mrz.age.implausible', attributes: expect.objectContaining({ ageAtExpiry: 113 }) })]);
  });
  it('reports unknown, historical and template-mismatched state codes', () => {
    expect(kinds(td1({ issuingState: 'ABC' }))).toEqual(['mrz.state.unknown']);
    expect(kinds(td1({ nationality: 'QQQ' }))).toEqual(['mrz.nationality.unknown']);
    expect(kinds(td1({ nationality: 'SCG' }))).toEqual(['mrz.nationality.historical']);
    expect(kinds(td1({ issuingState: 'D', nationality: 'XXA' }))).toEqual([]);
    expect(kinds(td1({ nationality: 'RKS' }))).toEqual([]);
    expect(kinds(td1({}), { today: TODAY, template: { issuingState: 'MKD' } })).toEqual(['mrz.state.template-mismatch']);
  });
  it('applies the document-code rules of each format and the template list', () => {
    expect(kinds(td1({ documentCode: 'IV' }))).toEqual(['mrz.document-code.invalid']);
    expect(kinds(td1({ documentCode: 'PR' }))).toEqual(['mrz.document-code.invalid']);
    expect(kinds(td1({ documentCode: 'A<' }))).toEqual([]);
    expect(kinds(td1({ documentCode: 'C<' }), { today: TODAY, template: { documentCodes: ['IR', 'I<'] } })).toEqual(['mrz.document-code.unexpected']);
    expect(kinds(td1({ documentCode: 'I<' }), { today: TODAY, template: { documentCodes: ['IR', 'I<'] } })).toEqual([]);
    const passport = td3Mrz({ documentCode: 'I<', issuingState: 'SRB', documentNumber: '012345678', birthDate: '900131', sex: 'F', expiryDate: '290615', surname: 'A', givenNames: 'B' });
    expect(kinds(passport)).toEqual(['mrz.document-code.invalid']);
  });
  it('checks the document number against the template pattern', () => {
    const options = (pattern: string) => ({ today: TODAY, template: { documentNumberPattern: pattern } });
    expect(kinds(td1({}), options('[A-Z]{2}\\d{7}'))).toEqual([]);
    expect(kinds(td1({}), options('\\d{9}'))).toEqual(['mrz.document-number.pattern']);
    expect(kinds(td1({}), options('AB'))).toEqual(['mrz.document-number.pattern']); // anchored: a prefix is not enough
    expect(kinds(td1({}), options('('))).toEqual(['template.pattern.invalid']);
  });
  it('accepts M, F, X and < as sex and reports anything else', () => {
    for (const sex of ['M', 'F', '<'] as const) expect(kinds(td1({ sex }))).toEqual([]);
    expect(kinds(edited({}, 1, 7, 'X'))).toEqual([]);
    expect(kinds(edited({}, 1, 7, 'K'))).toEqual(['mrz.sex.invalid']);
  });
  it('reports a validity longer than the template allows', () => {
    const options = { today: TODAY, template: { maxValidityYears: 2 } };
    expect(kinds(td1({ expiryDate: '280301' }), options)).toEqual([]); // exactly 2 years
    expect(kinds(td1({ expiryDate: '280302' }), options)).toEqual(['mrz.validity.too-long']);
  });
  it('reports filler habits: filler inside a number or code, name separators, truncation, trailing garbage', () => {
    expect(kinds(td1({ documentNumber: 'AB12<4567' }))).toEqual(['mrz.filler.irregular']);
    expect(kinds(edited({}, 0, 2, '<RB'))).toEqual(['mrz.state.unknown', 'mrz.filler.irregular']);
    expect(kinds(edited({}, 2, 0, 'PETROVIC<MARKO<<<'))).toEqual(['mrz.name.separator-missing']);
    expect(kinds(edited({}, 2, 0, 'PETROVIC<<<MARKO<<'))).toEqual(['mrz.filler.irregular']);
    expect(kinds(edited({}, 2, 0, 'PETROVIC<<MARKO<<IVAN<'))).toEqual(['mrz.filler.irregular']);
    expect(kinds(edited({}, 2, 0, '<PETROVIC<<MARKO'))).toEqual(['mrz.filler.irregular']);
    expect(kinds(td1({ surname: 'Petrović-Njegoš', givenNames: 'Aleksandar Karađorđe' }))).toEqual(['mrz.name.truncated']);
    const lines = td1({});
    expect(kinds([lines[0], lines[1], `${lines[2]}XX`])).toEqual(['mrz.filler.trailing-garbage']);
  });
  it('rejects a malformed reference day', () => {
    expect(() => checkPlausibility(readMrz(td1({})), { today: '2026-02-30' })).toThrow(RangeError);
  });
});
