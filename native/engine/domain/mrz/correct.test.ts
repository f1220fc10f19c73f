import { describe, expect, it } from 'vitest';
import { mrvBMrz, td3Mrz } from '../../../../tests/fixtures/mrz-fixture';
import { readMrz } from './parse';
import { readLines, replaceAt } from './test-support';

const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const [td1Line1, td1Line2, td1Line3] = TD1 as [string, string, string];

describe('charset repair', () => {
  it('reads O as 0 in a date and records the correction', () => {
    const r = readMrz([td1Line1, replaceAt(td1Line2, 2, 'O'), td1Line3]);
    expect(r.valid).toBe(true);
    expect(r.fields.birthDate).toMatchObject({ raw: '740812', status: 'corrected' });
    expect(r.corrections).toEqual([expect.objectContaining({ line: 1, column: 2, from: 'O', to: '0', field: 'birthDate', cost: 0.3 })]);
    expect(r.rawLines[1]).toBe(replaceAt(td1Line2, 2, 'O'));
    expect(r.lines[1]).toBe(td1Line2);
  });
  it('reads 0 as O in a name (no check digit, the charset alone decides)', () => {
    const r = readMrz([td1Line1, td1Line2, replaceAt(td1Line3, 6, '0')]); // the O of ERIKSSON
    expect(r.fields.name).toMatchObject({ status: 'corrected', text: 'ERIKSSON, ANNA MARIA' });
    expect(r.corrections).toEqual([expect.objectContaining({ line: 2, column: 6, from: '0', to: 'O', field: 'name' })]);
  });
  it('reads 5 as S in the issuing state', () => {
    const r = readMrz([replaceAt(td1Line1, 2, '5'), td1Line2, td1Line3]);
    // 'U' expected: 5 has only S as a letter look-alike, so the repair gives S and the state reads STO.
    expect(r.fields.issuingState).toMatchObject({ raw: 'STO', status: 'corrected' });
  });
  it('uses a reader candidate that fits the charset before the look-alike table', () => {
    const lines = readLines(TD1, [{ line: 1, column: 3, candidates: [{ char: 'B', score: 0.6 }, { char: '3', score: 0.2 }, { char: '8', score: 0.1 }] }]);
    const r = readMrz(lines);
    // candidate 3 costs 0.4, look-alike 8 (B/8) costs 0.3 → 8, which is what was printed (740812)
    expect(r.corrections[0]).toMatchObject({ line: 1, column: 3, from: 'B', to: '8', cost: 0.3 });
    expect(r.valid).toBe(true);
  });
});

describe('check-digit-driven search', () => {
  it('takes the second alternative of a candidate list when only it makes the check hold', () => {
    // expiry 120415, position 11 is the '4'; the reader ranks 1 > 7 > 4.
    const lines = readLines(TD1, [{ line: 1, column: 11, candidates: [{ char: '1', score: 0.5 }, { char: '7', score: 0.3 }, { char: '4', score: 0.2 }] }]);
    const r = readMrz(lines);
    expect(r.rawLines[1]?.[11]).toBe('1');
    expect(r.valid).toBe(true);
    expect(r.fields.expiryDate).toMatchObject({ raw: '120415', status: 'corrected' });
    expect(r.corrections).toHaveLength(1);
    expect(r.corrections[0]).toMatchObject({ line: 1, column: 11, from: '1', to: '4', field: 'expiryDate' });
    expect(r.corrections[0]?.cost).toBeCloseTo(0.3, 9);
  });
  it('uses the look-alike table at an uncertain position without candidates', () => {
    const lines = readLines(TD3, [{ line: 1, column: 5, candidates: [{ char: 'O', score: 0.6 }] }]);
    const r = readMrz(lines);
    // O, Q, D in an alphanumeric number: only 0 gives check digit 6 (O=24, Q=26, D=13 at weight 1 all miss)
    expect(r.fields.documentNumber).toMatchObject({ raw: 'L898902C3', status: 'corrected' });
    expect(r.corrections).toEqual([expect.objectContaining({ line: 1, column: 5, from: 'O', to: '0', cost: 0.3 })]);
    expect(r.valid).toBe(true);
  });
  it('fills a character outside the MRZ alphabet from the check digit, at a high cost', () => {
    const lines = readLines(TD1, [{ line: 1, column: 2, candidates: [{ char: '?', score: 0.4 }] }]);
    const r = readMrz(lines);
    expect(r.fields.birthDate).toMatchObject({ raw: '740812', status: 'corrected' });
    expect(r.corrections[0]).toMatchObject({ from: '?', to: '0', cost: 0.8 });
  });
  it('leaves a genuinely wrong check digit invalid when the reading is confident', () => {
    const wrong = [td1Line1, replaceAt(td1Line2, 6, '5'), td1Line3];
    for (const input of [wrong, readLines(wrong, [], 0.99)]) {
      const r = readMrz(input);
      expect(r.valid).toBe(false);
      expect(r.fields.birthDate?.status).toBe('invalid');
      expect(r.corrections).toEqual([]);
      expect(r.ambiguities).toEqual([]);
    }
  });
  it('records an ambiguity and changes nothing when two fixes cost the same (visa: no composite)', () => {
    const visa = mrvBMrz({ documentNumber: 'AB1234567', birthDate: '740812', sex: 'F', expiryDate: '300101', surname: 'X', givenNames: 'Y' });
    expect(visa[1].slice(13, 20)).toBe('7408122');
    // The reader prefers 3 for the last date digit and 2 for the check digit: 740813/2 fails;
    // 740812/2 (date fixed) and 740813/3 (digit fixed) both cost 0.2.
    const lines = readLines(visa, [
      { line: 1, column: 18, candidates: [{ char: '3', score: 0.5 }, { char: '2', score: 0.3 }] },
      { line: 1, column: 19, candidates: [{ char: '2', score: 0.5 }, { char: '3', score: 0.3 }] },
    ]);
    const r = readMrz(lines);
    expect(r.fields.birthDate).toMatchObject({ raw: '740813', status: 'invalid' });
    expect(r.corrections).toEqual([]);
    expect(r.ambiguities).toHaveLength(1);
    expect(r.ambiguities[0]).toMatchObject({ check: 'birthDate' });
    expect(r.ambiguities[0]?.options.map((o) => o.map((c) => `${c.column}:${c.to}`))).toEqual(expect.arrayContaining([['18:2'], ['19:3']]));
  });
  it('lets the composite decide between equally cheap field fixes (TD3)', () => {
    // Column 16 is the 8 of 740812 (own weight 7, composite weight 3). Read as 9, the check digit 2 would
    // have to be 9 (2 + 7). Fix A: 9→8 keeps the composite; fix B: check 2→9 moves the composite by 3·7 + 3·1 ≡ 4.
    const lines = readLines(TD3, [
      { line: 1, column: 16, candidates: [{ char: '9', score: 0.5 }, { char: '8', score: 0.3 }] },
      { line: 1, column: 19, candidates: [{ char: '2', score: 0.5 }, { char: '9', score: 0.3 }] },
    ]);
    const r = readMrz(lines);
    expect(r.ambiguities).toEqual([]);
    expect(r.fields.birthDate).toMatchObject({ raw: '740812', status: 'corrected' });
    expect(r.corrections).toEqual([expect.objectContaining({ line: 1, column: 16, from: '9', to: '8' })]);
    expect(r.valid).toBe(true);
  });
  it('stays ambiguous when the composite cannot tell the fixes apart either (TD3)', () => {
    // Column 18 (own weight 1, composite weight 7) with its check digit (composite weight 3): date 3→2 moves
    // the composite by -7, check 2→3 by +3, and -7 ≡ 3 (mod 10): both fixes satisfy every digit.
    const lines = readLines(TD3, [
      { line: 1, column: 18, candidates: [{ char: '3', score: 0.5 }, { char: '2', score: 0.3 }] },
      { line: 1, column: 19, candidates: [{ char: '2', score: 0.5 }, { char: '3', score: 0.3 }] },
    ]);
    const r = readMrz(lines);
    expect(r.corrections).toEqual([]);
    expect(r.ambiguities.map((a) => a.check)).toEqual(['composite', 'birthDate']);
    expect(r.fields.birthDate?.status).toBe('invalid');
  });
  it('builds the Utopia TD3 specimen with the independent fixture (sanity of the vectors used here)', () => {
    expect(td3Mrz({ documentNumber: 'L898902C3', birthDate: '740812', sex: 'F', expiryDate: '120415', surname: 'Eriksson', givenNames: 'Anna Maria', optionalData: 'ZE184226B' })).toEqual(TD3);
  });
  it('does not overrule a reader that is far surer of what it saw (cost cap)', () => {
    const lines = readLines(TD1, [{ line: 1, column: 11, candidates: [{ char: '1', score: 0.95 }, { char: '4', score: 0.05 }] }]);
    const r = readMrz(lines);
    expect(r.fields.expiryDate?.status).toBe('invalid');
    expect(r.corrections).toEqual([]);
  });
  it('repairs a misread composite-only field through the composite (TD1 optional data 1)', () => {
    // S (28) at composite index 15 (weight 7) moves the sum by 196 ≡ 6: the composite sees it.
    const td1 = readLines(TD1, [{ line: 0, column: 20, candidates: [{ char: 'S', score: 0.55 }, { char: '<', score: 0.45 }] }]);
    const r = readMrz(td1);
    expect(r.fields.optionalData1).toMatchObject({ raw: '<<<<<<<<<<<<<<<', status: 'corrected' });
    expect(r.valid).toBe(true);
  });
});
