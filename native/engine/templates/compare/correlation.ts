/**
 * Zero-mean normalised cross-correlation (ZNCC) between a questioned and a reference raster of the same
 * size, over a window and an optional mask, with a small search over integer shifts of the questioned
 * image (the alignment upstream leaves up to ~2 px of residual). ZNCC is invariant to gain and offset, so
 * it ignores brightness and contrast changes of the capture.
 */
import type { FloatImage } from './raster-ops';

/** A window `[x0, x1) x [y0, y1)` in the reference raster's pixels. */
export interface Window {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** ZNCC and the statistics it came from. */
export interface WindowCorrelation {
  /** ZNCC in [-1, 1]; 0 when either side has no variance (a flat patch). */
  readonly zncc: number;
  /** Pixels used. */
  readonly count: number;
  /** Standard deviation of the reference and of the questioned values over those pixels. */
  readonly stdReference: number;
  readonly stdQuestioned: number;
}

/**
 * ZNCC of `reference(x, y)` with `questioned(x + dx, y + dy)` over `window` where `mask` (reference
 * coordinates, 1 = use) allows. Pixels whose shifted position leaves the questioned raster are skipped.
 * `step` > 1 samples every step-th row and column (a coarse, faster estimate for shift searches).
 */
export function windowZncc(questioned: FloatImage, reference: FloatImage, window: Window, dx: number, dy: number, mask?: Uint8Array, step = 1): WindowCorrelation {
  const w = reference.width;
  const qw = questioned.width;
  const x0 = Math.max(window.x0, -dx, 0);
  const y0 = Math.max(window.y0, -dy, 0);
  const x1 = Math.min(window.x1, questioned.width - dx, w);
  const y1 = Math.min(window.y1, questioned.height - dy, reference.height);
  let n = 0;
  let sq = 0;
  let sr = 0;
  let sqq = 0;
  let srr = 0;
  let sqr = 0;
  const q = questioned.data;
  const r = reference.data;
  for (let y = y0; y < y1; y += step) {
    const rr = y * w;
    const qr = (y + dy) * qw + dx;
    for (let x = x0; x < x1; x += step) {
      if (mask && mask[rr + x] === 0) continue;
      const a = q[qr + x]!;
      const b = r[rr + x]!;
      n++;
      sq += a;
      sr += b;
      sqq += a * a;
      srr += b * b;
      sqr += a * b;
    }
  }
  if (n < 2) return { zncc: 0, count: n, stdReference: 0, stdQuestioned: 0 };
  const vq = Math.max(0, sqq / n - (sq / n) ** 2);
  const vr = Math.max(0, srr / n - (sr / n) ** 2);
  const cov = sqr / n - (sq / n) * (sr / n);
  // Variances below 1e-9 mean a constant patch: correlation is undefined, reported as 0.
  const zncc = vq > 1e-9 && vr > 1e-9 ? cov / Math.sqrt(vq * vr) : 0;
  return { zncc, count: n, stdReference: Math.sqrt(vr), stdQuestioned: Math.sqrt(vq) };
}

/** The best ZNCC over integer shifts `|dx - cx|, |dy - cy| <= maxShift`, with that shift (`step`: see windowZncc). */
export function bestShiftZncc(
  questioned: FloatImage,
  reference: FloatImage,
  window: Window,
  maxShift: number,
  mask?: Uint8Array,
  cx = 0,
  cy = 0,
  step = 1,
): WindowCorrelation & { readonly dx: number; readonly dy: number } {
  let best: (WindowCorrelation & { dx: number; dy: number }) | null = null;
  for (let dy = cy - maxShift; dy <= cy + maxShift; dy++) {
    for (let dx = cx - maxShift; dx <= cx + maxShift; dx++) {
      const c = windowZncc(questioned, reference, window, dx, dy, mask, step);
      if (!best || c.zncc > best.zncc) best = { ...c, dx, dy };
    }
  }
  return best ?? { zncc: 0, count: 0, stdReference: 0, stdQuestioned: 0, dx: 0, dy: 0 };
}
