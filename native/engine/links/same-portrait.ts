/**
 * `same-portrait` links (issue 6): documents that carry the same portrait image, found by comparing the
 * portrait signatures of portrait-signature.ts. Forgery workshops print one photo file on several documents
 * with different names; the link says "these portraits are the same picture", with the distance measured,
 * not "these are the same person" (a different photo of one person does not match, see the module note of
 * portrait-signature.ts).
 *
 * Thresholds, measured with the template set (tests/fixtures/template-set; script .cache/exp/portrait, not
 * shipped): 12 portraits, each printed on 9 cards of different holders and captured once per capture kind
 * (flat PNG and JPEG scans, platen scan, rotated, perspective, blurred, low-JPEG and unevenly lit phone
 * photos, table photo), rectified by the document finder: 432 same-portrait pairs, cosine distance median
 * 0.0004, 99th percentile 0.0047, largest 0.0061 (0.0070 with the box mapped through the template
 * alignment instead). Different portraits: 5,346 pairs of those captures, 79,800 pairs of 400 flat renders
 * and 43,200 capture-render pairs, 128,346 in all: smallest 0.0059, 0.1 % below 0.0124, median 0.18. The
 * generator's portraits are drawn from ~13 parameters (colours, head size), so near-twins occur: 18 of the 19
 * different pairs below MATCH_DISTANCE are the captures of one such pair (same skin and clothes, hair shade
 * differs).
 * Pure: callers pass the signatures in; nothing is read or written here.
 */
import { VECTOR_LAYOUT, type PortraitSignature } from './portrait-signature';
import type { LinkDraft } from './types';

/**
 * Distance (1 - cosine) at and beyond which two signatures are not linked: 0.0075 keeps all 432 same-portrait
 * pairs (largest 0.0061; 0.0070 through the template alignment) and lets 19 of 128,346 different-portrait
 * pairs through (1.5e-4; 8 at 0.007, 46 at 0.008).
 */
export const MATCH_DISTANCE = 0.0075;
/** Distance at and below which the link has full strength: 427 of the 432 same pairs, no different pair (smallest 0.0059). */
export const FULL_DISTANCE = 0.005;
/** Strength at MATCH_DISTANCE (just inside): a link kept at the edge of the measured same-pair range is weak evidence. */
const EDGE_STRENGTH = 0.3;

/** What `comparePortraits` measured between two signatures. */
export interface PortraitComparison {
  /** 1 - cosine similarity of the vectors, in [0, 2]; the same portrait image below MATCH_DISTANCE. */
  readonly distance: number;
  /** Strength of a same-portrait link in [0, 1]: 0 at or beyond MATCH_DISTANCE, 1 at or below FULL_DISTANCE. */
  readonly strength: number;
  readonly evidence: {
    readonly distance: number;
    /** Cosine similarity of the luminance part alone and of the colour part alone. */
    readonly lumaSimilarity: number;
    readonly colourSimilarity: number;
    readonly matchDistance: number;
    readonly fullDistance: number;
  };
}

/** One document's portrait, the input of `samePortraitGroups`. */
export interface PortraitEntry {
  /** Document id (the link's `from` / `to`). */
  readonly id: string;
  readonly signature: PortraitSignature;
}

/** Options of `samePortraitGroups`. */
export interface SamePortraitOptions {
  /**
   * Link distance bound; default MATCH_DISTANCE. Pairs beyond MATCH_DISTANCE (when a larger bound is given, for
   * review) are listed with strength 0; larger bounds cost more candidate pairs.
   */
  readonly maxDistance?: number;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Cosine similarity of `a` and `b` over indices [from, to) (0 when one is all zero). */
function cosine(a: readonly number[], b: readonly number[], from: number, to: number): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = from; i < to; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * Strength of a same-portrait link at `distance`: 1 up to FULL_DISTANCE, falling linearly to EDGE_STRENGTH
 * at MATCH_DISTANCE, 0 from there on (scale from the measurements in the module note).
 *
 * @param distance cosine distance of two portrait signatures (comparePortraits)
 */
export function strengthAt(distance: number): number {
  if (distance >= MATCH_DISTANCE) return 0;
  if (distance <= FULL_DISTANCE) return 1;
  return round(1 - ((1 - EDGE_STRENGTH) * (distance - FULL_DISTANCE)) / (MATCH_DISTANCE - FULL_DISTANCE), 3);
}

/**
 * Compares two portrait signatures: the cosine distance of their vectors, the link strength it gives and
 * the measures behind it (luminance and colour parts separately).
 *
 * @param a signature of one document's portrait (portraitSignature)
 * @param b signature of another
 * @throws RangeError when the signatures are of different versions or lengths (not comparable)
 */
export function comparePortraits(a: PortraitSignature, b: PortraitSignature): PortraitComparison {
  if (a.version !== b.version || a.vector.length !== b.vector.length) throw new RangeError('portrait signatures of different versions cannot be compared');
  const n = a.vector.length;
  const luma = VECTOR_LAYOUT.luma;
  const distance = round(1 - cosine(a.vector, b.vector, 0, n), 5);
  return {
    distance,
    strength: strengthAt(distance),
    evidence: {
      distance,
      lumaSimilarity: round(cosine(a.vector, b.vector, 0, luma), 4),
      colourSimilarity: round(cosine(a.vector, b.vector, luma, n), 4),
      matchDistance: MATCH_DISTANCE,
      fullDistance: FULL_DISTANCE,
    },
  };
}

/** Below this many portraits every pair is compared directly (2,016 pairs at 64: faster than building an index). */
const DIRECT_BELOW = 64;
/** Principal directions used as index keys (grid cells) and as the cheap filter before the full cosine. */
const KEY_AXES = 3;
const FILTER_AXES = 8;
/** Radix of the packed cell keys (see pairsWithin). */
const CELL_RADIX = 2 ** 17;
/** Portraits sampled for the principal directions: a covariance of 4,000 vectors is stable to a few per cent. */
const PCA_SAMPLE = 4000;
/** Power-iteration steps per direction: the leading eigenvalues measured on portraits are 5-30 % apart. */
const PCA_STEPS = 60;

/**
 * The first `k` principal directions of `vectors` (orthonormal, by power iteration with deflation from a fixed
 * start, so the result is deterministic). Any orthonormal directions keep the index exact; good ones prune.
 */
function principalAxes(vectors: ReadonlyArray<readonly number[]>, k: number): Float64Array[] {
  const d = vectors[0]!.length;
  const step = Math.max(1, Math.floor(vectors.length / PCA_SAMPLE));
  const sample = vectors.filter((_, i) => i % step === 0);
  const mean = new Float64Array(d);
  for (const v of sample) for (let i = 0; i < d; i++) mean[i]! += v[i]! / sample.length;
  const cov = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (const v of sample) {
    for (let i = 0; i < d; i++) c[i] = v[i]! - mean[i]!;
    for (let i = 0; i < d; i++) {
      const ci = c[i]!;
      const row = i * d;
      for (let j = i; j < d; j++) cov[row + j]! += ci * c[j]!;
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[i * d + j] = cov[j * d + i]!; // the upper triangle mirrored
  const axes: Float64Array[] = [];
  const orthonormalise = (x: Float64Array) => {
    for (const a of axes) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += x[i]! * a[i]!;
      for (let i = 0; i < d; i++) x[i]! -= dot * a[i]!;
    }
    const norm = Math.hypot(...x);
    return norm > 1e-12 ? x.map((v) => v / norm) : null;
  };
  for (let a = 0; a < Math.min(k, d); a++) {
    let x = orthonormalise(Float64Array.from({ length: d }, (_, i) => Math.cos(i * (a + 1) + a))) ?? orthonormalise(Float64Array.from({ length: d }, (_, i) => (i === a ? 1 : 0)))!;
    for (let s = 0; s < PCA_STEPS; s++) {
      const y = new Float64Array(d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) y[i]! += cov[i * d + j]! * x[j]!;
      const next = orthonormalise(y);
      if (!next) break; // no variance left in this direction: keep the orthonormal start
      x = next;
    }
    axes.push(x);
  }
  return axes;
}

/** Disjoint-set forest: the groups formed by the links. */
function components(n: number, pairs: ReadonlyArray<readonly [number, number]>): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const [a, b] of pairs) {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  return parent.map((_, i) => find(i));
}

/** Index pairs (i < j) of `vectors` within `maxDistance` (1 - cosine), found exactly (see samePortraitGroups). */
function pairsWithin(vectors: ReadonlyArray<readonly number[]>, maxDistance: number): Array<[number, number, number]> {
  const n = vectors.length;
  const d = vectors[0]?.length ?? 0;
  const out: Array<[number, number, number]> = [];
  const flat = new Float64Array(n * d);
  vectors.forEach((v, i) => {
    const norm = Math.hypot(...v);
    if (norm > 0) for (let x = 0; x < d; x++) flat[i * d + x] = v[x]! / norm; // an all-zero vector stays zero: distance 1
  });
  const check = (i: number, j: number) => {
    let dot = 0;
    for (let x = 0, oi = i * d, oj = j * d; x < d; x++) dot += flat[oi + x]! * flat[oj + x]!;
    const distance = round(1 - dot, 5); // rounded as comparePortraits rounds, so both agree at the bound
    if (distance < maxDistance) out.push([i, j, distance]);
  };
  if (n < DIRECT_BELOW) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) check(i, j);
    return out;
  }
  // Unit vectors within the bound are within r in Euclidean distance (|a - b|^2 = 2 (1 - cos)), hence within
  // r along every unit direction; 1e-5 covers the rounding of distances to 5 decimals, 1e-9 floating point.
  const r = Math.sqrt(2 * (maxDistance + 1e-5)) + 1e-9;
  const axes = principalAxes(vectors, FILTER_AXES);
  const k = axes.length;
  const proj = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const axis = axes[a]!;
      let s = 0;
      for (let x = 0; x < d; x++) s += axis[x]! * flat[i * d + x]!;
      proj[i * k + a] = s;
    }
  }
  // Cell of a portrait: its grid indices on the first KEY_AXES directions packed in one number (2^17 per axis:
  // projections are within +-1, so indices stay within +-2^16 down to bounds of 1e-9).
  const keyAxes = Math.min(KEY_AXES, k);
  const cellOf = (i: number) => {
    let key = 0;
    for (let a = 0; a < keyAxes; a++) key = key * CELL_RADIX + Math.floor(proj[i * k + a]! / r) + CELL_RADIX / 2;
    return key;
  };
  const cells = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = cellOf(i);
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  }
  let offsets = [0];
  for (let a = 0; a < keyAxes; a++) offsets = offsets.flatMap((o) => [-1, 0, 1].map((s) => o * CELL_RADIX + s));
  const near = (i: number, j: number) => {
    let a = 0;
    while (a < k && Math.abs(proj[i * k + a]! - proj[j * k + a]!) <= r) a++;
    return a === k;
  };
  // Each pair of neighbouring cells once: a cell with itself and with the neighbours whose key is larger.
  for (const [key, list] of cells) {
    for (const offset of offsets) {
      if (offset < 0) continue;
      const other = offset === 0 ? list : cells.get(key + offset);
      if (!other) continue;
      for (let p = 0; p < list.length; p++) {
        for (let q = offset === 0 ? p + 1 : 0; q < other.length; q++) {
          const [i, j] = [list[p]!, other[q]!];
          if (near(i, j)) check(Math.min(i, j), Math.max(i, j));
        }
      }
    }
  }
  return out;
}

/**
 * `same-portrait` links between documents whose portrait signatures are within `maxDistance`: every such pair
 * is linked (matching is not transitive, so each link is its own measurement); the evidence names the group
 * (connected component) each pair belongs to. Signatures of other versions or lengths are compared only among
 * themselves. Pairs of one document id with itself are skipped.
 *
 * Scale: the vectors are projected on their 8 principal directions; portraits are bucketed by a grid on the
 * first three (cells of r = sqrt(2 maxDistance), the Euclidean radius of the bound), each compared with its own
 * and the 26 neighbouring cells, filtered by all 8 projections, then by the full cosine. Every pair within the
 * bound lies within r along every direction, so no pair is missed (same result as comparing all pairs); the
 * candidates are a small share of all pairs when portraits vary (on 20,000 synthetic portraits with the
 * template set's spread, see same-portrait.test.ts).
 *
 * @param entries one signature per document (a document id given twice is not linked to itself)
 * @param options `maxDistance`, the link bound (default MATCH_DISTANCE)
 * @returns the links, ordered by entry; empty when fewer than two signatures are comparable
 */
export function samePortraitGroups(entries: readonly PortraitEntry[], options: SamePortraitOptions = {}): LinkDraft[] {
  const maxDistance = options.maxDistance ?? MATCH_DISTANCE;
  const byFormat = new Map<string, PortraitEntry[]>();
  for (const e of entries) {
    const key = `${e.signature.version}/${e.signature.vector.length}`;
    const list = byFormat.get(key);
    if (list) list.push(e);
    else byFormat.set(key, [e]);
  }
  const out: LinkDraft[] = [];
  for (const list of byFormat.values()) {
    const pairs = pairsWithin(list.map((e) => e.signature.vector), maxDistance).filter(([i, j]) => list[i]!.id !== list[j]!.id);
    const root = components(list.length, pairs.map(([i, j]) => [i, j] as const));
    const size = new Map<number, number>();
    for (const [i, j] of pairs) for (const k of [i, j]) size.set(root[k]!, 0);
    root.forEach((g) => size.has(g) && size.set(g, size.get(g)! + 1));
    pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (const [i, j] of pairs) {
      const [a, b] = [list[i]!, list[j]!];
      const c = comparePortraits(a.signature, b.signature);
      const group = root[i]!;
      out.push({
        kind: 'same-portrait',
        from: { type: 'document', id: a.id },
        to: { type: 'document', id: b.id },
        strength: c.strength,
        evidence: { ...c.evidence, group: list[group]!.id, groupSize: size.get(group)!, crops: [a.signature.crop, b.signature.crop] },
        summary: `portrait signatures of documents ${a.id} and ${b.id} are ${c.distance.toFixed(4)} apart (cosine distance; the same portrait image measured up to ${MATCH_DISTANCE}); ${size.get(group)} documents share this portrait`,
      });
    }
  }
  return out;
}
