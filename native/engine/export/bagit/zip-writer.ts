/**
 * A zip written in place, for a zipped bag: every entry stored (evidence is mostly already-compressed media, and
 * stored bytes stay bit-visible), its place in the file fixed before its bytes are copied, so copy workers write
 * entries at their own offsets at the same time (copy-job.ts, `region` copies) and the CRC-32 they computed while
 * copying goes into the headers; nothing is computed twice (yazl, used before, computed every entry's CRC-32 again
 * in JavaScript, ≈5 s of the main thread per 2 GB, and could not take one computed elsewhere).
 *
 * Layout (PKWARE APPNOTE 6.3.x): for each entry a local header with the real CRC-32 and sizes (no data descriptor),
 * then the bytes; then the central directory and the end record. ZIP64 fields and records are written where a
 * size, an offset or the entry count needs them (APPNOTE 4.5.3, 4.3.14-16). An entry of at least DIRECT_MIN_BYTES
 * starts on a 4 KiB boundary, so its whole blocks can be written with direct I/O: the local header is padded to it
 * with the alignment extra field Android's zipalign uses (ID 0xD935), which readers skip as an unknown field.
 * Names are UTF-8 (flag bit 11); times are the bagging time as a DOS date (local time, as yazl and Info-ZIP write
 * it) and as an Info-ZIP extended timestamp (UTC).
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { BLOCK, DIRECT_MIN_BYTES } from './copy-job';

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
/** Header ID of the ZIP64 extended information extra field. */
const ZIP64_EXTRA = 0x0001;
/** Header ID of the Info-ZIP extended timestamp. */
const TIMESTAMP_EXTRA = 0x5455;
/** Header ID of zipalign's alignment padding (2 bytes of alignment, then zeros). */
const ALIGNMENT_EXTRA = 0xd935;
/** Fixed parts of the headers (APPNOTE 4.3.7, 4.3.12). */
const LOCAL_FIXED = 30;
const CENTRAL_FIXED = 46;
/** 32- and 16-bit fields' "see the ZIP64 record" values. */
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
/** Version needed: 1.0 stores, 2.0 folders and UTF-8 as yazl writes it, 4.5 ZIP64. */
const VERSION_STORED = 20;
const VERSION_ZIP64 = 45;
/** Made by: Unix (so the external attributes hold a mode). */
const MADE_BY_UNIX = 3 << 8;
/** General purpose flag bit 11: the name is UTF-8. */
const FLAG_UTF8 = 0x0800;
/** A regular file, rw-r--r--, in the high half of the external attributes. */
const EXTERNAL_FILE = (0o100644 << 16) >>> 0;

/** One entry as reserved. */
interface Entry {
  readonly name: Buffer;
  readonly size: number;
  readonly headerOffset: number;
  readonly dataOffset: number;
  crc: number | null;
}

/** DOS date and time (2-second resolution, local time, years from 1980). */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

/** Little-endian writer over a buffer of known size. */
class Fields {
  private at = 0;
  constructor(readonly bytes: Buffer) {}
  u16(v: number): this {
    this.at = this.bytes.writeUInt16LE(v, this.at);
    return this;
  }
  u32(v: number): this {
    this.at = this.bytes.writeUInt32LE(v >>> 0, this.at);
    return this;
  }
  u64(v: number): this {
    this.at = this.bytes.writeBigUInt64LE(BigInt(v), this.at);
    return this;
  }
  raw(b: Uint8Array): this {
    this.bytes.set(b, this.at);
    this.at += b.length;
    return this;
  }
  get length(): number {
    return this.at;
  }
}

/** A zip being written: reserve each entry, let its bytes be copied at `dataOffset`, record its CRC-32, finish. */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private readonly byName = new Map<string, Entry>();
  private end = 0;
  private readonly dos: { date: number; time: number };
  private readonly unixTime: number;

  private constructor(
    /** The zip's path (copies open it to write their entries). */
    readonly file: string,
    private readonly handle: FileHandle,
    mtime: Date,
  ) {
    this.dos = dosDateTime(mtime);
    this.unixTime = Math.max(0, Math.min(MAX32, Math.floor(mtime.getTime() / 1000)));
  }

  /** Create the zip file (it must not exist). */
  static async create(file: string, mtime: Date): Promise<ZipWriter> {
    return new ZipWriter(file, await fs.open(file, 'wx', 0o644), mtime);
  }

  /**
   * Place an entry after the last one; returns where its bytes go. Its local header is written by `written`,
   * once the bytes are copied and their CRC-32 is known.
   */
  reserve(name: string, size: number): number {
    if (this.byName.has(name)) throw new Error(`zip entry ${name} reserved twice`);
    const nameBytes = Buffer.from(name, 'utf8');
    if (nameBytes.length > MAX16) throw new Error(`zip entry name too long: ${name}`);
    const headerOffset = this.end;
    const unpadded = headerOffset + LOCAL_FIXED + nameBytes.length + this.localExtraLength(size, 0);
    const dataOffset = size >= DIRECT_MIN_BYTES ? Math.ceil((unpadded + ALIGNMENT_MIN) / BLOCK) * BLOCK : unpadded;
    const entry: Entry = { name: nameBytes, size, headerOffset, dataOffset, crc: null };
    this.entries.push(entry);
    this.byName.set(name, entry);
    this.end = dataOffset + size;
    return dataOffset;
  }

  /** Write an entry's local header, now that its bytes are copied and `crc` is their CRC-32. */
  async written(name: string, crc: number): Promise<void> {
    const entry = this.byName.get(name);
    if (!entry) throw new Error(`zip entry ${name} was not reserved`);
    entry.crc = crc >>> 0;
    const header = this.localHeader(entry);
    await this.writeAt(header, entry.headerOffset);
  }

  /** Write the central directory and the end records (every reserved entry must be written), flush if `durable`, close. */
  async finish(durable: boolean): Promise<void> {
    const unwritten = this.entries.find((e) => e.crc === null);
    if (unwritten) throw new Error(`zip entry ${unwritten.name.toString('utf8')} was reserved but not written`);
    const central = Buffer.concat(this.entries.map((e) => this.centralHeader(e)));
    const centralOffset = this.end;
    const tail = this.endRecords(centralOffset, central.length);
    await this.writeAt(Buffer.concat([central, tail]), centralOffset);
    if (durable) await this.handle.datasync();
    await this.handle.close();
  }

  /** Close without finishing (after a failure). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  /** Where each entry was placed, in order (for the check of the finished zip). */
  get placed(): readonly { name: string; size: number; headerOffset: number; dataOffset: number; crc: number }[] {
    return this.entries.map((e) => ({ name: e.name.toString('utf8'), size: e.size, headerOffset: e.headerOffset, dataOffset: e.dataOffset, crc: e.crc ?? 0 }));
  }

  private async writeAt(bytes: Buffer, position: number): Promise<void> {
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, position + done);
      if (bytesWritten === 0) throw new Error('the file system wrote 0 bytes');
      done += bytesWritten;
    }
  }

  /** Extra fields of a local header before any alignment padding: ZIP64 sizes where needed, the timestamp. */
  private localExtraLength(size: number, padding: number): number {
    return (size >= MAX32 ? 4 + 16 : 0) + TIMESTAMP_LENGTH + padding;
  }

  private localHeader(entry: Entry): Buffer {
    const zip64 = entry.size >= MAX32;
    const fixedLength = LOCAL_FIXED + entry.name.length + this.localExtraLength(entry.size, 0);
    const padding = entry.dataOffset - entry.headerOffset - fixedLength;
    const f = new Fields(Buffer.alloc(entry.dataOffset - entry.headerOffset));
    f.u32(LOCAL_SIGNATURE)
      .u16(zip64 ? VERSION_ZIP64 : VERSION_STORED)
      .u16(FLAG_UTF8)
      .u16(0)
      .u16(this.dos.time)
      .u16(this.dos.date)
      .u32(entry.crc ?? 0)
      .u32(zip64 ? MAX32 : entry.size)
      .u32(zip64 ? MAX32 : entry.size)
      .u16(entry.name.length)
      .u16(this.localExtraLength(entry.size, padding))
      .raw(entry.name);
    if (zip64) f.u16(ZIP64_EXTRA).u16(16).u64(entry.size).u64(entry.size);
    this.timestamp(f);
    if (padding > 0) f.u16(ALIGNMENT_EXTRA).u16(padding - 4).u16(BLOCK);
    return f.bytes;
  }

  private timestamp(f: Fields): void {
    f.u16(TIMESTAMP_EXTRA).u16(5).raw(Buffer.from([1])).u32(this.unixTime);
  }

  private centralHeader(entry: Entry): Buffer {
    const bigSize = entry.size >= MAX32;
    const bigOffset = entry.headerOffset >= MAX32;
    const zip64Length = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
    const extraLength = (zip64Length > 0 ? 4 + zip64Length : 0) + TIMESTAMP_LENGTH;
    const version = zip64Length > 0 ? VERSION_ZIP64 : VERSION_STORED;
    const f = new Fields(Buffer.alloc(CENTRAL_FIXED + entry.name.length + extraLength));
    f.u32(CENTRAL_SIGNATURE)
      .u16(MADE_BY_UNIX | version)
      .u16(version)
      .u16(FLAG_UTF8)
      .u16(0)
      .u16(this.dos.time)
      .u16(this.dos.date)
      .u32(entry.crc ?? 0)
      .u32(bigSize ? MAX32 : entry.size)
      .u32(bigSize ? MAX32 : entry.size)
      .u16(entry.name.length)
      .u16(extraLength)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(EXTERNAL_FILE)
      .u32(bigOffset ? MAX32 : entry.headerOffset)
      .raw(entry.name);
    if (zip64Length > 0) {
      f.u16(ZIP64_EXTRA).u16(zip64Length);
      if (bigSize) f.u64(entry.size).u64(entry.size);
      if (bigOffset) f.u64(entry.headerOffset);
    }
    this.timestamp(f);
    return f.bytes;
  }

  /** The ZIP64 end record and locator where needed, then the end of central directory record. */
  private endRecords(centralOffset: number, centralLength: number): Buffer {
    const count = this.entries.length;
    const zip64 = count >= MAX16 || centralOffset >= MAX32 || centralLength >= MAX32;
    const parts: Buffer[] = [];
    if (zip64) {
      const zip64EndOffset = centralOffset + centralLength;
      parts.push(
        new Fields(Buffer.alloc(56))
          .u32(ZIP64_END_SIGNATURE)
          .u64(56 - 12)
          .u16(MADE_BY_UNIX | VERSION_ZIP64)
          .u16(VERSION_ZIP64)
          .u32(0)
          .u32(0)
          .u64(count)
          .u64(count)
          .u64(centralLength)
          .u64(centralOffset).bytes,
        new Fields(Buffer.alloc(20)).u32(ZIP64_LOCATOR_SIGNATURE).u32(0).u64(zip64EndOffset).u32(1).bytes,
      );
    }
    parts.push(
      new Fields(Buffer.alloc(22))
        .u32(END_SIGNATURE)
        .u16(0)
        .u16(0)
        .u16(zip64 ? MAX16 : count)
        .u16(zip64 ? MAX16 : count)
        .u32(zip64 ? MAX32 : centralLength)
        .u32(zip64 ? MAX32 : centralOffset)
        .u16(0).bytes,
    );
    return Buffer.concat(parts);
  }
}

/** Bytes of the extended timestamp field (ID, length, flags, modification time). */
const TIMESTAMP_LENGTH = 9;
/** The smallest alignment field: its ID, its length and the 2-byte alignment. */
const ALIGNMENT_MIN = 6;
