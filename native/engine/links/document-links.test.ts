import { describe, expect, it } from 'vitest';
import type { LinkDraft } from './types';
import { HOLDER_NUMBERS_STRENGTH, holderNumberLinks, NUMBER_REUSED_STRENGTH, numberLinks, SAME_DOCUMENT_STRENGTH, SAME_PICTURE_DOCUMENT_STRENGTH, samePictureLinks, type NumberedDocument, type PictureDocument } from './document-links';

const mrz = (number: string, name: string) => [`IRUTO${number}<<<<<<<<<<<<<<<<`, '9001011F3001017UTO<<<<<<<<<<<4', `${name}<<<<<<<<<<<<<<<<<<<<<<`.slice(0, 30)];
function doc(id: number, over: Partial<NumberedDocument>): NumberedDocument {
  return { id, number: 'RP1000001', numberSource: 'mrz-verified', issuingState: 'UTO', personId: 'person:a', nameKey: 'PETROVIC<<ANA', holder: 'PETROVIC, ANA', birthDate: '1990-01-01', expiryDate: '300101', mrzLines: [], ...over };
}

describe('same-document and number-reused links', () => {
  it('links captures of one card by number and holder, and a second holder of the number as reused', () => {
    const lines = mrz('RP10000013', 'PETROVIC<<ANA');
    const links = numberLinks([
      doc(1, { mrzLines: lines }),
      doc(4, { mrzLines: lines }), // the same card photographed again
      doc(7, { expiryDate: null }), // a capture whose expiry was not read
      doc(9, { personId: 'person:b', nameKey: 'NOVAK<<MILICA', holder: 'NOVAK, MILICA', birthDate: '1985-05-05' }), // same number, other holder
      doc(10, { personId: 'person:c', birthDate: null }), // the same card, its birth date not read
      doc(12, { number: 'RP1000002' }), // another number: not linked here
    ]);
    const same = links.filter((l) => l.kind === 'same-document');
    expect(same.map((l) => [l.from.id, l.to.id, l.strength])).toEqual([
      ['1', '4', SAME_DOCUMENT_STRENGTH.identicalMrz],
      ['1', '7', SAME_DOCUMENT_STRENGTH.numberHolder],
      ['1', '10', SAME_DOCUMENT_STRENGTH.numberName],
    ]);
    const reused = links.filter((l) => l.kind === 'number-reused');
    expect(reused).toHaveLength(1);
    expect(reused[0]).toMatchObject({ from: { id: '1' }, to: { id: '9' }, strength: NUMBER_REUSED_STRENGTH.verified, evidence: { number: 'RP1000001', holders: ['PETROVIC, ANA', 'NOVAK, MILICA'] } });
    expect(reused[0]!.summary).toMatch(/RP1000001 appears on documents of PETROVIC, ANA and of NOVAK, MILICA/);
  });

  it('keeps one holder with two expiry dates apart as two cards, and weighs unverified numbers lower', () => {
    const links = numberLinks([doc(1, {}), doc(2, { expiryDate: '290101', numberSource: 'mrz-unverified' })]);
    expect(links.map((l) => l.kind)).toEqual(['number-reused']);
    expect(links[0]!.strength).toBe(NUMBER_REUSED_STRENGTH.unverified);
    expect(links[0]!.summary).toMatch(/two documents of PETROVIC, ANA with different expiry dates/);
  });

  it('does not treat numbers of different issuers, or documents without a holder, as one card', () => {
    expect(numberLinks([doc(1, {}), doc(2, { issuingState: 'D' })])).toEqual([]);
    expect(numberLinks([doc(1, { personId: null, nameKey: null }), doc(2, { personId: null, nameKey: null })]).map((l) => l.kind)).toEqual(['number-reused']);
    // Namesakes with different birth dates on one number are two holders.
    expect(numberLinks([doc(1, {}), doc(2, { personId: 'person:z', birthDate: '1970-02-02' })]).map((l) => l.kind)).toEqual(['number-reused']);
  });
});

describe('holder-numbers links', () => {
  it('links the documents of one holder that carry different numbers, stronger when both are valid at once', () => {
    const links = holderNumberLinks([doc(1, {}), doc(2, {}), doc(3, { number: 'RP2000005', expiryDate: '310601' }), doc(5, { number: 'RP3000000', expiryDate: '200101' }), doc(6, { personId: 'person:b', number: 'RP9' })]);
    expect(links.map((l) => [l.from.id, l.to.id, l.strength])).toEqual([
      ['1', '3', HOLDER_NUMBERS_STRENGTH.overlapping],
      ['1', '5', HOLDER_NUMBERS_STRENGTH.other], // expired ten years before the first: a renewal explains it
    ]);
    // Expiring three years apart with five-year validity: both cards were valid at once.
    const overlap = holderNumberLinks([doc(1, { expiryDate: '300101' }), doc(2, { number: 'RP2000005', expiryDate: '270101' })], 5);
    expect(overlap[0]!.strength).toBe(HOLDER_NUMBERS_STRENGTH.overlapping);
    const far = holderNumberLinks([doc(1, { expiryDate: '300101' }), doc(2, { number: 'RP2000005', expiryDate: '190101' })], 5);
    expect(far[0]!.strength).toBe(HOLDER_NUMBERS_STRENGTH.other);
    expect(far[0]!.evidence).toMatchObject({ numbers: ['RP1000001', 'RP2000005'], validityOverlaps: false });
  });
});

describe('same-document links from one picture', () => {
  const image = (from: string, to: string): LinkDraft => ({ kind: 'same-image', from: { type: 'item', id: from }, to: { type: 'item', id: to }, strength: 0.95, evidence: {}, summary: '' });
  const pic = (id: number, sha: string, over: Partial<PictureDocument> = {}): PictureDocument => ({ id, contentSha256: sha, birthDate: '1998-03-07', expiryDate: '2031-05-08', holder: 'ILIEVSKI, ELIRA', ...over });
  const shaOfItem = new Map<string, string | null>([['1', 'photo'], ['2', 'copy'], ['3', 'two-cards'], ['4', 'two-cards-copy'], ['5', 'edited']]);

  it('links the document of a messenger copy to the document of the photo it copies, whatever the copy read', () => {
    // The copy's number read at confidence 45 and its MRZ not at all: no number links it, the picture does.
    const links = samePictureLinks([image('1', '2')], shaOfItem, [pic(7, 'photo'), pic(15, 'copy', { birthDate: null, holder: 'an unread holder' })]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ kind: 'same-document', from: { id: '7' }, to: { id: '15' }, strength: SAME_PICTURE_DOCUMENT_STRENGTH, evidence: { basis: 'same picture' } });
    expect(links[0]!.summary).toMatch(/one card of ILIEVSKI, ELIRA/);
  });

  it('does not pair documents of pictures with several cards, nor documents whose dates disagree, nor pairs already linked', () => {
    const docs = [pic(1, 'two-cards'), pic(2, 'two-cards'), pic(3, 'two-cards-copy'), pic(4, 'two-cards-copy'), pic(7, 'photo'), pic(9, 'edited', { expiryDate: '2036-05-08' })];
    expect(samePictureLinks([image('3', '4')], shaOfItem, docs)).toEqual([]);
    expect(samePictureLinks([image('1', '5')], shaOfItem, docs)).toEqual([]);
    const byNumber: LinkDraft = { kind: 'same-document', from: { type: 'document', id: '7' }, to: { type: 'document', id: '15' }, strength: 0.8, evidence: {}, summary: '' };
    expect(samePictureLinks([image('1', '2')], shaOfItem, [pic(7, 'photo'), pic(15, 'copy')], [byNumber])).toEqual([]);
  });
});
