/**
 * `static-text` check of static-text zones (the state name, the document title): the printed text is the
 * same on every genuine card of the model, so the aligned zone's edges must match the reference zone's.
 * Measures the ZNCC of the gradient magnitude of both (after a 1.5 px Gaussian, which also meets blurred
 * captures halfway) over a +-3 px shift search. A different title or state name, or a header re-typeset
 * in another font, moves or reshapes the edges. Edges, not grey levels, so the header's colour and the
 * capture's exposure do not count.
 *
 * Known false positives: glare or a reflection over the header; a capture blurred beyond sigma ~2 px;
 * a template whose static text varies between print runs (then the zone should not be static-text).
 */
import type { Box, RgbImage } from '../../imaging/raster';
import { bestShiftZncc } from './correlation';
import { measuredResult, notMeasured, ramp } from './deviation';
import type { FloatImage } from './raster-ops';
import { gaussianBlur, gradientMagnitude, growRect, lumaCrop } from './raster-ops';
import type { ZoneComparison } from './types';

// Shift search (px): alignment residual <= ~2 px.
const MAX_SHIFT = 3;
// Smoothing before the gradient (px).
const SMOOTH_SIGMA = 1.5;
// Edge ZNCC: genuine captures measured >= 0.995 (blur 1 + JPEG 60 + 2 px shift); one letter changed in
// the state name (UTOPYA) 0.80, the title's last word changed 0.76, the title re-set in Liberation Sans
// Bold 0.56. 0 down to 0.95, 1 from 0.85.
const ZNCC_OK = 0.95;
const ZNCC_FULL = 0.85;
// Zones under 8 x 8 px hold no legible text.
const MIN_SIDE = 8;

/** The reference side of a static-text zone. */
export interface StaticTextReference {
  readonly zoneId: string;
  readonly rect: Box;
  /** The grown rectangle the edges are computed over, and the zone's window inside it. */
  readonly grown: Box;
  readonly edges: FloatImage;
  readonly text: string;
}

function edgesOf(image: RgbImage, rect: Box): FloatImage {
  return gradientMagnitude(gaussianBlur(lumaCrop(image, rect), SMOOTH_SIGMA));
}

/** Prepare a static-text zone. */
export function prepareStaticText(reference: RgbImage, zoneId: string, rect: Box, text: string): StaticTextReference | { readonly failure: string } {
  if (rect.width < MIN_SIDE || rect.height < MIN_SIDE) return { failure: `the zone is ${rect.width} x ${rect.height} px, too small to hold text` };
  const grown = growRect(rect, MAX_SHIFT, MAX_SHIFT, MAX_SHIFT, MAX_SHIFT, reference.width, reference.height);
  return { zoneId, rect, grown, edges: edgesOf(reference, grown), text };
}

/**
 * Compare the questioned zone's printed text with the reference's (see the module comment).
 * @param aligned the questioned side in the reference frame; `ref` the zone's prepared edges
 */
export function compareStaticText(aligned: RgbImage, ref: StaticTextReference): ZoneComparison {
  const q = edgesOf(aligned, ref.grown);
  const window = { x0: ref.rect.x - ref.grown.x, y0: ref.rect.y - ref.grown.y, x1: ref.rect.x - ref.grown.x + ref.rect.width, y1: ref.rect.y - ref.grown.y + ref.rect.height };
  const best = bestShiftZncc(q, ref.edges, window, MAX_SHIFT);
  if (best.stdReference <= 1e-3) return notMeasured(ref.zoneId, 'static-text', ref.rect, 'the reference zone shows no edges');
  const energyRatio = best.stdQuestioned / best.stdReference;
  // A flat zone (text painted out) has no edges: correlation 0 is then the measurement.
  return measuredResult(
    ref.zoneId,
    'static-text',
    ref.rect,
    { edgeZncc: best.zncc, edgeEnergyRatio: energyRatio, shiftXPx: best.dx, shiftYPx: best.dy },
    { edgeZnccMin: ZNCC_OK, edgeEnergyRatio: 1 },
    ramp(best.zncc, ZNCC_OK, ZNCC_FULL),
    `edges of the printed "${ref.text}" correlate ${best.zncc.toFixed(2)} with the template's (edge energy ${Math.round(energyRatio * 100)} %, shift ${best.dx}, ${best.dy} px)`,
  );
}
