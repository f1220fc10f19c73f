import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCardRaster } from '../../../tests/fixtures/card';
import { Rng } from '../../../tests/fixtures/prng';
import { cardOptionsFor, holderFor, zoneRect } from '../../../tests/fixtures/template-set';
import type { RgbImage } from '../imaging/raster';
import { portraitSignature, type PortraitSignature } from './portrait-signature';
import { comparePortraits, FULL_DISTANCE, MATCH_DISTANCE, samePortraitGroups, strengthAt, type PortraitEntry } from './same-portrait';

const DIM = 93;

/** Standard normal deviate (Box-Muller) from `r`. */
function gauss(r: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - r.float())) * Math.cos(2 * Math.PI * r.float());
}

/** A signature with `vector` normalised and rounded as portraitSignature does. */
function synthetic(vector: readonly number[]): PortraitSignature {
  const norm = Math.hypot(...vector);
  return { version: 1, vector: vector.map((v) => Math.round((v / norm) * 1e5) / 1e5), crop: { x: 0, y: 0, width: 240, height: 260 }, registration: { dx: 0, dy: 0, axes: 2 }, contrast: 40 };
}

/**
 * Portrait vectors spread as the template set's are (400 flat renders: mean vector of norm 0.88; principal
 * deviations 0.27, 0.23, 0.22, 0.13, 0.11, then ~0.06 falling), so the index meets realistic clustering.
 */
function portraitModel(seed: number): { base: () => number[]; near: (base: readonly number[], noise: number) => number[] } {
  const r = new Rng(seed);
  const mean = Array.from({ length: DIM }, () => gauss(r));
  const norm = Math.hypot(...mean);
  const sigma = Array.from({ length: DIM }, (_, i) => [0.27, 0.23, 0.22, 0.13, 0.11][i] ?? 0.06 * 0.98 ** i);
  return {
    base: () => mean.map((m, i) => (0.88 * m) / norm + sigma[i]! * gauss(r)),
    near: (base, noise) => base.map((v) => v + noise * gauss(r)),
  };
}

/** Every pair within `maxDistance`, by comparing all pairs (its own cosine, rounded as comparePortraits rounds): the reference for the index. */
function bruteForce(entries: readonly PortraitEntry[], maxDistance: number): string[] {
  const unit = entries.map((e) => {
    const norm = Math.hypot(...e.signature.vector);
    return e.signature.vector.map((v) => v / norm);
  });
  const out: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      let dot = 0;
      for (let x = 0; x < DIM; x++) dot += unit[i]![x]! * unit[j]![x]!;
      if (Math.round((1 - dot) * 1e5) / 1e5 < maxDistance) out.push(`${entries[i]!.id}|${entries[j]!.id}`);
    }
  }
  return out.sort();
}

const pairKeys = (links: ReturnType<typeof samePortraitGroups>) => links.map((l) => `${l.from.id}|${l.to.id}`).sort();

describe('comparePortraits and the strength scale', () => {
  it('gives full strength up to FULL_DISTANCE, weaker to MATCH_DISTANCE, none beyond', () => {
    expect(strengthAt(0)).toBe(1);
    expect(strengthAt(FULL_DISTANCE)).toBe(1);
    const mid = strengthAt((FULL_DISTANCE + MATCH_DISTANCE) / 2);
    expect(mid).toBeGreaterThan(0.3);
    expect(mid).toBeLessThan(1);
    expect(strengthAt(MATCH_DISTANCE - 1e-6)).toBeCloseTo(0.3, 2);
    expect(strengthAt(MATCH_DISTANCE)).toBe(0);
    expect(strengthAt(0.5)).toBe(0);
  });

  it('refuses to compare signatures of different lengths', () => {
    expect(() => comparePortraits(synthetic([1, 0, 0]), synthetic(Array.from({ length: DIM }, (_, i) => i)))).toThrow(RangeError);
  });
});

describe('samePortraitGroups on rendered cards', () => {
  // Three portraits, each on the cards of three holders, and three cards with portraits of their own; every
  // card degraded differently (blur, JPEG, colour cast, a few pixels of misalignment) as captures would.
  const PORTRAITS = [424201, 424202, 424203];
  let entries: PortraitEntry[];
  const truth = new Map<string, number>();

  async function degraded(image: RgbImage, kind: number): Promise<RgbImage> {
    const raw = sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } });
    const bytes = kind % 3 === 0 ? await raw.blur(1.4).jpeg({ quality: 60 }).toBuffer() : kind % 3 === 1 ? await raw.jpeg({ quality: 75 }).toBuffer() : await raw.linear([0.88, 1, 1.08], [6, 0, -4]).png().toBuffer();
    const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const out = new Uint8Array(data);
    const dx = (kind % 5) - 2; // -2..2 px: a rectification slightly off
    if (dx !== 0) out.copyWithin(Math.max(0, dx) * 3, Math.max(0, -dx) * 3, out.length - Math.abs(dx) * 3);
    return { width: info.width, height: info.height, data: out };
  }

  beforeAll(async () => {
    entries = [];
    const cards: Array<{ id: string; holder: number; portrait?: number; group: number }> = [];
    PORTRAITS.forEach((p, g) => [1, 2, 3].forEach((k) => cards.push({ id: `doc-${g}-${k}`, holder: 600 + g * 10 + k, portrait: p, group: g })));
    [1, 2, 3].forEach((k) => cards.push({ id: `single-${k}`, holder: 700 + k, group: 100 + k }));
    for (const [i, c] of cards.entries()) {
      const card = await renderCardRaster({ ...cardOptionsFor(holderFor(c.holder)), ...(c.portrait ? { portraitSeed: c.portrait } : {}) });
      const data = new Uint8Array(card.width * card.height * 3);
      for (let p = 0, q = 0; p < data.length; p += 3, q += 4) data.set([card.rgba[q]!, card.rgba[q + 1]!, card.rgba[q + 2]!], p);
      const image = await degraded({ width: card.width, height: card.height, data }, i);
      const s = portraitSignature(image, zoneRect('portrait', image.width, image.height));
      if ('failure' in s) throw new Error(s.failure);
      entries.push({ id: c.id, signature: s });
      truth.set(c.id, c.group);
    }
  }, 60_000);

  it('links every pair of one portrait and nothing across portraits', () => {
    const links = samePortraitGroups(entries);
    const expected = entries.flatMap((a, i) => entries.slice(i + 1).filter((b) => truth.get(a.id) === truth.get(b.id)).map((b) => `${a.id}|${b.id}`)).sort();
    expect(expected).toHaveLength(9);
    expect(pairKeys(links)).toEqual(expected);
    for (const l of links) {
      expect(l.kind).toBe('same-portrait');
      expect(l.from.type).toBe('document');
      expect(l.strength).toBeGreaterThan(0);
      expect(l.evidence.groupSize).toBe(3);
      expect(l.evidence.group).toBe(`doc-${truth.get(l.from.id)}-1`);
      expect(l.summary).toContain(l.from.id);
    }
  });

  it('skips two entries of one document and compares signatures of another format only among themselves', () => {
    const twice = [...entries, { id: entries[0]!.id, signature: entries[0]!.signature }];
    expect(samePortraitGroups(twice).filter((l) => l.from.id === l.to.id)).toHaveLength(0);
    const other = [synthetic([1, 0.5, 0.2]), synthetic([1, 0.5, 0.2])].map((signature, k) => ({ id: `v-other-${k}`, signature }));
    expect(pairKeys(samePortraitGroups([...entries, ...other]))).toContain('v-other-0|v-other-1');
  });
});

describe('samePortraitGroups at scale (synthetic signatures)', () => {
  it('finds exactly the pairs that comparing all pairs finds', () => {
    const model = portraitModel(91);
    const entries: PortraitEntry[] = [];
    for (let i = 0; i < 900; i++) {
      const base = model.base();
      entries.push({ id: `b${i}`, signature: synthetic(base) });
      // Every third base gets a partner around the bound: noise 0.008-0.020 per coefficient, distance ~0.003-0.018.
      if (i % 3 === 0) entries.push({ id: `n${i}`, signature: synthetic(model.near(base, 0.008 + (i % 7) * 0.002)) });
      // And every third one a partner moved along one of the main directions of spread only, by 0.09-0.15: the
      // worst case for the index (the whole difference on one key axis, across cell borders).
      if (i % 3 === 1) entries.push({ id: `m${i}`, signature: synthetic(base.map((v, x) => (x === i % 5 ? v + 0.09 + (i % 13) * 0.005 : v))) });
    }
    const expected = bruteForce(entries, MATCH_DISTANCE);
    console.log(`index vs all pairs: ${entries.length} portraits, ${expected.length} pairs within ${MATCH_DISTANCE}`);
    expect(expected.length).toBeGreaterThan(50); // the planted pairs straddle the bound: both sides are tested
    expect(expected.length).toBeLessThan(600);
    expect(pairKeys(samePortraitGroups(entries))).toEqual(expected);
  });

  it('groups 20,000 portraits without comparing all pairs', () => {
    const model = portraitModel(92);
    const entries: PortraitEntry[] = [];
    for (let g = 0; g < 2000; g++) {
      const base = model.base();
      for (let k = 0; k < 3; k++) entries.push({ id: `g${g}-${k}`, signature: synthetic(model.near(base, 0.004)) });
    }
    for (let s = 0; s < 14_000; s++) entries.push({ id: `s${s}`, signature: synthetic(model.base()) });
    const t0 = performance.now();
    const links = samePortraitGroups(entries);
    const ms = performance.now() - t0;
    console.log(`samePortraitGroups: ${entries.length} portraits, ${links.length} links in ${ms.toFixed(0)} ms`);
    const groupOf = (id: string) => (id.startsWith('g') ? id.split('-')[0] : id);
    expect(links.every((l) => groupOf(l.from.id) === groupOf(l.to.id))).toBe(true);
    expect(links).toHaveLength(6000); // 2,000 groups x 3 pairs
    expect(ms).toBeLessThan(30_000); // generous: shared CI cores; measured a few seconds
  }, 60_000);
});
