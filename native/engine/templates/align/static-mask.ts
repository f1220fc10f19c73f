/**
 * Which pixels of a template side are fixed print. Zones of the kinds that differ from one genuine document
 * to the next (the holder's data, portrait, signature and MRZ) are variable; everything else (background
 * print, headings, labels, security print, static text) is the same on every genuine document of the model
 * and is what recognition and alignment may rely on.
 */
import type { TemplateZone } from '../template';

/** Zone kinds whose content belongs to the holder, not to the document model. */
export const VARIABLE_ZONE_KINDS: ReadonlySet<TemplateZone['kind']> = new Set(['text', 'portrait', 'signature', 'mrz']);

/**
 * Share of the short side taken by each corner square that is never fixed print: ID cards and passport
 * pages have rounded corners (ISO/IEC 7810: radius 3.18 mm, 5.9 % of an ID-1 card's 53.98 mm height), and
 * outside the curve a reference image shows its own background (white on the bundled template) while a
 * questioned document shows whatever it lay on.
 */
const CORNER_SHARE = 0.06;

/**
 * A width x height mask (1 = fixed print, 0 = variable) of a side whose zone boxes are fractions of the
 * reference image. Each variable zone is grown by `marginPx` on every side: printed values overrun their
 * nominal boxes by a few pixels (ascenders, long names, anti-aliasing), a blurred document spreads the
 * holder's ink further, and a feature whose patch reaches into a variable zone describes holder data as
 * much as fixed print. The four rounded corners are excluded too (CORNER_SHARE).
 */
export function staticMask(zones: readonly TemplateZone[], width: number, height: number, marginPx: number): Uint8Array {
  const mask = new Uint8Array(width * height).fill(1);
  const corner = Math.round(CORNER_SHARE * Math.min(width, height));
  for (let y = 0; y < Math.min(corner, height); y++) {
    mask.fill(0, y * width, y * width + Math.min(corner, width));
    mask.fill(0, y * width + Math.max(0, width - corner), (y + 1) * width);
    const yb = height - 1 - y;
    mask.fill(0, yb * width, yb * width + Math.min(corner, width));
    mask.fill(0, yb * width + Math.max(0, width - corner), (yb + 1) * width);
  }
  for (const zone of zones) {
    if (!VARIABLE_ZONE_KINDS.has(zone.kind)) continue;
    const [fx, fy, fw, fh] = zone.box;
    const x0 = Math.max(0, Math.floor(fx * width - marginPx));
    const y0 = Math.max(0, Math.floor(fy * height - marginPx));
    const x1 = Math.min(width, Math.ceil((fx + fw) * width + marginPx));
    const y1 = Math.min(height, Math.ceil((fy + fh) * height + marginPx));
    for (let y = y0; y < y1; y++) mask.fill(0, y * width + x0, y * width + x1);
  }
  return mask;
}

/** Share of the mask's pixels that are fixed print, in [0, 1]. */
export function staticShare(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return mask.length ? n / mask.length : 0;
}
