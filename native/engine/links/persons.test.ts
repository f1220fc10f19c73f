import { describe, expect, it } from 'vitest';
import { groupPersons, personMatch, type PersonRecord } from './persons';

const rec = (documentId: string, source: PersonRecord['source'], surname: string, givenNames: string, birthDate: string | null, nationality: string | null = 'SRB'): PersonRecord =>
  ({ documentId, source, surname, givenNames, birthDate, nationality });

describe('groupPersons', () => {
  const records: PersonRecord[] = [
    rec('d1', 'viz', 'Đorđević', 'Žarko', '1987-04-12'),
    rec('d1', 'mrz', 'DJORDJEVIC', 'ZARKO', '1987-04-12'),
    rec('d2', 'mrz', 'DORDEVIC', 'ZARKO', '1987-04-12'),
    rec('d3', 'viz', 'Ђорђевић', 'Жарко', '1987-04-12', null),
    rec('d4', 'mrz', 'DORDEVIC', 'ZARKO', '1990-01-01'), // namesake, other birth date
    rec('d4', 'viz', 'Đorđević', 'Žarko', null), // same card as the namesake, birth date not read
    rec('d5', 'viz', 'Đorđević', 'Žarko', null), // another card, no birth date
    rec('d6', 'mrz', 'SCEPANOVIC', 'CAMIL', '1975-11-30', 'MNE'),
    rec('d7', 'viz', 'Šćepanović', 'Ćamil', '1975-11-30', 'MNE'),
  ];
  const persons = groupPersons(records);
  const docsOf = (i: number) => [...(persons[i]?.documentIds ?? [])].sort();

  it('merges a printed name with its MRZ renderings when birth dates agree', () => {
    expect(persons).toHaveLength(4);
    expect(docsOf(0)).toEqual(['d1', 'd2', 'd3']);
    expect(persons[0]?.records).toHaveLength(4);
    expect(persons[0]?.surname).toBe('Đorđević');
    expect(persons[0]?.birthDate).toBe('1987-04-12');
    expect(persons[0]?.key).toBe('DORDEVIC<<ZARKO|1987-04-12');
    expect(persons[0]?.renderings).toEqual(expect.arrayContaining(['DORDEVIC<<ZARKO', 'DJORDJEVIC<<ZARKO', 'DORDEVIC<<ZHARKO']));
    expect(docsOf(3)).toEqual(['d6', 'd7']);
    expect(persons[3]?.nationalities).toEqual(['MNE']);
  });
  it('records the evidence of every merge', () => {
    const merges = persons[0]?.merges ?? [];
    expect(merges).toHaveLength(3); // 4 records, 3 joins
    expect(merges.every((m) => m.rule === 'shared-rendering' && m.birthDate === '1987-04-12')).toBe(true);
    expect(merges.map((m) => m.rendering)).toEqual(expect.arrayContaining(['DJORDJEVIC<<ZARKO', 'DORDEVIC<<ZARKO']));
  });
  it('keeps a namesake with another birth date apart and attaches a same-card reading without birth date', () => {
    expect(docsOf(1)).toEqual(['d4']);
    expect(persons[1]?.birthDate).toBe('1990-01-01');
    expect(persons[1]?.merges).toEqual([expect.objectContaining({ rule: 'same-document', rendering: 'DORDEVIC<<ZARKO' })]);
  });
  it('never merges a reading without birth date from another document', () => {
    expect(docsOf(2)).toEqual(['d5']);
    expect(persons[2]?.birthDate).toBeNull();
    expect(persons[2]?.key).toBe('DORDEVIC<<ZARKO|?');
  });
  it('does not chain two common-name holders through a record without birth date', () => {
    const common = groupPersons([
      rec('a', 'mrz', 'PETROVIC', 'MARKO', '1980-01-01'),
      rec('b', 'mrz', 'PETROVIC', 'MARKO', '1985-02-02'),
      rec('c', 'viz', 'Petrović', 'Marko', null),
    ]);
    expect(common.map((p) => p.documentIds)).toEqual([['a'], ['b'], ['c']]);
    expect(new Set(common.map((p) => p.id)).size).toBe(3);
  });
  it('holds apart a reading whose document names two different persons', () => {
    const split = groupPersons([
      rec('x', 'mrz', 'PETROVIC', 'MARKO', '1980-01-01'),
      rec('x', 'viz', 'Petrović', 'Marko', '1981-01-01'),
      rec('x', 'viz', 'PETROVIĆ', 'MARKO', null),
    ]);
    expect(split).toHaveLength(3);
    expect(split[2]?.heldApart[0]).toMatch(/matches 2 different persons/);
  });
  it('gives persons with the same key distinct ids', () => {
    const twins = groupPersons([rec('a', 'mrz', 'MUELLER', 'JOERG', '1970-05-05', 'D'), rec('b', 'mrz', 'MULLER', 'JORG', '1970-05-05', 'DEU')]);
    expect(twins.map((p) => p.id)).toEqual(['person:MULLER<<JORG|1970-05-05', 'person:MULLER<<JORG|1970-05-05~2']);
  });
});

describe('personMatch', () => {
  const base = { nationality: 'SRB' as const };
  const p = (surname: string, givenNames: string, birthDate: string | null, extra: Partial<PersonRecord> = {}) => ({ ...base, surname, givenNames, birthDate, ...extra });

  it('same: shared rendering and equal birth dates', () => {
    const m = personMatch(p('Đorđević', 'Žarko', '1987-04-12'), p('DJORDJEVIC', 'ZARKO', '1987-04-12'));
    expect(m.match).toBe('same');
    expect(m.evidence.nameRule).toBe('shared-rendering');
    expect(m.evidence.nameDetail).toBe('both render as DJORDJEVIC<<ZARKO');
  });
  it('different: namesakes with different birth dates', () => {
    const m = personMatch(p('Petrović', 'Marko', '1980-01-01'), p('PETROVIC', 'MARKO', '1985-02-02'));
    expect(m.match).toBe('different');
    expect(m.evidence.birthDates.status).toBe('differ');
  });
  it('possible: shared rendering with a birth date missing, same when both are readings of one card', () => {
    expect(personMatch(p('Petrović', 'Marko', null), p('PETROVIC', 'MARKO', '1980-01-01')).match).toBe('possible');
    expect(personMatch(p('Petrović', 'Marko', null, { documentId: 'd1' }), p('PETROVIC', 'MARKO', '1980-01-01', { documentId: 'd1' })).match).toBe('same');
  });
  it('possible: MRZs that differ only in transliteration scheme', () => {
    const m = personMatch(p('MUELLER', 'JOERG', '1970-05-05'), p('MULLER', 'JORG', '1970-05-05'));
    expect([m.match, m.evidence.nameRule]).toEqual(['possible', 'skeleton']);
    expect(personMatch(p('Müller', 'Jörg', '1970-05-05'), p('MULLER', 'JORG', '1970-05-05')).match).toBe('same');
  });
  it('possible: given names in another order, or surname and given names exchanged', () => {
    expect(personMatch(p('ERIKSSON', 'ANNA<MARIA', '1974-08-12'), p('Eriksson', 'Maria Anna', '1974-08-12')).evidence.nameRule).toBe('given-order');
    const swapped = personMatch(p('ZARKO', 'ĐORĐEVIĆ', '1987-04-12'), p('DJORDJEVIC', 'ZARKO', '1987-04-12'));
    expect([swapped.match, swapped.evidence.nameRule]).toEqual(['possible', 'fields-swapped']);
  });
  it('possible: one edit in a long name; different in a short one', () => {
    const long = personMatch(p('Kostadinovski', 'Goran', '1969-03-03'), p('KOSTANDINOVSKI', 'GORAN', '1969-03-03'));
    expect([long.match, long.evidence.nameRule]).toEqual(['possible', 'one-edit']);
    expect(long.evidence.nameDetail).toMatch(/insertion at 6: 'N'/);
    expect(personMatch(p('LI', 'WEI', '1990-01-01'), p('LI', 'WEN', '1990-01-01')).match).toBe('different');
    expect(personMatch(p('Kostadinovski', 'Goran', null), p('KOSTANDINOVSKI', 'GORAN', '1969-03-03')).match).toBe('different');
  });
  it('possible: an MRZ name truncated to the TD1 field', () => {
    const viz = p('Vasilevska-Stojanovska', 'Marija Elena', '1992-06-01', { source: 'viz' });
    const mrz = p('VASILEVSKA<STOJANOVSKA', 'MARIJA', '1992-06-01', { source: 'mrz' });
    const m = personMatch(viz, mrz);
    expect([m.match, m.evidence.nameRule]).toEqual(['possible', 'truncation']);
    expect(m.evidence.nameDetail).toMatch(/30 characters/);
    expect(personMatch(viz, { ...mrz, source: 'viz' }).match).toBe('different'); // a printed name is not truncated
  });
  it('reports nationality without using it', () => {
    const m = personMatch(p('Müller', 'Jörg', '1970-05-05', { nationality: 'D' }), p('MUELLER', 'JOERG', '1970-05-05', { nationality: 'DEU' }));
    expect(m.match).toBe('same');
    expect(m.evidence.nationality).toEqual({ a: 'D', b: 'DEU', status: 'differ' });
  });
});
