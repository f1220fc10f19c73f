import { describe, expect, it } from 'vitest';
import { blankTemplateLinks, DRAFT_STRENGTH, fontLinks, isBlankTemplate, mrzLinesInText, mrzTraceLinks, type DraftDocument } from './drafts';

const MRZ = ['IRUTORP12345674<<<<<<<<<<<<<<<', '9001011F3001017UTO<<<<<<<<<<<4', 'PETROVIC<<ANA<<<<<<<<<<<<<<<<<'];
const empty = Array.from({ length: 10 }, () => ({ text: '', confidence: 0 }));
const read = (...texts: string[]) => texts.map((text) => ({ text, confidence: 95 }));
const docs: DraftDocument[] = [
  { id: 1, templateId: 'uto-rp-2024', level: 'review', mrzLines: [], readings: empty }, // blank
  { id: 2, templateId: 'uto-rp-2024', level: 'strong-indicators', mrzLines: MRZ, readings: read('RP1234567', 'PETROVIC') },
  { id: 3, templateId: 'uto-rp-2024', level: 'no-indicators', mrzLines: ['IRUTORP76543210<<<<<<<<<<<<<<<'], readings: read('RP7654321') },
  { id: 4, templateId: 'other-id', level: 'strong-indicators', mrzLines: [], readings: read('X') },
];

describe('draft-to-print links', () => {
  it('links a blank template to the flagged prints of its template only', () => {
    expect(isBlankTemplate(docs[0]!)).toBe(true);
    expect(isBlankTemplate({ ...docs[0]!, readings: empty.slice(0, 2) })).toBe(false); // two empty zones are misreads, not a blank
    expect(isBlankTemplate({ ...docs[0]!, readings: [...empty.slice(1), ...read('X')] })).toBe(true); // a pre-printed mark
    // Guilloche read as letters at low confidence is still an empty zone.
    expect(isBlankTemplate({ ...docs[0]!, readings: [...empty.slice(4), ...['NS NZ', 'WO OU', 'AA', 'NE', 'AW', 'NO EE'].map((text) => ({ text, confidence: 40 }))] })).toBe(true);
    expect(isBlankTemplate({ ...docs[0]!, readings: [...empty.slice(3), ...read('A', 'B', 'C')] })).toBe(false);
    const links = blankTemplateLinks(docs);
    expect(links.map((l) => [l.from.id, l.to.id, l.strength])).toEqual([['1', '2', DRAFT_STRENGTH.blankTemplate]]);
    expect(links[0]!.evidence).toMatchObject({ draft: 'blank-template', templateId: 'uto-rp-2024' });
  });

  it('finds MRZ lines in generator output (HTML-escaped, spaced) and links them to the document they are', () => {
    const page = `<html><body><pre>\n${MRZ[0]!.replace(/</g, '&lt;')}\n${MRZ[1]}\n${MRZ[2]!.replace(/(.{5})/g, '$1 ')}</pre>\n<p>IRUTORP76543210&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;</p>`;
    expect(mrzLinesInText(page).map((l) => l.lineNo)).toEqual([2, 3, 4, 5]);
    const links = mrzTraceLinks([{ itemId: 50, name: 'mrz-generator.html', text: page }], docs);
    expect(links.map((l) => [l.from, l.to.id, l.strength])).toEqual([
      [{ type: 'item', id: '50' }, '2', DRAFT_STRENGTH.mrzAllLines],
      [{ type: 'item', id: '50' }, '3', DRAFT_STRENGTH.mrzAllLines],
    ]);
    const partial = mrzTraceLinks([{ itemId: 51, name: 'notes.txt', text: `name line only: ${MRZ[2]}` }], docs);
    expect(partial.map((l) => [l.to.id, l.strength])).toEqual([['2', DRAFT_STRENGTH.mrzOneLine]]);
    expect(partial[0]!.summary).toMatch(/1 of 3 lines/);
    expect(mrzTraceLinks([{ itemId: 52, name: 'plain.txt', text: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }], docs)).toEqual([]);
  });

  it('links an OCR-B font file to flagged documents with a read MRZ', () => {
    const links = fontLinks([{ itemId: 60, name: 'OCRB.otf', family: 'OCR B' }], docs);
    expect(links.map((l) => l.to.id)).toEqual(['2']);
    expect(links[0]!.strength).toBe(DRAFT_STRENGTH.ocrBFont);
    // A print whose MRZ the template comparison measured as another typeface was not set with this file.
    expect(fontLinks([{ itemId: 60, name: 'OCRB.otf', family: 'OCR B' }], docs, new Set([2]))).toEqual([]);
  });
});
