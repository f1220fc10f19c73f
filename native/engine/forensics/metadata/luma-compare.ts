/**
 * Content comparison of two luma rasters of the same size (an embedded thumbnail and the main image
 * scaled to it). Both are smoothed with a 3x3 binomial kernel (absorbs sub-pixel misalignment, JPEG
 * noise of the tiny thumbnail and the different downscalers of camera and comparison), then the
 * thumbnail is predicted from the main image through a monotone tone curve fitted to both (absorbs the
 * thumbnail's own tone rendering and global tone edits, see toneCurve). What remains is measured
 * globally and per block. The least-squares gain/offset is reported too.
 *
 * Measures: Pearson correlation; mean absolute residual after the fit (8-bit levels); the same divided by
 * the thumbnail's standard deviation (scale-free); mean SSIM over the blocks (Wang et al., IEEE TIP 13(4),
 * 2004, with uniform block windows and C1 = (0.01·255)², C2 = (0.03·255)²); and the block with the
 * largest mean residual, which locates a local difference.
 */
import type { LumaRaster } from './luma-resample';
import { toneCurve } from './tone-curve';

export interface BlockResidual {
  /** Block position and size in the compared raster's pixels. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Mean absolute residual in the block, 8-bit levels. */
  readonly meanAbsResidual: number;
}

export interface LumaComparison {
  readonly width: number;
  readonly height: number;
  readonly correlation: number;
  /** Mean absolute residual after the tone-curve fit, 8-bit levels. */
  readonly meanAbsResidual: number;
  /** meanAbsResidual / standard deviation of the thumbnail: about 0.8 for unrelated content, near 0 for the same picture. */
  readonly normalisedResidual: number;
  readonly meanSsim: number;
  readonly gain: number;
  readonly offset: number;
  readonly blockSize: number;
  readonly medianBlockResidual: number;
  readonly worstBlock: BlockResidual;
}

/** Blocks along the shorter side: about 12 gives 8-10 px blocks on a 160x120 thumbnail, small enough to locate an edit of a face or a document photo and large enough to average out thumbnail JPEG noise. */
const BLOCKS_ON_SHORT_SIDE = 12;
/** Smallest block side, so a block always averages at least 16 pixels. */
const MIN_BLOCK = 4;
/** SSIM constants for L = 255 (Wang et al. 2004: K1 = 0.01, K2 = 0.03). */
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/** 3x3 binomial smoothing ([1 2 1] ⊗ [1 2 1] / 16), edges clamped. */
function smooth(r: LumaRaster): Float64Array {
  const { width: w, height: h, data } = r;
  const tmp = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = data[y * w + Math.max(0, x - 1)] as number;
      const c = data[y * w + x] as number;
      const rr = data[y * w + Math.min(w - 1, x + 1)] as number;
      tmp[y * w + x] = (l + 2 * c + rr) / 4;
    }
  }
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const up = Math.max(0, y - 1) * w;
    const dn = Math.min(h - 1, y + 1) * w;
    for (let x = 0; x < w; x++) out[y * w + x] = ((tmp[up + x] as number) + 2 * (tmp[y * w + x] as number) + (tmp[dn + x] as number)) / 4;
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Compares `thumb` with `main` (same size). Throws RangeError when the sizes differ or the raster is
 * smaller than 4x4 (nothing meaningful can be measured).
 */
export function compareLuma(thumb: LumaRaster, main: LumaRaster): LumaComparison {
  const { width: w, height: h } = thumb;
  if (main.width !== w || main.height !== h) throw new RangeError(`rasters differ in size: ${w}x${h} vs ${main.width}x${main.height}`);
  if (w < 4 || h < 4) throw new RangeError(`raster of ${w}x${h} is too small to compare`);
  const t = smooth(thumb);
  const m = smooth(main);
  const n = w * h;
  let st = 0, sm = 0;
  for (let i = 0; i < n; i++) {
    st += t[i] as number;
    sm += m[i] as number;
  }
  const mt = st / n;
  const mm = sm / n;
  let vt = 0, vm = 0, cov = 0;
  for (let i = 0; i < n; i++) {
    const a = (t[i] as number) - mt;
    const b = (m[i] as number) - mm;
    vt += a * a;
    vm += b * b;
    cov += a * b;
  }
  // A flat main image has no structure to fit: gain 0, the residual is then the thumbnail's own spread.
  const gain = vm > 1e-9 ? cov / vm : 0;
  const offset = mt - gain * mm;
  const correlation = vt > 1e-9 && vm > 1e-9 ? cov / Math.sqrt(vt * vm) : vt <= 1e-9 && vm <= 1e-9 ? 1 : 0;
  const predict = toneCurve(t, m, gain, offset);
  const fitted = new Float64Array(n);
  const residual = new Float64Array(n);
  let sr = 0;
  for (let i = 0; i < n; i++) {
    const p = predict(m[i] as number);
    fitted[i] = p;
    const r = Math.abs((t[i] as number) - p);
    residual[i] = r;
    sr += r;
  }
  const meanAbsResidual = sr / n;
  const sdT = Math.sqrt(vt / n);
  // A flat thumbnail: any residual is relative to one grey level (avoids dividing by ~0).
  const normalisedResidual = meanAbsResidual / Math.max(1, sdT);

  const blockSize = Math.max(MIN_BLOCK, Math.round(Math.min(w, h) / BLOCKS_ON_SHORT_SIDE));
  const blockResiduals: number[] = [];
  let worst: BlockResidual = { x: 0, y: 0, width: w, height: h, meanAbsResidual: 0 };
  let ssimSum = 0;
  let blocks = 0;
  for (let by = 0; by < h; by += blockSize) {
    const bh = Math.min(blockSize, h - by);
    if (bh < blockSize / 2 && by > 0) continue; // a thin leftover strip: too few pixels to judge
    for (let bx = 0; bx < w; bx += blockSize) {
      const bw = Math.min(blockSize, w - bx);
      if (bw < blockSize / 2 && bx > 0) continue;
      let r = 0, a1 = 0, b1 = 0, a2 = 0, b2 = 0, ab = 0;
      for (let y = by; y < by + bh; y++) {
        for (let x = bx; x < bx + bw; x++) {
          const i = y * w + x;
          const a = t[i] as number;
          const b = fitted[i] as number;
          r += residual[i] as number;
          a1 += a;
          b1 += b;
          a2 += a * a;
          b2 += b * b;
          ab += a * b;
        }
      }
      const k = bw * bh;
      const blockMean = r / k;
      blockResiduals.push(blockMean);
      if (blockMean > worst.meanAbsResidual) worst = { x: bx, y: by, width: bw, height: bh, meanAbsResidual: blockMean };
      const ma = a1 / k, mb = b1 / k;
      const va = Math.max(0, a2 / k - ma * ma), vb = Math.max(0, b2 / k - mb * mb), cab = ab / k - ma * mb;
      ssimSum += ((2 * ma * mb + C1) * (2 * cab + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      blocks++;
    }
  }
  return {
    width: w,
    height: h,
    correlation,
    meanAbsResidual,
    normalisedResidual,
    meanSsim: blocks ? ssimSum / blocks : 0,
    gain,
    offset,
    blockSize,
    medianBlockResidual: median(blockResiduals),
    worstBlock: worst,
  };
}
