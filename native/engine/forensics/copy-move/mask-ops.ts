/**
 * Binary mask operations on row-major Uint8Array masks (1 = set) of a given width and height: closing,
 * hole filling, seeded connected parts, and connected-component labelling.
 */

/** Morphological closing with a 3x3 square (bridges one-pixel gaps between correlating pixels). */
export function closeSquare3(m: Uint8Array, w: number, h: number): Uint8Array {
  return erode3(dilate3(m, w, h), w, h);
}

/** 3x3 dilation, separable: a row pass then a column pass (outside the mask counts as unset). */
function dilate3(m: Uint8Array, w: number, h: number): Uint8Array {
  const rows = new Uint8Array(m.length);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) rows[r + x] = m[r + x]! | (x > 0 ? m[r + x - 1]! : 0) | (x < w - 1 ? m[r + x + 1]! : 0);
  }
  const out = new Uint8Array(m.length);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) out[r + x] = rows[r + x]! | (y > 0 ? rows[r + x - w]! : 0) | (y < h - 1 ? rows[r + x + w]! : 0);
  }
  return out;
}

/** 3x3 erosion, separable (outside the mask counts as set, so borders do not erode). */
function erode3(m: Uint8Array, w: number, h: number): Uint8Array {
  const rows = new Uint8Array(m.length);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) rows[r + x] = m[r + x]! & (x > 0 ? m[r + x - 1]! : 1) & (x < w - 1 ? m[r + x + 1]! : 1);
  }
  const out = new Uint8Array(m.length);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) out[r + x] = rows[r + x]! & (y > 0 ? rows[r + x - w]! : 1) & (y < h - 1 ? rows[r + x + w]! : 1);
  }
  return out;
}

/** Set every background pixel not 4-connected to the area border (an enclosed hole: flat copied interior). */
export function fillHoles(m: Uint8Array, w: number, h: number): Uint8Array {
  const outside = new Uint8Array(m.length);
  const stack: number[] = [];
  const push = (k: number) => {
    if (!m[k] && !outside[k]) {
      outside[k] = 1;
      stack.push(k);
    }
  };
  for (let x = 0; x < w; x++) {
    push(x);
    push((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    push(y * w);
    push(y * w + w - 1);
  }
  while (stack.length) {
    const k = stack.pop()!;
    const x = k % w, y = (k - x) / w;
    if (x > 0) push(k - 1);
    if (x < w - 1) push(k + 1);
    if (y > 0) push(k - w);
    if (y < h - 1) push(k + w);
  }
  const out = new Uint8Array(m.length);
  for (let k = 0; k < m.length; k++) out[k] = outside[k] ? 0 : 1;
  return out;
}

/** The 8-connected parts of `m` that contain (or touch, within 2 px) one of the seed points. */
export function keepSeeded(m: Uint8Array, w: number, h: number, seedX: readonly number[], seedY: readonly number[]): Uint8Array {
  const out = new Uint8Array(m.length);
  const stack: number[] = [];
  seedX.forEach((x0, i) => {
    const y0 = seedY[i]!;
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        const x = x0 + dx, y = y0 + dy;
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        const k = y * w + x;
        if (m[k] && !out[k]) {
          out[k] = 1;
          stack.push(k);
        }
      }
    }
  });
  while (stack.length) {
    const k = stack.pop()!;
    const x = k % w, y = (k - x) / w;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        const kk = yy * w + xx;
        if (m[kk] && !out[kk]) {
          out[kk] = 1;
          stack.push(kk);
        }
      }
    }
  }
  return out;
}

/** 8-connected components of `m`: a label per pixel (0 = background, 1..count) and each component's size. */
export function labelComponents(m: Uint8Array, w: number, h: number): { labels: Int32Array; sizes: number[] } {
  const labels = new Int32Array(m.length);
  const sizes: number[] = [0];
  const stack: number[] = [];
  for (let start = 0; start < m.length; start++) {
    if (!m[start] || labels[start]) continue;
    const label = sizes.length;
    let size = 0;
    labels[start] = label;
    stack.push(start);
    while (stack.length) {
      const k = stack.pop()!;
      size++;
      const x = k % w, y = (k - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const kk = yy * w + xx;
          if (m[kk] && !labels[kk]) {
            labels[kk] = label;
            stack.push(kk);
          }
        }
      }
    }
    sizes.push(size);
  }
  return { labels, sizes };
}
