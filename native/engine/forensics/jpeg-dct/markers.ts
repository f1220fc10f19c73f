/**
 * Marker reader, a line-by-line port of libjpeg-turbo 2.1's jdmarker.c `read_markers` (the parts a
 * coefficient reader needs): same checks in the same order, same error texts, so that a damaged header
 * fails, or is accepted, exactly as with the native reader.
 */
import { ByteSource, hex2 } from './byte-source';
import type { HuffTable } from './huffman';
import { JpegDctError, NATURAL_ORDER } from './types';

export interface ComponentInfo {
  readonly index: number;
  readonly id: number;
  readonly h: number;
  readonly v: number;
  readonly quantTableNumber: number;
  dcTable: number;
  acTable: number;
  widthInBlocks: number;
  heightInBlocks: number;
  blocksWide: number;
  blocksHigh: number;
  /** Copy of the quantization table taken at the component's first scan (latch_quant_tables). */
  latchedQuant: Uint16Array | null;
  coefficients: Int16Array;
  // Per-scan geometry (per_scan_setup).
  mcuWidth: number;
  mcuHeight: number;
  lastRowHeight: number;
}

export interface ScanHeader {
  readonly components: readonly ComponentInfo[];
  readonly ss: number;
  readonly se: number;
  readonly ah: number;
  readonly al: number;
}

export class JpegState {
  readonly source: ByteSource;
  sawSOI = false;
  sawSOF = false;
  progressive = false;
  arithmetic = false;
  precision = 0;
  width = 0;
  height = 0;
  components: ComponentInfo[] = [];
  readonly quantTables: (Uint16Array | null)[] = [null, null, null, null];
  readonly dcTables: (HuffTable | null)[] = [null, null, null, null];
  readonly acTables: (HuffTable | null)[] = [null, null, null, null];
  restartInterval = 0;
  scan: ScanHeader | null = null;
  scanNumber = 0;
  nextRestartNum = 0;
  sawJFIF = false;
  sawAdobe = false;
  adobeTransform = 0;

  constructor(bytes: Uint8Array) {
    this.source = new ByteSource(bytes);
  }
}

const M_SOF0 = 0xc0;
const M_RST0 = 0xd0;
const M_RST7 = 0xd7;
const M_APP0 = 0xe0;
const M_APP14 = 0xee;
/** Lossless, hierarchical and arithmetic-lossless processes, and JPG: refused by libjpeg. */
const UNSUPPORTED_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc8, 0xcb, 0xcd, 0xce, 0xcf]);

/** Reads markers up to the next SOS (its header parsed into `state.scan`) or EOI. */
export function readMarkers(state: JpegState): 'sos' | 'eoi' {
  const source = state.source;
  for (;;) {
    if (source.unreadMarker === 0) {
      if (!state.sawSOI) source.firstMarker();
      else source.nextMarker();
    }
    const marker = source.unreadMarker;
    if (marker === 0xd8) readSOI(state);
    else if (marker === 0xc0 || marker === 0xc1) readSOF(state, false, false);
    else if (marker === 0xc2) readSOF(state, true, false);
    else if (marker === 0xc9) readSOF(state, false, true);
    else if (marker === 0xca) readSOF(state, true, true);
    else if (UNSUPPORTED_SOF.has(marker)) {
      throw new JpegDctError(`Unsupported JPEG process: SOF type 0x${hex2(marker)}`);
    } else if (marker === 0xda) {
      readSOS(state);
      source.unreadMarker = 0;
      return 'sos';
    } else if (marker === 0xd9) {
      source.unreadMarker = 0;
      return 'eoi';
    } else if (marker === 0xcc) readDAC(state);
    else if (marker === 0xc4) readDHT(state);
    else if (marker === 0xdb) readDQT(state);
    else if (marker === 0xdd) readDRI(state);
    else if (marker === M_APP0 || marker === M_APP14) readInterestingAppn(state, marker);
    else if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe || marker === 0xdc) skipVariable(source);
    else if ((marker >= M_RST0 && marker <= M_RST7) || marker === 0x01) {
      // Parameterless markers: ignored.
    } else throw new JpegDctError(`Unsupported marker type 0x${hex2(marker)}`);
    source.unreadMarker = 0;
  }
}

function readSOI(state: JpegState): void {
  if (state.sawSOI) throw new JpegDctError('Invalid JPEG file structure: two SOI markers');
  state.restartInterval = 0;
  state.sawJFIF = false;
  state.sawAdobe = false;
  state.adobeTransform = 0;
  state.sawSOI = true;
}

function readSOF(state: JpegState, progressive: boolean, arithmetic: boolean): void {
  const source = state.source;
  state.progressive = progressive;
  state.arithmetic = arithmetic;
  let length = source.read2Bytes();
  state.precision = source.readByte();
  state.height = source.read2Bytes();
  state.width = source.read2Bytes();
  const count = source.readByte();
  length -= 8;
  if (state.sawSOF) throw new JpegDctError('Invalid JPEG file structure: two SOF markers');
  if (state.height <= 0 || state.width <= 0 || count <= 0) throw new JpegDctError('Empty JPEG image (DNL not supported)');
  if (length !== count * 3) throw new JpegDctError('Bogus marker length');
  const components: ComponentInfo[] = [];
  for (let index = 0; index < count; index++) {
    const id = source.readByte();
    const sampling = source.readByte();
    const quantTableNumber = source.readByte();
    components.push({
      index,
      id,
      h: (sampling >> 4) & 15,
      v: sampling & 15,
      quantTableNumber,
      dcTable: 0,
      acTable: 0,
      widthInBlocks: 0,
      heightInBlocks: 0,
      blocksWide: 0,
      blocksHigh: 0,
      latchedQuant: null,
      coefficients: new Int16Array(0),
      mcuWidth: 1,
      mcuHeight: 1,
      lastRowHeight: 1,
    });
  }
  state.components = components;
  state.sawSOF = true;
}

function readSOS(state: JpegState): void {
  const source = state.source;
  if (!state.sawSOF) throw new JpegDctError('Invalid JPEG file structure: SOS before SOF');
  const length = source.read2Bytes();
  const n = source.readByte();
  if (length !== n * 2 + 6 || n < 1 || n > 4) throw new JpegDctError('Bogus marker length');
  // libjpeg matches ids against the first 4 components only, and (its duplicate-id guard) skips a
  // component whose *index* is already used as a scan position; ported as is.
  const current: (ComponentInfo | null)[] = [null, null, null, null];
  for (let i = 0; i < n; i++) {
    const cc = source.readByte();
    const c = source.readByte();
    let found: ComponentInfo | null = null;
    for (let ci = 0; ci < state.components.length && ci < 4; ci++) {
      const candidate = state.components[ci] as ComponentInfo;
      if (cc === candidate.id && current[ci] === null) {
        found = candidate;
        break;
      }
    }
    if (found === null) throw new JpegDctError(`Invalid component ID ${cc} in SOS`);
    current[i] = found;
    found.dcTable = (c >> 4) & 15;
    found.acTable = c & 15;
    for (let pi = 0; pi < i; pi++) {
      if (current[pi] === found) throw new JpegDctError(`Invalid component ID ${cc} in SOS`);
    }
  }
  const ss = source.readByte();
  const se = source.readByte();
  const a = source.readByte();
  state.scan = { components: current.slice(0, n) as ComponentInfo[], ss, se, ah: (a >> 4) & 15, al: a & 15 };
  state.nextRestartNum = 0;
  state.scanNumber++;
}

function readDAC(state: JpegState): void {
  const source = state.source;
  let length = source.read2Bytes() - 2;
  while (length > 0) {
    const index = source.readByte();
    const value = source.readByte();
    length -= 2;
    if (index >= 32) throw new JpegDctError(`Bogus DAC index ${index}`);
    if (index < 16 && (value & 0x0f) > value >> 4) throw new JpegDctError(`Bogus DAC value 0x${value.toString(16)}`);
  }
  if (length !== 0) throw new JpegDctError('Bogus marker length');
}

function readDHT(state: JpegState): void {
  const source = state.source;
  let length = source.read2Bytes() - 2;
  while (length > 16) {
    let index = source.readByte();
    const bits = new Uint8Array(17);
    let count = 0;
    for (let i = 1; i <= 16; i++) {
      bits[i] = source.readByte();
      count += bits[i] as number;
    }
    length -= 1 + 16;
    if (count > 256 || count > length) throw new JpegDctError('Bogus Huffman table definition');
    const huffval = new Uint8Array(256);
    for (let i = 0; i < count; i++) huffval[i] = source.readByte();
    length -= count;
    let slots = state.dcTables;
    if (index & 0x10) {
      index -= 0x10;
      slots = state.acTables;
    }
    if (index < 0 || index >= 4) throw new JpegDctError(`Bogus DHT index ${index}`);
    slots[index] = { bits, huffval };
  }
  if (length !== 0) throw new JpegDctError('Bogus marker length');
}

function readDQT(state: JpegState): void {
  const source = state.source;
  let length = source.read2Bytes() - 2;
  while (length > 0) {
    let n = source.readByte();
    const precision = n >> 4;
    n &= 0x0f;
    if (n >= 4) throw new JpegDctError(`Bogus DQT index ${n}`);
    // libjpeg overwrites the slot in place, so a partial redefinition keeps nothing of the old one anyway.
    const table = state.quantTables[n] ?? new Uint16Array(64);
    state.quantTables[n] = table;
    for (let i = 0; i < 64; i++) table[NATURAL_ORDER[i] as number] = precision ? source.read2Bytes() : source.readByte();
    length -= 64 + 1;
    if (precision) length -= 64;
  }
  if (length !== 0) throw new JpegDctError('Bogus marker length');
}

function readDRI(state: JpegState): void {
  const source = state.source;
  if (source.read2Bytes() !== 4) throw new JpegDctError('Bogus marker length');
  state.restartInterval = source.read2Bytes();
}

/** get_interesting_appn: looks at the first 14 bytes of APP0 (JFIF) and APP14 (Adobe), skips the rest. */
function readInterestingAppn(state: JpegState, marker: number): void {
  const source = state.source;
  let length = source.read2Bytes() - 2;
  const toRead = length >= 14 ? 14 : length > 0 ? length : 0;
  const b: number[] = [];
  for (let i = 0; i < toRead; i++) b.push(source.readByte());
  length -= toRead;
  const at = (i: number): number => b[i] ?? 0;
  if (marker === M_APP0) {
    if (toRead >= 14 && at(0) === 0x4a && at(1) === 0x46 && at(2) === 0x49 && at(3) === 0x46 && at(4) === 0) {
      state.sawJFIF = true;
      if (at(5) !== 1) source.warn(`Warning: unknown JFIF revision number ${at(5)}.${String(at(6)).padStart(2, '0')}`);
    }
  } else if (toRead >= 12 && at(0) === 0x41 && at(1) === 0x64 && at(2) === 0x6f && at(3) === 0x62 && at(4) === 0x65) {
    state.sawAdobe = true;
    state.adobeTransform = at(11);
  }
  if (length > 0) source.skip(length);
}

function skipVariable(source: ByteSource): void {
  const length = source.read2Bytes() - 2;
  if (length > 0) source.skip(length);
}

/** jpeg_resync_to_restart: recovery when the marker found is not the RSTn expected. */
export function resyncToRestart(state: JpegState, desired: number): void {
  const source = state.source;
  let marker = source.unreadMarker;
  source.warn(`Corrupt JPEG data: found marker 0x${hex2(marker)} instead of RST${desired}`);
  for (;;) {
    let action: 1 | 2 | 3;
    if (marker < M_SOF0) action = 2;
    else if (marker < M_RST0 || marker > M_RST7) action = 3;
    else if (marker === M_RST0 + ((desired + 1) & 7) || marker === M_RST0 + ((desired + 2) & 7)) action = 3;
    else if (marker === M_RST0 + ((desired - 1) & 7) || marker === M_RST0 + ((desired - 2) & 7)) action = 2;
    else action = 1;
    if (action === 1) {
      source.unreadMarker = 0;
      return;
    }
    if (action === 3) return;
    source.nextMarker();
    marker = source.unreadMarker;
  }
}

/** read_restart_marker. */
export function readRestartMarker(state: JpegState): void {
  const source = state.source;
  if (source.unreadMarker === 0) source.nextMarker();
  if (source.unreadMarker === M_RST0 + state.nextRestartNum) source.unreadMarker = 0;
  else resyncToRestart(state, state.nextRestartNum);
  state.nextRestartNum = (state.nextRestartNum + 1) & 7;
}
