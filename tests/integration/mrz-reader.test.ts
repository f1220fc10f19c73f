/**
 * The OCR-B MRZ reader on rendered ID-1 cards (tests/fixtures/card.ts) under capture degradations, and,
 * when ../shared/corpus is present, on the PassportEye specimen photographs (reported, lightly asserted).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bestLines, readMrzFromImage } from '../../native/engine/analysers/mrz-reader';
import { applyNamedDegradation, NAMED_DEGRADATIONS } from '../../native/engine/analysers/mrz-reader/training/degrade';
import type { GrayImage } from '../../native/engine/imaging/raster';
import type { CardImage } from '../fixtures/card';
import { makeCard } from '../fixtures/card';
import { CORPUS_MRZ } from '../bench/corpus-mrz';

/** Known MRZ lines of the corpus specimens (one table: tests/bench/corpus-mrz.ts). */
const CORPUS_TRUTH: Readonly<Record<string, readonly string[]>> = Object.fromEntries(CORPUS_MRZ.map((c) => [c.path, c.lines]));
const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/dev/konstantint+PassportEye');
const CARDS = 6;

async function gray(file: Buffer): Promise<GrayImage> {
  const { data, info } = await sharp(file).rotate().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
}

const PEOPLE: [string, string, string][] = [
  ['Eriksson', 'Anna Maria', 'D23145890'],
  ['Kovač', 'Željko', 'X00481237'],
  ['Quintero-Ruiz', 'Zoë', 'AB1234567'],
  ['Müller', 'Hans Peter', 'L898902C3'],
  ['Olsen', 'Bjørn', 'K20000819'],
  ['Petrović', 'Marija', 'Z9O8I7B65'],
];

describe('MRZ reader on rendered TD1 cards', () => {
  const cards: CardImage[] = [];
  const images: GrayImage[] = [];
  beforeAll(async () => {
    for (let i = 0; i < CARDS; i++) {
      const [surname, givenNames, documentNumber] = PEOPLE[i]!;
      const card = await makeCard({ seed: 9100 + i, surname, givenNames, documentNumber });
      cards.push(card);
      images.push(await gray(card.image));
    }
  });

  for (const condition of NAMED_DEGRADATIONS) {
    it(`reads the printed lines exactly under "${condition}"`, async () => {
      let exact = 0;
      const misses: string[] = [];
      for (let i = 0; i < CARDS; i++) {
        const image = await applyNamedDegradation(images[i]!, condition, i + 1);
        const reading = readMrzFromImage(image);
        const read = reading ? bestLines(reading.lines) : [];
        if (JSON.stringify(read) === JSON.stringify(cards[i]!.mrz)) exact++;
        else misses.push(`${i}: ${read.join(' / ')}`);
      }
      console.log(`[mrz-reader] ${condition}: ${exact}/${CARDS} zones exact${misses.length ? `; misses ${misses.join('; ')}` : ''}`);
      // "Most": at most one card in six may differ anywhere in its 90 characters.
      expect(exact).toBeGreaterThanOrEqual(CARDS - 1);
    });
  }

  it('reads a card photographed on a table and reports orientation, skew and timings', async () => {
    const card = await makeCard({ seed: 9200, surname: 'Eriksson', givenNames: 'Anna', documentNumber: 'D23145890', onTable: true });
    const image = await gray(card.image);
    const reading = readMrzFromImage(image);
    expect(reading?.orientation).toBe(0);
    expect(bestLines(reading!.lines)).toEqual(card.mrz);
    expect(Math.abs(reading!.location.skewDegrees - card.angle)).toBeLessThan(0.5);
    console.log(`[mrz-reader] table photo ${image.width}x${image.height}, angle ${card.angle}: skew ${reading!.location.skewDegrees.toFixed(2)}, locate ${reading!.timings.locateMs.toFixed(1)} ms, read ${reading!.timings.readMs.toFixed(1)} ms`);
  });

  it('reads a card given upside down', () => {
    const turned = { ...images[0]!, data: Uint8Array.from(images[0]!.data).reverse() };
    const reading = readMrzFromImage(turned);
    expect(reading?.orientation).toBe(180);
    expect(bestLines(reading!.lines)).toEqual(cards[0]!.mrz);
  });
});


describe.skipIf(!existsSync(CORPUS))('MRZ reader on the PassportEye corpus photographs', () => {
  it('locates every zone and reports what it read', async () => {
    let errors = 0;
    let total = 0;
    for (const [file, truth] of Object.entries(CORPUS_TRUTH)) {
      const reading = readMrzFromImage(await gray(readFileSync(path.join(CORPUS, file))));
      const read = reading ? bestLines(reading.lines) : [];
      let wrong = 0;
      truth.forEach((line, i) => {
        for (let k = 0; k < line.length; k++) if (read[i]?.[k] !== line[k]) wrong++;
      });
      errors += wrong;
      total += truth.join('').length;
      console.log(`[mrz-reader corpus] ${file}: ${reading ? `${reading.location.format}, confidence ${reading.confidence.toFixed(3)}` : 'NOT FOUND'}, ${wrong} wrong of ${truth.join('').length}\n  ${read.join('\n  ')}`);
      expect(reading, file).not.toBeNull();
      expect(read.length, file).toBe(truth.length);
    }
    console.log(`[mrz-reader corpus] character accuracy ${(((total - errors) / total) * 100).toFixed(2)} % (${errors} wrong of ${total})`);
    // Specimens are set in fonts close to, not always exactly, OCR-B; check digits fix the rest downstream.
    expect(errors / total).toBeLessThan(0.02);
  });
});
