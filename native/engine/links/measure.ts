/**
 * What the link pass measures on stored checks and images rather than on fields: forgery families (production
 * traits of the flagged documents' template checks), same portraits (portrait signatures of aligned documents)
 * and drafts and tools to prints. Each part reports what it could not measure in `notes`; none can lose a pass.
 */
import { asItemId, type MrzView } from '../contract';
import type { CaseStore } from '../store/case-store';
import { forEachFlaggedCheck, type LinkDocumentInput, type LinkItemInput } from '../store/link-inputs.query';
import { readOriginal } from '../store/originals';
import { blankTemplateLinks, fontLinks, mrzTraceLinks, type DraftDocument } from './drafts';
import { fontNames, isOcrBName } from './font-name';
import { portraitLinks } from './portrait-links';
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

/** Text files larger than this are not searched for MRZ lines (a saved generator page is a few kilobytes). */
const MAX_TRACE_BYTES = 1024 * 1024;
/** Font files larger than this are not read (OCR-B files are 20-60 KB; CJK fonts run to tens of MB). */
const MAX_FONT_BYTES = 4 * 1024 * 1024;
const FONT_MIMES = new Set(['font/otf', 'font/ttf', 'application/font-sfnt']);

async function bytesOf(store: CaseStore, item: LinkItemInput): Promise<Buffer | null> {
  const storage = store.items.storageOf(asItemId(item.id));
  if (!storage) return null;
  return readOriginal(store, storage, { verify: true });
}

/** Blank templates, MRZ-generator traces and OCR-B fonts, each linked to the documents it matches. */
async function draftLinks(store: CaseStore, documents: readonly LinkDocumentInput[], items: readonly LinkItemInput[], notes: string[]): Promise<LinkDraft[]> {
  const drafts: DraftDocument[] = documents.map((d) => ({ id: d.id, templateId: d.templateId, level: d.level, mrzLines: d.mrzLines, readings: d.readings.map((r) => ({ text: r.text, confidence: r.confidence })) }));
  const traces: { itemId: number; name: string; text: string }[] = [];
  const fonts: { itemId: number; name: string; family: string }[] = [];
  for (const item of items) {
    const isText = item.mime?.startsWith('text/') === true && item.size <= MAX_TRACE_BYTES;
    const isFont = item.mime !== null && FONT_MIMES.has(item.mime) && item.size <= MAX_FONT_BYTES;
    if (!isText && !isFont) continue;
    let bytes: Buffer | null;
    try {
      bytes = await bytesOf(store, item);
    } catch (error) {
      notes.push(`${item.exhibitPath} (item ${item.id}) not read for draft links: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!bytes) continue;
    if (isText) traces.push({ itemId: item.id, name: item.name, text: bytes.toString('utf8') });
    else {
      const names = fontNames(bytes);
      const family = 'failure' in names ? null : (names.family ?? names.fullName);
      if (family && isOcrBName(family)) fonts.push({ itemId: item.id, name: item.name, family });
    }
  }
  return [...blankTemplateLinks(drafts), ...mrzTraceLinks(traces, drafts), ...fontLinks(fonts, drafts)];
}

/** Every measured link of the case, from the documents and items the pass has read. */
export async function measureCaseLinks(store: CaseStore, documents: readonly LinkDocumentInput[], items: readonly LinkItemInput[]): Promise<MeasuredResult> {
  const notes: string[] = [];
  const drafts = await draftLinks(store, documents, items, notes);
  const portraits = await portraitLinks(store, documents, items, notes);
  const traits = flaggedTraits(store);
  let families: Family[] = [];
  try {
    families = groupFamilies(traits.map((t) => ({ documentId: t.documentId, level: t.level, traits: t.traits })));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    notes.push(`forgery families not formed: ${error.message} (bound ${MAX_COMPONENT} documents sharing traits)`);
  }
  const fam = familyResult(families);
  return { links: [...fam.links, ...drafts, ...portraits], entities: fam.entities, notes };
}
