/**
 * Outline candidates in working-image pixels, from edges and from MRZ bands, each scored with the
 * confidence parts of `types.ts`.
 */
import type CvNamespace from '@techstark/opencv-js';
import type { Cv } from '../../imaging/opencv';
import type { Point, Quad } from '../../imaging/raster';
import { fitShape } from './classify';
import { roughQuads } from './edge-quads';
import { centroid, dist, iou, orderLandscape, overlapOfSmaller, signedArea } from './geometry';
import { candidateFormats, quadFromBand } from './mrz-anchor';
import type { BandDetail } from './mrz-bands';
import { checkMrz } from './mrz-check';
import type { MrzCheck } from './mrz-check';
import { refineQuad } from './refine';
import type { ConfidenceParts, FindMethod, MrzFormat, SizeClass } from './types';
import { MRZ_GEOMETRY, SIZE_MM } from './types';
import type { GradientField } from './working';

type Mat = CvNamespace.Mat;

export interface Candidate {
  quad: Quad;
  method: FindMethod;
  sizeClass: SizeClass;
  sizeClassFrom: 'mrz' | 'aspect';
  parts: ConfidenceParts;
  confidence: number;
  orientationKnown: boolean;
  mrz: MrzCheck;
  /** The band an MRZ-anchored candidate was built on (working pixels). */
  band?: BandDetail;
}

/** An outline needs measured edges along at least 40 % of its perimeter (two full sides, or more in part). */
export const MIN_EDGE_SUPPORT = 0.4;
/** Least printed detail of an outline without MRZ (see makeCandidate). */
const MIN_DETAIL = 0.01;
/** MRZ part when no MRZ was looked for or seen: neutral, below any agreeing MRZ (0.8 + 0.2 x band score). */
const MRZ_UNKNOWN = 0.8;

function confidenceOf(p: ConfidenceParts): number {
  return p.edgeSupport * p.aspectFit * p.shape * p.mrz;
}

function mrzPart(check: MrzCheck): number {
  return check.verdict === 'consistent' ? 0.8 + 0.2 * check.bandScore : MRZ_UNKNOWN;
}

/** Build a candidate from a refined outline, or null when its shape fits no size class. */
export function makeCandidate(cv: Cv, gray: Mat, quad: Quad, edgeSupport: number, method: FindMethod, requireMrz = false): Candidate | null {
  const ordered = orderLandscape(quad);
  const fit = fitShape(ordered);
  if (!fit) return null;
  const mrz = checkMrz(cv, gray, ordered, fit.sizeClass);
  if (requireMrz && mrz.verdict !== 'consistent') return null;
  // Without an MRZ, an outline must hold printed detail: at least 1 % of its pixels on a sharp step. Text,
  // guilloche and portraits give 3-15 %; a plain box, a sheet of paper or a screen gives well under 1 %.
  if (mrz.verdict !== 'consistent' && method === 'edges' && mrz.detail < MIN_DETAIL) return null;
  const parts: ConfidenceParts = { edgeSupport, aspectFit: fit.aspectFit, shape: fit.shape, mrz: mrzPart(mrz) };
  return {
    quad: mrz.quad,
    method,
    sizeClass: mrz.sizeClass,
    sizeClassFrom: mrz.verdict === 'consistent' ? 'mrz' : 'aspect',
    parts,
    confidence: confidenceOf(parts),
    orientationKnown: mrz.verdict === 'consistent',
    mrz,
  };
}

/** Edge-based candidates after refinement and non-maximum suppression. */
export function edgeCandidates(cv: Cv, blurred: Mat, gray: Mat, field: GradientField): Candidate[] {
  const scored: { quad: Quad; support: number }[] = [];
  // Pre-screen: 16 samples per side, 2 px steps, no turn: ~30x cheaper than the full search and enough to
  // rank; the 12 best go on (more than the 4-8 documents a photo holds, with room for look-alikes).
  const screened = roughQuads(cv, blurred, field)
    .map((q) => ({ q, s: refineQuad(field, q, { rangePx: Math.max(3, 0.02 * dist(q[0], q[2])), maxAngleDeg: 0, maxSamples: 16, stepPx: 2 }).edgeSupport }))
    .filter((x) => x.s >= 0.5 * MIN_EDGE_SUPPORT)
    .sort((a, b) => b.s - a.s)
    .slice(0, 12);
  for (const { q: rough } of screened) {
    const diag = dist(rough[0], rough[2]);
    // Search 2 % of the diagonal across each side (hull and approxPolyDP are off by a few pixels) and
    // 2 degrees of turn (perspective bends the rough minAreaRect sides by about that).
    const r = refineQuad(field, rough, { rangePx: Math.max(3, 0.02 * diag), maxAngleDeg: 2 });
    // ... and at least three sides half on an edge: a frame of two parallel lines (wood grain, a table edge
    // and the image border) otherwise passes on average.
    if (r.edgeSupport < MIN_EDGE_SUPPORT || r.sideSupport.filter((v) => v >= 0.5).length < 3) continue;
    scored.push({ quad: r.quad, support: r.edgeSupport });
  }
  const kept = suppressDuplicates(scored.map((s) => ({ ...s, score: s.support })));
  const cands: Candidate[] = [];
  for (const k of kept) {
    const c = makeCandidate(cv, gray, k.quad, k.support, 'edges') ?? completed(cv, gray, field, k.quad);
    if (c) cands.push(c);
  }
  return resolveNesting(cands);
}

/**
 * An outline too long for its height is usually a card whose dark header band merged with a dark
 * background: the outline stops at the header's inner edge. Each way of growing it back to a nominal
 * ratio (top side up, or bottom side down) is refined and kept only when the MRZ then sits where that
 * document has it, so no outline is invented without that evidence.
 */
function completed(cv: Cv, gray: Mat, field: GradientField, quad: Quad): Candidate | null {
  const q = orderLandscape(quad);
  const w = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2;
  const h = (dist(q[0], q[3]) + dist(q[1], q[2])) / 2;
  const grow = (p: Point, base: Point, k: number): Point => [base[0] + (p[0] - base[0]) * k, base[1] + (p[1] - base[1]) * k];
  for (const ratio of [SIZE_MM.ID1.width / SIZE_MM.ID1.height, SIZE_MM.ID3.width / SIZE_MM.ID3.height]) {
    const k = w / ratio / h;
    // Only outlines at least 5 % too short and at most 40 % (a header is 10-20 % of the height).
    if (k < 1.05 || k > 1.4) continue;
    const options: Quad[] = [
      [grow(q[0], q[3], k), grow(q[1], q[2], k), q[2], q[3]],
      [q[0], q[1], grow(q[2], q[1], k), grow(q[3], q[0], k)],
    ];
    for (const o of options) {
      const r = refineQuad(field, o, { rangePx: Math.max(3, 0.02 * dist(o[0], o[2])), maxAngleDeg: 1 });
      const c = makeCandidate(cv, gray, r.quad, r.edgeSupport, 'edges', true);
      if (c) return c;
    }
  }
  return null;
}

/** True when `inner` lies (85 %+) inside `outer` and is less than 60 % of its area. */
function nested(inner: Quad, outer: Quad): boolean {
  return overlapOfSmaller(inner, outer) > 0.85 && Math.abs(signedArea(inner)) < 0.6 * Math.abs(signedArea(outer));
}

/**
 * Non-maximum suppression: outlines overlapping by more than 30 % of the smaller one compete and the
 * better one stays. Nested outlines (one well inside a larger one) are kept for `resolveNesting`.
 */
export function suppressDuplicates<T extends { quad: Quad; score: number }>(items: readonly T[]): T[] {
  const kept: T[] = [];
  for (const c of [...items].sort((a, b) => b.score - a.score)) {
    const conflicts = kept.filter((k) => overlapOfSmaller(k.quad, c.quad) > 0.3 && !nested(c.quad, k.quad) && !nested(k.quad, c.quad));
    if (conflicts.length === 0) kept.push(c);
  }
  return kept;
}

/**
 * Documents do not contain documents: of a nested pair one goes. The inner one stays when it carries an
 * agreeing MRZ and the outer does not (a card on a booklet or mat), or when it is under 12 % of the outer
 * one's area with good edges (>= 0.6): a card on an A4 sheet is 7 %, while the largest printed feature
 * that looks like a document, a 35 x 45 mm passport portrait, is 14 % of its page. Otherwise the outer
 * one stays (the inner is a portrait, a printed frame or a header).
 */
export function resolveNesting(cands: readonly Candidate[]): Candidate[] {
  const drop = new Set<Candidate>();
  for (const inner of cands) {
    for (const outer of cands) {
      if (inner === outer || drop.has(inner) || drop.has(outer) || !nested(inner.quad, outer.quad)) continue;
      const innerMrz = inner.mrz.verdict === 'consistent';
      const outerMrz = outer.mrz.verdict === 'consistent';
      const small = Math.abs(signedArea(inner.quad)) < 0.12 * Math.abs(signedArea(outer.quad));
      const innerWins = (innerMrz && !outerMrz) || (!outerMrz && small && inner.parts.edgeSupport >= 0.6);
      drop.add(innerWins ? outer : inner);
    }
  }
  return cands.filter((c) => !drop.has(c));
}

function insideQuad(p: Point, q: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const s = Math.sign((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]));
    if (s === 0) continue;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/**
 * A document anchored on an MRZ band: both readings of the band (and both TD2/TD3 when the format is
 * open) are extrapolated and refined against the edges; the best-supported one is kept.
 */
export function anchorCandidate(cv: Cv, gray: Mat, field: GradientField, band: BandDetail): Candidate | null {
  const options: { quad: Quad; support: number; fmt: MrzFormat; flipped: boolean }[] = [];
  for (const fmt of candidateFormats(band)) {
    for (const flipped of [false, true]) {
      const rough = quadFromBand(band, fmt, flipped);
      const height = dist(rough[0], rough[3]);
      // The nominal placement can be off by a few mm on real layouts: search 6 % of the height (~5 mm).
      const r = refineQuad(field, rough, { rangePx: Math.max(4, 0.06 * height), maxAngleDeg: 1.5 });
      const ok = fitShape(r.quad) !== null && insideQuad(band.center, r.quad);
      options.push({ quad: ok ? r.quad : rough, support: r.edgeSupport, fmt, flipped });
    }
  }
  options.sort((a, b) => b.support - a.support);
  const best = options[0];
  if (!best) return null;
  const rival = options.find((o) => o.flipped !== best.flipped);
  // The reading is taken as known when the chosen side of the band has clearly more edge support (0.15,
  // about half a side) than the other.
  const orientationKnown = !rival || best.support - rival.support >= 0.15;
  const sizeClass = MRZ_GEOMETRY[best.fmt].sizeClass;
  const check = checkMrz(cv, gray, best.quad, sizeClass);
  const fit = fitShape(best.quad);
  const parts: ConfidenceParts = {
    edgeSupport: best.support,
    aspectFit: fit?.aspectFit ?? 0.5,
    shape: fit?.shape ?? 0.5,
    mrz: 0.8 + 0.2 * band.score,
  };
  const quad = orientationKnown ? best.quad : orderLandscape(best.quad, centroid(band.quad));
  return {
    quad,
    method: 'mrz-anchor',
    sizeClass: check.verdict === 'consistent' ? check.sizeClass : sizeClass,
    sizeClassFrom: band.format ? 'mrz' : 'aspect',
    parts,
    confidence: confidenceOf(parts),
    orientationKnown,
    mrz: check,
    band,
  };
}

/** Merge MRZ-anchored candidates into the edge candidates. */
export function mergeAnchors(edges: Candidate[], anchors: readonly Candidate[]): Candidate[] {
  const out = [...edges];
  for (const a of anchors) {
    const overlapping = out.filter((e) => overlapOfSmaller(e.quad, a.quad) > 0.3);
    if (overlapping.some((e) => e.mrz.verdict === 'consistent')) continue;
    const same = overlapping.find((e) => iou(e.quad, a.quad) > 0.7);
    for (const e of overlapping) out.splice(out.indexOf(e), 1);
    // Edge outline and MRZ extrapolation agree: keep the measured outline, oriented by the band.
    if (!same) {
      out.push(a);
      continue;
    }
    const parts = { ...a.parts, edgeSupport: same.parts.edgeSupport };
    out.push({ ...a, quad: orderLandscape(same.quad, centroid(a.quad.slice(2))), method: same.method, parts, confidence: confidenceOf(parts) });
  }
  return out;
}

/**
 * The facing page of an open passport: an outline without MRZ of the data page's shape lying directly
 * above a data page with an agreeing TD3 MRZ (its centre within 10 % of the page diagonal of where the
 * page reflected over the fold would be). It is part of the booklet, not a document of its own.
 */
export function dropFacingPages(cands: readonly Candidate[]): Candidate[] {
  const pages = cands.filter((c) => c.mrz.verdict === 'consistent' && c.sizeClass === 'ID3');
  return cands.filter((c) => {
    if (c.mrz.verdict === 'consistent' || c.sizeClass === 'ID1') return true;
    const cc = centroid(c.quad);
    return !pages.some((p) => {
      const pc = centroid(p.quad);
      const up: Point = [(p.quad[0][0] + p.quad[1][0] - p.quad[2][0] - p.quad[3][0]) / 2, (p.quad[0][1] + p.quad[1][1] - p.quad[2][1] - p.quad[3][1]) / 2];
      return dist(cc, [pc[0] + up[0], pc[1] + up[1]]) < 0.1 * dist(p.quad[0], p.quad[2]);
    });
  });
}
