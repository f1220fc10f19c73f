import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { decodeRgb } from '../../imaging/decode';
import { checkImage } from './check-image';

/**
 * A card back holding only an MRZ set in a monospace font that is not OCR-B (Liberation Mono, as a workshop prints
 * it), photographed on a dark table: the finder sees the outline and the MRZ band where a TD1 card has it, the
 * reader makes nothing of the glyphs, and three text lines are far below the text-presence gate for outlines
 * without an MRZ.
 */
async function mrzOnlyBackOnTable(): Promise<Buffer> {
  const lines = ['IRUTORP72000108<<<<<<<<<<<<<<<', '5211146F3011205UTO<<<<<<<<<<<4', 'TODOROVA<<ELIRA<<<<<<<<<<<<<<<'];
  const [W, H] = [1011, 638];
  const text = lines.map((l, i) => `<text x="48" y="${470 + i * 62}" font-family="Liberation Mono" font-size="52" fill="#111">${l.replace(/</g, '&lt;')}</text>`).join('');
  const card = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" rx="30" fill="#f4f3ef"/>${text}</svg>`);
  const cardPng = await sharp(card).png().toBuffer();
  return sharp({ create: { width: 1600, height: 1100, channels: 3, background: '#6b4f36' } })
    .composite([{ input: cardPng, left: 290, top: 230 }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

// The reader and the photograph re-read make nothing of the band, as with the phone photo of the action day's W2
// permit (seed 23, phone-C) that was lost before: the gate under test is what happens then.
vi.mock('../mrz-reader', () => ({ readMrzFromImage: () => null }));
vi.mock('./band-reread', () => ({ BandRereader: class { readInside() { return Promise.resolve([]); } } }));

describe('checkImage', () => {
  it('keeps an outline whose MRZ band the finder saw even when no reader makes sense of the band', async () => {
    const image = await decodeRgb(await mrzOnlyBackOnTable());
    const docs = await checkImage(image, { today: '2026-12-01' }, { findMs: 0, readMs: 0, parseMs: 0 });
    expect(docs).toHaveLength(1);
    expect(docs[0]!.sizeClass).toBe('ID1');
    expect(docs[0]!.mrz).toBeNull();
  }, 60_000);
});
