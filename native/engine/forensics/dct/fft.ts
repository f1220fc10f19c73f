/**
 * Magnitude of the discrete Fourier transform of a real sequence of any length, as MATLAB's
 * `abs(fft(x))` (same definition, X[k] = sum_n x[n] e^{-2 pi i k n / N}). Lengths that are powers of two
 * use an iterative radix-2 FFT; other lengths (histograms have arbitrary lengths, e.g. 513 bins) use
 * Bluestein's chirp-z algorithm on top of it, so every length costs O(N log N).
 *
 * Reference: L. Bluestein, "A linear filtering approach to the computation of discrete Fourier
 * transform", IEEE Trans. Audio Electroacoustics 18(4), 1970.
 */

/** In-place radix-2 FFT of (re, im); length must be a power of two. `inverse` conjugates the twiddles (no 1/N). */
function radix2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const step = (sign * 2 * Math.PI) / size;
    for (let k = 0; k < half; k++) {
      const wr = Math.cos(step * k);
      const wi = Math.sin(step * k);
      for (let start = k; start < n; start += size) {
        const a = start;
        const b = start + half;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}

/** |DFT(x)| for every frequency 0..N-1. */
export function dftMagnitude(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  if ((n & (n - 1)) === 0) {
    const re = Float64Array.from(x as ArrayLike<number>);
    const im = new Float64Array(n);
    radix2(re, im, false);
    for (let k = 0; k < n; k++) out[k] = Math.hypot(re[k]!, im[k]!);
    return out;
  }
  // Bluestein: X[k] = conj(w[k]) * sum_n (x[n] conj(w[n])) w[k - n], with w[m] = e^{i pi m^2 / N}.
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k^2 mod 2N keeps the angle argument small and exact for large k.
    const angle = (Math.PI * ((k * k) % (2 * n))) / n;
    wr[k] = Math.cos(angle);
    wi[k] = Math.sin(angle);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = x[k]! * wr[k]!;
    ai[k] = -x[k]! * wi[k]!;
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = wr[0]!;
  bi[0] = wi[0]!;
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = wr[k]!;
    bi[k] = bi[m - k] = wi[k]!;
  }
  radix2(ar, ai, false);
  radix2(br, bi, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = r;
  }
  radix2(ar, ai, true);
  // |conj(w[k]) * c[k] / m| = |c[k]| / m since |w[k]| = 1.
  for (let k = 0; k < n; k++) out[k] = Math.hypot(ar[k]!, ai[k]!) / m;
  return out;
}
