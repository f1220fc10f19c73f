/**
 * Huffman tables as libjpeg-turbo keeps them (jdhuff.c): the raw DHT content, and the derived decoding
 * table built, with the same validation, at the start of every scan that uses it.
 */
import { hex2 } from './byte-source';
import { STD_AC_CHROMINANCE, STD_AC_LUMINANCE, STD_DC_CHROMINANCE, STD_DC_LUMINANCE, type HuffmanSpec } from '../jpeg/standard-tables';
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
 * (jstdhuff.c; Motion-JPEG frames omit them). Not used for progressive files, as in libjpeg. The tables
 * themselves are the structure reader's (`forensics/jpeg/standard-tables.ts`); `bits` is 1-based here.
 */
export function standardTables(): { dc: [HuffTable, HuffTable]; ac: [HuffTable, HuffTable] } {
  const table = (spec: HuffmanSpec) => makeTable([0, ...spec.counts], spec.symbols);
  return { dc: [table(STD_DC_LUMINANCE), table(STD_DC_CHROMINANCE)], ac: [table(STD_AC_LUMINANCE), table(STD_AC_CHROMINANCE)] };
}
