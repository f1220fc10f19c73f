import { describe, expect, it } from 'vitest';
import type { Quad } from '../../imaging/raster';
import { rgbToGray } from '../../imaging/decode';
import { findDocuments, findMrzBands } from './index';
import type { FoundDocument, SizeClass } from './index';
import { dist, meanCornerError } from './geometry';
import { composeScene, placeQuad, plainDocument } from './test-scenes';
import type { Background, RgbaImage } from './test-scenes';


const RATIO: Record<SizeClass, number> = { ID1: 85.6 / 53.98, ID2: 105 / 74, ID3: 125 / 88 };

/** Mean corner error as a fraction of the true diagonal; without a known orientation either reading counts. */
function cornerError(found: FoundDocument, truth: Quad): number {
  const flipped: Quad = [truth[2], truth[3], truth[0], truth[1]];
  const e = found.orientationKnown ? meanCornerError(found.quad, truth) : Math.min(meanCornerError(found.quad, truth), meanCornerError(found.quad, flipped));
  return e / dist(truth[0], truth[2]);
}

/** Mean luminance of rows [y0, y1) of a rectified document, to see where the dark MRZ text is. */
function inkRows(doc: FoundDocument, y0: number, y1: number): number {
  const g = rgbToGray(doc.rectified);
  let dark = 0;
  for (let y = Math.floor(y0 * g.height); y < y1 * g.height; y++) for (let x = 0; x < g.width; x++) if (g.data[y * g.width + x]! < 90) dark++;
  return dark / ((y1 - y0) * g.height * g.width);
}

interface Case {
  name: string;
  cls: SizeClass;
  bg: Background;
  w?: number;
  h?: number;
  docWidth?: number;
  angle: number;
  tiltX?: number;
  tiltY?: number;
  blur?: number;
  noise?: number;
  jpeg?: number;
  glare?: boolean;
  mrz?: boolean;
}

const cases: Case[] = [
  { name: 'ID-1 on white scanner bed', cls: 'ID1', bg: 'white-bed', angle: 2, noise: 2 },
  { name: 'ID-1 on clutter, 37 deg, 12 deg tilt, JPEG q50, noise', cls: 'ID1', bg: 'clutter', angle: 37, tiltX: 12, jpeg: 50, noise: 6 },
  { name: 'ID-1 upside down on wood, blurred', cls: 'ID1', bg: 'wood', angle: 188, blur: 2 },
  { name: 'ID-1 on keyboard, 95 deg, glare', cls: 'ID1', bg: 'keyboard', angle: 95, glare: true },
  { name: 'ID-1 low resolution (300 px) on gradient', cls: 'ID1', bg: 'gradient', w: 640, h: 480, docWidth: 300, angle: -12, blur: 0.8, jpeg: 70 },
  { name: 'ID-2 on noise, tilted 14 deg', cls: 'ID2', bg: 'gray-noise', angle: -8, tiltY: 14, noise: 8 },
  { name: 'ID-3 page on wood, 60 deg', cls: 'ID3', bg: 'wood', angle: 60, jpeg: 60 },
];

describe('findDocuments on synthetic scenes', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const W = c.w ?? 1600;
      const H = c.h ?? 1200;
      const doc = await plainDocument(c.cls, { mrz: c.mrz === false ? false : undefined });
      const dw = c.docWidth ?? 0.5 * W;
      const truth = placeQuad(W / 2, H / 2, dw, dw / RATIO[c.cls], c.angle, c.tiltX, c.tiltY, 1.2 * W);
      const glare = c.glare ? { cx: truth[0][0] * 0.6 + truth[2][0] * 0.4, cy: truth[0][1] * 0.6 + truth[2][1] * 0.4, rx: dw * 0.2, ry: dw * 0.12 } : undefined;
      const scene = await composeScene({ width: W, height: H, background: c.bg, seed: 7, docs: [{ image: doc, quad: truth }], blur: c.blur, noise: c.noise, jpegQuality: c.jpeg, glare });
      const t0 = performance.now();
      const found = await findDocuments(scene);
      const ms = performance.now() - t0;
      const first = found[0];
      console.log(`[finder] ${c.name}: ${found.length} doc(s), ${ms.toFixed(0)} ms, ${first ? `${first.method} ${first.sizeClass} err ${(100 * cornerError(first, truth)).toFixed(2)} % conf ${first.confidence.toFixed(2)}` : ''}`);
      expect(found).toHaveLength(1);
      expect(first!.sizeClass).toBe(c.cls);
      expect(cornerError(first!, truth)).toBeLessThan(0.02);
      expect(first!.orientationKnown).toBe(true);
      expect(first!.mrzBand).toBeDefined();
      expect(first!.mrzBand!.y).toBeGreaterThan(0.55 * first!.rectified.height);
      // The MRZ text is at the bottom: much more dark ink in the lowest quarter than in the top quarter.
      expect(inkRows(first!, 0.75, 0.97)).toBeGreaterThan(inkRows(first!, 0.2, 0.45));
    });
  }

  it('two cards on one table: two documents, in reading order', async () => {
    const doc = await plainDocument('ID1', { hue: 140 });
    const doc2 = await plainDocument('ID1', { hue: 20 });
    const a = placeQuad(420, 600, 560, 560 / RATIO.ID1, -20);
    const b = placeQuad(1180, 560, 540, 540 / RATIO.ID1, 15);
    const scene = await composeScene({ width: 1600, height: 1200, background: 'wood', seed: 3, docs: [{ image: doc, quad: a }, { image: doc2, quad: b }], noise: 4, jpegQuality: 75 });
    const found = await findDocuments(scene);
    expect(found).toHaveLength(2);
    expect(cornerError(found[0]!, a)).toBeLessThan(0.02);
    expect(cornerError(found[1]!, b)).toBeLessThan(0.02);
  });

  it('passport data page in an open booklet: the ID-3 page, not the booklet', async () => {
    const page = await plainDocument('ID3');
    const W = page.width;
    const H = page.height;
    // Booklet: the opposite page (blank visa page) above the data page, same width, one image.
    const booklet = new Uint8Array(W * H * 2 * 4);
    for (let i = 0; i < W * H; i++) booklet.set([236, 232, 220, 255], i * 4);
    booklet.set(page.data, W * H * 4);
    // The fold: a soft gutter shadow 2 mm deep on both sides of the seam.
    for (let y = H - 24; y < H + 24; y++) {
      const k = 1 - 0.35 * (1 - Math.abs(y - H + 0.5) / 24);
      for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) booklet[(y * W + x) * 4 + c] = Math.round(booklet[(y * W + x) * 4 + c]! * k);
    }
    const image: RgbaImage = { width: W, height: 2 * H, data: booklet };
    const truthBooklet = placeQuad(800, 600, 560, 560 * ((2 * 88) / 125), 8);
    // The data page is the lower half of the booklet outline.
    const mid = (p: readonly [number, number], q: readonly [number, number]) => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] as const;
    const truth: Quad = [mid(truthBooklet[0], truthBooklet[3]), mid(truthBooklet[1], truthBooklet[2]), truthBooklet[2], truthBooklet[3]];
    const scene = await composeScene({ width: 1600, height: 1200, background: 'clutter', seed: 5, docs: [{ image, quad: truthBooklet }], noise: 3 });
    const found = await findDocuments(scene);
    expect(found).toHaveLength(1);
    expect(found[0]!.sizeClass).toBe('ID3');
    expect(cornerError(found[0]!, truth)).toBeLessThan(0.02);
  });

  it('a flat scan that is only the card: whole image', async () => {
    const doc = await plainDocument('ID1', { width: 856 });
    const scene = await composeScene({ width: doc.width, height: doc.height, background: 'white-bed', seed: 1, docs: [{ image: doc, quad: [[0, 0], [doc.width, 0], [doc.width, doc.height], [0, doc.height]] }] });
    const found = await findDocuments(scene);
    expect(found).toHaveLength(1);
    expect(found[0]!.sizeClass).toBe('ID1');
    expect(found[0]!.orientationKnown).toBe(true);
    const diag = Math.hypot(doc.width, doc.height);
    expect(meanCornerError(found[0]!.quad, [[0, 0], [doc.width - 1, 0], [doc.width - 1, doc.height - 1], [0, doc.height - 1]]) / diag).toBeLessThan(0.02);
  });

  it('findMrzBands sees a TD3 band at 30 degrees', async () => {
    const doc = await plainDocument('ID3');
    const q = placeQuad(700, 550, 900, 900 / RATIO.ID3, 30);
    const scene = await composeScene({ width: 1400, height: 1100, background: 'gray-noise', seed: 2, docs: [{ image: doc, quad: q }] });
    const bands = await findMrzBands(rgbToGray(scene));
    expect(bands.length).toBeGreaterThanOrEqual(1);
    expect(bands[0]!.lines).toBe(2);
    expect(bands[0]!.format).toBe('TD3');
    expect(Math.abs(bands[0]!.angleDeg - 30)).toBeLessThan(2);
  });
});
