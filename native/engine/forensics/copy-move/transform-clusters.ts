/**
 * Grouping of keypoint matches into copy-move pairs: sequential, spatially guided RANSAC over similarity
 * transforms. Amerini et al. (2011) cluster matched points and then estimate one transform per cluster;
 * here the transform is the clustering criterion itself (as in Pan & Lyu, "Region duplication detection
 * using image feature matching", IEEE TIFS 2010): matches that agree on one rotation + scale + shift form
 * one pair of regions. Hypotheses come from each match and its spatial neighbours (a copied region is
 * compact), so the search is deterministic: the same image always gives the same clusters.
 */
import type { KeypointMatches } from './keypoints';
import type { Similarity } from './similarity';
import { applySimilarity, similarityFromTwo, similarityLeastSquares, similarityScale } from './similarity';

/** One group of matches that agree on a transform from its source points to its target points. */
export interface TransformCluster {
  /** Source -> target transform, working-image pixels. */
  readonly transform: Similarity;
  /** Source and target points of the inliers, oriented by the transform. */
  readonly sx: readonly number[];
  readonly sy: readonly number[];
  readonly tx: readonly number[];
  readonly ty: readonly number[];
  /** Root-mean-square residual of the inliers, working pixels. */
  readonly rms: number;
}

/** Clustering parameters (CopyMoveOptions.inlierTolerance and minInliers). */
export interface ClusterOptions {
  readonly inlierTolerance: number;
  readonly minInliers: number;
}

/** Spatial neighbours paired with each seed match: a copied area holds its matches within a few patches. */
const SEED_NEIGHBOURS = 8;
/** Two sample points closer than this give an unstable rotation/scale (1 px error -> >5 degrees). */
const MIN_SAMPLE_SPAN = 10;
/** Copies rescaled by more than 2x either way are outside what ORB matches reliably; wider admits chance fits. */
const MAX_SCALE = 2;
/** Pairs reported at most per image: beyond this the image is a repeated pattern and more add nothing. */
const MAX_CLUSTERS = 8;
/**
 * Matches kept for clustering (lowest Hamming first): bounds the O(n^2 k) hypothesis search. Images with a
 * copy give tens to a hundred matches; only repeated patterns give more.
 */
const MAX_MATCHES = 500;

/**
 * Sequentially extract transform clusters from `matches`: find the similarity with most inliers
 * (residual <= inlierTolerance in either orientation of each match), refine it by least squares on its
 * inliers, accept it when it has at least minInliers, remove those matches and repeat.
 */
export function clusterByTransform(matches: KeypointMatches, options: ClusterOptions): TransformCluster[] {
  const order = Array.from({ length: matches.count }, (_, i) => i)
    .sort((p, q) => matches.distance[p]! - matches.distance[q]!)
    .slice(0, MAX_MATCHES);
  const ax = order.map((i) => matches.ax[i]!);
  const ay = order.map((i) => matches.ay[i]!);
  const bx = order.map((i) => matches.bx[i]!);
  const by = order.map((i) => matches.by[i]!);
  const alive = new Uint8Array(order.length).fill(1);
  const clusters: TransformCluster[] = [];
  while (clusters.length < MAX_CLUSTERS) {
    const best = bestHypothesis(ax, ay, bx, by, alive, options);
    if (!best) break;
    let t = best;
    let inl = inliers(t, ax, ay, bx, by, alive, options.inlierTolerance);
    for (let round = 0; round < 2; round++) {
      const sx = inl.map((m) => m.sx), sy = inl.map((m) => m.sy), tx = inl.map((m) => m.tx), ty = inl.map((m) => m.ty);
      const refined = similarityLeastSquares(sx, sy, tx, ty, inl.map((_, k) => k));
      if (!refined || !plausible(refined)) break;
      const next = inliers(refined, ax, ay, bx, by, alive, options.inlierTolerance);
      // The least-squares fit over the consensus set is the better estimate (a 2-point sample carries
      // the localisation error of two keypoints); keep it unless it loses a fifth of the consensus.
      if (next.length < 0.8 * inl.length) break;
      t = refined;
      inl = next;
    }
    if (inl.length < options.minInliers) break;
    for (const m of inl) alive[m.index] = 0;
    let sq = 0;
    for (const m of inl) {
      const [u, v] = applySimilarity(t, m.sx, m.sy);
      sq += (u - m.tx) ** 2 + (v - m.ty) ** 2;
    }
    clusters.push({ transform: t, sx: inl.map((m) => m.sx), sy: inl.map((m) => m.sy), tx: inl.map((m) => m.tx), ty: inl.map((m) => m.ty), rms: Math.sqrt(sq / inl.length) });
  }
  return clusters;
}

function plausible(t: Similarity): boolean {
  const s = similarityScale(t);
  return s <= MAX_SCALE && s >= 1 / MAX_SCALE;
}

interface Inlier {
  readonly index: number;
  readonly sx: number;
  readonly sy: number;
  readonly tx: number;
  readonly ty: number;
}

/** Matches of `alive` within `tol` of `t`, each oriented the way it fits (a->b or b->a). */
function inliers(t: Similarity, ax: number[], ay: number[], bx: number[], by: number[], alive: Uint8Array, tol: number): Inlier[] {
  const out: Inlier[] = [];
  const tol2 = tol * tol;
  for (let i = 0; i < ax.length; i++) {
    if (!alive[i]) continue;
    const [u1, v1] = applySimilarity(t, ax[i]!, ay[i]!);
    const e1 = (u1 - bx[i]!) ** 2 + (v1 - by[i]!) ** 2;
    const [u2, v2] = applySimilarity(t, bx[i]!, by[i]!);
    const e2 = (u2 - ax[i]!) ** 2 + (v2 - ay[i]!) ** 2;
    if (e1 <= tol2 && e1 <= e2) out.push({ index: i, sx: ax[i]!, sy: ay[i]!, tx: bx[i]!, ty: by[i]! });
    else if (e2 <= tol2) out.push({ index: i, sx: bx[i]!, sy: by[i]!, tx: ax[i]!, ty: ay[i]! });
  }
  return out;
}

/** Count of inliers of `t` (same rule as `inliers`, without building the list). */
function countInliers(t: Similarity, ax: number[], ay: number[], bx: number[], by: number[], alive: Uint8Array, tol2: number): number {
  let c = 0;
  for (let i = 0; i < ax.length; i++) {
    if (!alive[i]) continue;
    const x = ax[i]!, y = ay[i]!, u = bx[i]!, v = by[i]!;
    const du1 = t.a * x - t.b * y + t.tx - u, dv1 = t.b * x + t.a * y + t.ty - v;
    if (du1 * du1 + dv1 * dv1 <= tol2) {
      c++;
      continue;
    }
    const du2 = t.a * u - t.b * v + t.tx - x, dv2 = t.b * u + t.a * v + t.ty - y;
    if (du2 * du2 + dv2 * dv2 <= tol2) c++;
  }
  return c;
}

/**
 * The hypothesis with most inliers among: every alive match a->b as seed, paired with each of its
 * SEED_NEIGHBOURS nearest alive matches (oriented so that the neighbour's end nearer to a is its source).
 */
function bestHypothesis(ax: number[], ay: number[], bx: number[], by: number[], alive: Uint8Array, options: ClusterOptions): Similarity | null {
  const idx: number[] = [];
  for (let i = 0; i < ax.length; i++) if (alive[i]) idx.push(i);
  if (idx.length < options.minInliers) return null;
  const tol2 = options.inlierTolerance ** 2;
  let best: Similarity | null = null;
  let bestCount = 1;
  const near: { j: number; d: number; flip: boolean }[] = [];
  for (const i of idx) {
    // The SEED_NEIGHBOURS nearest matches at least MIN_SAMPLE_SPAN away, by insertion into a short list.
    near.length = 0;
    for (const j of idx) {
      if (j === i) continue;
      const dA = Math.hypot(ax[j]! - ax[i]!, ay[j]! - ay[i]!);
      const dB = Math.hypot(bx[j]! - ax[i]!, by[j]! - ay[i]!);
      const d = Math.min(dA, dB);
      if (d < MIN_SAMPLE_SPAN || (near.length === SEED_NEIGHBOURS && d >= near[near.length - 1]!.d)) continue;
      let k = near.length < SEED_NEIGHBOURS ? near.length : SEED_NEIGHBOURS - 1;
      while (k > 0 && near[k - 1]!.d > d) {
        near[k] = near[k - 1]!;
        k--;
      }
      near[k] = { j, d, flip: dB < dA };
    }
    for (const { j, flip } of near) {
      const t = flip
        ? similarityFromTwo(ax[i]!, ay[i]!, bx[i]!, by[i]!, bx[j]!, by[j]!, ax[j]!, ay[j]!)
        : similarityFromTwo(ax[i]!, ay[i]!, bx[i]!, by[i]!, ax[j]!, ay[j]!, bx[j]!, by[j]!);
      if (!t || !plausible(t)) continue;
      const c = countInliers(t, ax, ay, bx, by, alive, tol2);
      if (c > bestCount) {
        bestCount = c;
        best = t;
      }
    }
  }
  return best;
}
