/**
 * Entropy-coded-segment bit reader with libjpeg-turbo's semantics (jdhuff.c `jpeg_fill_bit_buffer`):
 * FF 00 is a data byte FF (any run of FFs before the 00 too), FF followed by anything else is a marker,
 * which is remembered in `source.unreadMarker` and never read past. Bits asked for beyond the marker are
 * zeros; the first time that happens in a segment the "premature end of data segment" warning is issued
 * and `insufficient` is set, after which the decoders leave the rest of the segment's MCUs untouched
 * (zero), exactly as libjpeg does.
 */
import type { ByteSource } from './byte-source';
import type { DerivedTable } from './huffman';
import { LOOKAHEAD } from './huffman';

/** Refill when fewer bits than this remain: the longest single read is a 17-bit Huffman search. */
const REFILL_BELOW = 25;
const LOOKAHEAD_MASK = (1 << LOOKAHEAD) - 1;

export class BitReader {
  /** Up to 32 buffered bits, the next one at position bitsLeft - 1. */
  private bitBuf = 0;
  private bitsLeft = 0;
  /** How many of the buffered low bits are zero padding past a marker. */
  private padBits = 0;
  /** libjpeg's `entropy->insufficient_data`. */
  insufficient = false;

  constructor(private readonly source: ByteSource) {}

  /** Start of a scan. */
  reset(): void {
    this.bitBuf = 0;
    this.bitsLeft = 0;
    this.padBits = 0;
    this.insufficient = false;
  }

  /** process_restart: throw away the buffered bits (their whole bytes count as discarded). */
  discardBuffered(): void {
    this.source.discardedBytes += ((this.bitsLeft - this.padBits) / 8) | 0;
    this.bitBuf = 0;
    this.bitsLeft = 0;
    this.padBits = 0;
  }

  private fill(): void {
    const source = this.source;
    const bytes = source.bytes;
    const length = bytes.length;
    while (this.bitsLeft < REFILL_BELOW) {
      if (source.unreadMarker !== 0) {
        this.bitBuf <<= 8;
        this.bitsLeft += 8;
        this.padBits += 8;
        continue;
      }
      let c = source.pos < length ? (bytes[source.pos++] as number) : source.readByte();
      if (c === 0xff) {
        do c = source.pos < length ? (bytes[source.pos++] as number) : source.readByte();
        while (c === 0xff);
        if (c === 0) {
          c = 0xff;
        } else {
          source.unreadMarker = c;
          continue;
        }
      }
      this.bitBuf = (this.bitBuf << 8) | c;
      this.bitsLeft += 8;
    }
  }

  private consume(count: number): void {
    this.bitsLeft -= count;
    if (this.bitsLeft < this.padBits) {
      this.padBits = this.bitsLeft;
      if (!this.insufficient) {
        this.source.warn('Corrupt JPEG data: premature end of data segment');
        this.insufficient = true;
      }
    }
  }

  /** The next `count` bits (1..16) as an unsigned number. */
  getBits(count: number): number {
    if (this.bitsLeft < count) this.fill();
    const value = (this.bitBuf >>> (this.bitsLeft - count)) & ((1 << count) - 1);
    this.consume(count);
    return value;
  }

  getBit(): number {
    if (this.bitsLeft < 1) this.fill();
    const value = (this.bitBuf >>> (this.bitsLeft - 1)) & 1;
    this.consume(1);
    return value;
  }

  /** The fastAc entry for the next LOOKAHEAD bits (0 if none). */
  peekFastAc(table: DerivedTable): number {
    if (this.bitsLeft < REFILL_BELOW) this.fill();
    return table.fastAc[(this.bitBuf >>> (this.bitsLeft - LOOKAHEAD)) & LOOKAHEAD_MASK] as number;
  }

  /** Consume bits already examined with peekFastAc. */
  skipBits(count: number): void {
    this.consume(count);
  }

  /** One Huffman symbol. A code longer than 16 bits (garbage) reads 17 bits and gives 0, as libjpeg does. */
  decode(table: DerivedTable): number {
    if (this.bitsLeft < REFILL_BELOW) this.fill();
    const entry = table.lookup[(this.bitBuf >>> (this.bitsLeft - LOOKAHEAD)) & LOOKAHEAD_MASK] as number;
    if (entry !== 0) {
      this.consume(entry >> 8);
      return entry & 0xff;
    }
    const code17 = (this.bitBuf >>> (this.bitsLeft - 17)) & 0x1ffff;
    const maxcode = table.maxcode;
    for (let l = LOOKAHEAD + 1; l <= 16; l++) {
      const code = code17 >>> (17 - l);
      if (code <= (maxcode[l] as number)) {
        this.consume(l);
        return table.huffval[(code + (table.valoffset[l] as number)) & 0xff] as number;
      }
    }
    this.consume(17);
    this.source.warn('Corrupt JPEG data: bad Huffman code');
    return 0;
  }
}

/**
 * One AC coefficient of a sequential scan: Huffman symbol and magnitude bits together, returned packed
 * as value * 4096 + run * 16 + size (size 0: EOB, or ZRL when run is 15). Same bits consumed, same
 * result as decode() followed by getBits(); the fastAc table serves the common short cases.
 */
export function readAcCoefficient(reader: BitReader, table: DerivedTable): number {
  const fast = reader.peekFastAc(table);
  if (fast !== 0) {
    reader.skipBits(fast & 15);
    return fast >> 4;
  }
  const symbol = reader.decode(table);
  const size = symbol & 15;
  const run = symbol >> 4;
  if (size === 0) return run * 16;
  return extend(reader.getBits(size), size) * 4096 + run * 16 + size;
}

/** T.81 Figure F.12: a `size`-bit value read as the signed number it codes. */
export function extend(value: number, size: number): number {
  return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
}
