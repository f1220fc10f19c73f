/**
 * JPEG structure kernel (issue 4): marker walk, IJG quality estimate and encoder-family identification
 * by quantization tables, as evidence indicators `jpeg.structure.*`.
 *
 * References: ITU-T T.81 Annex B (syntax) and Annex K (example tables); libjpeg jcparam.c (quality
 * scaling); exiftool JPEGDigest and JPEGsnoop (table signatures, which our own data set replaces).
 * Known limits: identification rests on quantization tables only, and many programs share tables
 * (IJG above all), so a match narrows the family, never names the program; a re-save with the same
 * tables leaves no trace here.
 */
import type { ForensicResult } from '../types';
import type { EncoderIdentification } from './encoder-id';
import { identifyEncoder } from './encoder-id';
import { structureIndicators } from './indicators';
import type { JpegQualityEstimate } from './quality';
import { estimateJpegQuality } from './quality';
import { parseJpegStructure } from './structure';
import type { JpegStructure } from './types';

export { identifyEncoder, IJG_CAVEAT, JPEG_SIGNATURES_VERSION, jpegSignatures } from './encoder-id';
export type { EncoderCandidate, EncoderFamily, EncoderIdentification, EncoderSignature } from './encoder-id';
export { estimateJpegQuality, fitIjgQuality } from './quality';
export type { JpegQualityEstimate, TableQualityFit } from './quality';
export { parseJpegStructure } from './structure';
export * from './types';

export interface JpegStructureResult extends ForensicResult {
  readonly structure: JpegStructure;
  readonly quality: JpegQualityEstimate;
  /** Null when the file has no usable luma quantization table. */
  readonly encoder: EncoderIdentification | null;
}

/**
 * Reads a JPEG's structure, estimates its IJG quality and ranks encoder families by its quantization
 * tables. `score` is null: the structure is described, not scored; see the indicators for findings.
 * Throws JpegStructureError when the bytes are not a JPEG (no SOI); damage after SOI is reported as
 * anomalies and indicators, never thrown.
 * @param bytes the whole file
 */
export function analyseJpegStructure(bytes: Uint8Array): JpegStructureResult {
  const started = performance.now();
  const structure = parseJpegStructure(bytes);
  const quality = estimateJpegQuality(structure);
  const luma = structure.componentTables[0]?.values ?? null;
  const chroma = structure.componentTables[1]?.values ?? null;
  const encoder = luma ? identifyEncoder(luma, chroma) : null;
  const indicators = structureIndicators(structure, quality, encoder);
  return {
    score: null,
    indicators,
    maps: {},
    metrics: {
      elapsedMs: performance.now() - started,
      segments: structure.segments.length,
      scans: structure.scans.length,
      anomalies: structure.anomalies.length,
      estimatedQuality: quality.overall?.quality ?? null,
      exactIjg: quality.overall?.exact ?? false,
      signaturesVersion: encoder?.signaturesVersion ?? null,
    },
    structure,
    quality,
    encoder,
  };
}
