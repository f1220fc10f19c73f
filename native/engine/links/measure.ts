/**
 * What the link pass measures on stored checks and images rather than on fields: forgery families (production
 * traits of the flagged documents' template checks), same portraits (portrait signatures of aligned documents)
 * and drafts and tools to prints. Each part reports what it could not measure in `notes`; none can lose a pass.
 */
import type { MrzView } from '../contract';
import type { CaseStore } from '../store/case-store';
import { forEachFlaggedCheck, type LinkDocumentInput } from '../store/link-inputs.query';
import { familyMembershipLinks, groupFamilies, MAX_COMPONENT, type Family } from './families';
import { extractForgeryTraits, type ForgeryTraits } from './forgery-traits';
import type { LinkerEntity } from './linker';
import type { LinkDraft } from './types';

/** Links and entities measured by the pass, with what could not be measured. */
export interface MeasuredResult {
  readonly links: readonly LinkDraft[];
  readonly entities: readonly LinkerEntity[];
  readonly notes: readonly string[];
}

/** `family:<hex>` for a family id `family-<hex>`. */
const familyRef = (id: string) => `family:${id.replace(/^family-/, '')}`;

/** Traits of every flagged document, streamed from the store. */
function flaggedTraits(store: CaseStore): ForgeryTraits[] {
  const out: ForgeryTraits[] = [];
  forEachFlaggedCheck(store.db, (c) => {
    const quality = typeof c.jpeg?.quality === 'number' ? c.jpeg.quality : null;
    const tables = typeof c.jpeg?.label === 'string' ? c.jpeg.label : typeof c.jpeg?.family === 'string' ? c.jpeg.family : null;
    out.push(extractForgeryTraits({ documentId: String(c.documentId), check: c.details, mrz: (c.mrz as MrzView | null) ?? null, jpeg: c.jpeg ? { quality, tables } : null }));
  });
  return out;
}

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

/** Every measured link of the case. */
export async function measureCaseLinks(store: CaseStore, _documents: readonly LinkDocumentInput[]): Promise<MeasuredResult> {
  const notes: string[] = [];
  const traits = flaggedTraits(store);
  let families: Family[] = [];
  try {
    families = groupFamilies(traits.map((t) => ({ documentId: t.documentId, level: t.level, traits: t.traits })));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    notes.push(`forgery families not formed: ${error.message} (bound ${MAX_COMPONENT} documents sharing traits)`);
  }
  const fam = familyResult(families);
  return { links: fam.links, entities: fam.entities, notes };
}
