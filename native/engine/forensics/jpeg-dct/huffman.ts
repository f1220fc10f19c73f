/**
 * Huffman tables as libjpeg-turbo keeps them (jdhuff.c): the raw DHT content, and the derived decoding
 * table built, with the same validation, at the start of every scan that uses it.
 */
import { hex2 } from './byte-source';
import { JpegDctError } from './types';

/** A DHT table: code counts per length (bits[1..16]) and symbols (huffval), as in JHUFF_TBL. */
export interface HuffTable {
  readonly bits: Uint8Array;
  readonly huffval: Uint8Array;
}

/**
 * Codes up to LOOKAHEAD bits decode with one table read. 9 (libjpeg uses 8) covers nearly every code of
 * typical AC tables; longer codes fall back to the bit-serial search of T.81 Figure F.16. The lookahead
 * is only an accelerator: results equal the bit-serial definition for every valid (prefix-free) table.
 */
export const LOOKAHEAD = 9;

export interface DerivedTable {
  /** (code length << 8) | symbol for codes of at most LOOKAHEAD bits, indexed by the next LOOKAHEAD bits; 0 = longer. */
  readonly lookup: Int32Array;
  /** Largest code of each length 1..16 (-1 if none); maxcode[17] is the sentinel that ends the search. */
  readonly maxcode: Int32Array;
  /** Symbol index of each length's first code, minus that code. */
  readonly valoffset: Int32Array;
  readonly huffval: Uint8Array;
  /**
   * AC tables only: for a code and its magnitude bits that together fit in LOOKAHEAD bits, the whole
   * coefficient in one read, packed as value * 65536 + run * 256 + size * 16 + total bit count; 0 = not
   * available (longer code, EOB, ZRL). Equivalent to decoding the symbol and then its bits.
   */
  readonly fastAc: Int32Array;
}

/** jpeg_make_d_derived_tbl, with its checks and error texts. */
export function deriveTable(table: HuffTable | null, isDC: boolean, tableNumber: number): DerivedTable {
  if (tableNumber < 0 || tableNumber >= 4 || table === null) {
    throw new JpegDctError(`Huffman table 0x${hex2(tableNumber)} was not defined`);
  }
  const huffsize = new Uint8Array(257);
  const huffcode = new Uint32Array(257);
  let p = 0;
  for (let l = 1; l <= 16; l++) {
    const count = table.bits[l] as number;
    if (p + count > 256) throw new JpegDctError('Bogus Huffman table definition');
    for (let i = 0; i < count; i++) huffsize[p++] = l;
  }
  huffsize[p] = 0;
  const symbolCount = p;

  let code = 0;
  let si = huffsize[0] as number;
  p = 0;
  while (huffsize[p] !== 0) {
    while (huffsize[p] === si) {
      huffcode[p++] = code;
      code++;
    }
    // No code may be all ones: the next code must still fit in si bits.
    if (code >= 2 ** si) throw new JpegDctError('Bogus Huffman table definition');
    code *= 2;
    si++;
  }

  const maxcode = new Int32Array(18);
  const valoffset = new Int32Array(18);
  p = 0;
  for (let l = 1; l <= 16; l++) {
    const count = table.bits[l] as number;
    if (count !== 0) {
      valoffset[l] = p - (huffcode[p] as number);
      p += count;
      maxcode[l] = huffcode[p - 1] as number;
    } else {
      maxcode[l] = -1;
    }
  }
  valoffset[17] = 0;
  maxcode[17] = 0xfffff;

  const lookup = new Int32Array(1 << LOOKAHEAD);
  p = 0;
  for (let l = 1; l <= LOOKAHEAD; l++) {
    const count = table.bits[l] as number;
    for (let i = 0; i < count; i++, p++) {
      const first = (huffcode[p] as number) << (LOOKAHEAD - l);
      const entry = (l << 8) | (table.huffval[p] as number);
      for (let fill = 0; fill < 1 << (LOOKAHEAD - l); fill++) lookup[first + fill] = entry;
    }
  }

  if (isDC) {
    // DC symbols are bit counts of the difference: libjpeg accepts 0..15.
    for (let i = 0; i < symbolCount; i++) {
      if ((table.huffval[i] as number) > 15) throw new JpegDctError('Bogus Huffman table definition');
    }
  }
  return { lookup, maxcode, valoffset, huffval: table.huffval, fastAc: isDC ? new Int32Array(0) : fastAcTable(lookup) };
}

function fastAcTable(lookup: Int32Array): Int32Array {
  const fastAc = new Int32Array(1 << LOOKAHEAD);
  for (let bits = 0; bits < 1 << LOOKAHEAD; bits++) {
    const entry = lookup[bits] as number;
    if (entry === 0) continue;
    const codeLength = entry >> 8;
    const run = (entry >> 4) & 15;
    const size = entry & 15;
    if (size === 0 || codeLength + size > LOOKAHEAD) continue;
    const raw = (bits >> (LOOKAHEAD - codeLength - size)) & ((1 << size) - 1);
    const value = raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw;
    fastAc[bits] = value * 65536 + run * 256 + size * 16 + codeLength + size;
  }
  return fastAc;
}

function makeTable(bits: readonly number[], values: readonly number[]): HuffTable {
  const huffval = new Uint8Array(256);
  huffval.set(values);
  return { bits: Uint8Array.from(bits), huffval };
}

/**
 * The T.81 Annex K tables libjpeg installs in empty slots 0 and 1 when a sequential decoder starts
 * (jstdhuff.c; Motion-JPEG frames omit them). Not used for progressive files, as in libjpeg.
 */
export function standardTables(): { dc: [HuffTable, HuffTable]; ac: [HuffTable, HuffTable] } {
  const dcLuminance = makeTable([0, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const dcChrominance = makeTable([0, 0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const acLuminance = makeTable([0, 0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d], AC_LUMINANCE_VALUES);
  const acChrominance = makeTable([0, 0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77], AC_CHROMINANCE_VALUES);
  return { dc: [dcLuminance, dcChrominance], ac: [acLuminance, acChrominance] };
}

const AC_LUMINANCE_VALUES = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14,
  0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09,
  0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
  0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65,
  0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
  0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,
  0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca,
  0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
  0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];

const AC_CHROMINANCE_VALUES = [
  0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32,
  0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16,
  0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39,
  0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64,
  0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86,
  0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
  0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8,
  0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9,
  0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];
