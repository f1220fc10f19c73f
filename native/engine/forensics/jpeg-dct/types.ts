/**
 * Shapes of the JPEG DCT-coefficient reader, shared by the libjpeg-turbo addon (`native/addons/jpeg-dct`)
 * and its TypeScript twin (`decoder.ts`). Both return exactly the same values for the same bytes.
 */

/**
 * One colour component's quantized DCT coefficients, exactly as stored in the file (not dequantized).
 *
 * Block geometry follows libjpeg's `jpeg_read_coefficients`:
 * - `widthInBlocks` x `heightInBlocks` (libjpeg's `width_in_blocks`/`height_in_blocks`) are the blocks
 *   that cover the image: ceil(imageWidth * h / (hMax * 8)) by ceil(imageHeight * v / (vMax * 8)).
 * - `blocksWide` x `blocksHigh` are the blocks stored: the same rounded up to a multiple of `h`/`v`,
 *   i.e. padded to whole MCUs (libjpeg's virtual-array size). The padding blocks carry what the encoder
 *   wrote in interleaved scans (usually edge replication); in non-interleaved scans (grayscale, and the
 *   AC scans of progressive files) they are never coded and stay 0. Analyses that compare blocks with
 *   image content should only use the first `widthInBlocks` x `heightInBlocks`.
 *
 * Block (bx, by) occupies `coefficients[(by * blocksWide + bx) * 64 ... + 64]`, its 64 values in natural
 * row-major order (index = v * 8 + u, u horizontal frequency), index 0 the DC term.
 */
export interface DctComponent {
  /** Component identifier from the frame header (1, 2, 3 for JFIF Y, Cb, Cr). */
  readonly id: number;
  /** Horizontal and vertical sampling factors. */
  readonly h: number;
  readonly v: number;
  readonly widthInBlocks: number;
  readonly heightInBlocks: number;
  readonly blocksWide: number;
  readonly blocksHigh: number;
  /**
   * 64 quantization steps in natural row-major order: the table that was current when the component's
   * first scan began (libjpeg's latched table). A component that appears in no scan (truncated file)
   * reports its table slot's final content, or zeros if that slot was never defined.
   */
  readonly quantTable: Uint16Array;
  /** blocksWide * blocksHigh * 64 quantized coefficients. */
  readonly coefficients: Int16Array;
}

export interface DctCoefficients {
  readonly width: number;
  readonly height: number;
  readonly components: readonly DctComponent[];
  /** SOF2: progressive Huffman. */
  readonly progressive: boolean;
  /**
   * libjpeg-style warnings about damage the reader worked around (premature end of file, corrupt
   * entropy data, missing restart markers, ...), deduplicated, at most MAX_WARNINGS. Missing data reads
   * as zero coefficients, exactly as libjpeg does. The texts follow libjpeg's messages; where libjpeg's
   * read-ahead differs from the TypeScript reader the count of extraneous bytes may differ, and the
   * TypeScript reader reports "bad Huffman code" where libjpeg-turbo's fast Huffman path decodes the same
   * bits silently (the coefficients are still identical).
   */
  readonly warnings: readonly string[];
}

export interface ReadDctOptions {
  /**
   * Refuse images whose coefficient arrays would need more than this many bytes (2 bytes per
   * coefficient). Default DEFAULT_MAX_COEFFICIENT_BYTES.
   */
  readonly maxCoefficientBytes?: number;
  /** Refuse files with more scans than this. Default DEFAULT_MAX_SCANS. */
  readonly maxScans?: number;
}

export type ReadDctCoefficients = (bytes: Uint8Array, options?: ReadDctOptions) => DctCoefficients;

/**
 * 1 GiB of coefficients: a 178-megapixel 4:4:4 image (3 components x 2 bytes per pixel), well above any
 * camera or scanner output in the corpus, while a hostile 65500 x 65500 header (24 GiB) is refused
 * before anything is allocated.
 */
export const DEFAULT_MAX_COEFFICIENT_BYTES = 1 << 30;

/**
 * libjpeg's standard progressive script has 10 scans for colour images and encoders with optimised
 * scans stay far below 100; libjpeg-turbo's own fuzzing harness caps files at 500 scans, which is what
 * keeps a small hostile file of empty scans from costing minutes of decoding.
 */
export const DEFAULT_MAX_SCANS = 500;

/** Same as kMaxWarnings in jpeg_dct.cc. */
export const MAX_WARNINGS = 32;

/** Thrown for input libjpeg refuses; the message carries libjpeg's error text. */
export class JpegDctError extends Error {
  constructor(detail: string) {
    super(`Cannot read JPEG DCT coefficients: ${detail}`);
    this.name = 'JpegDctError';
  }
}

/** Zigzag index -> natural index, with libjpeg's 16 extra entries that catch overlong runs in corrupt data. */
export const NATURAL_ORDER: Int32Array = Int32Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
]);
