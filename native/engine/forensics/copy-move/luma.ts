/**
 * Working images of the copy-move detector: luma, area-averaged down to a bounded long side in one pass
 * over the input (no full-size grey copy), so a 12 MP photo costs one read of its RGB bytes.
 */
import type { GrayImage, RgbImage } from '../types';

/** A grey working image and the per-axis factors from input pixels to working pixels. */
export interface WorkingLuma {
  readonly image: GrayImage;
  /** working x = input x * scaleX (and likewise for y); 1 when no reduction was needed. */
  readonly scaleX: number;
  readonly scaleY: number;
}

/**
 * Output size for a long side of at most `longSide`, never enlarged, and never reduced below `minShortSide`
 * on the short side (a long strip keeps enough rows to analyse; its pixel count stays small anyway).
 */
export function workingSize(width: number, height: number, longSide: number, minShortSide = 0): { width: number; height: number } {
  const s = Math.min(1, Math.max(longSide / Math.max(width, height), minShortSide / Math.min(width, height)));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** Input index range [start[o], start[o + 1]) binned into each output cell o (an area average). */
function runsOf(inSize: number, outSize: number): Int32Array {
  const start = new Int32Array(outSize + 1);
  for (let o = 0; o <= outSize; o++) start[o] = Math.min(inSize, Math.ceil((o * inSize) / outSize));
  return start;
}

/**
 * Luma (ITU-R BT.601 weights 0.299/0.587/0.114, in 8.8 fixed point) of an RGB or grey image, area-averaged
 * so the long side is at most `longSide` (short side kept at `minShortSide` or more, see `workingSize`).
 * Each output pixel is the mean of the input pixels binned into it; when a bin spans 4 or more pixels per
 * axis, every `stride`-th row and column of it is read (stride = floor(factor / 2), so at least 2x2 samples
 * per axis pair remain): a 12 MP photo then costs a quarter of the reads, and the average of a regular
 * subgrid differs from the full average by sensor-noise amounts that both ends of a copy share.
 * Which of RGB or grey the buffer holds is told by its length (3 or 1 bytes per pixel).
 */
export function workingLuma(image: RgbImage | GrayImage, longSide: number, minShortSide = 0): WorkingLuma {
  const { width: W, height: H, data } = image;
  const channels = data.length === W * H * 3 ? 3 : data.length === W * H ? 1 : 0;
  if (channels === 0 || W < 1 || H < 1) throw new RangeError(`image ${W}x${H} has ${data.length} bytes: neither RGB nor grey`);
  const { width: w, height: h } = workingSize(W, H, longSide, minShortSide);
  const out = new Uint8Array(w * h);
  if (w === W && h === H) {
    if (channels === 1) out.set(data);
    else for (let i = 0, j = 0; i < out.length; i++, j += 3) out[i] = (77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]! + 128) >> 8;
    return { image: { width: w, height: h, data: out }, scaleX: 1, scaleY: 1 };
  }
  const xr = runsOf(W, w);
  const yr = runsOf(H, h);
  const stride = Math.max(1, Math.floor(Math.min(W / w, H / h) / 2));
  // Per output row, sums of 8.8 fixed-point luma per output column; Uint32 holds 255 * 256 * 65,536 px.
  const acc = new Uint32Array(w);
  const cols = new Float64Array(w);
  for (let ox = 0; ox < w; ox++) cols[ox] = Math.ceil((xr[ox + 1]! - xr[ox]!) / stride);
  for (let oy = 0; oy < h; oy++) {
    acc.fill(0);
    for (let y = yr[oy]!; y < yr[oy + 1]!; y += stride) {
      const base = y * W;
      for (let ox = 0; ox < w; ox++) {
        let sum = 0;
        const x1 = xr[ox + 1]!;
        if (channels === 1) for (let x = xr[ox]!; x < x1; x += stride) sum += data[base + x]!;
        else for (let x = xr[ox]!, j = (base + x) * 3; x < x1; x += stride, j += 3 * stride) sum += 77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]!;
        acc[ox]! += channels === 1 ? 256 * sum : sum;
      }
    }
    const rows = Math.ceil((yr[oy + 1]! - yr[oy]!) / stride);
    for (let ox = 0; ox < w; ox++) out[oy * w + ox] = Math.min(255, Math.round(acc[ox]! / (256 * rows * cols[ox]!)));
  }
  return { image: { width: w, height: h, data: out }, scaleX: w / W, scaleY: h / H };
}
