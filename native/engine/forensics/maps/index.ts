/** Pixel-domain forensic map kernels (issue 4): error level analysis, JPEG ghosts, noise-level inconsistency. */
export { errorLevelAnalysis, type ElaOptions } from './ela';
export { jpegGhosts, type GhostOptions } from './ghosts';
export { noiseInconsistency, type NoiseOptions } from './noise';
