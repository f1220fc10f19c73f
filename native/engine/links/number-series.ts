/**
 * Document-number series (issue 6): numbers of one template (or issuing state), prefix and width that run
 * consecutively, near-consecutively or with a stride (every 2nd, every 10th), with their gaps; numbers that a
 * template's pattern or a known issued range does not allow. A run of numbers among seized forgeries points
 * to one workshop numbering its products; it is evidence to examine, not a verdict.
 * Pure and sort-based: O(n log n) in the number of documents, no all-pairs comparison.
 */
import { checkAgainstRule, compileRules, formatInSeries, parseDocumentNumber, ruleApplies, type ParsedNumber, type RangeFlag, type SeriesRule } from './number-parse';
import type { LinkDraft } from './types';

export { normalizeDocumentNumber, parseDocumentNumber, type ParsedNumber, type RangeFlag, type SeriesRule } from './number-parse';

/** One document's number, the input of `findNumberSeries`. */
export interface SeriesDocument {
  readonly documentId: string;
  readonly number: string;
  readonly templateId?: string | null;
  readonly issuingState?: string | null;
}

/** Options of `findNumberSeries`. */
export interface SeriesOptions {
  /**
   * Largest count of missing numbers between two neighbours of one run; default DEFAULT_MAX_GAP. The bound is
   * in numbers, not stride steps (the stride is found after cutting), so an every-10th run with one step
   * missing (19 numbers) is cut in two at the default.
   */
  readonly maxGap?: number;
  /** Pattern and issued-range rules per template or issuing state. */
  readonly rules?: readonly SeriesRule[];
}

/**
 * Default bound on missing numbers between neighbours of a run. It keeps every-2nd to every-10th numbering
 * (1 to 9 missing) and small spoiled or unseized batches inside one run. Chance neighbours are rare at this
 * bound: 500 genuine numbers spread uniformly over a 7-digit space give about
 * C(500,2) x 2 x 11 / 10^7 = 0.27 pairs within 11 of each other.
 */
export const DEFAULT_MAX_GAP = 10;

/**
 * A stride (every k-th number) is claimed only for runs of at least this many numbers: two numbers k apart
 * are just near-consecutive; three with a common difference are a pattern.
 */
export const MIN_STRIDE_MEMBERS = 3;

/** Where a series lives: template id, else issuing state, else unknown. */
export interface SeriesScope {
  readonly kind: 'template' | 'issuing-state' | 'unknown';
  readonly id: string | null;
}

/** One distinct number of a run, with every document that carries it. */
export interface RunMember {
  readonly number: string;
  readonly value: number;
  readonly documentIds: readonly string[];
}

/** A hole inside a run. */
export interface RunGap {
  readonly after: string;
  readonly before: string;
  /** Numbers strictly between the two neighbours. */
  readonly missingNumbers: number;
  /** Steps of the run's stride that are missing (equals missingNumbers for stride 1). */
  readonly missingSteps: number;
  readonly missingFrom: string;
  readonly missingTo: string;
}

/** A run of numbers in one series. */
export interface SeriesRun {
  readonly id: string;
  readonly scope: SeriesScope;
  readonly prefix: string;
  readonly width: number;
  /** `consecutive`: every difference 1; `stride`: all differences multiples of stride > 1; else `near-consecutive`. */
  readonly pattern: 'consecutive' | 'stride' | 'near-consecutive';
  readonly stride: number;
  readonly first: string;
  readonly last: string;
  readonly members: readonly RunMember[];
  readonly gaps: readonly RunGap[];
}

/** Summary of one series (scope, prefix, width). */
export interface SeriesSummary {
  readonly scope: SeriesScope;
  readonly prefix: string;
  readonly width: number;
  readonly documents: number;
  readonly distinctNumbers: number;
  readonly lowest: string;
  readonly highest: string;
  /** Numbers carried by more than one document (the `number-reused` linker's subject; listed here for context). */
  readonly duplicates: readonly RunMember[];
  readonly runs: number;
  readonly numbersInRuns: number;
  readonly longestRun: number;
}

/** Result of `findNumberSeries`. */
export interface SeriesResult {
  readonly links: readonly LinkDraft[];
  readonly runs: readonly SeriesRun[];
  readonly summaries: readonly SeriesSummary[];
  readonly flags: readonly RangeFlag[];
  readonly unparsed: readonly { readonly documentId: string; readonly number: string }[];
}

/**
 * Strength of a link between two neighbours of a run: (length factor) x (closeness).
 * Length factor 0.5 for a pair, +0.1 per further number, 1 from 7 numbers: a lone pair can be chance among
 * genuine documents of one office (see DEFAULT_MAX_GAP), each further number makes chance much less likely.
 * Closeness 1 for no missing step, falling linearly to 0.5 at maxGap missing steps: a far neighbour is weaker
 * evidence of one production batch than an adjacent one. Chosen to order links, not measured.
 */
export function seriesStrength(runLength: number, missingSteps: number, maxGap: number): number {
  const lengthFactor = Math.min(1, 0.5 + 0.1 * Math.max(0, runLength - 2));
  const closeness = 1 - 0.5 * Math.min(1, missingSteps / Math.max(1, maxGap));
  return Math.round(lengthFactor * closeness * 1000) / 1000;
}

interface Entry { readonly documentId: string; readonly parsed: ParsedNumber }

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const scopeOf = (d: SeriesDocument): SeriesScope => (d.templateId ? { kind: 'template', id: d.templateId } : d.issuingState ? { kind: 'issuing-state', id: d.issuingState } : { kind: 'unknown', id: null });
const scopeText = (s: SeriesScope) => (s.kind === 'template' ? `template ${s.id ?? ''}` : s.kind === 'issuing-state' ? `issuing state ${s.id ?? ''}` : 'unknown template');

/** Distinct numbers of one series in ascending order, each with its documents. */
function distinctMembers(entries: Entry[]): RunMember[] {
  entries.sort((a, b) => a.parsed.value - b.parsed.value || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
  const out: { number: string; value: number; documentIds: string[] }[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (last && last.value === e.parsed.value) {
      if (!last.documentIds.includes(e.documentId)) last.documentIds.push(e.documentId);
    } else out.push({ number: e.parsed.normalized, value: e.parsed.value, documentIds: [e.documentId] });
  }
  return out;
}

/** Builds the run record of consecutive members of one series (at least 2). */
function makeRun(scope: SeriesScope, prefix: string, width: number, members: RunMember[]): SeriesRun {
  let g = 0;
  for (let i = 1; i < members.length; i++) g = gcd(g, (members[i]?.value ?? 0) - (members[i - 1]?.value ?? 0));
  const stride = members.length >= MIN_STRIDE_MEMBERS && g > 1 ? g : 1;
  const gaps: RunGap[] = [];
  for (let i = 1; i < members.length; i++) {
    const [a, b] = [members[i - 1], members[i]];
    if (!a || !b || b.value - a.value === stride) continue;
    gaps.push({
      after: a.number, before: b.number, missingNumbers: b.value - a.value - 1, missingSteps: (b.value - a.value) / stride - 1,
      missingFrom: formatInSeries(prefix, width, a.value + stride), missingTo: formatInSeries(prefix, width, b.value - stride),
    });
  }
  const pattern = stride > 1 ? 'stride' : gaps.length === 0 ? 'consecutive' : 'near-consecutive';
  const first = members[0]?.number ?? '';
  return { id: `${scope.kind}:${scope.id ?? ''}|${prefix}|${width}|${first}`, scope, prefix, width, pattern, stride, first, last: members[members.length - 1]?.number ?? '', members, gaps };
}

/** Links between neighbours of a run (n - 1 links for n numbers; first document of each number). */
function runLinks(run: SeriesRun, maxGap: number): LinkDraft[] {
  const links: LinkDraft[] = [];
  const missingTotal = run.gaps.reduce((s, g) => s + g.missingNumbers, 0);
  const largestGap = run.gaps.reduce((m, g) => Math.max(m, g.missingNumbers), 0);
  const runEvidence = { id: run.id, first: run.first, last: run.last, length: run.members.length, pattern: run.pattern, stride: run.stride, gaps: run.gaps.length, missingTotal, largestGap };
  for (let i = 1; i < run.members.length; i++) {
    const [a, b] = [run.members[i - 1], run.members[i]];
    const [from, to] = [a?.documentIds[0], b?.documentIds[0]];
    if (!a || !b || from === undefined || to === undefined) continue;
    const missingNumbers = b.value - a.value - 1;
    const missingSteps = (b.value - a.value) / run.stride - 1;
    const step = run.stride > 1 ? ` (stride ${run.stride})` : '';
    links.push({
      kind: 'number-series',
      from: { type: 'document', id: from },
      to: { type: 'document', id: to },
      strength: seriesStrength(run.members.length, missingSteps, maxGap),
      evidence: { rule: 'number-series', scope: run.scope, prefix: run.prefix, width: run.width, numbers: [a.number, b.number], difference: b.value - a.value, missingNumbers, missingSteps, sameNumberDocuments: [a.documentIds.slice(1), b.documentIds.slice(1)], run: runEvidence },
      summary: `${a.number} and ${b.number} are neighbours in a ${run.pattern} run of ${run.members.length} numbers ${run.first}–${run.last}${step} (${scopeText(run.scope)}, prefix '${run.prefix}', ${run.width} digits); ${missingNumbers} number${missingNumbers === 1 ? '' : 's'} between them not in the case.`,
    });
  }
  return links;
}

/**
 * Finds number series among documents: groups numbers by (template id, else issuing state; prefix; width),
 * sorts each group, cuts it into runs wherever more than `maxGap` numbers are missing between neighbours, and
 * classifies each run (consecutive, stride by the greatest common divisor of its differences, near-consecutive)
 * with its gaps. Links join the neighbours of each run (kind `number-series`, strength `seriesStrength`);
 * documents with the same number are one member (their reuse is for the `number-reused` linker). With rules,
 * numbers that fail a template pattern or fall outside a known issued range are flagged.
 * @param documents one entry per document number reading
 * @param options maxGap (default DEFAULT_MAX_GAP) and plausibility rules; throws on an invalid rule
 */
export function findNumberSeries(documents: readonly SeriesDocument[], options: SeriesOptions = {}): SeriesResult {
  const maxGap = options.maxGap ?? DEFAULT_MAX_GAP;
  if (!Number.isInteger(maxGap) || maxGap < 0) throw new Error(`maxGap must be a non-negative integer, got ${maxGap}`);
  const rules = compileRules(options.rules ?? []);
  const groups = new Map<string, { scope: SeriesScope; prefix: string; width: number; entries: Entry[] }>();
  const flags: RangeFlag[] = [];
  const unparsed: { documentId: string; number: string }[] = [];
  for (const d of documents) {
    const parsed = parseDocumentNumber(d.number);
    for (const r of rules) if (ruleApplies(r.rule, d.templateId ?? null, d.issuingState ?? null)) flags.push(...checkAgainstRule(d.documentId, d.number, parsed, r));
    if (!parsed) {
      unparsed.push({ documentId: d.documentId, number: d.number });
      continue;
    }
    const scope = scopeOf(d);
    const key = `${scope.kind}\u0000${scope.id ?? ''}\u0000${parsed.prefix}\u0000${parsed.width}`;
    const group = groups.get(key);
    if (group) group.entries.push({ documentId: d.documentId, parsed });
    else groups.set(key, { scope, prefix: parsed.prefix, width: parsed.width, entries: [{ documentId: d.documentId, parsed }] });
  }
  const runs: SeriesRun[] = [];
  const links: LinkDraft[] = [];
  const summaries: SeriesSummary[] = [];
  for (const { scope, prefix, width, entries } of groups.values()) {
    const members = distinctMembers(entries);
    const groupRuns: SeriesRun[] = [];
    let start = 0;
    for (let i = 1; i <= members.length; i++) {
      const [prev, cur] = [members[i - 1], members[i]];
      if (cur && prev && cur.value - prev.value - 1 <= maxGap) continue;
      if (i - start >= 2) groupRuns.push(makeRun(scope, prefix, width, members.slice(start, i)));
      start = i;
    }
    for (const run of groupRuns) links.push(...runLinks(run, maxGap));
    runs.push(...groupRuns);
    summaries.push({
      scope, prefix, width, documents: entries.length, distinctNumbers: members.length,
      lowest: members[0]?.number ?? '', highest: members[members.length - 1]?.number ?? '',
      duplicates: members.filter((m) => m.documentIds.length > 1), runs: groupRuns.length,
      numbersInRuns: groupRuns.reduce((s, r) => s + r.members.length, 0), longestRun: groupRuns.reduce((m, r) => Math.max(m, r.members.length), 0),
    });
  }
  return { links, runs, summaries, flags, unparsed };
}
