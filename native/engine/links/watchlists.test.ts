import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { groupPersons, type PersonRecord } from './persons';
import { HIT_STRENGTH, isFormulaLike, MAX_LISTED_ERRORS, MAX_WATCHLIST_BYTES, matchWatchlist, parseWatchlist, watchlistEntryId, type Watchlist, type WatchlistParseResult } from './watchlists';

const HEADER = 'list_name,list_version,type,document_number,surname,given_names,birth_date,nationality,note';
const utf8 = (text: string) => new TextEncoder().encode(text);
const accepted = (r: WatchlistParseResult): Watchlist => {
  if (!r.ok) throw new Error(`refused: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.list;
};
const refused = (r: WatchlistParseResult) => {
  if (r.ok) throw new Error('accepted a list that should be refused');
  return r;
};

/** BOM, CRLF, a blank row, quoted commas and a quoted newline, formula-like cells. */
const KESTREL = '\uFEFF' + [
  HEADER,
  'Operation Kestrel,2026.03,document-number,RP 510-0231,,,,,"stolen blank, batch 4"',
  'Operation Kestrel,2026.03,document-number,rp5100299,,,,,',
  '',
  'Operation Kestrel,2026.03,person,,Đorđević,Žarko,1987-04-12,SRB,"wanted\r\nsee file 12/2026"',
  'Operation Kestrel,2026.03,person,,PETROVIC,MARKO,,SRB,"=HYPERLINK(""http://x"")"',
  'Operation Kestrel,2026.03,person,,MUELLER,JOERG,1970-05-05,D,',
  'Operation Kestrel,2026.03,person,,Kostadinovski,Goran,1969-03-03,mkd,@SUM(A1)',
].join('\r\n') + '\r\n';

describe('parseWatchlist', () => {
  const bytes = utf8(KESTREL);
  const list = accepted(parseWatchlist(bytes, { fileName: 'kestrel.csv' }));

  it('reads every entry with its spreadsheet row and normalised fields', () => {
    expect(list.entries.map((e) => [e.row, e.type, e.documentNumber ?? e.surname])).toEqual([
      [2, 'document-number', 'RP5100231'], [3, 'document-number', 'RP5100299'], [5, 'person', 'Đorđević'], [6, 'person', 'PETROVIC'], [7, 'person', 'MUELLER'], [8, 'person', 'Kostadinovski'],
    ]);
    expect(list.entries[0]?.note).toBe('stolen blank, batch 4');
    expect(list.entries[2]).toMatchObject({ givenNames: 'Žarko', birthDate: '1987-04-12', nationality: 'SRB', note: 'wanted\r\nsee file 12/2026' });
    expect(list.entries[5]?.nationality).toBe('MKD');
  });
  it('records provenance: name, version, SHA-256 of the bytes, row count', () => {
    expect(list.provenance).toEqual({
      listName: 'Operation Kestrel', listVersion: '2026.03', sha256: createHash('sha256').update(bytes).digest('hex'), rowCount: 6, byteLength: bytes.length, fileName: 'kestrel.csv',
    });
  });
  it('keeps formula-like cells as data and marks them', () => {
    expect(list.entries[3]).toMatchObject({ note: '=HYPERLINK("http://x")', formulaLikeColumns: ['note'] });
    expect(list.entries[5]?.formulaLikeColumns).toEqual(['note']);
    expect(list.entries[0]?.formulaLikeColumns).toEqual([]);
    expect(['=1+1', '+1', '-1', '@A1', '\tx'].every(isFormulaLike)).toBe(true);
    expect(isFormulaLike('Petrović')).toBe(false);
  });
  it('gives the same entries for LF without BOM, and for semicolon-separated files', () => {
    const lf = accepted(parseWatchlist(utf8(KESTREL.slice(1).replace(/\r\n/g, '\n'))));
    expect(lf.entries.map((e) => e.row)).toEqual(list.entries.map((e) => e.row));
    expect(lf.provenance.sha256).not.toBe(list.provenance.sha256);
    const semi = accepted(parseWatchlist(utf8(`${HEADER.replace(/,/g, ';')}\nK;1;person;;Šćepanović;Ćamil;1975-11-30;MNE;a, b\n`)));
    expect(semi.entries[0]).toMatchObject({ surname: 'Šćepanović', note: 'a, b' });
  });
  it('refuses a list with errors as a whole, naming every row and column', () => {
    const csv = [HEADER,
      'L,1,passport,X1,,,,,',
      'L,1,document-number,,,,,,',
      'L,1,person,,Petrović,Marko,1980-02-30,SRB,',
      'L,2,person,,,Marko,,,',
      'L,1,person,,Ana,,12.03.1990,Serbia,',
      'L,1,person',
      'L,1,document-number,AB/123,,,,,',
      'L,1,person,,Petrović,Marko,1980-01-01,SRB,',
    ].join('\n');
    const r = refused(parseWatchlist(utf8(csv)));
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'type'], [3, 'document_number'], [4, 'birth_date'], [5, 'list_version'], [5, 'surname'], [6, 'birth_date'], [6, 'nationality'], [7, null], [8, 'document_number'],
    ]);
    expect(r.errors[0]?.message).toBe("row 2, column type: unknown type 'passport' (expected 'document-number' or 'person')");
    expect(r.errors[2]?.message).toBe("row 4, column birth_date: '1980-02-30' is not a calendar date in YYYY-MM-DD");
    expect(r.errors[3]?.message).toMatch(/'2' differs from '1'/);
    expect(r.errors[7]?.message).toBe('row 7: 3 fields, the header has 9');
    expect(r.errorCount).toBe(9);
  });
  it('refuses bad headers', () => {
    const unknown = refused(parseWatchlist(utf8(`${HEADER.replace('birth_date', 'birthdate')}\nL,1,person,,A,B,1990-01-01,SRB,\n`)));
    expect(unknown.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^row 1: unknown column 'birthdate'/)]);
    const missing = refused(parseWatchlist(utf8('list_name,list_version,surname\nL,1,A\n')));
    expect(missing.errors.map((e) => e.message)).toEqual(["row 1: required column 'type' is missing"]);
    expect(refused(parseWatchlist(utf8(`${HEADER},type\n`))).errors[0]?.message).toBe("row 1: column 'type' appears twice");
  });
  it('refuses hostile or wrong files with a clear error', () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    expect(refused(parseWatchlist(big)).errors[0]?.message).toBe(`file is ${big.length} bytes; watchlists are limited to ${MAX_WATCHLIST_BYTES} bytes (8 MiB)`);
    const cp1250 = Uint8Array.from([...utf8(`${HEADER}\nL,1,person,,`), 0x8a, ...utf8('ehović,Ana,,,\n')]); // Š in Windows-1250
    expect(refused(parseWatchlist(cp1250)).errors[0]?.message).toBe('file is not UTF-8 text; save the list as CSV UTF-8');
    expect(refused(parseWatchlist(utf8(`${HEADER}\nL,1,person,,"Ana,B,,,,\n`))).errors[0]?.message).toMatch(/^file is not well-formed CSV \(near line \d+\): Quote Not Closed/);
    expect(refused(parseWatchlist(utf8(`${HEADER}\r\n`))).errors[0]?.message).toBe('the list has no entries');
    expect(refused(parseWatchlist(new Uint8Array(0))).errors[0]?.message).toMatch(/required column 'list_name' is missing/);
  });
  it('lists at most MAX_LISTED_ERRORS errors and gives the total', () => {
    const rows = Array.from({ length: 1500 }, () => 'L,1,person,,,,,,');
    const r = refused(parseWatchlist(utf8([HEADER, ...rows].join('\n'))));
    expect(r.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(r.errorCount).toBe(1500);
  });
});

describe('matchWatchlist', () => {
  const list = accepted(parseWatchlist(utf8(KESTREL)));
  const rec = (documentId: string, source: PersonRecord['source'], surname: string, givenNames: string, birthDate: string | null): PersonRecord => ({ documentId, source, surname, givenNames, birthDate, nationality: null });
  const persons = groupPersons([
    rec('d10', 'viz', 'Ђорђевић', 'Жарко', '1987-04-12'), rec('d10', 'mrz', 'DJORDJEVIC', 'ZARKO', '1987-04-12'), // hit row 5
    rec('d11', 'viz', 'Đorđević', 'Žarko', '1990-01-01'), // namesake born another day: no hit
    rec('d12', 'mrz', 'PETROVIC', 'MARKO', '1980-01-01'), // row 6 has no birth date: name-only hit
    rec('d13', 'viz', 'Petrović', 'Marko', null), // name-only hit too
    rec('d14', 'mrz', 'MULLER', 'JORG', '1970-05-05'), // row 7 MUELLER JOERG: transliteration variant
    rec('d15', 'mrz', 'KOSTANDINOVSKI', 'GORAN', '1969-03-03'), // row 8: one edit in a long name
    rec('d16', 'viz', 'Kostadinovski', 'Goran', null), // row 8 has a birth date, this person none: no hit
    rec('d17', 'mrz', 'JOVANOVIC', 'ANA', '1969-03-03'), // unrelated
  ]);
  const documents = [
    { documentId: 'd1', documentNumber: 'RP5100231' }, { documentId: 'd1', documentNumber: 'RP 5100231' },
    { documentId: 'd2', documentNumber: 'RP5100230' }, { documentId: 'd3', documentNumber: 'RP-5100299' }, { documentId: 'd4', documentNumber: null },
  ];
  const hits = matchWatchlist(list, documents, persons);
  const personOf = (doc: string) => persons.find((p) => p.documentIds.includes(doc))?.id;

  it('finds exactly the known hits', () => {
    expect(hits.map((h) => [h.entry.row, h.target.type, h.target.type === 'document' ? h.target.id : persons.find((p) => p.id === h.target.id)?.documentIds[0], h.matched])).toEqual([
      [2, 'document', 'd1', 'document-number'],
      [3, 'document', 'd3', 'document-number'],
      [5, 'person', 'd10', 'person-name-and-birth-date'],
      [6, 'person', 'd12', 'person-name'],
      [6, 'person', 'd13', 'person-name'],
      [7, 'person', 'd14', 'person-name-variant'],
      [8, 'person', 'd15', 'person-name-variant'],
    ]);
  });
  it('gives each hit its strength, evidence and the list provenance', () => {
    const number = hits[0];
    expect(number?.strength).toBe(HIT_STRENGTH['document-number']);
    expect(number?.evidence).toMatchObject({ number: 'RP5100231', readings: ['RP5100231', 'RP 5100231'] });
    expect(number?.provenance).toBe(list.provenance);
    expect(number?.link).toMatchObject({ kind: 'watchlist', from: { type: 'document', id: 'd1' }, to: { type: 'watchlist-entry', id: watchlistEntryId(list.provenance, 2) } });
    expect(number?.link.evidence).toMatchObject({ list: { listName: 'Operation Kestrel', listVersion: '2026.03', sha256: list.provenance.sha256, row: 2 } });
    expect(number?.link.summary).toBe("Document d1 number RP5100231 matches row 2 of watchlist 'Operation Kestrel' version 2026.03 (document number).");
    const person = hits.find((h) => h.entry.row === 5);
    expect(person?.target.id).toBe(personOf('d10'));
    expect(person?.evidence).toMatchObject({ birthDate: { listed: '1987-04-12', person: '1987-04-12' } });
    expect(hits.find((h) => h.entry.row === 6)?.strength).toBe(0.4);
    expect(hits.find((h) => h.entry.row === 7)?.evidence).toMatchObject({ nameRule: 'skeleton' });
    expect(hits.find((h) => h.entry.row === 8)?.evidence).toMatchObject({ nameRule: 'one-edit' });
  });
  it('does not hit namesakes born another day, persons without birth date against dated entries, or near numbers', () => {
    const targets = new Set(hits.map((h) => h.target.id));
    for (const doc of ['d11', 'd16', 'd17']) expect(targets.has(personOf(doc) ?? doc), doc).toBe(false);
    expect(targets.has('d2')).toBe(false);
  });
});
