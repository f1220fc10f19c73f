import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../tests/fixtures/prng';
import { DEFAULT_THRESHOLD, familyMembershipLinks, groupFamilies, traitSimilarity, type FamilyInput } from './families';
import type { ForgeryTrait } from './forgery-traits';

const trait = (key: string, weight = 1): ForgeryTrait => ({ key, label: `label of ${key}`, zoneId: null, value: 1, weight, source: 'test' });
const doc = (documentId: string, keys: readonly (string | [string, number])[], level = 'strong-indicators'): FamilyInput => ({
  documentId,
  level,
  traits: keys.map((k) => (typeof k === 'string' ? trait(k) : trait(k[0], k[1]))),
});

/**
 * A synthetic seizure: `workshops` fixed profiles of 5 core traits (weights 1-3), each product showing every core
 * trait with probability 0.85 plus 2 noise traits from a pool of 300 and, for half of all documents, one generic
 * trait every workshop causes (a printed number that disagrees with the MRZ).
 */
function seizure(workshops: number, perWorkshop: number, seed: number): { docs: FamilyInput[]; truth: Map<string, number> } {
  const r = mulberry32(seed);
  const docs: FamilyInput[] = [];
  const truth = new Map<string, number>();
  for (let w = 0; w < workshops; w++) {
    const core: [string, number][] = Array.from({ length: 5 }, (_, i) => [`w${w}.core${i}`, 1 + (i % 3)]);
    for (let n = 0; n < perWorkshop; n++) {
      const keys: [string, number][] = core.filter(() => r() < 0.85);
      for (let k = 0; k < 2; k++) keys.push([`noise${Math.floor(r() * 300)}`, 0.5]);
      if (r() < 0.5) keys.push(['viz-mrz.mismatch.zone:docno', 1]);
      const id = `doc-${w}-${n}`;
      docs.push(doc(id, keys));
      truth.set(id, w);
    }
  }
  return { docs, truth };
}

describe('traitSimilarity', () => {
  it('is the weighted Jaccard of the trait keys', () => {
    expect(traitSimilarity([trait('a', 2), trait('b', 1)], [trait('a', 2), trait('b', 1)])).toBe(1);
    expect(traitSimilarity([trait('a', 2), trait('b', 1)], [trait('a', 1), trait('c', 1)])).toBeCloseTo(1 / (2 + 1 + 1), 10);
    expect(traitSimilarity([trait('a')], [trait('b')])).toBe(0);
    expect(traitSimilarity([], [])).toBe(0);
  });
});

describe('groupFamilies', () => {
  it('counts products, not captures: captures of one card join one family, and two captures alone are none', () => {
    // Card X was captured sharp (x1: font and patch traits) and blurred (x2: the font no longer measured).
    const docs = [
      doc('x1', [['font.zone:given-names', 2], ['background.patch.zone:given-names', 2], 'viz-mrz.mismatch.zone:given-names']),
      doc('x2', ['viz-mrz.mismatch.zone:given-names', 'blur.only']),
      doc('y1', [['font.zone:given-names', 2], ['background.patch.zone:given-names', 2], 'viz-mrz.mismatch.zone:given-names']),
      doc('z1', [['mrz.font.non-ocr-b', 3]]),
      doc('z2', [['mrz.font.non-ocr-b', 3]]),
    ];
    expect(groupFamilies(docs).map((f) => f.members)).toEqual([['x1', 'y1'], ['z1', 'z2']]);
    const cardOf = new Map([['x1', 'X'], ['x2', 'X'], ['y1', 'Y'], ['z1', 'Z'], ['z2', 'Z']]);
    const byCard = groupFamilies(docs, { cardOf });
    // x2 joins its card's family; z1 and z2 are one card, so no family of two products.
    expect(byCard.map((f) => f.members)).toEqual([['x1', 'x2', 'y1']]);
    expect(byCard[0]!.sharedTraits.map((t) => t.key)).toContain('viz-mrz.mismatch.zone:given-names');
  });

  it('groups documents sharing their traits and explains each family by the traits its members share', () => {
    const docs = [
      doc('a1', [['background.missing:guilloche', 3], 'recognition.mrz-claim-only', 'noise1']),
      doc('a2', [['background.missing:guilloche', 3], 'recognition.mrz-claim-only']),
      doc('a3', [['background.missing:guilloche', 3], 'recognition.mrz-claim-only', 'noise2']),
      doc('b1', [['mrz.font.non-ocr-b', 3], 'mrz.unread']),
      doc('b2', [['mrz.font.non-ocr-b', 3], 'mrz.unread', 'noise3']),
      doc('lone', ['portrait.border:portrait']),
    ];
    const families = groupFamilies(docs);
    expect(families.map((f) => f.members)).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2']]);
    const [a, b] = families;
    expect(a!.sharedTraits.map((t) => [t.key, t.memberCount])).toEqual([['background.missing:guilloche', 3], ['recognition.mrz-claim-only', 3]]);
    expect(b!.sharedTraits[0]).toMatchObject({ key: 'mrz.font.non-ocr-b', memberCount: 2, members: ['b1', 'b2'] });
    expect(a!.cohesion).toBeGreaterThan(0.7);
    expect(a!.cohesion).toBeLessThan(1);
    expect(a!.memberSimilarity.a2).toBeGreaterThan(a!.memberSimilarity.a1!);
    expect(a!.summary).toMatch(/^3 documents share 2 production traits: label of background.missing:guilloche \(3 of 3\)/);
  });

  it('does not chain documents through one shared generic trait (average linkage)', () => {
    // A sliding window of three traits: neighbours share 2 of 4 (similarity 0.5), documents two apart 1 of 5 (0.2).
    // Single linkage at the threshold would chain all eight into one family; average linkage keeps pairs.
    const chain = Array.from({ length: 8 }, (_, i) => doc(`c${i}`, [`t${i}`, `t${i + 1}`, `t${i + 2}`]));
    for (let i = 1; i < chain.length; i++) expect(traitSimilarity(chain[i - 1]!.traits, chain[i]!.traits)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    const families = groupFamilies(chain);
    expect(families.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...families.map((f) => f.members.length))).toBe(2);
    // A trait every document holds does not make one family either when each group has its own traits.
    const generic = [...['g1', 'g2', 'g3'].map((id) => doc(id, ['viz-mrz.mismatch.zone:docno', ['p.core', 3]])), ...['h1', 'h2', 'h3'].map((id) => doc(id, ['viz-mrz.mismatch.zone:docno', ['q.core', 3]]))];
    expect(groupFamilies(generic).map((f) => f.members)).toEqual([['g1', 'g2', 'g3'], ['h1', 'h2', 'h3']]);
  });

  it('gives stable ids and the same result whatever the input order', () => {
    const { docs } = seizure(3, 12, 7);
    const first = groupFamilies(docs);
    const shuffled = [...docs].reverse();
    const r = mulberry32(3);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(groupFamilies(shuffled)).toEqual(first);
    expect(first.every((f) => /^family-[0-9a-f]{12}$/.test(f.id))).toBe(true);
    // The id depends on the members only: the same members under another threshold keep the id.
    const ids = new Map(first.map((f) => [f.members.join(','), f.id]));
    for (const f of groupFamilies(docs, { threshold: 0.35 })) if (ids.has(f.members.join(','))) expect(f.id).toBe(ids.get(f.members.join(',')));
  });

  it('leaves out documents below review level and those without traits', () => {
    const docs = [doc('f1', ['t']), doc('f2', ['t'], 'review'), doc('g1', ['t'], 'no-indicators'), doc('u1', ['t'], 'unmatched'), { documentId: 'n1', level: null, traits: [trait('t')] }, doc('e1', [])];
    expect(groupFamilies(docs).map((f) => f.members)).toEqual([['f1', 'f2']]);
    expect(groupFamilies(docs, { levels: ['review', 'strong-indicators', 'no-indicators'] }).map((f) => f.members)).toEqual([['f1', 'f2', 'g1']]);
    expect(groupFamilies(docs, { minMembers: 3 })).toEqual([]);
  });

  it('refuses duplicate documents and thresholds outside (0, 1]', () => {
    expect(() => groupFamilies([doc('a', ['t']), doc('a', ['t'])])).toThrow(/document a is given twice/);
    expect(() => groupFamilies([], { threshold: 0 })).toThrow(RangeError);
    expect(() => groupFamilies([], { threshold: 1.5 })).toThrow(RangeError);
    expect(groupFamilies([])).toEqual([]);
  });

  it('recovers fixed workshop profiles among noise on a synthetic seizure of 1,500 documents', () => {
    const { docs, truth } = seizure(5, 300, 11);
    const t0 = performance.now();
    const families = groupFamilies(docs);
    const ms = performance.now() - t0;
    // Pair precision and recall against the workshop each document came from.
    let tp = 0;
    let fp = 0;
    for (const f of families) for (let i = 0; i < f.members.length; i++) for (let j = i + 1; j < f.members.length; j++) {
      if (truth.get(f.members[i]!) === truth.get(f.members[j]!)) tp++;
      else fp++;
    }
    const positives = 5 * ((300 * 299) / 2);
    expect(tp / (tp + fp)).toBe(1);
    // Measured 0.90: products that lost two or three of their five core traits form smaller families of their own.
    expect(tp / positives).toBeGreaterThan(0.85);
    expect(families.slice(0, 5).every((f) => f.sharedTraits[0]!.key.includes('.core'))).toBe(true);
    expect(ms).toBeLessThan(20_000); // measured 0.5-0.7 s on the shared 2-core machine; the bound only catches a blow-up
  });
});

describe('familyMembershipLinks', () => {
  it('links every member to its family with its similarity and the shared traits it holds', () => {
    const families = groupFamilies([doc('a', [['k', 3], 'm']), doc('b', [['k', 3], 'm']), doc('c', [['k', 3]])]);
    const links = familyMembershipLinks(families);
    expect(links).toHaveLength(3);
    expect(links.map((l) => l.from.id)).toEqual(['a', 'b', 'c']);
    const c = links.find((l) => l.from.id === 'c')!;
    expect(c).toMatchObject({ kind: 'family-member', from: { type: 'document', id: 'c' }, to: { type: 'family', id: families[0]!.id } });
    expect(c.evidence.sharedTraits).toEqual(['k']);
    expect(links.find((l) => l.from.id === 'a')!.evidence.sharedTraits).toEqual(['k', 'm']);
    expect(c.strength).toBeCloseTo(0.75, 3); // 3/4 to a and to b
    expect(c.summary).toMatch(/document c holds 1 of the 2 traits its family of 3 shares/);
  });
});
