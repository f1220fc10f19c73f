/**
 * Forgery families (issue 6): documents that depart from their template (assessment `review` or
 * `strong-indicators`) grouped by the production traits they share (forgery-traits.ts), each family explained by
 * those traits.
 *
 * Similarity of two documents: weighted Jaccard (Ruzicka) over their trait keys, sum of min(weight) over sum of
 * max(weight); 1 for the same traits, 0 for none shared. Documents are grouped by average-linkage (UPGMA)
 * agglomerative clustering, cut at DEFAULT_THRESHOLD: two groups merge only while the mean similarity over all
 * pairs across them reaches the threshold, so one shared generic trait (a printed number that disagrees with the
 * MRZ) cannot chain unrelated documents into one family the way single linkage would.
 * Computation: a group can only contain documents connected by pairs at or above the threshold (an average reaches
 * it only if one pair does), so the pairs are first scanned through an inverted index of trait keys (union-find on
 * the pairs that reach it), then each connected component is clustered with the nearest-neighbour chain algorithm
 * on its own similarity matrix. Time O(n^2) pairs at worst, memory O(c^2) for the largest component c
 * (Float32: 5,000 documents in one component 50 MB); MAX_COMPONENT bounds it.
 * Reference: F. Murtagh, "A survey of recent advances in hierarchical clustering algorithms", The Computer
 * Journal 26(4), 1983 (nearest-neighbour chain; average linkage is reducible, so it gives the UPGMA result).
 */
import { createHash } from 'node:crypto';
import type { ForgeryTrait } from './forgery-traits';
import type { EntityRef } from './types';

/** One document to group: its id, assessment level and traits (`extractForgeryTraits` output fits). */
export interface FamilyInput {
  readonly documentId: string;
  readonly level: string | null;
  readonly traits: readonly ForgeryTrait[];
}

/** A trait the members of a family share, with who holds it. */
export interface SharedTrait {
  readonly key: string;
  readonly label: string;
  readonly zoneId: string | null;
  readonly weight: number;
  readonly memberCount: number;
  readonly members: readonly string[];
}

export interface Family {
  /** `family-` + the first 12 hex digits of SHA-256 over the sorted member ids: the same members, the same id. */
  readonly id: string;
  /** Sorted document ids. */
  readonly members: readonly string[];
  /** Traits held by at least half of the members (and two), most widely held first. */
  readonly sharedTraits: readonly SharedTrait[];
  /** Mean similarity over all member pairs, [0, 1]. */
  readonly cohesion: number;
  /** Each member's mean similarity to the other members. */
  readonly memberSimilarity: Readonly<Record<string, number>>;
  readonly summary: string;
}

export interface FamilyOptions {
  /** Average-linkage cut, default DEFAULT_THRESHOLD. */
  readonly threshold?: number;
  /** Smallest family, default 2. */
  readonly minMembers?: number;
  /** Levels grouped, default review and strong-indicators. */
  readonly levels?: readonly string[];
  /**
   * The physical card of each document (captures linked `same-document` share one), when known. A family groups
   * products: clusters holding captures of one card are one family (a blurred capture can hide a trait its sharp
   * capture shows, and so cluster apart), and a family needs `minMembers` distinct cards, not captures.
   */
  readonly cardOf?: ReadonlyMap<string, string>;
}

/**
 * Average-linkage cut. Measured on template-set forgeries (tests/fixtures/template-set, 81 forged captures at review
 * or above, seeds 1-3, 10-15, 18, 20, 21): pairs of one production method 0.44-0.89 (background missing 0.80-0.89,
 * given names retyped in one near-miss font 0.54-0.81, non-OCR-B MRZ fonts the reader does not read 0.45-0.65,
 * pasted portraits 0.44-0.58); pairs of different traces at most 0.35 (a background-missing capture whose portrait
 * frame also measured off, against a pasted portrait), 0.39 for a retyped name against an MRZ name rewritten (both
 * "name disagrees with the MRZ"; the retyped one adds font and patch). 0.4 sits between, close to the latter. Identical traces of
 * different recipes (a printed number changed, or the MRZ number rewritten: both only "number disagrees with the MRZ")
 * measure 1.0 and are one family by design: families group by trace, not by recipe.
 */
export const DEFAULT_THRESHOLD = 0.4;
/** Largest connected component clustered (its matrix is c^2 / 2 Float32: 8,000 documents, 128 MB). */
export const MAX_COMPONENT = 8000;
/** A trait is shared when at least this share of the members (and two of them) hold it. */
const SHARED_SHARE = 0.5;

interface Vec {
  readonly keys: Int32Array;
  readonly weights: Float64Array;
  readonly total: number;
}

/** Weighted Jaccard of two sorted sparse vectors. */
function similarity(a: Vec, b: Vec): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.keys.length && j < b.keys.length) {
    if (a.keys[i] === b.keys[j]) inter += Math.min(a.weights[i++]!, b.weights[j++]!);
    else if (a.keys[i]! < b.keys[j]!) i++;
    else j++;
  }
  const union = a.total + b.total - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Weighted Jaccard similarity of two documents' traits (see the module comment), exported for evidence.
 * @returns 0..1
 */
export function traitSimilarity(a: readonly ForgeryTrait[], b: readonly ForgeryTrait[]): number {
  const ids = new Map<string, number>();
  const vec = (t: readonly ForgeryTrait[]) => toVec(t, ids);
  return similarity(vec(a), vec(b));
}

function toVec(traits: readonly ForgeryTrait[], ids: Map<string, number>): Vec {
  const byKey = new Map<number, number>();
  for (const t of traits) {
    if (!(t.weight > 0)) continue;
    let id = ids.get(t.key);
    if (id === undefined) ids.set(t.key, (id = ids.size));
    byKey.set(id, Math.max(byKey.get(id) ?? 0, t.weight));
  }
  const entries = [...byKey.entries()].sort((x, y) => x[0] - y[0]);
  return { keys: Int32Array.from(entries.map((e) => e[0])), weights: Float64Array.from(entries.map((e) => e[1])), total: entries.reduce((s, e) => s + e[1], 0) };
}

/** Components of the graph of pairs with similarity >= threshold, found through an inverted index of keys. */
function components(vecs: readonly Vec[], threshold: number): number[][] {
  const parent = Int32Array.from(vecs.keys());
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  // Postings per key: documents (ascending) and their weights.
  const postings = new Map<number, { docs: number[]; weights: number[] }>();
  vecs.forEach((v, d) =>
    v.keys.forEach((k, i) => {
      const p = postings.get(k) ?? postings.set(k, { docs: [], weights: [] }).get(k)!;
      p.docs.push(d);
      p.weights.push(v.weights[i]!);
    }),
  );
  const inter = new Float64Array(vecs.length);
  const touched: number[] = [];
  vecs.forEach((v, d) => {
    v.keys.forEach((k, i) => {
      const p = postings.get(k)!;
      const w = v.weights[i]!;
      for (let n = p.docs.length - 1; n >= 0 && p.docs[n]! > d; n--) {
        const o = p.docs[n]!;
        if (inter[o] === 0) touched.push(o);
        inter[o] = inter[o]! + Math.min(w, p.weights[n]!);
      }
    });
    for (const o of touched) {
      if (inter[o]! / (v.total + vecs[o]!.total - inter[o]!) >= threshold) parent[find(o)] = find(d);
      inter[o] = 0;
    }
    touched.length = 0;
  });
  const groups = new Map<number, number[]>();
  vecs.forEach((_, d) => (groups.get(find(d)) ?? groups.set(find(d), []).get(find(d))!).push(d));
  return [...groups.values()];
}

/** Average-linkage clusters of `members` (indexes into vecs) cut at threshold, by nearest-neighbour chain. */
function averageLinkage(members: readonly number[], vecs: readonly Vec[], threshold: number): number[][] {
  const m = members.length;
  if (m > MAX_COMPONENT) throw new RangeError(`forgery families: ${m} documents are connected by shared traits, more than the ${MAX_COMPONENT} one clustering run holds; raise the threshold or split the case`);
  const at = (i: number, j: number) => (i < j ? i * m - (i * (i + 1)) / 2 + j - i - 1 : j * m - (j * (j + 1)) / 2 + i - j - 1);
  const s = new Float32Array((m * (m - 1)) / 2);
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) s[at(i, j)] = similarity(vecs[members[i]!]!, vecs[members[j]!]!);
  const size = new Int32Array(m).fill(1);
  const alive = new Uint8Array(m).fill(1);
  const cluster: number[][] = members.map((_, i) => [i]);
  const done: number[][] = [];
  const chain: number[] = [];
  let remaining = m;
  let next = 0;
  while (remaining > 0) {
    if (chain.length === 0) {
      while (!alive[next]) next++;
      chain.push(next);
    }
    const a = chain[chain.length - 1]!;
    const prev = chain.length >= 2 ? chain[chain.length - 2]! : -1;
    let best = -1;
    let bestSim = -Infinity;
    for (let c = 0; c < m; c++) {
      if (c === a || !alive[c]) continue;
      const v = s[at(a, c)]!;
      if (v > bestSim || (v === bestSim && c === prev)) {
        best = c;
        bestSim = v;
      }
    }
    if (best < 0 || bestSim < threshold) {
      alive[a] = 0;
      remaining--;
      done.push(cluster[a]!);
      chain.pop();
      continue;
    }
    if (best !== prev) {
      chain.push(best);
      continue;
    }
    chain.length -= 2;
    // Lance-Williams update for average linkage: the merged group's similarity is the size-weighted mean.
    for (let c = 0; c < m; c++) {
      if (!alive[c] || c === a || c === best) continue;
      s[at(best, c)] = (size[a]! * s[at(a, c)]! + size[best]! * s[at(best, c)]!) / (size[a]! + size[best]!);
    }
    size[best] = size[best]! + size[a]!;
    cluster[best]!.push(...cluster[a]!);
    alive[a] = 0;
    remaining--;
  }
  return done.map((c) => c.map((i) => members[i]!));
}

const familyId = (members: readonly string[]) => `family-${createHash('sha256').update(members.join('\n')).digest('hex').slice(0, 12)}`;

function describe(members: readonly string[], shared: readonly SharedTrait[], cohesion: number): string {
  const top = shared.slice(0, 3).map((t) => `${t.label} (${t.memberCount} of ${members.length})`);
  return shared.length
    ? `${members.length} documents share ${shared.length} production trait${shared.length > 1 ? 's' : ''}: ${top.join('; ')}${shared.length > 3 ? `; and ${shared.length - 3} more` : ''} (mean trait similarity ${cohesion.toFixed(2)})`
    : `${members.length} documents with similar traits, none held by half of them (mean trait similarity ${cohesion.toFixed(2)})`;
}

/** Clusters that hold documents of one card, merged (union-find over clusters, keyed by card). */
function mergeByCard(clusters: readonly number[][], cardOf: (i: number) => string): number[][] {
  const parent = clusters.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const clusterOfCard = new Map<string, number>();
  clusters.forEach((c, ci) => {
    for (const i of c) {
      const card = cardOf(i);
      const other = clusterOfCard.get(card);
      if (other === undefined) clusterOfCard.set(card, ci);
      else parent[find(ci)] = find(other);
    }
  });
  const merged = new Map<number, number[]>();
  clusters.forEach((c, ci) => merged.set(find(ci), [...(merged.get(find(ci)) ?? []), ...c]));
  return [...merged.values()];
}

/** A family's similarities, cohesion and shared traits over its members (indices into `chosen`, ascending). */
function familyOf(sorted: readonly number[], chosen: readonly FamilyInput[], vecs: readonly Vec[]): Family {
  const members = sorted.map((i) => chosen[i]!.documentId);
  const sums = new Float64Array(sorted.length);
  for (let x = 0; x < sorted.length; x++) {
    for (let y = x + 1; y < sorted.length; y++) {
      const v = similarity(vecs[sorted[x]!]!, vecs[sorted[y]!]!);
      sums[x] = sums[x]! + v;
      sums[y] = sums[y]! + v;
    }
  }
  const memberSimilarity: Record<string, number> = {};
  sorted.forEach((i, x) => (memberSimilarity[chosen[i]!.documentId] = Number((sums[x]! / (sorted.length - 1)).toFixed(3))));
  const cohesion = Number((sums.reduce((a, b) => a + b, 0) / (sorted.length * (sorted.length - 1))).toFixed(3));
  const holders = new Map<string, { trait: ForgeryTrait; members: string[] }>();
  for (const i of sorted) for (const t of chosen[i]!.traits) (holders.get(t.key) ?? holders.set(t.key, { trait: t, members: [] }).get(t.key)!).members.push(chosen[i]!.documentId);
  const need = Math.max(2, Math.ceil(members.length * SHARED_SHARE));
  const sharedTraits = [...holders.values()]
    .filter((h) => new Set(h.members).size >= need)
    .map((h) => ({ key: h.trait.key, label: h.trait.label, zoneId: h.trait.zoneId, weight: h.trait.weight, memberCount: new Set(h.members).size, members: [...new Set(h.members)] }))
    .sort((x, y) => y.memberCount - x.memberCount || y.weight - x.weight || (x.key < y.key ? -1 : 1));
  return { id: familyId(members), members, sharedTraits, cohesion, memberSimilarity, summary: describe(members, sharedTraits, cohesion) };
}

/**
 * Groups documents that depart from their template into families by shared production traits (see the module
 * comment). Deterministic: the result does not depend on the input order.
 * @param docs documents with their level and traits; documents of other levels, or without traits, are left out
 * @param options threshold (default DEFAULT_THRESHOLD), minMembers (default 2), levels, cardOf
 * @returns families, largest first, then by id
 * @throws Error on a duplicate documentId; RangeError when a component exceeds MAX_COMPONENT
 */
export function groupFamilies(docs: readonly FamilyInput[], options: FamilyOptions = {}): Family[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minMembers = Math.max(2, options.minMembers ?? 2);
  const levels = new Set(options.levels ?? ['review', 'strong-indicators']);
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`forgery families: threshold must be in (0, 1], got ${threshold}`);
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.documentId)) throw new Error(`forgery families: document ${d.documentId} is given twice`);
    seen.add(d.documentId);
  }
  const chosen = docs.filter((d) => d.level !== null && levels.has(d.level) && d.traits.some((t) => t.weight > 0)).sort((a, b) => (a.documentId < b.documentId ? -1 : 1));
  const ids = new Map<string, number>();
  [...new Set(chosen.flatMap((d) => d.traits.map((t) => t.key)))].sort().forEach((k, i) => ids.set(k, i));
  const vecs = chosen.map((d) => toVec(d.traits, ids));
  const clusters: number[][] = [];
  const clustered = new Uint8Array(chosen.length);
  for (const component of components(vecs, threshold)) {
    for (const c of component.length < 2 ? [component] : averageLinkage(component.sort((a, b) => a - b), vecs, threshold)) {
      clusters.push(c);
      for (const i of c) clustered[i] = 1;
    }
  }
  chosen.forEach((_, i) => clustered[i] || clusters.push([i]));
  const cardOf = (i: number) => options.cardOf?.get(chosen[i]!.documentId) ?? chosen[i]!.documentId;
  const families: Family[] = [];
  for (const group of mergeByCard(clusters, cardOf)) {
    if (new Set(group.map(cardOf)).size < minMembers) continue;
    families.push(familyOf([...group].sort((a, b) => a - b), chosen, vecs));
  }
  return families.sort((a, b) => b.members.length - a.members.length || (a.id < b.id ? -1 : 1));
}

/** A document's membership of a family, shaped like a LinkDraft with the proposed kind `family-member`. */
export interface FamilyLink {
  readonly kind: 'family-member';
  readonly from: EntityRef & { readonly type: 'document' };
  readonly to: EntityRef & { readonly type: 'family' };
  /** The member's mean trait similarity to the other members (0..1). */
  readonly strength: number;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly summary: string;
}

/**
 * One link per member of each family, document to family, with the shared traits the member holds as evidence.
 * @param families the output of `groupFamilies`
 */
export function familyMembershipLinks(families: readonly Family[]): FamilyLink[] {
  return families.flatMap((f) =>
    f.members.map((m): FamilyLink => {
      const held = f.sharedTraits.filter((t) => t.members.includes(m));
      return {
        kind: 'family-member',
        from: { type: 'document', id: m },
        to: { type: 'family', id: f.id },
        strength: f.memberSimilarity[m] ?? 0,
        evidence: { rule: 'average-linkage weighted Jaccard of production traits', familySize: f.members.length, cohesion: f.cohesion, sharedTraits: held.map((t) => t.key) },
        summary: `document ${m} holds ${held.length} of the ${f.sharedTraits.length} traits its family of ${f.members.length} shares (mean similarity to the others ${(f.memberSimilarity[m] ?? 0).toFixed(2)})`,
      };
    }),
  );
}
