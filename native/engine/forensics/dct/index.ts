/**
 * DCT-domain and blocking kernels (issue 4): aligned double quantization (ADQ1), DCT blocking
 * inconsistency (Ye et al.), block artifact grid (BLK), and 8x8 grid-origin / shifted-grid analysis.
 * The DCT kernels take JPEG bytes or coefficients read once with `readDctCoefficients`; the pixel kernels
 * take decoded images in stored orientation (`decodeStoredRgb`) or bytes.
 */
export { analyzeAlignedDoubleQuantization } from './adq';
export { analyzeDctBlocking } from './dct-blocking';
export { analyzeBlockArtifactGrid } from './blk';
export { analyzeGridShift } from './grid-shift';
export { analyzeBlockArtifactGridBytes, analyzeGridShiftBytes, decodeStoredRgb } from './decode';
