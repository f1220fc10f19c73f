/**
 * Forgery families as the linker stores them: grouped from the flagged documents' production traits with the
 * captures of one card counted as one product (`cardOf`, from the same-document links), then shaped as entities
 * (members: documents) and document → family links.
 */
import { familyMembershipLinks, groupFamilies, MAX_COMPONENT, type Family } from './families';
import type { ForgeryTraits } from './forgery-traits';
import type { LinkerEntity } from './linker';
import type { LinkDraft } from './types';

/** `family:<hex>` for a family id `family-<hex>`. */
const familyRef = (id: string) => `family:${id.replace(/^family-/, '')}`;

/** Forgery families as entities (members: documents) and document → family links. */
export function familyResult(families: readonly Family[]): { links: LinkDraft[]; entities: LinkerEntity[] } {
  const entities: LinkerEntity[] = families.map((f) => ({
    ref: familyRef(f.id),
    type: 'family',
    label: `family of ${f.members.length}: ${f.sharedTraits.slice(0, 2).map((t) => t.label).join('; ')}`,
    attributes: { summary: f.summary, cohesion: f.cohesion, sharedTraits: f.sharedTraits.map(({ key, label, zoneId, memberCount }) => ({ key, label, zoneId, memberCount })), memberSimilarity: f.memberSimilarity },
    members: f.members.map((m) => `document:${m}`),
  }));
  const links: LinkDraft[] = familyMembershipLinks(families).map((l) => ({ ...l, to: { type: 'family', id: familyRef(l.to.id).slice('family:'.length) } }));
  return { links, entities };
}

/**
 * The card of every document: the connected components of `same-document` links, named by their lowest document id.
 * @param links the linker's links (other kinds are ignored)
 */
export function cardsOf(links: readonly LinkDraft[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const l of links) {
    if (l.kind !== 'same-document') continue;
    const [a, b] = [find(l.from.id), find(l.to.id)];
    if (a !== b) parent.set(Number(a) < Number(b) ? b : a, Number(a) < Number(b) ? a : b);
  }
  const out = new Map<string, string>();
  for (const id of parent.keys()) out.set(id, find(id));
  return out;
}

/**
 * Families of the flagged documents, one product per card.
 * @param traits production traits of the flagged documents (measure.ts)
 * @param sameDocument the linker's links; its `same-document` links say which captures are one card
 * @param notes receives why no families were formed, when a component exceeds MAX_COMPONENT
 */
export function cardFamilies(traits: readonly ForgeryTraits[], sameDocument: readonly LinkDraft[], notes: string[]): { links: LinkDraft[]; entities: LinkerEntity[] } {
  try {
    const families = groupFamilies(traits.map((t) => ({ documentId: t.documentId, level: t.level, traits: t.traits })), { cardOf: cardsOf(sameDocument) });
    return familyResult(families);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    notes.push(`forgery families not formed: ${error.message} (bound ${MAX_COMPONENT} documents sharing traits)`);
    return { links: [], entities: [] };
  }
}
