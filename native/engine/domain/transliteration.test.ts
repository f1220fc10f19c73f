import { describe, expect, it } from 'vitest';
import table from '../../../resources/data/transliteration.json';
import { MAX_RENDERINGS, mrzRenderings, normalizeForSearch } from './transliteration';

describe('transliteration table (resources/data/transliteration.json)', () => {
  it('maps the Doc 9303 Part 3 Latin letters the region needs', () => {
    const cases: [string, string[]][] = [
      ['Č', ['C']], ['Ć', ['C']], ['Š', ['S']], ['Ž', ['Z']], ['Đ', ['D', 'DJ']],
      ['Ä', ['AE', 'A']], ['Ö', ['OE', 'O']], ['Ü', ['UE', 'U']], ['ß', ['SS']],
      ['Ç', ['C']], ['Ë', ['E']], ['Å', ['AA', 'A']], ['Ø', ['OE', 'O']], ['Æ', ['AE']], ['Ł', ['L']], ['Þ', ['TH']],
    ];
    for (const [letter, expected] of cases) expect(mrzRenderings(letter), letter).toEqual(expected);
  });
  it('maps lower-case letters like upper-case ones', () => {
    expect(mrzRenderings('čćšžđ')).toEqual(['CCSZD', 'CCSZDJ']);
    expect(mrzRenderings('straße')).toEqual(['STRASSE']);
  });
  it('maps every Serbian and Macedonian Cyrillic letter of DOMAIN.md section 2', () => {
    const domain: Record<string, string> = { Ђ: 'D', Љ: 'LJ', Њ: 'NJ', Џ: 'DZ', Ћ: 'C', Ж: 'Z', Ш: 'S', Ч: 'C', Ѓ: 'G', Ќ: 'K', Ѕ: 'DZ', Х: 'H', Ц: 'C', Ј: 'J' };
    for (const [letter, mrz] of Object.entries(domain)) expect(mrzRenderings(letter)[0], letter).toBe(mrz);
  });
  it('offers the ICAO generic Cyrillic forms as variants', () => {
    expect(mrzRenderings('Ж')).toEqual(['Z', 'ZH']);
    expect(mrzRenderings('Ч')).toEqual(['C', 'CH']);
    expect(mrzRenderings('Ш')).toEqual(['S', 'SH']);
    expect(mrzRenderings('Х')).toEqual(['H', 'KH']);
    expect(mrzRenderings('Ц')).toEqual(['C', 'TS']);
    expect(mrzRenderings('Щ')).toEqual(['SHCH']);
    expect(mrzRenderings('Я')).toEqual(['IA']);
  });
  it('covers the whole Serbian Cyrillic alphabet (30 letters)', () => {
    const serbian = 'АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ';
    expect([...serbian]).toHaveLength(30);
    for (const letter of serbian) expect(Object.keys(table.cyrillic), letter).toContain(letter);
  });
  it('has only A-Z (or nothing) in every rendering', () => {
    for (const section of [table.latin, table.cyrillic] as Record<string, { mrz: string[] }>[])
      for (const [letter, entry] of Object.entries(section)) for (const r of entry.mrz) expect(r, letter).toMatch(/^[A-Z]*$/);
  });
});

describe('mrzRenderings', () => {
  it('renders names with spaces and hyphens as fillers', () => {
    expect(mrzRenderings('Anna Maria')).toEqual(['ANNA<MARIA']);
    expect(mrzRenderings('Jovanović-Šćepanović')).toEqual(['JOVANOVIC<SCEPANOVIC']);
    expect(mrzRenderings('  Ana  -  Marija ')).toEqual(['ANA<MARIJA']);
  });
  it('omits apostrophes (Doc 9303) or renders them as a filler (some issuers)', () => {
    expect(mrzRenderings("O'Neil")).toEqual(['ONEIL', 'O<NEIL']);
  });
  it('renders a name consistently in one scheme, preferred first', () => {
    expect(mrzRenderings('Müller-Lüdenscheid')).toEqual(['MUELLER<LUEDENSCHEID', 'MULLER<LUDENSCHEID']);
    expect(mrzRenderings('Ђорђевић')).toEqual(['DORDEVIC', 'DJORDJEVIC']);
    expect(mrzRenderings('Đorđević')).toEqual(['DORDEVIC', 'DJORDJEVIC']);
    expect(mrzRenderings('Жарко Чолић')).toEqual(['ZARKO<COLIC', 'ZHARKO<CHOLIC']);
  });
  it('renders Macedonian names', () => {
    expect(mrzRenderings('Ѓорѓи Ќосе')).toEqual(['GORGI<KOSE']);
    expect(mrzRenderings('Ѕвездан Љубица Њаго')).toEqual(['DZVEZDAN<LJUBICA<NJAGO', 'DZVEZDAN<LJUBITSA<NJAGO']); // Ц: national C, ICAO TS
  });
  it('falls back to Unicode decomposition for accented Latin letters not in the table', () => {
    expect(mrzRenderings('Ǹ')).toEqual(['N']); // N with grave
  });
  it('stays bounded on pathological input', () => {
    expect(mrzRenderings("'".repeat(40) + 'A').length).toBeLessThanOrEqual(MAX_RENDERINGS);
  });
});

describe('normalizeForSearch', () => {
  it('folds diacritics, Cyrillic and case', () => {
    expect(normalizeForSearch('Đorđević')).toBe('DORDEVIC');
    expect(normalizeForSearch('Ђорђевић')).toBe('DORDEVIC');
    expect(normalizeForSearch('Müller, Straße')).toBe('MULLER STRASSE');
    expect(normalizeForSearch('Љубица Жарковић')).toBe('LJUBICA ZARKOVIC');
    expect(normalizeForSearch('Çelë')).toBe('CELE');
  });
  it('drops apostrophes and turns other punctuation into single spaces', () => {
    expect(normalizeForSearch("O'Neil")).toBe('ONEIL');
    expect(normalizeForSearch('ERIKSSON<<ANNA  -  No. 42')).toBe('ERIKSSON ANNA NO 42');
  });
});
