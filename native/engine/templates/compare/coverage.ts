/**
 * Whether the questioned capture covers a zone at all: where the straightened card (or the photo) ends before
 * the template's frame does, the aligner replicates the last row or column of pixels into the rest of the frame
 * (warp.ts), and a text line cut by the edge then measures as glyphs stretched to the frame's border (a genuine
 * low-JPEG capture whose finder cut the card's top measured its header line at 189 % of the specimen's glyph
 * height). Such a zone is reported as not measured, with the share the capture leaves out.
 */
import type { Region } from './types';

/**
 * A zone is left unmeasured when more than this share of it lies outside the capture. The first 30 genuine
 * captures of seeds 1001 left no pixel of any zone uncovered; the low-JPEG capture whose finder cut the card's
 * top left 20 % of its permit-type zone and 23 % of its state zone uncovered. A text line 28 px high loses a
 * visible part of its glyphs from 2 rows (7 %).
 */
export const MAX_UNCOVERED_SHARE = 0.05;

/**
 * Share of `region` (reference px) that the questioned document does not cover, given the aligner's mask
 * (`covered`, row-major, `width` wide). 0 when no mask is given.
 */
export function uncoveredShare(covered: Uint8Array | undefined, width: number, region: Region): number {
  if (!covered) return 0;
  const height = covered.length / width;
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(width, Math.ceil(region.x + region.width));
  const y1 = Math.min(height, Math.ceil(region.y + region.height));
  let total = 0;
  let missing = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0, i = y * width + x0; x < x1; x++, i++) {
      total++;
      if (!covered[i]) missing++;
    }
  }
  return total > 0 ? missing / total : 0;
}
