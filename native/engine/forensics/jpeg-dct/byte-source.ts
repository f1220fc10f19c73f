/**
 * The input stream as libjpeg-turbo's memory source (`jpeg_mem_src`, jdatasrc.c) presents it: the file's
 * bytes, then, each time more is asked for, a fake EOI marker (FF D9) with a "Premature end of JPEG file"
 * warning. Modelling that exactly is what makes truncated files decode the same in both implementations.
 * Also holds the marker-level state shared by the marker reader and the entropy decoders.
 */
import { JpegDctError, MAX_WARNINGS } from './types';

const FAKE_EOI_CODE = 0xd9;

export class ByteSource {
  /** Next byte to read; may run past the end into the virtual fake-EOI pairs. */
  pos = 0;
  /** Marker code read but not yet processed (libjpeg's `unread_marker`), 0 if none. */
  unreadMarker = 0;
  /** Bytes skipped while looking for a marker (libjpeg's `discarded_bytes`), for the warning text. */
  discardedBytes = 0;
  readonly warnings: string[] = [];

  constructor(readonly bytes: Uint8Array) {
    if (bytes.length === 0) throw new JpegDctError('Empty input file');
  }

  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS && !this.warnings.includes(message)) this.warnings.push(message);
  }

  /** One byte; past the end, the fake EOI pairs libjpeg's memory source inserts. */
  readByte(): number {
    const pos = this.pos++;
    if (pos < this.bytes.length) return this.bytes[pos] as number;
    const offset = pos - this.bytes.length;
    if ((offset & 1) === 0) {
      this.warn('Premature end of JPEG file');
      return 0xff;
    }
    return FAKE_EOI_CODE;
  }

  read2Bytes(): number {
    const high = this.readByte();
    return (high << 8) | this.readByte();
  }

  /** skip_input_data: advance without reading (into the fake pairs if need be). */
  skip(count: number): void {
    if (count <= 0) return;
    const before = this.pos;
    this.pos += count;
    if (this.pos > this.bytes.length && before < this.bytes.length + 2) this.warn('Premature end of JPEG file');
  }

  /** first_marker: the file must start with FF D8, no padding allowed. */
  firstMarker(): void {
    const c = this.readByte();
    const c2 = this.readByte();
    if (c !== 0xff || c2 !== 0xd8) throw new JpegDctError(`Not a JPEG file: starts with 0x${hex2(c)} 0x${hex2(c2)}`);
    this.unreadMarker = c2;
  }

  /** next_marker: skip to the next marker (FF followed by a non-zero, non-FF code), counting garbage. */
  nextMarker(): void {
    let c: number;
    for (;;) {
      c = this.readByte();
      while (c !== 0xff) {
        this.discardedBytes++;
        c = this.readByte();
      }
      do c = this.readByte();
      while (c === 0xff);
      if (c !== 0) break;
      this.discardedBytes += 2;
    }
    if (this.discardedBytes !== 0) {
      this.warn(`Corrupt JPEG data: ${this.discardedBytes} extraneous bytes before marker 0x${hex2(c)}`);
      this.discardedBytes = 0;
    }
    this.unreadMarker = c;
  }
}

export function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}
