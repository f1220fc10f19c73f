import { beforeAll, describe, expect, it } from 'vitest';
import { renderCardRaster, type CardRaster } from '../../../tests/fixtures/card';
import { captureDocument, cardOptionsFor, genuineBaseOf, holderFor, makeTemplateSample, REFERENCE_DATE, zoneRect, type CaptureKind, type SampleSpec } from '../../../tests/fixtures/template-set';
import { paperColour } from '../../../tests/fixtures/template-set/forge-pixels';
import type { RgbImage } from '../imaging/raster';
import { findMainDocument } from '../templates/authoring';
import { MIN_CROP_PX, portraitSignature, registerPortraitBox, type PortraitSignature } from './portrait-signature';
import { comparePortraits, FULL_DISTANCE, MATCH_DISTANCE } from './same-portrait';

/** Two portraits of the card generator (tests/fixtures/card.ts `portraitSeed`), not near-twins. */
const PORTRAIT_A = 777001;
const PORTRAIT_B = 777002;

/** A card raster flattened on white, as an RgbImage in the template's reference frame (1012 px wide). */
function flatRgb(card: { rgba: Buffer; width: number; height: number }): RgbImage {
  const data = new Uint8Array(card.width * card.height * 3);
  for (let i = 0, j = 0; i < data.length; i += 3, j += 4) {
    const a = card.rgba[j + 3]! / 255;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round(card.rgba[j + c]! * a + 255 * (1 - a));
  }
  return { width: card.width, height: card.height, data };
}

async function card(holderSeed: number, portraitSeed: number): Promise<CardRaster> {
  return renderCardRaster({ ...cardOptionsFor(holderFor(holderSeed)), portraitSeed });
}

/** The card captured as `kind` and rectified by the document finder, as the engine stores documents. */
async function rectifiedCapture(raster: { rgba: Buffer; width: number; height: number }, kind: CaptureKind, seed: number): Promise<RgbImage> {
  const captured = await captureDocument({ rgba: raster.rgba, width: raster.width, height: raster.height }, kind, seed);
  return (await findMainDocument(captured.image, REFERENCE_DATE)).rectified;
}

/** Signature of the template's portrait zone of `image`; fails the test when there is none. */
function signatureOf(image: RgbImage): PortraitSignature {
  const s = portraitSignature(image, zoneRect('portrait', image.width, image.height));
  if ('failure' in s) throw new Error(s.failure);
  return s;
}

/** `image` moved by (dx, dy) px, the edge pixels repeated: a rectification that is off by a translation. */
function shifted(image: RgbImage, dx: number, dy: number): RgbImage {
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    const sy = Math.min(image.height - 1, Math.max(0, y - dy));
    for (let x = 0; x < image.width; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, x - dx));
      data.set(image.data.subarray((sy * image.width + sx) * 3, (sy * image.width + sx) * 3 + 3), (y * image.width + x) * 3);
    }
  }
  return { width: image.width, height: image.height, data };
}

describe('portraitSignature on captures of the template set', () => {
  let phoneA: PortraitSignature;
  let scanA: PortraitSignature;
  let lightingB: PortraitSignature;
  let blank: ReturnType<typeof portraitSignature>;

  beforeAll(async () => {
    // Portrait A on the cards of two different holders, portrait B on a third; one card with its portrait removed.
    phoneA = signatureOf(await rectifiedCapture(await card(501, PORTRAIT_A), 'perspective', 11));
    scanA = signatureOf(await rectifiedCapture(await card(502, PORTRAIT_A), 'scanner', 12));
    lightingB = signatureOf(await rectifiedCapture(await card(503, PORTRAIT_B), 'lighting', 13));
    const removed = await card(504, PORTRAIT_B);
    const z = zoneRect('portrait', removed.width, removed.height);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(paperColour(removed, { x: z.x + z.width + 5, y: z.y, width: 20, height: z.height }).slice(i, i + 2), 16));
    const rgba = Buffer.from(removed.rgba);
    for (let y = z.y + 3; y < z.y + z.height - 3; y++) {
      for (let x = z.x + 3; x < z.x + z.width - 3; x++) rgba.set([r!, g!, b!], (y * removed.width + x) * 4);
    }
    const rectified = await rectifiedCapture({ rgba, width: removed.width, height: removed.height }, 'lighting', 14);
    blank = portraitSignature(rectified, zoneRect('portrait', rectified.width, rectified.height));
  }, 60_000);

  it('matches one portrait printed on two holders\' cards, photographed at an angle and scanned on a platen', () => {
    const c = comparePortraits(phoneA, scanA);
    expect(c.distance).toBeLessThan(MATCH_DISTANCE);
    expect(c.strength).toBeGreaterThan(0);
    expect(c.evidence.lumaSimilarity).toBeGreaterThan(0.99);
  });

  it('does not match a different portrait', () => {
    for (const a of [phoneA, scanA]) {
      const c = comparePortraits(a, lightingB);
      expect(c.distance).toBeGreaterThan(MATCH_DISTANCE);
      expect(c.strength).toBe(0);
    }
  });

  it('describes the portrait by a unit vector of 93 low frequencies and keeps the crop and registration', () => {
    expect(phoneA.version).toBe(1);
    expect(phoneA.vector).toHaveLength(93);
    expect(Math.hypot(...phoneA.vector)).toBeCloseTo(1, 3);
    expect(phoneA.registration.axes).toBe(2); // the frame line was found on both axes
    expect(phoneA.crop.width).toBeGreaterThan(200);
    expect(phoneA.contrast).toBeGreaterThan(20);
  });

  it('reports a blank portrait zone as a failure, not a signature', () => {
    expect(blank).toHaveProperty('failure');
    expect('failure' in blank && blank.failure).toMatch(/no contrast/);
  });
});

describe('portraitSignature on a portrait substitution (tests/fixtures/template-set/forge-pixels.ts)', () => {
  it('matches the pasted portrait with the donor\'s genuine card and not with the forged card\'s own holder', async () => {
    const spec: SampleSpec = { class: 'forgery', kind: 'portrait-substitution', capture: 'perspective', seed: 703 };
    const forged = await makeTemplateSample(spec);
    if (forged.truth.forgery?.kind !== 'portrait-substitution') throw new Error('not a portrait substitution');
    const pasted = signatureOf((await findMainDocument(forged.image, REFERENCE_DATE)).rectified);
    const donor = signatureOf(await rectifiedCapture(await renderCardRaster(cardOptionsFor(holderFor(forged.truth.forgery.donorSeed))), 'on-table', 21));
    const replaced = signatureOf(flatRgb(await genuineBaseOf(spec)));
    expect(comparePortraits(pasted, donor).distance).toBeLessThan(MATCH_DISTANCE);
    expect(comparePortraits(pasted, replaced).distance).toBeGreaterThan(MATCH_DISTANCE);
  }, 60_000);
});

describe('portraitSignature on a flat render', () => {
  let flat: RgbImage;
  let reference: PortraitSignature;
  beforeAll(async () => {
    flat = flatRgb(await card(505, PORTRAIT_A));
    reference = signatureOf(flat);
  });

  it('registers the box on the portrait frame when the rectification is off by a translation', () => {
    const moved = shifted(flat, -14, 9); // 14 px left, 9 px down: beyond the crop's inset of 4 % (10 px)
    const box = zoneRect('portrait', flat.width, flat.height);
    const registration = registerPortraitBox(moved, box);
    expect(Math.abs(registration.dx + 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(registration.dy - 9)).toBeLessThanOrEqual(1);
    expect(comparePortraits(reference, signatureOf(moved)).distance).toBeLessThan(FULL_DISTANCE);
  });

  it('is unchanged by exposure, channel gains and a tone curve', () => {
    const gains = [0.9, 1.05, 1.1];
    const data = flat.data.map((v, i) => Math.min(255, Math.round(255 * (v / 255) ** 1.3 * gains[i % 3]! * 0.85)));
    expect(comparePortraits(reference, signatureOf({ ...flat, data })).distance).toBeLessThan(FULL_DISTANCE);
  });

  it('refuses boxes that are empty, not numbers, too small or outside the image', () => {
    const bad = [
      { x: 30, y: 110, width: 0, height: 270 },
      { x: Number.NaN, y: 110, width: 250, height: 270 },
      { x: 30, y: 110, width: MIN_CROP_PX - 1, height: MIN_CROP_PX - 1 },
      { x: flat.width + 10, y: 110, width: 250, height: 270 },
    ];
    for (const box of bad) expect(portraitSignature(flat, box)).toHaveProperty('failure');
    expect(portraitSignature({ width: 10, height: 10, data: new Uint8Array(10) }, { x: 0, y: 0, width: 10, height: 10 })).toHaveProperty('failure');
  });
});
