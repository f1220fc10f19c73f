/**
 * Orthonormal 8x8 DCT-II (JPEG's forward DCT, ITU-T T.81 A.3.3) of one block, separable, with the
 * even/odd symmetry of the basis halving the multiplications. Orthonormal means the sum of squared
 * coefficient differences equals the sum of squared pixel differences (Parseval).
 */

/** C[k][n] = c(k)/2 * cos((2n+1) k pi / 16), c(0) = 1/sqrt(2): the 1-D orthonormal 8-point basis. */
const BASIS = (() => {
  const b = new Float64Array(64);
  for (let k = 0; k < 8; k++) {
    const ck = k === 0 ? Math.SQRT1_2 : 1;
    for (let n = 0; n < 8; n++) b[k * 8 + n] = (ck / 2) * Math.cos(((2 * n + 1) * k * Math.PI) / 16);
  }
  return b;
})();

/**
 * 1-D DCTs of 8 lines of 8 values: line j at src[off + j * lineStep + i * step], i = 0..7, into
 * dst[doff + j * dLineStep + k * dstep]. Output k is the dot product of basis row k with the sums
 * (k even) or differences (k odd) of mirrored samples. The 32 basis values are read into locals once
 * per call (the loop runs for every block of a 12 MP image).
 */
function dctLines(src: Float64Array, off: number, step: number, lineStep: number, dst: Float64Array, doff: number, dstep: number, dLineStep: number): void {
  const b = BASIS;
  const e00 = b[0]!, e01 = b[1]!, e02 = b[2]!, e03 = b[3]!;
  const e20 = b[16]!, e21 = b[17]!, e22 = b[18]!, e23 = b[19]!;
  const e40 = b[32]!, e41 = b[33]!, e42 = b[34]!, e43 = b[35]!;
  const e60 = b[48]!, e61 = b[49]!, e62 = b[50]!, e63 = b[51]!;
  const o10 = b[8]!, o11 = b[9]!, o12 = b[10]!, o13 = b[11]!;
  const o30 = b[24]!, o31 = b[25]!, o32 = b[26]!, o33 = b[27]!;
  const o50 = b[40]!, o51 = b[41]!, o52 = b[42]!, o53 = b[43]!;
  const o70 = b[56]!, o71 = b[57]!, o72 = b[58]!, o73 = b[59]!;
  for (let j = 0; j < 8; j++) {
    const p = off + j * lineStep;
    const x0 = src[p]!;
    const x1 = src[p + step]!;
    const x2 = src[p + 2 * step]!;
    const x3 = src[p + 3 * step]!;
    const x4 = src[p + 4 * step]!;
    const x5 = src[p + 5 * step]!;
    const x6 = src[p + 6 * step]!;
    const x7 = src[p + 7 * step]!;
    const s0 = x0 + x7;
    const s1 = x1 + x6;
    const s2 = x2 + x5;
    const s3 = x3 + x4;
    const d0 = x0 - x7;
    const d1 = x1 - x6;
    const d2 = x2 - x5;
    const d3 = x3 - x4;
    const q = doff + j * dLineStep;
    dst[q] = e00 * s0 + e01 * s1 + e02 * s2 + e03 * s3;
    dst[q + dstep] = o10 * d0 + o11 * d1 + o12 * d2 + o13 * d3;
    dst[q + 2 * dstep] = e20 * s0 + e21 * s1 + e22 * s2 + e23 * s3;
    dst[q + 3 * dstep] = o30 * d0 + o31 * d1 + o32 * d2 + o33 * d3;
    dst[q + 4 * dstep] = e40 * s0 + e41 * s1 + e42 * s2 + e43 * s3;
    dst[q + 5 * dstep] = o50 * d0 + o51 * d1 + o52 * d2 + o53 * d3;
    dst[q + 6 * dstep] = e60 * s0 + e61 * s1 + e62 * s2 + e63 * s3;
    dst[q + 7 * dstep] = o70 * d0 + o71 * d1 + o72 * d2 + o73 * d3;
  }
}

/**
 * 2-D DCT of the 8x8 block at src[offset + y * stride + x] (already level-shifted by the caller) into
 * `out` (64 values, natural row-major order: index v * 8 + u, u horizontal frequency). `tmp` is a
 * caller-owned 64-value scratch buffer; `out` may be `src` itself when stride is 8 and offset 0.
 */
export function dct8x8From(src: Float64Array, offset: number, stride: number, out: Float64Array, tmp: Float64Array): void {
  // Rows: line y of the block -> tmp row y; then columns: tmp column u -> out column u.
  dctLines(src, offset, 1, stride, tmp, 0, 1, 8);
  dctLines(tmp, 0, 8, 1, out, 0, 8, 1);
}

/**
 * In-place 2-D DCT of one 8x8 block (64 values, row-major, already level-shifted by the caller):
 * afterwards `block` holds the coefficients in natural row-major order (index v * 8 + u, u horizontal
 * frequency). `tmp` is a caller-owned 64-value scratch buffer.
 */
export function dct8x8(block: Float64Array, tmp: Float64Array): void {
  dct8x8From(block, 0, 8, block, tmp);
}
