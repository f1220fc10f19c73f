/**
 * Huffman entropy decoders, ports of libjpeg-turbo 2.1's jdhuff.c (sequential) and jdphuff.c
 * (progressive: DC/AC first scans and successive-approximation refinements). Coefficients are written
 * in natural order straight into the component arrays; blocks are never cleared first, so a later scan
 * adds to what earlier scans wrote, exactly as libjpeg's buffered-image decoding does.
 */
import { BitReader, extend, readAcCoefficient } from './bit-reader';
import type { DerivedTable } from './huffman';
import { deriveTable } from './huffman';
import type { JpegState, ScanHeader } from './markers';
import { readRestartMarker } from './markers';
import { JpegDctError, NATURAL_ORDER } from './types';

/** The blocks of one MCU: coefficient array and offset of each, and its component's position in the scan. */
export interface McuBlocks {
  count: number;
  readonly arrays: Int16Array[];
  readonly offsets: Int32Array;
  readonly membership: Int32Array;
}

/** Blocks per MCU libjpeg accepts (D_MAX_BLOCKS_IN_MCU). */
export const MAX_BLOCKS_IN_MCU = 10;

type McuMode = 'sequential' | 'dc-first' | 'ac-first' | 'dc-refine' | 'ac-refine';

export class EntropyDecoder {
  private readonly reader: BitReader;
  private readonly lastDc = new Int32Array(4);
  private readonly dcTables: DerivedTable[] = [];
  private readonly acTables: DerivedTable[] = [];
  private restartsToGo = 0;
  private eobrun = 0;
  private mode: McuMode = 'sequential';
  private scan: ScanHeader | null = null;
  /** Progressive only: per component and coefficient, the last successive-approximation bit (-1 = none yet). */
  private readonly coefBits: Int32Array;

  constructor(private readonly state: JpegState) {
    this.reader = new BitReader(state.source);
    this.coefBits = new Int32Array(state.components.length * 64).fill(-1);
  }

  /** start_pass_huff_decoder / start_pass_phuff_decoder. */
  startPass(scan: ScanHeader): void {
    this.scan = scan;
    if (this.state.progressive) this.startProgressivePass(scan);
    else {
      if (scan.ss !== 0 || scan.se !== 63 || scan.ah !== 0 || scan.al !== 0) {
        this.state.source.warn('Invalid SOS parameters for sequential JPEG');
      }
      this.mode = 'sequential';
      scan.components.forEach((component, ci) => {
        this.dcTables[ci] = deriveTable(this.state.dcTables[component.dcTable] ?? null, true, component.dcTable);
        this.acTables[ci] = deriveTable(this.state.acTables[component.acTable] ?? null, false, component.acTable);
      });
    }
    this.lastDc.fill(0);
    this.reader.reset();
    this.eobrun = 0;
    this.restartsToGo = this.state.restartInterval;
  }

  private startProgressivePass(scan: ScanHeader): void {
    const { ss, se, ah, al } = scan;
    const isDcBand = ss === 0;
    let bad = false;
    if (isDcBand) bad = se !== 0;
    else bad = ss > se || se >= 64 || scan.components.length !== 1;
    if (ah !== 0 && al !== ah - 1) bad = true;
    // Point transforms above 13 cannot occur in 8-bit data; libjpeg refuses them.
    if (al > 13) bad = true;
    if (bad) throw new JpegDctError(`Invalid progressive parameters Ss=${ss} Se=${se} Ah=${ah} Al=${al}`);
    for (const component of scan.components) {
      const base = component.index * 64;
      if (!isDcBand && (this.coefBits[base] as number) < 0) {
        this.state.source.warn(`Inconsistent progression sequence for component ${component.index} coefficient 0`);
      }
      for (let k = ss; k <= se; k++) {
        const previous = this.coefBits[base + k] as number;
        if (ah !== (previous < 0 ? 0 : previous)) {
          this.state.source.warn(`Inconsistent progression sequence for component ${component.index} coefficient ${k}`);
        }
        this.coefBits[base + k] = al;
      }
    }
    this.mode = ah === 0 ? (isDcBand ? 'dc-first' : 'ac-first') : isDcBand ? 'dc-refine' : 'ac-refine';
    scan.components.forEach((component, ci) => {
      if (isDcBand) {
        if (ah === 0) this.dcTables[ci] = deriveTable(this.state.dcTables[component.dcTable] ?? null, true, component.dcTable);
      } else {
        this.acTables[0] = deriveTable(this.state.acTables[component.acTable] ?? null, false, component.acTable);
      }
    });
  }

  private processRestart(): void {
    this.reader.discardBuffered();
    readRestartMarker(this.state);
    this.lastDc.fill(0);
    this.eobrun = 0;
    this.restartsToGo = this.state.restartInterval;
    if (this.state.source.unreadMarker === 0) this.reader.insufficient = false;
  }

  decodeMcu(blocks: McuBlocks): void {
    const interval = this.state.restartInterval;
    if (interval !== 0 && this.restartsToGo === 0) this.processRestart();
    // DC refinement reads on regardless (zero bits change nothing); the others leave the MCU untouched.
    if (this.mode === 'dc-refine') this.decodeDcRefine(blocks);
    else if (!this.reader.insufficient) {
      if (this.mode === 'sequential') this.decodeSequential(blocks);
      else if (this.mode === 'dc-first') this.decodeDcFirst(blocks);
      else if (this.mode === 'ac-first') this.decodeAcFirst(blocks);
      else this.decodeAcRefine(blocks);
    }
    if (interval !== 0) this.restartsToGo--;
  }

  private decodeSequential(blocks: McuBlocks): void {
    const reader = this.reader;
    const lastDc = this.lastDc;
    for (let blkn = 0; blkn < blocks.count; blkn++) {
      const ci = blocks.membership[blkn] as number;
      const coef = blocks.arrays[blkn] as Int16Array;
      const offset = blocks.offsets[blkn] as number;
      let s = reader.decode(this.dcTables[ci] as DerivedTable);
      if (s !== 0) s = extend(reader.getBits(s), s);
      // libjpeg adds in plain int (wrapping in practice) and stores as a 16-bit JCOEF.
      s = (s + (lastDc[ci] as number)) | 0;
      lastDc[ci] = s;
      coef[offset] = s;
      const ac = this.acTables[ci] as DerivedTable;
      for (let k = 1; k < 64; k++) {
        const packed = readAcCoefficient(reader, ac);
        if ((packed & 15) !== 0) {
          k += (packed >> 4) & 15;
          coef[offset + (NATURAL_ORDER[k] as number)] = packed >> 12;
        } else {
          if (packed >> 4 !== 15) break;
          k += 15;
        }
      }
    }
  }

  private decodeDcFirst(blocks: McuBlocks): void {
    const reader = this.reader;
    const al = (this.scan as ScanHeader).al;
    for (let blkn = 0; blkn < blocks.count; blkn++) {
      const ci = blocks.membership[blkn] as number;
      let s = reader.decode(this.dcTables[ci] as DerivedTable);
      if (s !== 0) s = extend(reader.getBits(s), s);
      const last = this.lastDc[ci] as number;
      // jdphuff.c refuses a running DC that would overflow a 32-bit int.
      if ((last >= 0 && s > 0x7fffffff - last) || (last < 0 && s < -0x80000000 - last)) {
        throw new JpegDctError('DCT coefficient out of range');
      }
      s += last;
      this.lastDc[ci] = s;
      (blocks.arrays[blkn] as Int16Array)[blocks.offsets[blkn] as number] = s << al;
    }
  }

  private decodeAcFirst(blocks: McuBlocks): void {
    const { ss, se, al } = this.scan as ScanHeader;
    if (this.eobrun > 0) {
      this.eobrun--;
      return;
    }
    const reader = this.reader;
    const table = this.acTables[0] as DerivedTable;
    const coef = blocks.arrays[0] as Int16Array;
    const offset = blocks.offsets[0] as number;
    for (let k = ss; k <= se; k++) {
      const packed = readAcCoefficient(reader, table);
      const r = (packed >> 4) & 15;
      if ((packed & 15) !== 0) {
        k += r;
        coef[offset + (NATURAL_ORDER[k] as number)] = (packed >> 12) << al;
      } else if (r === 15) {
        k += 15;
      } else {
        // EOBr: a run of 2^r + (r appended bits) bands, this one included.
        this.eobrun = (1 << r) + (r !== 0 ? reader.getBits(r) : 0) - 1;
        break;
      }
    }
  }

  private decodeDcRefine(blocks: McuBlocks): void {
    const p1 = 1 << (this.scan as ScanHeader).al;
    for (let blkn = 0; blkn < blocks.count; blkn++) {
      if (this.reader.getBit() !== 0) {
        const coef = blocks.arrays[blkn] as Int16Array;
        const offset = blocks.offsets[blkn] as number;
        coef[offset] = (coef[offset] as number) | p1;
      }
    }
  }

  private decodeAcRefine(blocks: McuBlocks): void {
    const { ss, se, al } = this.scan as ScanHeader;
    const reader = this.reader;
    const table = this.acTables[0] as DerivedTable;
    const coef = blocks.arrays[0] as Int16Array;
    const offset = blocks.offsets[0] as number;
    const p1 = 1 << al;
    const m1 = -1 << al;
    let eobrun = this.eobrun;
    let k = ss;
    if (eobrun === 0) {
      for (; k <= se; k++) {
        const rs = reader.decode(table);
        let r = rs >> 4;
        let s = rs & 15;
        if (s !== 0) {
          // A newly non-zero coefficient in a refinement scan is always of size 1.
          if (s !== 1) this.state.source.warn('Corrupt JPEG data: bad Huffman code');
          s = reader.getBit() !== 0 ? p1 : m1;
        } else if (r !== 15) {
          eobrun = 1 << r;
          if (r !== 0) eobrun += reader.getBits(r);
          break;
        }
        do {
          const position = offset + (NATURAL_ORDER[k] as number);
          const value = coef[position] as number;
          if (value !== 0) {
            if (reader.getBit() !== 0 && (value & p1) === 0) coef[position] = value >= 0 ? value + p1 : value + m1;
          } else if (--r < 0) {
            break;
          }
          k++;
        } while (k <= se);
        if (s !== 0) coef[offset + (NATURAL_ORDER[k] as number)] = s;
      }
    }
    if (eobrun > 0) {
      for (; k <= se; k++) {
        const position = offset + (NATURAL_ORDER[k] as number);
        const value = coef[position] as number;
        if (value !== 0 && reader.getBit() !== 0 && (value & p1) === 0) {
          coef[position] = value >= 0 ? value + p1 : value + m1;
        }
      }
      eobrun--;
    }
    this.eobrun = eobrun;
  }
}
