/**
 * What the link pass measures on stored checks and images rather than on fields: the production traits of the
 * flagged documents' template checks (grouped into forgery families by the linker, which knows which captures are
 * one card), same portraits (portrait signatures of aligned documents) and drafts and tools to prints. Each part reports what it could not measure in `notes`; none can lose a pass.
 */
import { asItemId, type MrzView } from '../contract';
import type { CaseStore } from '../store/case-store';
import { forEachFlaggedCheck, type LinkDocumentInput, type LinkItemInput } from '../store/link-inputs.query';
import { readOriginal } from '../store/originals';
import { blankTemplateLinks, fontLinks, mrzTraceLinks, type DraftDocument } from './drafts';
import { fontNames, isOcrBName } from './font-name';
import { portraitLinks } from './portrait-links';
import { extractForgeryTraits, type ForgeryTraits, NON_OCR_B_MRZ } from './forgery-traits';
import type { LinkerEntity } from './linker';
import type { LinkDraft } from './types';

/** Links and entities measured by the pass, with what could not be measured. */
export interface MeasuredResult {
  readonly links: readonly LinkDraft[];
  readonly entities: readonly LinkerEntity[];
  /** Production traits of every flagged document: the linker groups them into forgery families by card. */
  readonly traits: readonly ForgeryTraits[];
  readonly notes: readonly string[];
}

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
async function draftLinks(store: CaseStore, documents: readonly LinkDocumentInput[], items: readonly LinkItemInput[], otherMrzFont: ReadonlySet<number>, notes: string[]): Promise<LinkDraft[]> {
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
  return [...blankTemplateLinks(drafts), ...mrzTraceLinks(traces, drafts), ...fontLinks(fonts, drafts, otherMrzFont)];
}

/** Every measured link of the case, from the documents and items the pass has read. */
export async function measureCaseLinks(store: CaseStore, documents: readonly LinkDocumentInput[], items: readonly LinkItemInput[]): Promise<MeasuredResult> {
  const notes: string[] = [];
  const traits = flaggedTraits(store);
  const otherMrzFont = new Set(traits.filter((t) => t.traits.some((x) => x.key === NON_OCR_B_MRZ)).map((t) => Number(t.documentId)));
  const drafts = await draftLinks(store, documents, items, otherMrzFont, notes);
  const portraits = await portraitLinks(store, documents, items, notes);
  return { links: [...drafts, ...portraits], entities: [], traits, notes };
}
