import { describe, expect, it } from 'vitest';
import { personKey } from '../../links/person-names';
import { computeShares, type ShareDocument, type ShareItem, type SharePackage } from './shares';

const packages: SharePackage[] = [
  { id: 1, path: '/in/A', workstation: 'WS-A', signer: 'Insp. A', fingerprint: 'aaaa' },
  { id: 2, path: '/in/B.zip', workstation: 'WS-B', signer: 'Insp. B', fingerprint: 'bbbb' },
  { id: 3, path: '/in/C', workstation: 'WS-C', signer: null, fingerprint: 'cccc' },
];
const sha = (c: string) => c.repeat(64);
const item = (packageId: number, bagPath: string, s: string, nearGroup: number | null = null, phash: string | null = null): ShareItem => ({ packageId, bagPath, sha256: s, nearGroup, phash });
const doc = (packageId: number, ref: string, number: string | null, surname: string | null, given: string | null, birth: string | null): ShareDocument => ({
  packageId,
  sourceRef: ref,
  documentNumber: number,
  numberKey: number ? number.toUpperCase().replace(/[\s-<]/g, '') : null,
  surname,
  givenNames: given,
  birthDate: birth,
  personKey: surname ? personKey(surname, given ?? '', birth) : null,
});

describe('computeShares', () => {
  it('reports bytes held by two packages once, with each package and what it calls the file', () => {
    const shares = computeShares(packages, [item(1, 'data/evidence/EXH-01/a.jpg', sha('1')), item(1, 'data/evidence/EXH-02/b.jpg', sha('1')), item(2, 'data/evidence/P/c.jpg', sha('1')), item(3, 'data/evidence/X/d.jpg', sha('2'))], []);
    expect(shares).toEqual([
      {
        kind: 'same-file',
        value: sha('1'),
        occurrences: [
          { package: '/in/A', workstation: 'WS-A', signer: 'Insp. A', fingerprint: 'aaaa', label: 'data/evidence/EXH-01/a.jpg; data/evidence/EXH-02/b.jpg' },
          { package: '/in/B.zip', workstation: 'WS-B', signer: 'Insp. B', fingerprint: 'bbbb', label: 'data/evidence/P/c.jpg' },
        ],
      },
    ]);
  });

  it('ignores bytes held twice by one package only', () => {
    expect(computeShares(packages, [item(1, 'a', sha('1')), item(1, 'b', sha('1'))], [])).toEqual([]);
  });

  it('reports a near-duplicate group spanning packages with different bytes, not one of identical bytes or of one package', () => {
    const shares = computeShares(
      packages,
      [
        item(1, 'a.jpg', sha('1'), 7, 'ff00'),
        item(2, 'a-forwarded.jpg', sha('2'), 7, 'ff01'),
        item(1, 'x.jpg', sha('3'), 8, '0f0f'),
        item(1, 'x2.jpg', sha('4'), 8, '0f0e'),
        item(1, 'y.jpg', sha('5'), 9, 'aaaa'),
        item(3, 'y.jpg', sha('5'), 9, 'aaaa'),
      ],
      [],
    );
    const images = shares.filter((s) => s.kind === 'same-image');
    expect(images).toHaveLength(1);
    expect(images[0]!.value).toBe('pHash ff00 ≈ ff01');
    expect(images[0]!.occurrences.map((o) => [o.workstation, o.label])).toEqual([
      ['WS-A', 'a.jpg'],
      ['WS-B', 'a-forwarded.jpg'],
    ]);
    // Group 9 is the same bytes: a same-file share, not a same-image one.
    expect(shares.filter((s) => s.kind === 'same-file').map((s) => s.value)).toEqual([sha('5')]);
  });

  it('matches document numbers by their normalised key and persons across transliterations with the birth date', () => {
    const shares = computeShares(
      packages,
      [],
      [
        doc(1, 'document:3', 'RP 510-0231', 'Đorđević', 'Marko', '900101'),
        doc(2, 'document:1', 'rp5100231', 'DJORDJEVIC', 'MARKO', '900101'),
        doc(3, 'document:9', 'RP5100999', 'DJORDJEVIC', 'MARKO', '910101'),
        doc(3, 'document:10', null, null, null, null),
      ],
    );
    const numbers = shares.filter((s) => s.kind === 'same-document-number');
    expect(numbers.map((s) => [s.value, s.occurrences.map((o) => o.label)])).toEqual([['RP5100231', ['document:3 (RP 510-0231)', 'document:1 (rp5100231)']]]);
    const persons = shares.filter((s) => s.kind === 'same-person');
    expect(persons).toHaveLength(1);
    expect(persons[0]!.value).toContain('born 900101');
    expect(persons[0]!.occurrences.map((o) => o.workstation)).toEqual(['WS-A', 'WS-B']);
  });

  it('does not match holders whose names have no letters', () => {
    expect(computeShares(packages, [], [doc(1, 'd:1', null, '<<<', '', null), doc(2, 'd:2', null, '<<<', '', null)])).toEqual([]);
  });
});
