import { describe, expect, it } from 'vitest';
import { parseVizDate } from './mrz/viz-dates';
import { crossCheckField } from './viz-crosscheck';

describe('crossCheckField: names', () => {
  it('matches the preferred rendering', () => {
    expect(crossCheckField('surname', 'Eriksson', 'ERIKSSON')).toMatchObject({ status: 'match', vizNormalized: 'ERIKSSON', mrzNormalized: 'ERIKSSON' });
    expect(crossCheckField('givenNames', 'Anna Maria', 'ANNA<MARIA')).toMatchObject({ status: 'match' });
    expect(crossCheckField('surname', 'Petrović', 'PETROVIC<<<<<')).toMatchObject({ status: 'match' });
  });
  it('accepts legitimate transliteration variants', () => {
    expect(crossCheckField('surname', 'Müller', 'MULLER')).toMatchObject({ status: 'variant', vizNormalized: 'MULLER' });
    expect(crossCheckField('surname', 'Ђорђевић', 'DJORDJEVIC').status).toBe('variant');
    expect(crossCheckField('surname', 'Жарковић', 'ZHARKOVIC').status).toBe('variant');
    expect(crossCheckField('surname', 'Ђорђевић / Đorđević', 'DORDEVIC').status).toBe('match');
  });
  it('reports a different name', () => {
    const r = crossCheckField('surname', 'Petrović', 'PETROVIK');
    expect(r).toMatchObject({ status: 'mismatch', vizNormalized: 'PETROVIC', mrzNormalized: 'PETROVIK' });
    expect(r.explanation).toContain('PETROVIC');
    expect(crossCheckField('surname', 'Müller', 'MUELER').status).toBe('mismatch');
  });
  it('accepts truncation only when the MRZ name field is full', () => {
    expect(crossCheckField('givenNames', 'Aleksandar Karađorđe', 'ALEKSANDAR<KARAD', { mrzFieldFull: true })).toMatchObject({ status: 'variant' });
    expect(crossCheckField('givenNames', 'Aleksandar Karađorđe', 'ALEKSANDAR<KARAD').status).toBe('mismatch');
  });
  it('reports missing sides', () => {
    expect(crossCheckField('surname', '', 'ERIKSSON').status).toBe('missing');
    expect(crossCheckField('surname', 'Eriksson', '<<<<').status).toBe('missing');
  });
});

describe('crossCheckField: dates', () => {
  it('matches every supported printed notation against YYMMDD', () => {
    for (const viz of ['12.08.1974', '12/08/1974', '1974-08-12', '12 08 1974', '12 AUG 1974', '12 AUG/AOÛT 74', '12. avgust 1974.', '12 АВГ 1974', '12 kolovoza 1974', '12 gusht 1974', '12 August 1974'])
      expect(crossCheckField('birthDate', viz, '740812'), viz).toMatchObject({ status: 'match', vizNormalized: '740812' });
  });
  it('reports a different date and an unreadable one', () => {
    expect(crossCheckField('expiryDate', '15.04.2013', '120415')).toMatchObject({ status: 'mismatch', vizNormalized: '130415' });
    expect(crossCheckField('birthDate', 'sometime in 1974', '740812').status).toBe('mismatch');
  });
  it('treats unknown parts marked on either side as a variant when the rest agrees', () => {
    expect(crossCheckField('birthDate', 'XX.XX.1974', '74<<<<').status).toBe('match');
    expect(crossCheckField('birthDate', '12.08.1974', '74<<<<').status).toBe('variant');
    expect(crossCheckField('birthDate', '12.08.1975', '75<<<<').status).toBe('variant');
    expect(crossCheckField('birthDate', '12.08.1975', '74<<<<').status).toBe('mismatch');
  });
});

describe('parseVizDate', () => {
  it('rejects impossible dates and disagreeing bilingual month names', () => {
    expect(parseVizDate('31.13.1974')).toBeNull();
    expect(parseVizDate('12 AUG/SEP 1974')).toBeNull();
    expect(parseVizDate('12 März 1974')).toEqual({ year: 1974, yy: 74, month: 3, day: 12 });
  });
});

describe('crossCheckField: numbers, codes, sex', () => {
  it('compares document numbers, tolerating print grouping', () => {
    expect(crossCheckField('documentNumber', 'D23145890', 'D23145890')).toMatchObject({ status: 'match' });
    expect(crossCheckField('documentNumber', 'D 2314 5890', 'D23145890<')).toMatchObject({ status: 'match' });
    expect(crossCheckField('documentNumber', 'D-231-458-90', 'D23145890').status).toBe('variant');
    const lookAlike = crossCheckField('documentNumber', 'D23I45890', 'D23145890');
    expect(lookAlike.status).toBe('mismatch');
    expect(lookAlike.explanation).toContain('look-alike');
    expect(crossCheckField('documentNumber', 'D23145891', 'D23145890').explanation).not.toContain('look-alike');
  });
  it('compares nationality and state codes', () => {
    expect(crossCheckField('nationality', 'SRB', 'SRB').status).toBe('match');
    expect(crossCheckField('nationality', 'DEU', 'D<<').status).toBe('variant');
    expect(crossCheckField('nationality', 'MKD', 'SRB').status).toBe('mismatch');
    expect(crossCheckField('issuingState', 'SRPSKO', 'SRB').explanation).toContain('by hand');
  });
  it('maps national sex markers', () => {
    expect(crossCheckField('sex', 'F', 'F').status).toBe('match');
    expect(crossCheckField('sex', 'Ž', 'F').status).toBe('variant');
    expect(crossCheckField('sex', 'Ж/F', 'F').status).toBe('variant');
    expect(crossCheckField('sex', 'М', 'M').status).toBe('variant'); // Cyrillic EM
    expect(crossCheckField('sex', 'M/M', 'M').status).toBe('match');
    expect(crossCheckField('sex', 'Ž', 'M').status).toBe('mismatch');
    expect(crossCheckField('sex', 'M/Ž', 'M').status).toBe('mismatch');
    expect(crossCheckField('sex', 'X', '<').status).toBe('mismatch');
    expect(crossCheckField('sex', '-', '<').status).toBe('variant');
  });
});
