/**
 * Templates searched inside a whole image when no document outline was found (check-document.ts): each
 * candidate side's print is located (align/locate.ts) and what is found there must pass recognition with all
 * its thresholds, so a different document is still refused.
 */
import { recognise, type Alignment } from '../align';
import { compose } from '../align/geometry';
import { locateSide, type LocatedSide } from '../align/locate';
import type { RgbImage } from '../../imaging/raster';
import type { TemplateCandidate } from './check-document';

/**
 * The first candidate side located in `image` and recognised there, with an alignment whose homography maps the
 * whole image into the side's reference frame; null when none is.
 */
export async function locateAndRecognise(image: RgbImage, candidates: readonly TemplateCandidate[]): Promise<{ candidate: TemplateCandidate; alignment: Alignment; located: LocatedSide } | null> {
  for (const candidate of candidates) {
    const spot = await locateSide(image, candidate.side);
    if ('reason' in spot) continue;
    const recognition = await recognise(spot.rectified, [candidate.side]);
    if (!recognition.best) continue;
    const inner = recognition.best.alignment;
    return { candidate, alignment: { ...inner, homography: compose(inner.homography, spot.toSide) }, located: spot };
  }
  return null;
}
