/**
 * `portrait-border` check of portrait zones: the portrait's frame and the strip around it against the
 * reference. A pasted portrait shows an offset or doubled frame, or a seam: a straight edge parallel to
 * the frame just inside it where the pasted photo ends. Measures (1) the ZNCC of the gradient magnitude
 * over a ring of +-6 px around the zone's border (frame and surroundings are the same on every genuine
 * card; the portrait itself is not compared), over a +-3 px shift search; (2) per side, the straight-edge
 * energy 4-14 px inside the frame line's inner edge: the derivative across the side averaged along it (a straight edge adds
 * up, the face's curves cancel), as a share of the frame line's own, minus the same on the reference; (3) the
 * frame's offset: the shift at which the ring correlates best, beyond the alignment residual.
 *
 * Known false positives: a portrait whose background has a straight edge near the frame (a door frame,
 * a backdrop seam); glare along one side; strong JPEG blocking (block edges are straight; q >= 60 stays
 * under the bound). A seam closer than 4 px to the frame merges with the frame's
 * own edge and is not seen by (2).
 */
import type { Box, RgbImage } from '../../imaging/raster';
import { bestShiftZncc } from './correlation';
import { measuredResult, notMeasured, ramp } from './deviation';
import type { FloatImage } from './raster-ops';
import { gaussianBlur, gradientMagnitude, growRect, lumaCrop } from './raster-ops';
import type { ZoneComparison } from './types';

const MAX_SHIFT = 3;
// Ring half-width around the border (px).
const RING = 6;
// Inner seam search band (px inside the frame line's inner edge as found on that side): from 4 (clear of
// that edge after smoothing: its tail is under 3 % there) to 14.
const SEAM_FROM = 4;
const SEAM_TO = 14;
// The frame line is searched within 4 px of the zone's border (alignment residual plus rounding); its
// inner edge is where the derivative, followed inwards from its strongest, falls under 30 % of it (a dark
// line gives a falling and a rising edge next to each other).
const FRAME_SEARCH = 4;
const FRAME_EDGE_SHARE = 0.3;
// Sides are averaged over their middle 80 % (corners carry both sides' edges).
const SIDE_MARGIN = 0.1;
// Smoothing before the ring's edges (px), and before the seam profiles (1.5 px: dominates a capture blur
// of sigma 1, so sharp and blurred captures give the same frame-to-seam ratios).
const SMOOTH_SIGMA = 1;
const SEAM_SIGMA = 1.5;
// Ring ZNCC: genuine captures measured >= 0.835 (4 holders x 6 captures; a pale portrait background
// gives the lowest); a portrait pasted with its own frame 4-5 px off 0.47-0.55. 0 down to 0.75, 1 from 0.6.
const RING_OK = 0.75;
const RING_FULL = 0.6;
// Seam excess (share of the frame line's edge, questioned minus reference, worst side): genuine <= 0.025
// (JPEG block edges are straight too); a photo pasted 7 px inside the frame whose background differs by
// 10-35 grey levels 0.3-0.98. 0 up to 0.05, 1 from 0.12.
const SEAM_OK = 0.05;
const SEAM_FULL = 0.12;
// Frame offset: the ring's best shift, to a tenth of a pixel, against the best shift of a band of fixed print
// 9-32 px outside the zone (the local alignment residual: a pasted portrait with its selection slop reaches at
// most 4 + 3 px beyond the frame; a band ending at 20 px gave noisy residuals on JPEG q40 captures). Development
// seeds of the template set: genuine captures 0.02-0.25 px (90, all nine capture conditions); portraits pasted
// with their own frame 1-2 px off 0.7-0.85 px (larger pastes also lower the ring ZNCC). 0 up to 0.45 px, 1 from
// 0.8 px.
const BAND_FROM = RING + 3;
const BAND_TO = 32;
const FRAME_OFFSET_OK_PX = 0.45;
const FRAME_OFFSET_FULL_PX = 0.8;
// The zone must be at least 3 rings wide to have an inside.
const MIN_SIDE = 6 * RING;

/** The reference side of a portrait zone. */
export interface PortraitReference {
  readonly zoneId: string;
  readonly rect: Box;
  readonly grown: Box;
  readonly edges: FloatImage;
  readonly ring: Uint8Array;
  /** Fixed print BAND_FROM-BAND_TO px outside the zone, for the local alignment residual. */
  readonly band: Uint8Array;
  readonly seams: readonly number[];
}

type Side = 'left' | 'right' | 'top' | 'bottom';
const SIDES: readonly Side[] = ['left', 'right', 'top', 'bottom'];

/** Mean derivative across `side` at `d` px inside the border (positive d = inwards), in the grown crop. */
function sideProfile(luma: FloatImage, rect: Box, grown: Box, side: Side, d: number): number {
  const ox = rect.x - grown.x;
  const oy = rect.y - grown.y;
  const w = luma.width;
  const vertical = side === 'left' || side === 'right';
  const length = vertical ? rect.height : rect.width;
  const from = Math.round(SIDE_MARGIN * length);
  const to = Math.round((1 - SIDE_MARGIN) * length);
  let s = 0;
  for (let t = from; t < to; t++) {
    let x: number;
    let y: number;
    if (side === 'left') [x, y] = [ox + d, oy + t];
    else if (side === 'right') [x, y] = [ox + rect.width - 1 - d, oy + t];
    else if (side === 'top') [x, y] = [ox + t, oy + d];
    else [x, y] = [ox + t, oy + rect.height - 1 - d];
    const a = vertical ? luma.data[y * w + x - 1]! : luma.data[(y - 1) * w + x]!;
    const b = vertical ? luma.data[y * w + x + 1]! : luma.data[(y + 1) * w + x]!;
    s += (b - a) / 2;
  }
  return s / Math.max(1, to - from);
}

/** Straight-edge energy inside each side, as a share of the frame line's edge on that side. */
function seamShares(luma: FloatImage, rect: Box, grown: Box): number[] {
  return SIDES.map((side) => {
    const signed: number[] = [];
    for (let d = -FRAME_SEARCH; d <= FRAME_SEARCH + 3; d++) signed.push(sideProfile(luma, rect, grown, side, d));
    const near = signed.map(Math.abs);
    const frame = Math.max(...near);
    const strong = (i: number) => i < near.length && near[i]! >= FRAME_EDGE_SHARE * frame;
    // Inner edge: walk inwards from the strongest derivative while it stays strong, then across the line
    // to its opposite edge if that follows within 2 px; a seam further in is not taken for the frame.
    const peak = near.indexOf(frame);
    let k = peak;
    while (strong(k + 1)) k++;
    const opposite = [k + 1, k + 2, k + 3].find((i) => strong(i) && Math.sign(signed[i]!) !== Math.sign(signed[peak]!));
    if (opposite !== undefined) {
      k = opposite;
      while (strong(k + 1)) k++;
    }
    const inner = k - FRAME_SEARCH;
    let seam = 0;
    for (let d = inner + SEAM_FROM; d <= inner + SEAM_TO; d++) seam = Math.max(seam, Math.abs(sideProfile(luma, rect, grown, side, d)));
    // A frame edge under 2 grey levels per px: no frame to compare with (a blank capture).
    return frame >= 2 ? seam / frame : 0;
  });
}

/**
 * The ring's best shift to a tenth of a pixel: a parabola through the ZNCC at the best integer shift and its two
 * neighbours, per axis (the peak of a smooth correlation surface; offset within +-0.5 px of the integer shift).
 */
function subPixelShift(edges: FloatImage, ref: PortraitReference, mask: Uint8Array, window: { x0: number; y0: number; x1: number; y1: number }, dx: number, dy: number, peak: number): { x: number; y: number } {
  const at = (x: number, y: number) => bestShiftZncc(edges, ref.edges, window, 0, mask, x, y).zncc;
  const vertex = (minus: number, plus: number) => {
    const curvature = minus - 2 * peak + plus;
    return curvature < 0 ? Math.max(-0.5, Math.min(0.5, (minus - plus) / (2 * curvature))) : 0;
  };
  return { x: dx + vertex(at(dx - 1, dy), at(dx + 1, dy)), y: dy + vertex(at(dx, dy - 1), at(dx, dy + 1)) };
}

/** Prepare a portrait zone. */
export function preparePortrait(reference: RgbImage, zoneId: string, rect: Box): PortraitReference | { readonly failure: string } {
  if (rect.width < MIN_SIDE || rect.height < MIN_SIDE) return { failure: `the zone is ${rect.width} x ${rect.height} px, too small for a frame and a strip around it` };
  const margin = BAND_TO + MAX_SHIFT + 2; // residual band, shift search, sub-pixel neighbour and derivative
  const grown = growRect(rect, margin, margin, margin, margin, reference.width, reference.height);
  const luma = gaussianBlur(lumaCrop(reference, grown), SMOOTH_SIGMA);
  const ring = new Uint8Array(grown.width * grown.height);
  const band = new Uint8Array(grown.width * grown.height);
  for (let y = 0; y < grown.height; y++) {
    for (let x = 0; x < grown.width; x++) {
      const ix = x + grown.x;
      const iy = y + grown.y;
      const inside = ix >= rect.x + RING && ix < rect.x + rect.width - RING && iy >= rect.y + RING && iy < rect.y + rect.height - RING;
      const near = ix >= rect.x - RING && ix < rect.x + rect.width + RING && iy >= rect.y - RING && iy < rect.y + rect.height + RING;
      if (near && !inside) ring[y * grown.width + x] = 1;
      const outside = (d: number) => ix < rect.x - d || ix >= rect.x + rect.width + d || iy < rect.y - d || iy >= rect.y + rect.height + d;
      if (outside(BAND_FROM) && !outside(BAND_TO)) band[y * grown.width + x] = 1;
    }
  }
  const seamLuma = gaussianBlur(lumaCrop(reference, grown), SEAM_SIGMA);
  return { zoneId, rect, grown, edges: gradientMagnitude(luma), ring, band, seams: seamShares(seamLuma, rect, grown) };
}

/**
 * Compare the questioned portrait's frame and border strip with the reference's (see the module comment).
 * @param aligned the questioned side in the reference frame; `ref` the zone's prepared frame
 */
export function comparePortraitBorder(aligned: RgbImage, ref: PortraitReference): ZoneComparison {
  const luma = gaussianBlur(lumaCrop(aligned, ref.grown), SMOOTH_SIGMA);
  const edges = gradientMagnitude(luma);
  const window = { x0: 0, y0: 0, x1: ref.grown.width, y1: ref.grown.height };
  // Coarse search on every second row and column, then +-1 px at full resolution.
  const coarse = bestShiftZncc(edges, ref.edges, window, MAX_SHIFT, ref.ring, 0, 0, 2);
  const ring = bestShiftZncc(edges, ref.edges, window, 1, ref.ring, coarse.dx, coarse.dy);
  if (ring.stdQuestioned <= 1e-3) return notMeasured(ref.zoneId, 'portrait-border', ref.rect, 'no edges around the portrait zone (blank or flat capture)');
  const seams = seamShares(gaussianBlur(lumaCrop(aligned, ref.grown), SEAM_SIGMA), ref.rect, ref.grown);
  const excess = seams.map((s, i) => s - ref.seams[i]!);
  const worst = excess.reduce((a, v, i) => (v > excess[a]! ? i : a), 0);
  const fine = subPixelShift(edges, ref, ref.ring, window, ring.dx, ring.dy, ring.zncc);
  const around = bestShiftZncc(edges, ref.edges, window, MAX_SHIFT, ref.band);
  const residual = around.stdQuestioned > 1e-3 ? subPixelShift(edges, ref, ref.band, window, around.dx, around.dy, around.zncc) : { x: 0, y: 0 };
  const frameOffset = Math.hypot(fine.x - residual.x, fine.y - residual.y);
  const deviation = Math.max(ramp(ring.zncc, RING_OK, RING_FULL), ramp(excess[worst]!, SEAM_OK, SEAM_FULL), ramp(frameOffset, FRAME_OFFSET_OK_PX, FRAME_OFFSET_FULL_PX));
  return measuredResult(
    ref.zoneId,
    'portrait-border',
    ref.rect,
    { ringEdgeZncc: ring.zncc, frameOffsetPx: frameOffset, shiftXPx: ring.dx, shiftYPx: ring.dy, residualXPx: residual.x, residualYPx: residual.y, residualZncc: around.zncc, seamLeft: seams[0]!, seamRight: seams[1]!, seamTop: seams[2]!, seamBottom: seams[3]!, worstSeamExcess: excess[worst]! },
    { ringEdgeZnccMin: RING_OK, frameOffsetMaxPx: FRAME_OFFSET_OK_PX, seamLeft: ref.seams[0]!, seamRight: ref.seams[1]!, seamTop: ref.seams[2]!, seamBottom: ref.seams[3]!, seamExcessMax: SEAM_OK },
    deviation,
    `frame and ${RING} px strip around the portrait correlate ${ring.zncc.toFixed(2)} with the template's (edges); the frame sits ${frameOffset.toFixed(1)} px from where the print around it puts it; ` +
      `straight edge ${SEAM_FROM}-${SEAM_TO} px inside the ${SIDES[worst]} side at ${Math.round(seams[worst]! * 100)} % of the frame's (template ${Math.round(ref.seams[worst]! * 100)} %)`,
  );
}
