/**
 * The printed value of a text zone as ink: text pixels against the local background, the text line
 * (the band of rows with the most ink), its glyph components, baseline, cap top, outer edges and stroke
 * width. Shared by the `layout` and `font` checks, for the reference and the questioned image alike.
 *
 * Darkness is `(background - value) / (background - ink)` clamped to [0, 1], with the background taken per
 * vertical strip (uneven lighting) and the ink level from the zone itself; light-on-dark zones (the
 * header) are inverted first. A pixel is ink at darkness 0.5, the midpoint of the anti-aliased edge, so
 * blur moves edges little.
 */
import type { Box, RgbImage } from '../../imaging/raster';
import type { FloatImage } from './raster-ops';
import type { Comp } from './ink-geometry';
import { extremeEdge, labelComponents, mergeGlyphs, strokeAndSharpness } from './ink-geometry';
import { clamp01, gaussianBlur, growRect, lumaCrop } from './raster-ops';

/** 1 = dark text on a light background, -1 = light text on a dark one. */
export type Polarity = 1 | -1;

/** One glyph (a connected ink component, with small pieces such as accents merged in). Image px. */
export interface GlyphBox {
  readonly x0: number;
  readonly y0: number;
  /** Exclusive ends. */
  readonly x1: number;
  readonly y1: number;
  /** Component labels (in `TextLine.labels`) that make up the glyph. */
  readonly labels: readonly number[];
}

/** The measured text line of one zone. Coordinates are image px unless named otherwise. */
export interface TextLine {
  /** The search region (the zone grown by the margins below). */
  readonly region: Box;
  /** Darkness 0..1 over `region` (row-major, region size). */
  readonly darkness: Float32Array;
  /** Component label per region pixel (0 = not part of the line's glyphs). */
  readonly labels: Int32Array;
  readonly glyphs: readonly GlyphBox[];
  /** y of the baseline and of the top of the capitals (sub-pixel, edge at darkness 0.5). */
  readonly baseline: number;
  readonly capTop: number;
  /** x of the leftmost and rightmost ink edge of the line. */
  readonly left: number;
  readonly right: number;
  /** Mean stroke width (px): 2 x ink area / ink outline length. */
  readonly strokeWidth: number;
  /**
   * Edge sharpness (1/px): sum of squared darkness gradient / sum of gradient near the glyphs. A step
   * blurred by a Gaussian of sigma gives 1 / (2 sqrt(pi) sigma), so it falls as the capture blurs.
   */
  readonly sharpness: number;
  /** Background minus ink level (grey levels). */
  readonly contrast: number;
}

// Search margins as fractions of the zone height: 0.15 above and below (the reference frame is within
// ~2 px, and the label printed above the value must stay out: the zones leave 1-9 px to it); 0.6 on the
// anchored side, so a value printed 8-10 px off its anchor is still found whole; 0.1 on the free side.
const VERTICAL_MARGIN = 0.15;
const ANCHOR_MARGIN = 0.6;
const FREE_MARGIN = 0.1;
// Background = 70th percentile per strip: values cover < 25 % of a strip's pixels, guilloche lines ~5 %.
const BACKGROUND_QUANTILE = 0.7;
// Ink level = 2nd percentile inside the zone: the stroke cores of a line of text are > 5 % of its pixels.
const INK_QUANTILE = 0.02;
// A row more than 85 % covered is a solid edge (the header band's border), never a text row.
const SOLID_ROW = 0.85;
// Components under 3 px are noise; glyph components of 14-40 px text are 20+ px.
const MIN_COMPONENT_AREA = 3;
// Clusters of components separated by more than 1.5 line heights are different texts (word spaces are
// ~0.35 em, about half a line height).
const MAX_GAP_LINES = 1.5;

function percentileOf(hist: Uint32Array, n: number, q: number): number {
  const target = q * (n - 1);
  let acc = 0;
  for (let b = 0; b < 256; b++) {
    acc += hist[b]!;
    if (acc > target) return b;
  }
  return 255;
}

/**
 * Polarity of the zone's text on the reference: dark text when the darkest 2 % lie further from the
 * median than the brightest 2 %.
 */
export function textPolarity(image: RgbImage, zone: Box): Polarity {
  const luma = lumaCrop(image, zone);
  const hist = new Uint32Array(256);
  for (const v of luma.data) hist[clampByte(v)]!++;
  const n = luma.data.length;
  if (n === 0) return 1;
  const p02 = percentileOf(hist, n, 0.02);
  const p50 = percentileOf(hist, n, 0.5);
  const p98 = percentileOf(hist, n, 0.98);
  return p50 - p02 >= p98 - p50 ? 1 : -1;
}

/** The luma of a text zone's search region, inverted for light-on-dark zones so text is always dark. */
export interface TextZoneSource {
  /** The zone (image px). */
  readonly zone: Box;
  /** The search region: the zone grown by the margins above (image px). */
  readonly region: Box;
  /** Polarity-normalised luma over `region` (0..255, text dark). */
  readonly luma: FloatImage;
}

/**
 * Cut the search region of a text zone out of `image` (`anchor`: the edge its value is aligned to) and
 * normalise its polarity; `blurSigma` > 0 blurs it (the reference is measured at several blur levels).
 */
export function textZoneSource(image: RgbImage, zone: Box, anchor: 'left' | 'right', polarity: Polarity, blurSigma = 0): TextZoneSource {
  const mh = VERTICAL_MARGIN * zone.height;
  const ml = (anchor === 'left' ? ANCHOR_MARGIN : FREE_MARGIN) * zone.height;
  const mr = (anchor === 'right' ? ANCHOR_MARGIN : FREE_MARGIN) * zone.height;
  const region = growRect(zone, ml, mh, mr, mh, image.width, image.height);
  const raw = lumaCrop(image, region);
  const luma = polarity === 1 ? raw : { ...raw, data: raw.data.map((x) => 255 - x) };
  return { zone, region, luma: blurSigma > 0 ? gaussianBlur(luma, blurSigma) : luma };
}

/**
 * Measure the text line of a zone: `minContrast` (grey levels) is the background-to-ink contrast below
 * which the zone holds no text. Returns a reason instead when no text line is found.
 */
export function measureTextLine(source: TextZoneSource, minContrast: number): TextLine | { readonly failure: string } {
  const { zone, region } = source;
  if (zone.width < 4 || zone.height < 4) return { failure: `zone is ${zone.width} x ${zone.height} px, too small to hold text` };
  const w = region.width;
  const h = region.height;
  const v = source.luma.data;
  // Ink level from the zone proper (the grown region may catch the paper beyond the header band).
  const zx0 = zone.x - region.x;
  const zy0 = zone.y - region.y;
  const inkHist = new Uint32Array(256);
  for (let y = zy0; y < zy0 + zone.height; y++) for (let x = zx0; x < zx0 + zone.width; x++) inkHist[clampByte(v[y * w + x]!)]!++;
  const ink = percentileOf(inkHist, zone.width * zone.height, INK_QUANTILE);
  // Background per strip of one zone height, interpolated between strip centres.
  const strip = Math.max(8, Math.round(zone.height));
  const strips = Math.max(1, Math.ceil(w / strip));
  const bgStrip: number[] = [];
  for (let s = 0; s < strips; s++) {
    const hist = new Uint32Array(256);
    const xa = s * strip;
    const xb = Math.min(w, xa + strip);
    for (let y = 0; y < h; y++) for (let x = xa; x < xb; x++) hist[clampByte(v[y * w + x]!)]!++;
    bgStrip.push(percentileOf(hist, (xb - xa) * h, BACKGROUND_QUANTILE));
  }
  const bgCol = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    const t = (x + 0.5) / strip - 0.5;
    const i = Math.max(0, Math.min(strips - 1, Math.floor(t)));
    const j = Math.min(strips - 1, i + 1);
    const f = Math.max(0, Math.min(1, t - i));
    bgCol[x] = bgStrip[i]! * (1 - f) + bgStrip[j]! * f;
  }
  const contrast = [...bgStrip].sort((a, b) => a - b)[strips >> 1]! - ink;
  if (contrast < minContrast) return { failure: `no text: ink contrast ${Math.max(0, Math.round(contrast))} grey levels, below ${Math.round(minContrast)}` };
  const darkness = new Float32Array(w * h);
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let count = 0;
    for (let x = 0; x < w; x++) {
      const span = Math.max(minContrast, bgCol[x]! - ink);
      const d = clamp01((bgCol[x]! - v[y * w + x]!) / span);
      darkness[y * w + x] = d;
      if (d >= 0.5) {
        mask[y * w + x] = 1;
        count++;
      }
    }
    if (count > SOLID_ROW * w) mask.fill(0, y * w, y * w + w);
  }
  return lineFromMask(region, darkness, mask, contrast);
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

function lineFromMask(region: Box, darkness: Float32Array, mask: Uint8Array, contrast: number): TextLine | { readonly failure: string } {
  const w = region.width;
  const h = region.height;
  // Bands: runs of rows with at least 2 ink pixels; the one with the most ink is the value's line.
  let best: { y0: number; y1: number; mass: number } | null = null;
  let y = 0;
  while (y < h) {
    let n = 0;
    for (let x = 0; x < w; x++) n += mask[y * w + x]!;
    if (n < 2) {
      y++;
      continue;
    }
    const y0 = y;
    let mass = 0;
    while (y < h) {
      let m = 0;
      let s = 0;
      for (let x = 0; x < w; x++) {
        m += mask[y * w + x]!;
        s += mask[y * w + x]! * darkness[y * w + x]!;
      }
      if (m < 2) break;
      mass += s;
      y++;
    }
    if (!best || mass > best.mass) best = { y0, y1: y, mass };
  }
  if (!best || best.y1 - best.y0 < 3) return { failure: 'no text line found in the zone' };
  for (let yy = 0; yy < h; yy++) if (yy < best.y0 || yy >= best.y1) mask.fill(0, yy * w, yy * w + w);
  const { labels, count } = labelComponents(mask, w, h);
  const comps: Comp[] = [];
  for (let i = 0; i < count; i++) comps.push({ label: i + 1, x0: w, y0: h, x1: 0, y1: 0, area: 0, mass: 0 });
  for (let p = 0; p < w * h; p++) {
    const l = labels[p]!;
    if (l === 0) continue;
    const c = comps[l - 1]!;
    const px = p % w;
    const py = (p - px) / w;
    c.x0 = Math.min(c.x0, px);
    c.x1 = Math.max(c.x1, px + 1);
    c.y0 = Math.min(c.y0, py);
    c.y1 = Math.max(c.y1, py + 1);
    c.area++;
    c.mass += darkness[p]!;
  }
  const kept = comps.filter((c) => c.area >= MIN_COMPONENT_AREA).sort((a, b) => a.x0 - b.x0);
  if (kept.length === 0) return { failure: 'no glyphs found in the zone' };
  // Horizontal clusters; the heaviest is the value.
  const lineHeight = best.y1 - best.y0;
  const clusters: Comp[][] = [];
  for (const c of kept) {
    const last = clusters[clusters.length - 1];
    const right = last ? Math.max(...last.map((k) => k.x1)) : -Infinity;
    if (last && c.x0 - right <= MAX_GAP_LINES * lineHeight) last.push(c);
    else clusters.push([c]);
  }
  const cluster = clusters.reduce((a, b) => (b.reduce((s, c) => s + c.mass, 0) > a.reduce((s, c) => s + c.mass, 0) ? b : a));
  const keep = new Set(cluster.map((c) => c.label));
  for (let p = 0; p < w * h; p++) if (labels[p] !== 0 && !keep.has(labels[p]!)) labels[p] = 0;
  return buildLine(region, darkness, labels, cluster, contrast);
}

function buildLine(region: Box, darkness: Float32Array, labels: Int32Array, cluster: readonly Comp[], contrast: number): TextLine {
  const w = region.width;
  const h = region.height;
  const d = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : darkness[y * w + x]!);
  const x0 = Math.min(...cluster.map((c) => c.x0));
  const x1 = Math.max(...cluster.map((c) => c.x1));
  const tops: number[] = [];
  const bottoms: number[] = [];
  for (let x = x0; x < x1; x++) {
    let t = -1;
    let b = -1;
    for (let y = 0; y < h; y++) {
      if (labels[y * w + x] === 0) continue;
      if (t < 0) t = y;
      b = y;
    }
    if (t < 0) continue;
    // Sub-pixel edges where darkness crosses 0.5 between the outside and the inside pixel.
    const above = d(x, t - 1);
    tops.push(t - 0.5 + (0.5 - above) / Math.max(1e-3, d(x, t) - above));
    const below = d(x, b + 1);
    bottoms.push(b + 0.5 + (d(x, b) - 0.5) / Math.max(1e-3, d(x, b) - below));
  }
  const first = cluster[0]!;
  const last = cluster.reduce((a, c) => (c.x1 > a.x1 ? c : a));
  const colMax = (x: number, c: Comp) => {
    let m = 0;
    for (let y = c.y0; y < c.y1; y++) m = Math.max(m, d(x, y));
    return m;
  };
  const lIn = colMax(first.x0, first);
  const lOut = colMax(first.x0 - 1, first);
  const left = first.x0 - 0.5 + (0.5 - lOut) / Math.max(1e-3, lIn - lOut);
  const rIn = colMax(last.x1 - 1, last);
  const rOut = colMax(last.x1, last);
  const right = last.x1 - 0.5 + (rIn - 0.5) / Math.max(1e-3, rIn - rOut);
  return {
    region,
    darkness,
    labels,
    glyphs: mergeGlyphs(cluster, region),
    baseline: region.y + extremeEdge(bottoms, 'bottom'),
    capTop: region.y + extremeEdge(tops, 'top'),
    left: region.x + left,
    right: region.x + right,
    ...strokeAndSharpness(darkness, labels, w, h, x0, x1),
    contrast,
  };
}
