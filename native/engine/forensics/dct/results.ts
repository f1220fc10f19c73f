/**
 * Result plumbing shared by the DCT-domain and blocking kernels: reading the luminance coefficients of
 * a JPEG (or taking already-read ones), and the 'info' results given instead of a crash when the input
 * cannot be analysed (not a JPEG, corrupt header, too small).
 */
import type { DctCoefficients } from '../jpeg-dct/index';
import { JpegDctError, readDctCoefficients } from '../jpeg-dct/index';
import type { ForensicIndicator, ForensicMap, ForensicResult } from '../types';

/**
 * Fewest whole 8x8 blocks per side a block statistic is computed on: 8 blocks (64 pixels) give 64
 * samples per DCT frequency, the least for a coefficient histogram to show a period at all.
 */
export const MIN_BLOCKS_PER_SIDE = 8;

/** The luminance component's whole blocks, as the reference implementations use them. */
export interface LumaCoefficients {
  readonly width: number;
  readonly height: number;
  /** Whole 8x8 blocks across and down: floor(width / 8) x floor(height / 8) (partial edge blocks dropped, as the toolbox does). */
  readonly blocksWide: number;
  readonly blocksHigh: number;
  /** Blocks per stored row in `coefficients` (the component's `blocksWide`, MCU-padded). */
  readonly stride: number;
  /** Quantized coefficients; block (bx, by) starts at (by * stride + bx) * 64, natural order. */
  readonly coefficients: Int16Array;
  /** The file's luminance quantization steps, natural order. */
  readonly quantTable: Uint16Array;
  readonly warnings: readonly string[];
}

/** A result that carries only an 'info' indicator: the kernel could not measure anything. */
export function infoResult(kind: string, summary: string, attributes: Record<string, unknown> = {}): ForensicResult {
  return {
    score: null,
    indicators: [{ kind, severity: 'info', score: 0, region: null, summary, attributes }],
    maps: {},
    metrics: {},
  };
}

/** 'info' indicator that the decoder had to work around damage (the measurement may be affected). */
export function damageIndicator(kernel: string, warnings: readonly string[]): ForensicIndicator[] {
  if (warnings.length === 0) return [];
  return [
    {
      kind: `${kernel}.input-damaged`,
      severity: 'info',
      score: 0,
      region: null,
      summary: `JPEG decoder reported ${warnings.length} problem(s) (${warnings[0]}); missing data reads as zero coefficients, which affects the measurement there`,
      attributes: { warnings: [...warnings] },
    },
  ];
}

/**
 * Reads the luminance coefficients of `input` (JPEG bytes, or coefficients another kernel already read).
 * Returns either the coefficients or an 'info' result saying why there are none (not a JPEG, a JPEG the
 * reader refuses, an image smaller than MIN_BLOCKS_PER_SIDE blocks per side).
 */
export function lumaCoefficients(
  input: Uint8Array | DctCoefficients,
  kernel: string,
): { readonly ok: true; readonly luma: LumaCoefficients } | { readonly ok: false; readonly result: ForensicResult } {
  let dct: DctCoefficients;
  if (input instanceof Uint8Array) {
    try {
      dct = readDctCoefficients(input);
    } catch (error) {
      if (!(error instanceof JpegDctError)) throw error;
      return { ok: false, result: infoResult(`${kernel}.not-applicable`, `DCT coefficients could not be read: ${error.message}`) };
    }
  } else dct = input;
  const component = dct.components[0];
  if (!component) return { ok: false, result: infoResult(`${kernel}.not-applicable`, 'JPEG has no colour component') };
  const blocksWide = Math.min(component.widthInBlocks, Math.floor(dct.width / 8));
  const blocksHigh = Math.min(component.heightInBlocks, Math.floor(dct.height / 8));
  if (blocksWide < MIN_BLOCKS_PER_SIDE || blocksHigh < MIN_BLOCKS_PER_SIDE) {
    return {
      ok: false,
      result: infoResult(
        `${kernel}.not-applicable`,
        `image has ${blocksWide}x${blocksHigh} whole 8x8 luminance blocks; at least ${MIN_BLOCKS_PER_SIDE} per side are needed for coefficient statistics`,
        { blocksWide, blocksHigh },
      ),
    };
  }
  return {
    ok: true,
    luma: {
      width: dct.width,
      height: dct.height,
      blocksWide,
      blocksHigh,
      stride: component.blocksWide,
      coefficients: component.coefficients,
      quantTable: component.quantTable,
      warnings: dct.warnings,
    },
  };
}

/**
 * The coefficients at the given natural indices of every whole block, one contiguous array per index
 * (block order row-major). One pass over the blocks instead of one strided pass per index: the
 * coefficient array of a 12 MP image is 24 MB, and each strided pass touches all of it.
 */
export function gatherPositions(luma: LumaCoefficients, indices: readonly number[]): Int16Array[] {
  const { blocksWide, blocksHigh, stride, coefficients } = luma;
  const out = indices.map(() => new Int16Array(blocksWide * blocksHigh));
  const count = indices.length;
  const offsets = Int32Array.from(indices);
  for (let by = 0, i = 0; by < blocksHigh; by++) {
    for (let bx = 0, base = by * stride * 64; bx < blocksWide; bx++, base += 64, i++) {
      for (let k = 0; k < count; k++) out[k]![i] = coefficients[base + offsets[k]!]!;
    }
  }
  return out;
}

/** A block map (cellSize 8) over `values`. */
export function blockMap(
  width: number,
  height: number,
  data: Float32Array,
  unit: string,
  range: readonly [number, number],
  higherIsSuspicious = true,
): ForensicMap {
  return { width, height, cellSize: 8, data, scale: { unit, range, higherIsSuspicious } };
}
