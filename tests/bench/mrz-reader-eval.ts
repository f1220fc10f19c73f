/**
 * Quick evaluation of the OCR-B MRZ reader: synthetic TD1 cards (tests/fixtures/card.ts) under each named
 * degradation and photographed on a table, plus the PassportEye corpus specimens when ../shared/corpus is
 * present; optionally the tesseract `mrz.traineddata` yardstick (`--tesseract`, eval only, never shipped).
 *
 *   npx tsx tests/bench/mrz-reader-eval.ts [--cards 20] [--tesseract]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { bestLines, readMrzFromImage } from '../../native/engine/analysers/mrz-reader';
import { applyNamedDegradation, NAMED_DEGRADATIONS } from '../../native/engine/analysers/mrz-reader/training/degrade';
import type { GrayImage } from '../../native/engine/imaging/raster';
import { rotateGray180 } from '../../native/engine/imaging/raster';
import { makeCard } from '../fixtures/card';
import { Rng } from '../fixtures/prng';
import { CORPUS_MRZ } from './corpus-mrz';

/** Known MRZ lines of the corpus specimens (one table: tests/bench/corpus-mrz.ts). */
export const CORPUS_TRUTH: Readonly<Record<string, readonly string[]>> = Object.fromEntries(CORPUS_MRZ.map((c) => [c.path, c.lines]));
const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/dev/konstantint+PassportEye');
const cardsArg = process.argv.indexOf('--cards');
const cards = cardsArg >= 0 ? Number(process.argv[cardsArg + 1]) : 20;


async function gray(file: Buffer): Promise<GrayImage> {
  const { data, info } = await sharp(file).rotate().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
}

function charErrors(read: readonly string[], truth: readonly string[]): number {
  let errors = 0;
  truth.forEach((line, i) => {
    const r = read[i] ?? '';
    for (let k = 0; k < line.length; k++) if (r[k] !== line[k]) errors++;
  });
  return errors + Math.abs(read.length - truth.length) * (truth[0]?.length ?? 0);
}

const names = ['A. MUSTERFRAU', 'BJORN OLSEN', 'ZOE QUINTERO', 'HANS-PETER KLEIN', 'MARIJA PETROVIC', 'JOSE ALVAREZ'];
const conditions = [...NAMED_DEGRADATIONS, 'table-photo'] as const;
for (const condition of conditions) {
  let exactZones = 0;
  let exactLines = 0;
  let errors = 0;
  let chars = 0;
  const times: number[] = [];
  for (let i = 0; i < cards; i++) {
    const r = new Rng(500 + i);
    const [surname, given] = r.pick(names).split(' ') as [string, string];
    const card = await makeCard({ seed: 500 + i, surname, givenNames: given, documentNumber: `${r.pick(['A', 'X', 'K'])}${r.digits(8)}`, onTable: condition === 'table-photo' });
    const base = await gray(card.image);
    const image = condition === 'table-photo' ? base : await applyNamedDegradation(base, condition, i + 1);
    const t0 = performance.now();
    const reading = readMrzFromImage(image);
    times.push(performance.now() - t0);
    const read = reading ? bestLines(reading.lines) : [];
    const e = charErrors(read, card.mrz);
    errors += e;
    chars += 90;
    if (e === 0) exactZones++;
    card.mrz.forEach((line, k) => {
      if (read[k] === line) exactLines++;
    });
    if (e > 0 && process.argv.includes('--verbose')) console.log(condition, i, JSON.stringify(read), JSON.stringify(card.mrz));
  }
  times.sort((a, b) => a - b);
  console.log(
    `${condition.padEnd(12)} zones exact ${exactZones}/${cards}, lines exact ${exactLines}/${cards * 3}, char errors ${errors}/${chars}, median ${times[times.length >> 1]!.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`,
  );
}

const TESSDATA = path.resolve(import.meta.dirname, '../../../shared/corpus/dev/DoubangoTelecom+tesseractMRZ/tessdata_fast');

/** Yardstick only: tesseract with mrz.traineddata on the crop our locator found (padded by 1 glyph). */
async function tesseractLines(image: GrayImage, box: { x: number; y: number; width: number; height: number }, pad: number): Promise<string[]> {
  const { createWorker } = await import('tesseract.js');
  const worker = await createWorker('mrz', 1, { langPath: TESSDATA, gzip: false, cacheMethod: 'none' });
  try {
    const left = Math.max(0, Math.floor(box.x - pad));
    const top = Math.max(0, Math.floor(box.y - pad));
    const width = Math.min(image.width - left, Math.ceil(box.width + 2 * pad));
    const height = Math.min(image.height - top, Math.ceil(box.height + 2 * pad));
    const png = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 1 } }).extract({ left, top, width, height }).png().toBuffer();
    const { data } = await worker.recognize(png);
    return data.text.split('\n').map((l) => l.replace(/\s/g, '')).filter((l) => l.length > 10);
  } finally {
    await worker.terminate();
  }
}

if (existsSync(CORPUS)) {
  const files = ['tests/data/passport-td3.jpg', 'tests/data/passport-td2.jpg', ...['100_pass-uto', '100_pass2-uto', '100_id-si', '100_pass-cze', '53_id-d', '79_pass-can'].map((f) => `passporteye/mrz/testdata/${f}.jpg`)];
  for (const file of files) {
    const image = await gray(readFileSync(path.join(CORPUS, file)));
    const t0 = performance.now();
    const reading = readMrzFromImage(image);
    const ms = performance.now() - t0;
    const read = reading ? bestLines(reading.lines) : [];
    const truth = CORPUS_TRUTH[file];
    const verdict = truth ? `char errors ${charErrors(read, truth)}` : 'no recorded truth';
    console.log(`${file}: ${reading ? `${reading.location.format} conf ${reading.confidence.toFixed(3)}` : 'not found'} ${verdict} ${ms.toFixed(0)} ms\n  ${read.join('\n  ')}`);
    if (reading && truth) {
      reading.lines.forEach((line, li) =>
        line.chars.forEach((c, k) => {
          if (c.candidates[0]!.char !== truth[li]![k]) {
            const alternatives = c.candidates.slice(0, 3).map((a) => `${a.char} ${a.score.toFixed(3)}`).join(', ');
            console.log(`    line ${li + 1} position ${k + 1}: printed ${truth[li]![k]}, read ${alternatives}`);
          }
        }),
      );
    }
    if (process.argv.includes('--tesseract') && reading && existsSync(TESSDATA)) {
      const t1 = performance.now();
      const tess = await tesseractLines(reading.orientation === 0 ? image : rotateGray180(image), reading.location.box, reading.location.charHeight);
      const tms = performance.now() - t1;
      console.log(`  tesseract mrz.traineddata (same crop): ${truth ? `char errors ${charErrors(tess, truth)}` : ''} ${tms.toFixed(0)} ms incl. worker start\n    ${tess.join('\n    ')}`);
    }
  }
}
