/**
 * The pixels Tesseract gets for one text zone. Dark-on-light zones go as they are. Light print on a dark band
 * (the generated permits print the number in salmon on navy) loses most of its contrast in Tesseract's own
 * luma conversion (salmon ~140 on navy ~50), and blurred or perspective captures of it were read at confidence
 * 0 (`RPS10219` for RP5102192); there the channel with the widest ink-to-band spread is sent, inverted, so the
 * line reads as dark print on light paper (red: ~230 on ~30).
 */
import type { RgbImage } from '../../imaging/raster';

/**
 * A zone whose median luma is below this is a dark band: the generated permits' navy header measures ~50, paper
 * zones 180-240 even under the lighting captures' shading.
 */
const DARK_BAND_LUMA = 110;

/** Value below which `share` of `values` lie (values 0..255). */
function percentile(hist: Uint32Array, total: number, share: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= share * total) return v;
  }
  return 255;
}

/**
 * For a dark-band zone, one grey channel (the widest 10th-90th percentile spread of R, G, B), inverted; null for
 * an ordinary zone (send the colour crop).
 */
export function darkBandGrey(image: RgbImage, left: number, top: number, width: number, height: number): Uint8Array | null {
  const hists = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (let y = top; y < top + height; y++) {
    for (let x = left, i = (y * image.width + left) * 3; x < left + width; x++, i += 3) {
      const r = image.data[i]!, g = image.data[i + 1]!, b = image.data[i + 2]!;
      hists[0]![r]!++;
      hists[1]![g]!++;
      hists[2]![b]!++;
      hists[3]![Math.round(0.299 * r + 0.587 * g + 0.114 * b)]!++;
    }
  }
  const total = width * height;
  if (total === 0 || percentile(hists[3]!, total, 0.5) >= DARK_BAND_LUMA) return null;
  let best = 0;
  let spread = -1;
  for (let c = 0; c < 3; c++) {
    const s = percentile(hists[c]!, total, 0.9) - percentile(hists[c]!, total, 0.1);
    if (s > spread) [best, spread] = [c, s];
  }
  const out = new Uint8Array(total);
  let k = 0;
  for (let y = top; y < top + height; y++) for (let x = left, i = (y * image.width + left) * 3 + best; x < left + width; x++, i += 3) out[k++] = 255 - image.data[i]!;
  return out;
}
