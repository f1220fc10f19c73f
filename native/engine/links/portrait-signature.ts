/**
 * Portrait-image signature (issue 6, `same-portrait` links): a compact description of the portrait printed
 * on a rectified document, robust to how the document was captured (scan, phone photo, blur, JPEG, uneven
 * light) and different for different portrait images. Forgery workshops print the same photo file on several
 * documents with different names; two documents whose portraits have the same signature carry the same
 * portrait image. It does not recognise a person: two different photos of one person do not match.
 *
 * Method: the zone's box is registered on the printed photo's straight edges (a rectification a few pixels
 * off is corrected), cropped slightly inside, averaged down to a 32 x 32 grid, taken to the log domain (so
 * exposure, channel gains and a camera's tone curve become an offset and a scale) in one luminance and two
 * opponent-colour channels, normalised (luminance to zero mean and unit deviation, colour by the same scale),
 * and described by its low spatial frequencies (2-D DCT-II, as in the perceptual hash of Zauner 2010,
 * "Implementation and benchmarking of perceptual image hash functions"). Signatures are compared by the
 * cosine of their vectors (same-portrait.ts). No sign-bit hash is kept: on the template set the 64 signs of
 * the lowest coefficients differed in a median 10 bits (99th percentile 32) between captures of one portrait,
 * against 2 bits for 1 % of different portraits, so a hash would neither decide nor index. Pure: no I/O.
 */
import type { Box, RgbImage } from '../imaging/raster';

/** The description of one portrait image; JSON-serialisable. */
export interface PortraitSignature {
  /** Format of the signature; signatures of different versions are not compared. */
  readonly version: 1;
  /** Unit-length vector: luminance DCT coefficients, then the two colour channels' (see VECTOR_LAYOUT). */
  readonly vector: readonly number[];
  /** The pixels the signature was computed on (the box inset by INSET, clipped), in the rectified image. */
  readonly crop: Box;
  /** How the box was registered on the portrait's frame: shift (px) and axes on which both edges were found (0: box as given). */
  readonly registration: { readonly dx: number; readonly dy: number; readonly axes: number };
  /** Luminance standard deviation on the grid around its best-fit plane, grey levels: the portrait's contrast before normalisation. */
  readonly contrast: number;
}

/** Grid side: 32 x 32 cells of ~7 px on a 300-dpi portrait (250 px), fine enough for a face's layout. */
export const GRID = 32;
/**
 * Inset of the crop on each side, share of the box (10 px of a 250 px zone): the frame line and the few pixels
 * left after registration (or 2-3 % of misalignment without it) stay outside. Measured 0.04, 0.06 and 0.10:
 * 0.04 kept the most portrait and separated best.
 */
export const INSET = 0.04;
/**
 * Frame search reach on each side of the box, share of its size: 12 % of a 250 px portrait is 30 px, beyond
 * the ~25 px the MRZ-anchored rectification of a platen scan was measured to be off.
 */
export const FRAME_SEARCH = 0.12;
/** The frame's edges are averaged over the middle of the side (20 % left out at each end: corners, offsets). */
const ALONG_MARGIN = 0.2;
/**
 * A frame edge must stand out: EDGE_PROMINENCE times the profile's median and at least EDGE_MIN grey levels
 * of mean difference (a 1-px grey frame line on a card measures 40-160; a plain photo background under 8).
 */
const EDGE_PROMINENCE = 4;
const EDGE_MIN = 12;
/**
 * Candidate edges must reach this share of the side's strongest edge: a frame line measures 40-160 (20-40 in
 * the blurred captures, next to a header edge of 75-95), the soft tail of a shoulder or text 10-20.
 */
const EDGE_SHARE_OF_MAX = 0.2;
/**
 * Two edges can be the frame when their spacing is this close (share) to the box's size: the frame matches
 * the template's box to ~1 %, the MRZ-anchored rectification of platen scans was measured up to 5.2 % off in
 * scale (284 px for 270).
 */
const SIZE_TOLERANCE = 0.07;
/**
 * Added to channel means before the logarithm, grey levels: keeps sensor noise in dark hair (8-20 levels)
 * from dominating; 4, 16 and 48 measured alike (16 best by a hair).
 */
const LOG_OFFSET = 16;
/** Smallest crop side, px: 2 source pixels per grid cell, below which the grid only resamples noise. */
export const MIN_CROP_PX = 2 * GRID;
/**
 * Lowest luminance standard deviation on the grid around its best-fit plane, grey levels: blank zones measured
 * 0.1-0.5 under all nine capture kinds (the grid averages the noise away; the plane takes the lighting ramp),
 * the template set's portraits 29-65.
 */
export const MIN_CONTRAST = 4;
/**
 * Luminance coefficients kept: u, v < 8 without the mean (63), the portrait's layout rather than its texture.
 * Bands of 6, 8, 10, 12 and 16 measured: 8 separated same from different portraits best.
 */
export const LUMA_BAND = 8;
/** Colour coefficients kept per channel: u, v < 4 without the mean (15 each); 6 measured slightly worse. */
export const COLOUR_BAND = 4;
/** Layout of `vector`. */
export const VECTOR_LAYOUT = { luma: LUMA_BAND * LUMA_BAND - 1, colour: 2 * (COLOUR_BAND * COLOUR_BAND - 1) } as const;
/**
 * Weight of the colour part against the luminance part (1: as its own variance says). Measured 0.25-3: more
 * weight lets white-balance and lighting differences between captures in, less loses hue differences.
 */
export const COLOUR_WEIGHT = 1;

/** Cosine tables of the orthonormal DCT-II for GRID points, the first LUMA_BAND frequencies. */
const COS: Float64Array[] = Array.from({ length: LUMA_BAND }, (_, k) => {
  const row = new Float64Array(GRID);
  const scale = k === 0 ? Math.sqrt(1 / GRID) : Math.sqrt(2 / GRID);
  for (let n = 0; n < GRID; n++) row[n] = scale * Math.cos((Math.PI * (2 * n + 1) * k) / (2 * GRID));
  return row;
});

/** Zig-zag order of the u, v < n block without (0, 0): low frequencies first. */
function zigzag(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let s = 1; s <= 2 * (n - 1); s++) {
    for (let i = 0; i <= s; i++) {
      const [u, v] = s % 2 === 0 ? [i, s - i] : [s - i, i];
      if (u < n && v < n) out.push([u, v]);
    }
  }
  return out;
}
const LUMA_ORDER = zigzag(LUMA_BAND);
const COLOUR_ORDER = zigzag(COLOUR_BAND);

/**
 * Mean absolute luminance difference across a straight line, for every position `p` from `from` to `to`
 * (exclusive) along one axis, averaged over `along` (the other axis's range). A printed photo's boundary
 * or frame line is straight and spans the side, so it adds up; a face's curved edges cancel out.
 */
function edgeProfile(image: RgbImage, vertical: boolean, from: number, to: number, along: readonly [number, number]): Float64Array {
  const d = image.data;
  const w = image.width;
  const luma = (x: number, y: number) => {
    const o = (y * w + x) * 3;
    return 0.299 * d[o]! + 0.587 * d[o + 1]! + 0.114 * d[o + 2]!;
  };
  const out = new Float64Array(Math.max(0, to - from));
  for (let p = from; p < to; p++) {
    let s = 0;
    for (let q = along[0]; q < along[1]; q++) s += vertical ? Math.abs(luma(p + 1, q) - luma(p - 1, q)) : Math.abs(luma(q, p + 1) - luma(q, p - 1));
    out[p - from] = s / Math.max(1, along[1] - along[0]);
  }
  return out;
}

/**
 * Positions (image px) of the local maxima of `profile` that stand out: EDGE_PROMINENCE x its median, at least
 * EDGE_MIN and EDGE_SHARE_OF_MAX of the strongest (the tail of a blurred text column is not a frame).
 */
function edgeCandidates(profile: Float64Array, offset: number): Array<{ at: number; strength: number }> {
  const sorted = [...profile].sort((x, y) => x - y);
  const floor = Math.max(EDGE_MIN, EDGE_PROMINENCE * (sorted[sorted.length >> 1] ?? 0));
  let max = 0;
  for (const v of profile) max = Math.max(max, v);
  const out: Array<{ at: number; strength: number }> = [];
  for (let i = 0; i < profile.length; i++) {
    const v = profile[i]!;
    if (v >= floor && v >= EDGE_SHARE_OF_MAX * max && v >= (profile[i - 1] ?? 0) && v > (profile[i + 1] ?? 0)) out.push({ at: i + offset, strength: v });
  }
  return out;
}

/**
 * The frame's two edges on one axis: among the clear straight edges near the box's two sides, the pair whose
 * spacing matches the box's size (within SIZE_TOLERANCE) best, weighted by its weaker edge: score = weaker
 * edge x (1 - size error / tolerance) (a header band 18 px above the portrait pairs with its bottom only at
 * a 6.7 % size error; a column of text next to it is a broad, weak plateau), or null when no pair matches.
 */
function frameOnAxis(image: RgbImage, box: Box, vertical: boolean): { start: number; size: number } | null {
  const [start, size, limit] = vertical ? [box.x, box.width, image.width] : [box.y, box.height, image.height];
  const [aStart, aSize, aLimit] = vertical ? [box.y, box.height, image.height] : [box.x, box.width, image.width];
  const along: [number, number] = [Math.max(0, Math.round(aStart + aSize * ALONG_MARGIN)), Math.min(aLimit, Math.round(aStart + aSize * (1 - ALONG_MARGIN)))];
  const reach = Math.round(size * FRAME_SEARCH);
  const side = (centre: number) => {
    const from = Math.max(1, Math.round(centre) - reach);
    const to = Math.min(limit - 1, Math.round(centre) + reach + 1);
    return edgeCandidates(edgeProfile(image, vertical, from, to, along), from);
  };
  const lows = side(start);
  const highs = side(start + size);
  let best: { start: number; size: number; strength: number } | null = null;
  for (const lo of lows) {
    for (const hi of highs) {
      const error = Math.abs(hi.at - lo.at - size) / (size * SIZE_TOLERANCE);
      if (error >= 1) continue;
      const strength = Math.min(lo.strength, hi.strength) * (1 - error);
      if (!best || strength > best.strength) best = { start: lo.at, size: hi.at - lo.at, strength };
    }
  }
  return best && { start: best.start, size: best.size };
}

/**
 * The portrait's box registered on its frame: the straight edges of the printed photo (or its frame line)
 * searched near the box's sides correct a rectification that is a few pixels off (the document finder's
 * MRZ-anchored rectification of platen scans left up to ~25 px at 300 dpi, a tenth of a portrait).
 *
 * @param image the rectified document, RGB
 * @param box the template's portrait zone in `image`'s pixels
 * @returns the registered box, its shift from `box` (px) and the axes (0-2) on which both frame edges were
 *   found; an axis without a matching pair keeps the box's position and size
 */
export function registerPortraitBox(image: RgbImage, box: Box): { box: Box; dx: number; dy: number; axes: number } {
  const x = frameOnAxis(image, box, true);
  const y = frameOnAxis(image, box, false);
  const registered = { x: x?.start ?? box.x, y: y?.start ?? box.y, width: x?.size ?? box.width, height: y?.size ?? box.height };
  return { box: registered, dx: Math.round(registered.x - box.x), dy: Math.round(registered.y - box.y), axes: (x ? 1 : 0) + (y ? 1 : 0) };
}

/** The box shrunk by INSET on each side and clipped to the image, in whole pixels. */
function insetCrop(image: RgbImage, box: Box): Box {
  const x0 = Math.max(0, Math.round(box.x + box.width * INSET));
  const y0 = Math.max(0, Math.round(box.y + box.height * INSET));
  const x1 = Math.min(image.width, Math.round(box.x + box.width * (1 - INSET)));
  const y1 = Math.min(image.height, Math.round(box.y + box.height * (1 - INSET)));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** The crop on the grid: log luminance, log red/green and log yellow/blue, and the (linear) luminance. */
interface GridChannels {
  readonly logLuma: Float64Array;
  readonly redGreen: Float64Array;
  readonly yellowBlue: Float64Array;
  readonly luma: Float64Array;
}

/** Channel means of the crop over GRID x GRID cells, then the channels of GridChannels per cell. */
function gridChannels(image: RgbImage, crop: Box): GridChannels {
  const n = GRID * GRID;
  const sums = [new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  const count = new Float64Array(n);
  const d = image.data;
  for (let y = 0; y < crop.height; y++) {
    const gy = Math.min(GRID - 1, Math.floor((y * GRID) / crop.height));
    let o = ((crop.y + y) * image.width + crop.x) * 3;
    for (let x = 0; x < crop.width; x++, o += 3) {
      const cell = gy * GRID + Math.min(GRID - 1, Math.floor((x * GRID) / crop.width));
      sums[0][cell]! += d[o]!;
      sums[1][cell]! += d[o + 1]!;
      sums[2][cell]! += d[o + 2]!;
      count[cell]! += 1;
    }
  }
  const out: GridChannels = { logLuma: new Float64Array(n), redGreen: new Float64Array(n), yellowBlue: new Float64Array(n), luma: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [sums[0][i]! / count[i]!, sums[1][i]! / count[i]!, sums[2][i]! / count[i]!];
    const [lr, lg, lb] = [Math.log(r + LOG_OFFSET), Math.log(g + LOG_OFFSET), Math.log(b + LOG_OFFSET)];
    out.luma[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    out.logLuma[i] = 0.299 * lr + 0.587 * lg + 0.114 * lb;
    out.redGreen[i] = lr - lg;
    out.yellowBlue[i] = (lr + lg) / 2 - lb;
  }
  return out;
}

/** Mean and standard deviation of `values`. */
function meanStd(values: Float64Array): { mean: number; std: number } {
  let s = 0;
  let s2 = 0;
  for (const v of values) {
    s += v;
    s2 += v * v;
  }
  const mean = s / values.length;
  return { mean, std: Math.sqrt(Math.max(0, s2 / values.length - mean * mean)) };
}

/**
 * Standard deviation of a GRID x GRID channel around its least-squares plane: the contrast of what is drawn,
 * without the brightness ramp of uneven light (which alone gave a blank zone 2.9-5.9 grey levels).
 */
function detrendedStd(channel: Float64Array): number {
  const c = (GRID - 1) / 2;
  const sxx = (GRID * GRID * (GRID * GRID - 1)) / 12; // sum over the grid of (x - c)^2, the same for y
  let mean = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < GRID; y++) {
    for (let x = 0; x < GRID; x++) {
      const v = channel[y * GRID + x]!;
      mean += v / (GRID * GRID);
      sx += (x - c) * v;
      sy += (y - c) * v;
    }
  }
  let s2 = 0;
  for (let y = 0; y < GRID; y++) {
    for (let x = 0; x < GRID; x++) {
      const r = channel[y * GRID + x]! - mean - ((x - c) * sx) / sxx - ((y - c) * sy) / sxx;
      s2 += r * r;
    }
  }
  return Math.sqrt(s2 / (GRID * GRID));
}

/** DCT-II coefficients (u, v) of a GRID x GRID channel for the listed frequencies, after subtracting `mean` and dividing by `scale`. */
function lowFrequencies(channel: Float64Array, mean: number, scale: number, order: ReadonlyArray<[number, number]>, band: number): number[] {
  const rows = new Float64Array(GRID * band); // rows[y * band + u] = sum_x f(y, x) cos_u(x)
  for (let y = 0; y < GRID; y++) {
    for (let u = 0; u < band; u++) {
      const c = COS[u]!;
      let s = 0;
      for (let x = 0; x < GRID; x++) s += (channel[y * GRID + x]! - mean) * c[x]!;
      rows[y * band + u] = s / scale;
    }
  }
  return order.map(([u, v]) => {
    const c = COS[v]!;
    let s = 0;
    for (let y = 0; y < GRID; y++) s += rows[y * band + u]! * c[y]!;
    return s;
  });
}

/**
 * Signature of the portrait inside `box` of a rectified document image.
 *
 * @param rectified the document straightened to its template's reference frame (or the aligned image of the
 *   template check), RGB
 * @param box the template's portrait zone in `rectified`'s pixels
 * @returns the signature, or `{ failure }` when the zone is outside the image, too small or without contrast
 *   (a blank or covered zone); never throws on bad geometry
 */
export function portraitSignature(rectified: RgbImage, box: Box): PortraitSignature | { failure: string } {
  if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width <= 0 || box.height <= 0) return { failure: 'the portrait box is empty or not a number' };
  if (rectified.data.length !== rectified.width * rectified.height * 3) return { failure: 'the image is not 3-channel RGB' };
  const registration = registerPortraitBox(rectified, box);
  const crop = insetCrop(rectified, registration.box);
  if (crop.width < MIN_CROP_PX || crop.height < MIN_CROP_PX) return { failure: `the portrait crop is ${crop.width} x ${crop.height} px, below ${MIN_CROP_PX} px` };
  const grid = gridChannels(rectified, crop);
  const contrast = detrendedStd(grid.luma);
  if (contrast < MIN_CONTRAST) return { failure: `the portrait zone has no contrast (luminance deviation ${contrast.toFixed(1)} grey levels on the grid, below ${MIN_CONTRAST})` };
  const l = meanStd(grid.logLuma);
  const lumaPart = lowFrequencies(grid.logLuma, l.mean, l.std, LUMA_ORDER, LUMA_BAND);
  const colourPart = [grid.redGreen, grid.yellowBlue].flatMap((ch) => lowFrequencies(ch, meanStd(ch).mean, l.std / COLOUR_WEIGHT, COLOUR_ORDER, COLOUR_BAND));
  const raw = [...lumaPart, ...colourPart];
  const norm = Math.hypot(...raw) || 1;
  return { version: 1, vector: raw.map((v) => Math.round((v / norm) * 1e5) / 1e5), crop, registration: { dx: registration.dx, dy: registration.dy, axes: registration.axes }, contrast: Math.round(contrast * 10) / 10 };
}
