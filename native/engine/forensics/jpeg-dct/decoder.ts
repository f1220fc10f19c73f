/**
 * Pure TypeScript reader of quantized JPEG DCT coefficients, the fallback twin of the libjpeg-turbo addon
 * (`native/addons/jpeg-dct`). It follows libjpeg-turbo 2.1's `jpeg_read_coefficients` path step by step
 * (jdinput.c setup, jdcoefct.c MCU walk, jdhuff.c / jdphuff.c entropy decoding, jdmarker.c markers,
 * jdatasrc.c memory source), so that both give bit-identical coefficients, warnings in the same cases,
 * and errors for the same inputs (parity.test.ts checks it).
 *
 * Supports: baseline and extended sequential Huffman (SOF0/SOF1) and progressive Huffman (SOF2: spectral
 * selection and successive approximation, DC and AC, first and refinement scans), restart intervals,
 * any sampling factors libjpeg accepts (1..4), 1 to 10 components, 8-bit precision. Refuses with an
 * error: arithmetic coding (also refused by the addon, so both readers accept the same files), 12-bit,
 * lossless and hierarchical processes.
 *
 * Damaged data is handled like libjpeg: a truncated file reads as if followed by EOI, entropy data that
 * runs out or hits an unexpected marker decodes the current MCU from zero bits and leaves the rest of
 * the segment at zero, a bad Huffman code decodes as 0; each case adds a warning. Memory is bounded by
 * `maxCoefficientBytes` (checked before allocating) and work by `maxScans`.
 *
 * Reference: ITU-T T.81 (ISO/IEC 10918-1) Annexes F and G; libjpeg-turbo 2.1.5 source.
 */
import type { McuBlocks } from './entropy';
import { EntropyDecoder, MAX_BLOCKS_IN_MCU } from './entropy';
import { standardTables } from './huffman';
import type { ComponentInfo, ScanHeader } from './markers';
import { JpegState, readMarkers } from './markers';
import { hex2 } from './byte-source';
import type { DctCoefficients, DctComponent, ReadDctOptions } from './types';
import { DEFAULT_MAX_COEFFICIENT_BYTES, DEFAULT_MAX_SCANS, JpegDctError } from './types';

/** JPEG_MAX_DIMENSION in libjpeg-turbo's jmorecfg.h. */
const MAX_DIMENSION = 65500;
/** MAX_COMPONENTS in jmorecfg.h. */
const MAX_COMPONENTS = 10;

interface FrameGeometry {
  maxH: number;
  maxV: number;
  totalIMcuRows: number;
  hasMultipleScans: boolean;
}

/** Reads the quantized DCT coefficients of a JPEG in pure TypeScript. See the module comment. */
export function readDctCoefficientsTs(bytes: Uint8Array, options: ReadDctOptions = {}): DctCoefficients {
  const maxBytes = options.maxCoefficientBytes ?? DEFAULT_MAX_COEFFICIENT_BYTES;
  const maxScans = options.maxScans ?? DEFAULT_MAX_SCANS;
  const state = new JpegState(bytes);

  // jpeg_read_header: markers up to the first SOS.
  if (readMarkers(state) === 'eoi') {
    if (state.sawSOF) throw new JpegDctError('Invalid JPEG file structure: missing SOS marker');
    throw new JpegDctError('JPEG datastream contains no image');
  }
  const geometry = initialSetup(state);
  warnAboutColourTransform(state);
  if (state.arithmetic) throw new JpegDctError('Arithmetic-coded JPEG is not supported by the coefficient reader');
  let needed = 0;
  for (const component of state.components) needed += component.blocksWide * component.blocksHigh * 64 * 2;
  if (needed > maxBytes) {
    throw new JpegDctError(`Coefficient arrays would need ${needed} bytes, over the limit of ${Math.round(maxBytes)} bytes`);
  }
  for (const component of state.components) {
    component.coefficients = new Int16Array(component.blocksWide * component.blocksHigh * 64);
  }

  // jpeg_read_coefficients: the sequential decoder installs the standard tables in empty slots 0 and 1.
  if (!state.progressive) {
    const standard = standardTables();
    for (let slot = 0; slot < 2; slot++) {
      state.dcTables[slot] ??= standard.dc[slot] as (typeof standard.dc)[0];
      state.acTables[slot] ??= standard.ac[slot] as (typeof standard.ac)[0];
    }
  }
  const entropy = new EntropyDecoder(state);
  const blocks: McuBlocks = {
    count: 0,
    arrays: new Array<Int16Array>(MAX_BLOCKS_IN_MCU).fill(new Int16Array(0)),
    offsets: new Int32Array(MAX_BLOCKS_IN_MCU),
    membership: new Int32Array(MAX_BLOCKS_IN_MCU),
  };
  startInputPass(state, entropy, blocks);
  for (;;) {
    // libjpeg's progress monitor (set by the addon) refuses a scan past the limit before decoding it.
    if (state.scanNumber > maxScans) throw new JpegDctError(`Scan number ${state.scanNumber} exceeds maximum scans (${maxScans})`);
    decodeScan(state, geometry, entropy, blocks);
    if (readMarkers(state) === 'eoi') break;
    if (!geometry.hasMultipleScans) throw new JpegDctError("Didn't expect more than one scan");
    startInputPass(state, entropy, blocks);
  }
  return {
    width: state.width,
    height: state.height,
    progressive: state.progressive,
    components: state.components.map((component) => toResult(state, component)),
    warnings: [...state.source.warnings],
  };
}

/** jdinput.c initial_setup, at the first SOS. */
function initialSetup(state: JpegState): FrameGeometry {
  if (state.height > MAX_DIMENSION || state.width > MAX_DIMENSION) {
    throw new JpegDctError(`Maximum supported image dimension is ${MAX_DIMENSION} pixels`);
  }
  if (state.precision !== 8) throw new JpegDctError(`Unsupported JPEG data precision ${state.precision}`);
  if (state.components.length > MAX_COMPONENTS) {
    throw new JpegDctError(`Too many color components: ${state.components.length}, max ${MAX_COMPONENTS}`);
  }
  let maxH = 1;
  let maxV = 1;
  for (const c of state.components) {
    // Sampling factors are 1..4 (T.81 B.2.2).
    if (c.h <= 0 || c.h > 4 || c.v <= 0 || c.v > 4) throw new JpegDctError('Bogus sampling factors');
    maxH = Math.max(maxH, c.h);
    maxV = Math.max(maxV, c.v);
  }
  for (const c of state.components) {
    c.widthInBlocks = Math.ceil((state.width * c.h) / (maxH * 8));
    c.heightInBlocks = Math.ceil((state.height * c.v) / (maxV * 8));
    c.blocksWide = Math.ceil(c.widthInBlocks / c.h) * c.h;
    c.blocksHigh = Math.ceil(c.heightInBlocks / c.v) * c.v;
    c.latchedQuant = null;
  }
  const scan = state.scan as ScanHeader;
  return {
    maxH,
    maxV,
    totalIMcuRows: Math.ceil(state.height / (maxV * 8)),
    hasMultipleScans: scan.components.length < state.components.length || state.progressive,
  };
}

/** The only warnings of jdapimin.c default_decompress_parms. */
function warnAboutColourTransform(state: JpegState): void {
  const count = state.components.length;
  const t = state.adobeTransform;
  if (count === 3 && !state.sawJFIF && state.sawAdobe && t !== 0 && t !== 1) {
    state.source.warn(`Unknown Adobe color transform code ${t}`);
  } else if (count === 4 && state.sawAdobe && t !== 0 && t !== 2) {
    state.source.warn(`Unknown Adobe color transform code ${t}`);
  }
}

/** jdinput.c start_input_pass: per_scan_setup, latch_quant_tables, entropy start_pass. */
function startInputPass(state: JpegState, entropy: EntropyDecoder, blocks: McuBlocks): void {
  const scan = state.scan as ScanHeader;
  let count = 0;
  if (scan.components.length === 1) {
    const c = scan.components[0] as ComponentInfo;
    c.mcuWidth = 1;
    c.mcuHeight = 1;
    c.lastRowHeight = c.heightInBlocks % c.v || c.v;
    blocks.membership[0] = 0;
    count = 1;
  } else {
    scan.components.forEach((c, ci) => {
      c.mcuWidth = c.h;
      c.mcuHeight = c.v;
      c.lastRowHeight = c.heightInBlocks % c.v || c.v;
      if (count + c.h * c.v > MAX_BLOCKS_IN_MCU) throw new JpegDctError('Sampling factors too large for interleaved scan');
      for (let b = 0; b < c.h * c.v; b++) blocks.membership[count++] = ci;
    });
  }
  blocks.count = count;
  for (const c of scan.components) {
    if (c.latchedQuant !== null) continue;
    const table = c.quantTableNumber < 4 ? state.quantTables[c.quantTableNumber] : null;
    if (!table) throw new JpegDctError(`Quantization table 0x${hex2(c.quantTableNumber)} was not defined`);
    c.latchedQuant = table.slice();
  }
  entropy.startPass(scan);
}

/** jdcoefct.c consume_data over every iMCU row of the scan. */
function decodeScan(state: JpegState, geometry: FrameGeometry, entropy: EntropyDecoder, blocks: McuBlocks): void {
  const scan = state.scan as ScanHeader;
  const components = scan.components;
  const interleaved = components.length > 1;
  const single = components[0] as ComponentInfo;
  const mcusPerRow = interleaved ? Math.ceil(state.width / (geometry.maxH * 8)) : single.widthInBlocks;
  const { arrays, offsets } = blocks;
  for (let iMcuRow = 0; iMcuRow < geometry.totalIMcuRows; iMcuRow++) {
    const mcuRows = interleaved ? 1 : iMcuRow < geometry.totalIMcuRows - 1 ? single.v : single.lastRowHeight;
    for (let yOffset = 0; yOffset < mcuRows; yOffset++) {
      for (let mcuCol = 0; mcuCol < mcusPerRow; mcuCol++) {
        let blkn = 0;
        for (const c of components) {
          const startCol = mcuCol * c.mcuWidth;
          for (let y = 0; y < c.mcuHeight; y++) {
            const rowBase = ((iMcuRow * c.v + y + yOffset) * c.blocksWide + startCol) * 64;
            for (let x = 0; x < c.mcuWidth; x++) {
              arrays[blkn] = c.coefficients;
              offsets[blkn++] = rowBase + x * 64;
            }
          }
        }
        entropy.decodeMcu(blocks);
      }
    }
  }
}

function toResult(state: JpegState, c: ComponentInfo): DctComponent {
  const slot = c.quantTableNumber < 4 ? state.quantTables[c.quantTableNumber] : null;
  const quantTable = c.latchedQuant ?? (slot ? slot.slice() : new Uint16Array(64));
  return {
    id: c.id,
    h: c.h,
    v: c.v,
    widthInBlocks: c.widthInBlocks,
    heightInBlocks: c.heightInBlocks,
    blocksWide: c.blocksWide,
    blocksHigh: c.blocksHigh,
    quantTable,
    coefficients: c.coefficients,
  };
}
