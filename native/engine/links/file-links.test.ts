import { describe, expect, it } from 'vitest';
import { sameFileLinks, sameImageLinks, sameImageStrength, type FileLinkItem } from './file-links';

const label = (id: number) => ['?', 'PHONE-A', 'PC-B', 'PHONE-C'][id] ?? `exhibit ${id}`;
const item = (id: number, exhibitId: number, sha256: string | null, phash: string | null = null, nearGroup: number | null = null): FileLinkItem => ({ id, exhibitId, sha256, phash, nearGroup, name: `f${id}.jpg` });

describe('same-file links', () => {
  it('links every copy of a file to its first occurrence, across exhibits, and nothing else', () => {
    const links = sameFileLinks([item(5, 2, 'aa'), item(1, 1, 'aa'), item(9, 3, 'aa'), item(2, 1, 'bb'), item(3, 1, null), item(4, 1, null)], label);
    expect(links.map((l) => [l.from.id, l.to.id])).toEqual([
      ['1', '5'],
      ['1', '9'],
    ]);
    expect(links.every((l) => l.kind === 'same-file' && l.strength === 1)).toBe(true);
    expect(links[0]!.evidence).toMatchObject({ sha256: 'aa', copies: 3, exhibits: ['PHONE-A', 'PC-B'] });
    expect(links[0]!.summary).toMatch(/on PHONE-A and PC-B/);
  });
});

describe('same-image links', () => {
  it('links different files of a near-duplicate group, one per distinct hash, with strength by pHash distance', () => {
    const links = sameImageLinks(
      [
        item(1, 1, 'orig', 'ffffffffffffffff', 7),
        item(2, 3, 'copy', 'fffffffffffffff0', 7), // 4 bits apart
        item(3, 3, 'copy', 'fffffffffffffff0', 7), // byte copy of item 2: same-file's business
        item(4, 2, 'other', '0000000000000000', null),
      ],
      label,
    );
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ kind: 'same-image', from: { type: 'item', id: '1' }, to: { type: 'item', id: '2' }, evidence: { hammingBits: 4, nearGroup: 7 } });
    expect(links[0]!.strength).toBeCloseTo(0.81);
  });

  it('does not link files whose content says they are different pictures', () => {
    const group = [item(1, 1, 'card-a', 'ffffffffffffffff', 3), item(2, 2, 'card-b', 'fffffffffffffff0', 3), item(3, 3, 'card-a-copy', 'ffffffffffffffff', 3)];
    // card-b holds a document with another number than card-a's: hashes 4 bits apart, yet not one picture.
    const numbers = new Map([['card-a', 'RP1'], ['card-b', 'RP2'], ['card-a-copy', 'RP1']]);
    const links = sameImageLinks(group, label, (a, b) => numbers.get(a.sha256!) !== numbers.get(b.sha256!));
    expect(links.map((l) => [l.from.id, l.to.id])).toEqual([['1', '3']]);
  });

  it('links the files of each picture of a group among themselves when the group chains several pictures', () => {
    // The importer chained captures of three cards into one group; the first file shows card A, the rest B and C.
    const group = [
      item(1, 1, 'a', 'ffffffffffffffff', 5),
      item(2, 1, 'b', 'ffffffffffffff00', 5), // 8 bits from a
      item(3, 2, 'b-copy', 'ffffffffffffff00', 5),
      item(4, 3, 'c', 'ffffffffff000000', 5), // 16 bits from b's picture head: not the same picture, whatever it reads
      item(5, 3, 'c-copy', 'ffffffffff000000', 5),
    ];
    const numbers = new Map([['a', 'RP1'], ['b', 'RP2'], ['b-copy', 'RP2'], ['c', 'RP2'], ['c-copy', 'RP2']]);
    const links = sameImageLinks(group, label, (x, y) => numbers.get(x.sha256!) !== numbers.get(y.sha256!));
    expect(links.map((l) => [l.from.id, l.to.id])).toEqual([['2', '3'], ['4', '5']]);
  });

  it('scales strength from 0.95 at 0 bits to 0.6 at the grouping bound, never below 0.5', () => {
    expect(sameImageStrength(0)).toBe(0.95);
    expect(sameImageStrength(10)).toBeCloseTo(0.6);
    expect(sameImageStrength(30)).toBe(0.5);
  });
});
