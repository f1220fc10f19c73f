import { describe, expect, it } from 'vitest';
import { cardFamilies, cardsOf } from './family-entities';
import type { ForgeryTraits } from './forgery-traits';
import type { LinkDraft } from './types';

const sameDocument = (a: number, b: number): LinkDraft => ({ kind: 'same-document', from: { type: 'document', id: String(a) }, to: { type: 'document', id: String(b) }, strength: 0.8, evidence: {}, summary: '' });
const traits = (id: number, keys: string[]): ForgeryTraits => ({
  documentId: String(id),
  templateId: 'uto-rp-2024',
  level: 'strong-indicators',
  traits: keys.map((key) => ({ key, label: key, zoneId: null, value: 1, weight: 2, source: 'test' })),
});

describe('forgery families by card', () => {
  it('names each card by the lowest document id of its same-document component', () => {
    const cards = cardsOf([sameDocument(7, 36), sameDocument(36, 42), sameDocument(9, 12), { ...sameDocument(1, 2), kind: 'same-portrait' }]);
    expect(Object.fromEntries(cards)).toEqual({ '7': '7', '36': '7', '42': '7', '9': '9', '12': '9' });
  });

  it('merges the families a card was split into by its captures, and shapes them as entities and member links', () => {
    // Card 7 (captures 7, 36): 7 clustered with card 8 on glyph height, 36 with card 9 on invalid MRZ dates.
    const t = [traits(7, ['mrz.font.non-ocr-b', 'mrz.font.glyph-height:-10..-6%']), traits(8, ['mrz.font.non-ocr-b', 'mrz.font.glyph-height:-10..-6%']), traits(36, ['mrz.font.non-ocr-b', 'mrz.rule:date.invalid']), traits(9, ['mrz.font.non-ocr-b', 'mrz.rule:date.invalid'])];
    const notes: string[] = [];
    const apart = cardFamilies(t, [], notes);
    expect(apart.entities.map((e) => e.members)).toEqual([['document:7', 'document:8'], ['document:36', 'document:9']].map((m) => m.sort()));
    const joined = cardFamilies(t, [sameDocument(7, 36)], notes);
    expect(joined.entities).toHaveLength(1);
    expect([...joined.entities[0]!.members].sort()).toEqual(['document:36', 'document:7', 'document:8', 'document:9']);
    expect(joined.links.filter((l) => l.kind === 'family-member').map((l) => l.from.id).sort()).toEqual(['36', '7', '8', '9']);
    expect(joined.links.every((l) => l.to.type === 'family' && `family:${l.to.id}` === joined.entities[0]!.ref)).toBe(true);
    expect(notes).toEqual([]);
  });
});
