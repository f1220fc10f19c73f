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

/** 1-D DCT of 8 values at `src[off + i*stride]` into `dst[doff + k*dstride]`. */
function dct1(src: Float64Array, off: number, stride: number, dst: Float64Array, doff: number, dstride: number): void {
  const s0 = src[off]! + src[off + 7 * stride]!;
  const s1 = src[off + stride]! + src[off + 6 * stride]!;
  const s2 = src[off + 2 * stride]! + src[off + 5 * stride]!;
  const s3 = src[off + 3 * stride]! + src[off + 4 * stride]!;
  const d0 = src[off]! - src[off + 7 * stride]!;
  const d1 = src[off + stride]! - src[off + 6 * stride]!;
  const d2 = src[off + 2 * stride]! - src[off + 5 * stride]!;
  const d3 = src[off + 3 * stride]! - src[off + 4 * stride]!;
  for (let k = 0; k < 8; k += 2) {
    const b = k * 8;
    dst[doff + k * dstride] = BASIS[b]! * s0 + BASIS[b + 1]! * s1 + BASIS[b + 2]! * s2 + BASIS[b + 3]! * s3;
  }
  for (let k = 1; k < 8; k += 2) {
    const b = k * 8;
    dst[doff + k * dstride] = BASIS[b]! * d0 + BASIS[b + 1]! * d1 + BASIS[b + 2]! * d2 + BASIS[b + 3]! * d3;
  }
}

/**
 * In-place 2-D DCT of one 8x8 block (64 values, row-major, already level-shifted by the caller):
 * afterwards `block` holds the coefficients in natural row-major order (index v * 8 + u, u horizontal
 * frequency). `tmp` is a caller-owned 64-value scratch buffer.
 */
export function dct8x8(block: Float64Array, tmp: Float64Array): void {
  for (let y = 0; y < 8; y++) dct1(block, y * 8, 1, tmp, y * 8, 1);
  for (let u = 0; u < 8; u++) dct1(tmp, u, 8, block, u, 8);
}
