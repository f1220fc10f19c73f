/**
 * 64-bit DCT perceptual hash (the "pHash" construction also used by Python's imagehash.phash):
 * greyscale 32x32, 2-D DCT-II, keep the 8x8 lowest frequencies, one bit per coefficient above their
 * median. Robust to re-compression, resizing and metadata stripping; not to crops or rotations.
 */
const SIZE = 32;
const LOW = 8;

/** cos((2x+1)uπ / 2N) for u < 8, x < 32. */
const COSINES: Float64Array = (() => {
  const table = new Float64Array(LOW * SIZE);
  for (let u = 0; u < LOW; u++) for (let x = 0; x < SIZE; x++) table[u * SIZE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE));
  return table;
})();

/** Side of the greyscale square the hash is computed from. */
export const PHASH_INPUT_SIZE = SIZE;
/** Identifies the algorithm in provenance records. */
export const PHASH_ALGORITHM = 'dct-phash-64/1';

/** Hash a 32x32 8-bit greyscale image (row-major, 1024 bytes). Returns 16 lowercase hex digits. */
export function perceptualHash(grey: Uint8Array): string {
  if (grey.length !== SIZE * SIZE) throw new Error(`perceptualHash expects ${SIZE * SIZE} grey pixels, got ${grey.length}`);
  // Separable DCT restricted to the low frequencies: rows first, then columns.
  const rows = new Float64Array(SIZE * LOW);
  for (let y = 0; y < SIZE; y++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let x = 0; x < SIZE; x++) sum += COSINES[u * SIZE + x]! * grey[y * SIZE + x]!;
      rows[y * LOW + u] = sum;
    }
  }
  const coefficients = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let y = 0; y < SIZE; y++) sum += COSINES[v * SIZE + y]! * rows[y * LOW + u]!;
      coefficients[v * LOW + u] = sum;
    }
  }
  const sorted = Array.from(coefficients).sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | (coefficients[nibble * 4 + bit]! > median ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of differing bits between two 16-hex-digit hashes. */
export function hamming(a: string, b: string): number {
  return (
    popcount32((parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0) +
    popcount32((parseInt(a.slice(8, 16), 16) ^ parseInt(b.slice(8, 16), 16)) >>> 0)
  );
}

export { popcount32 };
