/**
 * XMP Media Management (XMP Specification Part 2, §3.2 xmpMM; ResourceEvent stEvt, ResourceRef stRef):
 * the editing history an Adobe-style writer keeps inside the file.
 *
 * - `metadata.xmp-history` (notice, score 0.5; info when every step is `created`): xmpMM:History lists
 *   the steps (action, softwareAgent, when, changed, parameters) the writer recorded.
 * - `metadata.xmp-derivation` (notice, 0.4; 0.5 with photoshop:DocumentAncestors): xmpMM:DerivedFrom
 *   is present (Save As / export from another document or instance), DocumentID differs from
 *   OriginalDocumentID (the document descends from another original), or photoshop:DocumentAncestors
 *   lists documents whose content was placed or pasted into this one.
 */
import type { ForensicIndicator } from '../types';
import { indicator } from './indicator';
import type { Block } from './read-metadata';
import { text } from './read-metadata';
import type { SoftwareMention } from './software';
import { sourcedTimestamp, type SourcedTimestamp } from './timestamps';

export interface HistoryStep {
  readonly action: string | null;
  readonly softwareAgent: string | null;
  readonly when: string | null;
  readonly changed: string | null;
  readonly parameters: string | null;
}

/** Steps listed in the summary before it says "and N more". */
const MAX_LISTED = 6;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** xmpMM:History steps in file order (exifr unwraps a one-item rdf:Seq into a single object). */
export function historySteps(xmpMM: Block | undefined): HistoryStep[] {
  return asArray(xmpMM?.History).flatMap((s) => {
    if (typeof s !== 'object' || s === null) return [];
    const r = s as Record<string, unknown>;
    return [{ action: text(r.action), softwareAgent: text(r.softwareAgent), when: text(r.when), changed: text(r.changed), parameters: text(r.parameters) }];
  });
}

/** softwareAgent of every step, for the software rule. */
export function historySoftware(steps: readonly HistoryStep[]): SoftwareMention[] {
  return [...new Set(steps.map((s) => s.softwareAgent).filter((v): v is string => v !== null))].map((value) => ({ source: 'XMP:xmpMM:History softwareAgent', value }));
}

/** The latest `when` of the history as a timestamp (for the date rules), or null. */
export function lastHistoryTime(steps: readonly HistoryStep[]): SourcedTimestamp | null {
  let best: SourcedTimestamp | null = null;
  for (const s of steps) {
    const t = sourcedTimestamp('XMP:xmpMM:History (last step)', s.when);
    if (t?.wall != null && (best?.wall == null || t.wall - (t.offsetSeconds ?? 0) > best.wall - (best.offsetSeconds ?? 0))) best = t;
  }
  return best;
}

function refId(v: unknown, key: 'documentID' | 'instanceID' | 'originalDocumentID'): string | null {
  if (typeof v === 'string') return key === 'documentID' ? text(v) : null;
  if (typeof v === 'object' && v !== null) return text((v as Record<string, unknown>)[key]);
  return null;
}

/** History and derivation indicators. */
export function xmpHistoryIndicators(xmp: Readonly<Record<string, Block>>): ForensicIndicator[] {
  const mm = xmp.xmpMM;
  const steps = historySteps(mm);
  const out: ForensicIndicator[] = [];
  if (steps.length > 0) {
    const counts = new Map<string, number>();
    for (const s of steps) counts.set(s.action ?? '(no action)', (counts.get(s.action ?? '(no action)') ?? 0) + 1);
    const actions = [...counts].map(([a, n]) => (n > 1 ? `${a} x${n}` : a)).join(', ');
    const agents = [...new Set(steps.map((s) => s.softwareAgent).filter(Boolean))];
    const whens = steps.map((s) => s.when).filter((w): w is string => w !== null);
    const notes = steps.filter((s) => s.parameters).slice(0, MAX_LISTED).map((s) => `${s.action}: ${s.parameters}`);
    const onlyCreated = steps.every((s) => s.action === 'created');
    out.push(indicator('xmp-history', onlyCreated ? 'info' : 'notice', onlyCreated ? 0 : 0.5,
      `xmpMM:History records ${steps.length} step(s) (${actions})${agents.length ? ` by ${agents.join(', ')}` : ''}${whens.length ? `, ${whens[0]}${whens.length > 1 ? ` .. ${whens[whens.length - 1]}` : ''}` : ''}${notes.length ? `; ${notes.join('; ')}` : ''}: the writer's own record of ${onlyCreated ? 'creating the document' : 'saving or converting it after creation'}`,
      { steps }));
  }
  const derivedFrom = mm?.DerivedFrom;
  const documentId = text(mm?.DocumentID);
  const originalId = text(mm?.OriginalDocumentID);
  const ancestors = asArray(xmp.photoshop?.DocumentAncestors).length;
  const facts: string[] = [];
  const derivedDoc = refId(derivedFrom, 'documentID');
  const derivedInstance = refId(derivedFrom, 'instanceID');
  if (derivedFrom !== undefined && (derivedDoc || derivedInstance)) facts.push(`xmpMM:DerivedFrom names ${derivedDoc ? `document ${derivedDoc}` : ''}${derivedDoc && derivedInstance ? ', ' : ''}${derivedInstance ? `instance ${derivedInstance}` : ''} (this file was saved as a new file from it)`);
  if (documentId && originalId && documentId !== originalId) facts.push(`xmpMM:DocumentID ${documentId} differs from OriginalDocumentID ${originalId} (the document descends from another original)`);
  if (ancestors > 0) facts.push(`photoshop:DocumentAncestors lists ${ancestors} document(s) whose content was placed or pasted into this one`);
  if (facts.length > 0) {
    out.push(indicator('xmp-derivation', 'notice', ancestors > 0 ? 0.5 : 0.4, `${facts.join('; ')}`,
      { documentId, originalDocumentId: originalId, derivedFrom: { documentId: derivedDoc, instanceId: derivedInstance, originalDocumentId: refId(derivedFrom, 'originalDocumentID') }, documentAncestors: ancestors }));
  }
  return out;
}
