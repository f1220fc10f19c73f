/**
 * Document finder on the project's TD1 residence-permit fixture (tests/fixtures/card.ts) in composed
 * scenes with known outlines, on the fixture's own "on a table" photos, and (when present) on the
 * development corpus's PassportEye captures, whose results are reported rather than asserted.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRgb } from '../../native/engine/imaging/decode';
import type { Quad } from '../../native/engine/imaging/raster';
import { findDocuments } from '../../native/engine/analysers/document-finder';
import type { FoundDocument } from '../../native/engine/analysers/document-finder';
import { dist, meanCornerError } from '../../native/engine/analysers/document-finder/geometry';
import { composeScene, placeQuad, renderSvg } from '../../native/engine/analysers/document-finder/test-scenes';
import type { RgbaImage } from '../../native/engine/analysers/document-finder/test-scenes';
import { ID1_RATIO, cardSvg, makeCard } from '../fixtures/card';
import type { CardOptions } from '../fixtures/card';


const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev/konstantint+PassportEye');

async function fixtureCard(seed: number, width = 1012): Promise<RgbaImage> {
  const opts: CardOptions = { seed, surname: 'EXAMPLE', givenNames: 'SAMPLE', documentNumber: `ZX${seed}00042`, width };
  const card = await makeCard(opts);
  return renderSvg(cardSvg(opts, card.mrz, card.fields, width));
}

function relError(found: FoundDocument, truth: Quad): number {
  return meanCornerError(found.quad, truth) / dist(truth[0], truth[2]);
}

describe('document finder on the TD1 fixture card', () => {
  it('three cards in a 4 MP photo on clutter: all found, in reading order, MRZ at the bottom', async () => {
    const cards = await Promise.all([fixtureCard(11), fixtureCard(12), fixtureCard(13)]);
    const truths: Quad[] = [placeQuad(600, 480, 820, 820 / ID1_RATIO, -7, 8), placeQuad(1750, 520, 800, 800 / ID1_RATIO, 172), placeQuad(1150, 1150, 760, 760 / ID1_RATIO, 24, 0, 10)];
    const scene = await composeScene({ width: 2448, height: 1632, background: 'clutter', seed: 9, docs: cards.map((image, i) => ({ image, quad: truths[i]! })), noise: 5, jpegQuality: 80 });
    await findDocuments(scene, { skipRectify: true }); // warm-up: WASM tiers up on first use
    const t0 = performance.now();
    const found = await findDocuments(scene);
    const ms = performance.now() - t0;
    const t1 = performance.now();
    await findDocuments(scene, { skipRectify: true });
    const msNoRectify = performance.now() - t1;
    const errs = found.map((f, i) => relError(f, truths[i]!));
    console.log(`[finder] 3 cards, 4 MP: ${found.length} found in ${ms.toFixed(0)} ms (${msNoRectify.toFixed(0)} ms without rectification); errors ${errs.map((e) => (100 * e).toFixed(2) + ' %').join(', ')}; methods ${found.map((f) => f.method).join(', ')}`);
    expect(found).toHaveLength(3);
    for (const [i, f] of found.entries()) {
      expect(f.sizeClass).toBe('ID1');
      expect(f.orientationKnown).toBe(true);
      expect(errs[i]).toBeLessThan(0.02);
      expect(f.mrzBand?.lines).toBe(3);
      expect(f.mrzBand!.y).toBeGreaterThan(0.6 * f.rectified.height);
      expect([f.rectified.width, f.rectified.height]).toEqual([1011, 638]);
    }
  });

  it('the fixture photographed on a table (onTable), at several angles', async () => {
    for (const angle of [3, -28, 140]) {
      const card = await makeCard({ seed: 21, surname: 'EXAMPLE', givenNames: 'SAMPLE', documentNumber: 'ZX2100042', onTable: { angle } });
      const found = await findDocuments(await decodeRgb(card.image));
      console.log(`[finder] onTable ${angle} deg: ${found.map((f) => `${f.method} ${f.sizeClass} conf ${f.confidence.toFixed(2)}`).join('; ')}`);
      expect(found).toHaveLength(1);
      expect(found[0]!.sizeClass).toBe('ID1');
      expect(found[0]!.orientationKnown).toBe(true);
      expect(found[0]!.mrzBand!.y).toBeGreaterThan(0.6 * 638);
      // The card is 1012 px wide in the photo: the outline's top side must be too (within 2 %).
      expect(Math.abs(dist(found[0]!.quad[0], found[0]!.quad[1]) / 1012 - 1)).toBeLessThan(0.02);
    }
  });
});

describe.skipIf(!existsSync(CORPUS))('document finder on the PassportEye captures (reported)', () => {
  it('finds one document with an MRZ in each capture', async () => {
    const files = ['passporteye/mrz/testdata', 'tests/data'].flatMap((d) => readdirSync(path.join(CORPUS, d)).map((f) => path.join(CORPUS, d, f)));
    const expected: Record<string, string> = { 'passport-td2.jpg': 'ID2', '100_pass2-uto.jpg': 'ID2', '100_id-si.jpg': 'ID1', '53_id-d.jpg': 'ID1' };
    let withMrz = 0;
    for (const file of files.sort()) {
      const image = await decodeRgb(readFileSync(file));
      const t0 = performance.now();
      const found = await findDocuments(image);
      const ms = performance.now() - t0;
      const name = path.basename(file);
      const f = found[0];
      console.log(
        `[finder corpus] ${name} ${image.width}x${image.height}: ${found.length} doc(s) in ${ms.toFixed(0)} ms` +
          (f ? `; ${f.method} ${f.sizeClass} (${f.sizeClassFrom}) conf ${f.confidence.toFixed(2)} MRZ ${f.mrzBand ? `${f.mrzBand.lines} lines ${f.mrzBand.format}` : 'none'} quad ${JSON.stringify(f.quad.map((p) => p.map(Math.round)))}` : ''),
      );
      if (f?.mrzBand) withMrz++;
      expect(found.length).toBeGreaterThanOrEqual(1);
      expect(f!.sizeClass).toBe(expected[name] ?? 'ID3');
    }
    expect(withMrz).toBe(files.length);
  });
});
