import { describe, expect, it } from 'vitest';
import { digraphFolds, normalizePersonName, personKey, singleEdit, skeletonOf, sortedTokens } from './person-names';

describe('normalizePersonName', () => {
  it('gives every legitimate MRZ rendering of a printed Serbian name (Đ D/DJ, Ž Z)', () => {
    const forms = normalizePersonName('Đorđević', 'Žarko Petar');
    expect(forms.full).toEqual(['DORDEVIC<<ZARKO<PETAR', 'DJORDJEVIC<<ZARKO<PETAR']);
    expect(forms.skeletons).toEqual(['DORDEVIC<<ZARKO<PETAR']);
  });
  it('renders the Cyrillic spelling to the same forms plus the ICAO generic ones (Ж ZH)', () => {
    const forms = normalizePersonName('Ђорђевић', 'Жарко');
    expect(forms.surnames).toEqual(['DORDEVIC', 'DJORDJEVIC']);
    expect(forms.givenNames).toEqual(['ZARKO', 'ZHARKO']);
    expect(forms.full).toContain('DJORDJEVIC<<ZARKO');
    expect(forms.full).toContain('DORDEVIC<<ZHARKO');
  });
  it('reads MRZ names with < separators as they are', () => {
    expect(normalizePersonName('JOVANOVIC<SCEPANOVIC', 'ANA<MARIJA').full).toEqual(['JOVANOVIC<SCEPANOVIC<<ANA<MARIJA']);
    expect(normalizePersonName('Jovanović-Šćepanović', 'Ana Marija').full).toEqual(['JOVANOVIC<SCEPANOVIC<<ANA<MARIJA']);
  });
  it('keeps a holder without given names and refuses a name without letters', () => {
    expect(normalizePersonName('ĆOSIĆ', '').full).toEqual(['COSIC<<']);
    expect(normalizePersonName('', '  ').full).toEqual([]);
  });
});

describe('skeletonOf and digraphFolds', () => {
  it('derives the folds from the transliteration table', () => {
    const folds = digraphFolds();
    expect(folds.get('DJ')).toBe('D');
    expect(folds.get('AE')).toBe('A');
    expect(folds.get('UE')).toBe('U');
    expect(folds.get('ZH')).toBe('Z');
    expect(folds.get('TS')).toBe('C');
    expect(folds.get('KH')).toBe('H');
  });
  it('folds every scheme of a name to one skeleton', () => {
    for (const [printed, mrzForms] of [
      ['Müller', ['MUELLER', 'MULLER']],
      ['Đurić', ['DURIC', 'DJURIC']],
      ['Жарко Чолић', ['ZARKO<COLIC', 'ZHARKO<CHOLIC']],
      ['Љубица Цветковић', ['LJUBICA<CVETKOVIC', 'LJUBITSA<TSVETKOVIC']],
    ] as const) {
      const skeletons = new Set([...normalizePersonName(printed, '').full, ...mrzForms.map((m) => `${m}<<`)].map(skeletonOf));
      expect([...skeletons], printed).toHaveLength(1);
    }
  });
});

describe('personKey', () => {
  it('gives a printed name and each of its MRZ renderings the same key', () => {
    const key = personKey('Đorđević', 'Žarko Petar', '1987-04-12');
    expect(key).toBe('DORDEVIC<<ZARKO<PETAR|1987-04-12');
    for (const [s, g] of [['DJORDJEVIC', 'ZARKO<PETAR'], ['DORDEVIC', 'ZARKO<PETAR'], ['Ђорђевић', 'Жарко Петар'], ['DJORDJEVIC', 'ZHARKO<PETAR']] as const)
      expect(personKey(s, g, '1987-04-12'), `${s} ${g}`).toBe(key);
    expect(personKey('Šćepanović', 'Ćamil')).toBe(personKey('SCEPANOVIC', 'CAMIL'));
    expect(personKey('Müller', 'Jörg')).toBe(personKey('MUELLER', 'JOERG'));
  });
  it('keeps different names and birth dates apart', () => {
    expect(personKey('Jovanović', 'Ana')).not.toBe(personKey('Jovanovska', 'Ana'));
    expect(personKey('Jovanović', 'Ana', '1990-01-01')).not.toBe(personKey('Jovanović', 'Ana', '1990-01-02'));
    expect(personKey('Jovanović', 'Ana')).toBe('JOVANOVIC<<ANA|?');
    expect(personKey('', '')).toBe('?|?');
  });
});

describe('singleEdit and sortedTokens', () => {
  it('names the one edit and rejects two', () => {
    expect(singleEdit('PETROVIC', 'PETROVIK')).toBe("substitution at 8: 'C'→'K'");
    expect(singleEdit('KOSTADINOVSKI', 'KOSTANDINOVSKI')).toBe("insertion at 6: 'N'");
    expect(singleEdit('KOSTANDINOVSKI', 'KOSTADINOVSKI')).toBe("deletion at 6: 'N'");
    expect(singleEdit('ALEKSANDAR', 'ALEKSANDRA')).toBe("transposition at 9: 'AR'→'RA'");
    expect(singleEdit('PETROVIC', 'PETROVIC')).toBeNull();
    expect(singleEdit('PETROVIC', 'PETRVOIK')).toBeNull();
    expect(singleEdit('PETROVIC', 'PETROVICEV')).toBeNull();
  });
  it('sorts given-name tokens', () => {
    expect(sortedTokens('MARIA<ANNA')).toBe(sortedTokens('ANNA<MARIA'));
  });
});

describe('plain MRZ names (fast path)', () => {
  it('renders A-Z names exactly as mrzRenderings does', async () => {
    const { mrzRenderings } = await import('../domain/transliteration');
    for (const name of ['ERIKSSON', 'ANNA<MARIA', 'anna maria', ' JOVANOVIC - SCEPANOVIC ', 'A<<B', '', 'X'])
      expect(normalizePersonName(name, '').surnames, name).toEqual(mrzRenderings(name.replace(/</g, ' ')));
  });
});
