/**
 * Quantized JPEG DCT coefficients: the input of the double-compression, ghost and blocking analyses.
 *
 * `readDctCoefficients` uses the libjpeg-turbo addon (`jpeg_read_coefficients`) when it is built and
 * loads, else the TypeScript reader; both give bit-identical results (parity.test.ts), so a finding
 * does not depend on which one ran. `dctReaderInUse()` names the one in use, for run provenance.
 *
 * Known limits (both readers): arithmetic coding, 12-bit, lossless and hierarchical JPEGs are refused
 * with a JpegDctError; damaged files decode as libjpeg decodes them, with `warnings` saying so.
 */
import { readDctCoefficientsTs } from './decoder';
import { loadNativeJpegDct } from './native-loader';
import type { DctCoefficients, ReadDctOptions } from './types';
import { DEFAULT_MAX_COEFFICIENT_BYTES, DEFAULT_MAX_SCANS, JpegDctError } from './types';

export { readDctCoefficientsTs } from './decoder';
export { findAddon } from './native-loader';
export type { DctCoefficients, DctComponent, ReadDctCoefficients, ReadDctOptions } from './types';
export { DEFAULT_MAX_COEFFICIENT_BYTES, DEFAULT_MAX_SCANS, JpegDctError } from './types';

const NATIVE_ERROR_PREFIX = 'Cannot read JPEG DCT coefficients: ';

/** True when the libjpeg-turbo addon is loaded. */
export function nativeDctAvailable(): boolean {
  return loadNativeJpegDct().ok;
}

/** Why the addon is not in use, or null when it is. */
export function nativeDctUnavailableReason(): string | null {
  const loaded = loadNativeJpegDct();
  return loaded.ok ? null : loaded.reason;
}

/** `libjpeg-turbo` or `typescript`: which reader `readDctCoefficients` uses in this process. */
export function dctReaderInUse(): 'libjpeg-turbo' | 'typescript' {
  return nativeDctAvailable() ? 'libjpeg-turbo' : 'typescript';
}

/** The libjpeg-turbo reader; throws if the addon is not available. Errors are JpegDctErrors, as in the TS reader. */
export function readDctCoefficientsNative(bytes: Uint8Array, options: ReadDctOptions = {}): DctCoefficients {
  const loaded = loadNativeJpegDct();
  if (!loaded.ok) throw new Error(`native JPEG DCT reader unavailable: ${loaded.reason}`);
  try {
    return loaded.addon.readDctCoefficients(
      bytes,
      options.maxCoefficientBytes ?? DEFAULT_MAX_COEFFICIENT_BYTES,
      options.maxScans ?? DEFAULT_MAX_SCANS,
    ) as DctCoefficients;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new JpegDctError(message.startsWith(NATIVE_ERROR_PREFIX) ? message.slice(NATIVE_ERROR_PREFIX.length) : message);
  }
}

/**
 * Reads the quantized DCT coefficients of a baseline or progressive Huffman JPEG: per component, the
 * quantization table and every stored 8x8 block in natural order (see DctComponent for the layout).
 * Throws a JpegDctError on input libjpeg refuses.
 */
export function readDctCoefficients(bytes: Uint8Array, options: ReadDctOptions = {}): DctCoefficients {
  return nativeDctAvailable() ? readDctCoefficientsNative(bytes, options) : readDctCoefficientsTs(bytes, options);
}
