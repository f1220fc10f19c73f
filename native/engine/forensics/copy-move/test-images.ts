/**
 * Generated test images with known copy-move answers: natural-like texture (multi-scale noise and shapes),
 * a smooth low-contrast background, a tiled pattern, and copying of a patch (plain, or rotated and
 * rescaled with bilinear resampling). Seeded, so every run sees the same pixels.
 */
import type { Box, GrayImage } from '../types';

/** Mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Three box-blur passes of radius r (close to a Gaussian of sigma ~ r), in place on a float plane. */
function blur(a: Float32Array, w: number, h: number, r: number): void {
  const tmp = new Float32Array(a.length);
  for (let pass = 0; pass < 3; pass++) {
    for (let y = 0; y < h; y++) {
      let s = 0;
      for (let x = -r; x <= r; x++) s += a[y * w + Math.min(w - 1, Math.max(0, x))]!;
      for (let x = 0; x < w; x++) {
        tmp[y * w + x] = s / (2 * r + 1);
        s += a[y * w + Math.min(w - 1, x + r + 1)]! - a[y * w + Math.max(0, x - r)]!;
      }
    }
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let y = -r; y <= r; y++) s += tmp[Math.min(h - 1, Math.max(0, y)) * w + x]!;
      for (let y = 0; y < h; y++) {
        a[y * w + x] = s / (2 * r + 1);
        s += tmp[Math.min(h - 1, y + r + 1) * w + x]! - tmp[Math.max(0, y - r) * w + x]!;
      }
    }
  }
}

/** Noise blurred at radius r, rescaled to standard deviation `std` around 0. */
function octave(w: number, h: number, r: number, std: number, rand: () => number): Float32Array {
  const a = new Float32Array(w * h);
  for (let i = 0; i < a.length; i++) a[i] = rand() - 0.5;
  if (r > 0) blur(a, w, h, r);
  let s2 = 0;
  for (const v of a) s2 += v * v;
  const k = std / Math.sqrt(s2 / a.length || 1);
  for (let i = 0; i < a.length; i++) a[i]! *= k;
  return a;
}

function toGray(a: Float32Array, w: number, h: number): GrayImage {
  const data = new Uint8Array(w * h);
  for (let i = 0; i < a.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(a[i]!)));
  return { width: w, height: h, data };
}

/** Natural-like texture: noise at four scales around mid-grey plus ~40 filled ellipses of random tone. */
export function naturalTexture(w: number, h: number, seed: number): GrayImage {
  const rand = seededRandom(seed);
  const a = new Float32Array(w * h).fill(128);
  for (const [r, std] of [[1, 14], [3, 16], [8, 20], [24, 24]] as const) {
    const o = octave(w, h, r, std, rand);
    for (let i = 0; i < a.length; i++) a[i]! += o[i]!;
  }
  for (let n = 0; n < 40; n++) {
    const cx = rand() * w, cy = rand() * h, rx = 6 + rand() * 30, ry = 6 + rand() * 30, tone = (rand() - 0.5) * 120;
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(h, cy + ry); y++) {
      for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(w, cx + rx); x++) {
        if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) a[y * w + x]! += tone;
      }
    }
  }
  return toGray(a, w, h);
}

/**
 * A smooth, low-contrast surface (like card stock or a wall): mid-grey, a gentle gradient, soft blotches of
 * ~5 levels and 1 level of fine noise. FAST finds no corner at threshold 12 on it.
 */
export function smoothSurface(w: number, h: number, seed: number): GrayImage {
  const rand = seededRandom(seed);
  const blotch = octave(w, h, 6, 5, rand);
  const fine = octave(w, h, 0, 1, rand);
  const a = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) a[y * w + x] = 150 + (20 * x) / w + blotch[y * w + x]! + fine[y * w + x]!;
  return toGray(a, w, h);
}

/** A pattern of `tile` x `tile` px repeated exactly (wallpaper, a printed security background). */
export function tiledPattern(w: number, h: number, tile: number, seed: number): GrayImage {
  const t = naturalTexture(tile, tile, seed);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = t.data[(y % tile) * tile + (x % tile)]!;
  return { width: w, height: h, data };
}

/** Copy of `image` with the pixels of `from` pasted with their top-left at (toX, toY). */
export function copyPatch(image: GrayImage, from: Box, toX: number, toY: number): GrayImage {
  const data = image.data.slice();
  for (let y = 0; y < from.height; y++) {
    for (let x = 0; x < from.width; x++) data[(toY + y) * image.width + toX + x] = image.data[(from.y + y) * image.width + from.x + x]!;
  }
  return { width: image.width, height: image.height, data };
}

/**
 * Copy of `image` with the square of side `side` centred at (sx, sy) pasted centred at (tx, ty), rotated by
 * `degrees` and scaled by `scale` (bilinear). Returns the image and the pasted area's bounding box.
 */
export function copyPatchWarped(image: GrayImage, sx: number, sy: number, side: number, tx: number, ty: number, degrees: number, scale: number): { image: GrayImage; target: Box } {
  const { width: w, height: h } = image;
  const data = image.data.slice();
  const th = (degrees * Math.PI) / 180, c = Math.cos(th), s = Math.sin(th);
  const reach = (side / 2) * scale * Math.SQRT2 + 1;
  let x0 = w, y0 = h, x1 = 0, y1 = 0;
  for (let y = Math.max(0, Math.floor(ty - reach)); y < Math.min(h, ty + reach); y++) {
    for (let x = Math.max(0, Math.floor(tx - reach)); x < Math.min(w, tx + reach); x++) {
      // Inverse map: target offset -> unrotated, unscaled source offset.
      const ox = x - tx, oy = y - ty;
      const u = (c * ox + s * oy) / scale, v = (-s * ox + c * oy) / scale;
      if (Math.abs(u) > side / 2 || Math.abs(v) > side / 2) continue;
      const px = sx + u, py = sy + v;
      const ix = Math.floor(px), iy = Math.floor(py), fx = px - ix, fy = py - iy;
      const at = (xx: number, yy: number) => image.data[Math.min(h - 1, Math.max(0, yy)) * w + Math.min(w - 1, Math.max(0, xx))]!;
      const top = at(ix, iy) + fx * (at(ix + 1, iy) - at(ix, iy));
      const bottom = at(ix, iy + 1) + fx * (at(ix + 1, iy + 1) - at(ix, iy + 1));
      data[y * w + x] = Math.round(top + fy * (bottom - top));
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return { image: { width: w, height: h, data }, target: { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 } };
}

/** Copy of `image` with seeded Gaussian-like noise of standard deviation ~`std` added (sum of 4 uniforms). */
export function withNoise(image: GrayImage, std: number, seed: number): GrayImage {
  const rand = seededRandom(seed);
  // The sum of 4 uniforms minus 2 has variance 4/12, so sqrt(3) scales it to unit standard deviation.
  const k = std * Math.sqrt(3);
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(image.data[i]! + k * (rand() + rand() + rand() + rand() - 2))));
  return { width: image.width, height: image.height, data };
}
