/**
 * Test fixtures for the metadata kernel: a small TIFF/Exif writer (IFD0, Exif IFD, GPS IFD, IFD1 with a
 * JPEG thumbnail, MakerNote bytes), an XMP packet writer and a helper that puts those segments into a
 * JPEG made by sharp. sharp's withExif cannot write a MakerNote or an IFD1 thumbnail of our choosing, so
 * the camera-like files are assembled byte by byte here. Used by the unit and corpus tests only.
 */
import sharp from 'sharp';

/** TIFF field types used here (TIFF 6.0 §2): 1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED. */
export type TiffValue =
  | { readonly type: 'ascii'; readonly value: string }
  | { readonly type: 'short'; readonly value: readonly number[] }
  | { readonly type: 'long'; readonly value: readonly number[] }
  | { readonly type: 'rational'; readonly value: readonly (readonly [number, number])[] }
  | { readonly type: 'undefined'; readonly value: Uint8Array };

export type TiffEntries = Readonly<Record<number, TiffValue>>;

export const ascii = (value: string): TiffValue => ({ type: 'ascii', value });
export const short = (...value: number[]): TiffValue => ({ type: 'short', value });
export const long = (...value: number[]): TiffValue => ({ type: 'long', value });
export const rational = (...value: [number, number][]): TiffValue => ({ type: 'rational', value });
export const undef = (value: Uint8Array): TiffValue => ({ type: 'undefined', value });

/** Tags used by the tests (Exif 2.32 / TIFF 6.0 numbers). */
export const TAG = {
  Make: 0x010f,
  Model: 0x0110,
  Orientation: 0x0112,
  Software: 0x0131,
  ModifyDate: 0x0132,
  ProcessingSoftware: 0x000b,
  ExposureTime: 0x829a,
  DateTimeOriginal: 0x9003,
  CreateDate: 0x9004,
  OffsetTime: 0x9010,
  OffsetTimeOriginal: 0x9011,
  OffsetTimeDigitized: 0x9012,
  MakerNote: 0x927c,
  PixelXDimension: 0xa002,
  PixelYDimension: 0xa003,
  GPSLatitudeRef: 0x0001,
  GPSLatitude: 0x0002,
  GPSTimeStamp: 0x0007,
  GPSDateStamp: 0x001d,
} as const;

const TYPE_CODE = { ascii: 2, short: 3, long: 4, rational: 5, undefined: 7 } as const;

/** Little-endian bytes of one value's payload. */
function payload(v: TiffValue): { code: number; count: number; bytes: number[] } {
  const u16 = (n: number): number[] => [n & 255, (n >> 8) & 255];
  const u32 = (n: number): number[] => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
  switch (v.type) {
    case 'ascii': {
      const b = [...new TextEncoder().encode(v.value), 0];
      return { code: TYPE_CODE.ascii, count: b.length, bytes: b };
    }
    case 'short':
      return { code: TYPE_CODE.short, count: v.value.length, bytes: v.value.flatMap(u16) };
    case 'long':
      return { code: TYPE_CODE.long, count: v.value.length, bytes: v.value.flatMap(u32) };
    case 'rational':
      return { code: TYPE_CODE.rational, count: v.value.length, bytes: v.value.flatMap(([n, d]) => [...u32(n), ...u32(d)]) };
    case 'undefined':
      return { code: TYPE_CODE.undefined, count: v.value.length, bytes: [...v.value] };
  }
}

/** Writes IFDs into a growing little-endian TIFF buffer; offsets are from the TIFF header. */
class TiffWriter {
  readonly bytes: number[] = [0x49, 0x49, 42, 0, 8, 0, 0, 0];

  private setU32(at: number, n: number): void {
    this.bytes[at] = n & 255;
    this.bytes[at + 1] = (n >> 8) & 255;
    this.bytes[at + 2] = (n >> 16) & 255;
    this.bytes[at + 3] = (n >>> 24) & 255;
  }

  /** Appends an IFD (entries sorted by tag, as TIFF requires) and its out-of-line values; returns where its next-IFD field and each entry's value field are. */
  ifd(entries: TiffEntries): { offset: number; nextField: number; valueField: Map<number, number> } {
    if (this.bytes.length % 2) this.bytes.push(0);
    const offset = this.bytes.length;
    const tags = Object.keys(entries).map(Number).sort((a, b) => a - b);
    const n = tags.length;
    const dataStart = offset + 2 + n * 12 + 4;
    const head: number[] = [n & 255, n >> 8];
    const data: number[] = [];
    const valueField = new Map<number, number>();
    tags.forEach((tag, i) => {
      const p = payload(entries[tag] as TiffValue);
      head.push(tag & 255, tag >> 8, p.code, 0, p.count & 255, (p.count >> 8) & 255, (p.count >> 16) & 255, p.count >>> 24);
      valueField.set(tag, offset + 2 + i * 12 + 8);
      if (p.bytes.length <= 4) head.push(...p.bytes, ...new Array<number>(4 - p.bytes.length).fill(0));
      else {
        if (data.length % 2) data.push(0);
        const at = dataStart + data.length;
        head.push(at & 255, (at >> 8) & 255, (at >> 16) & 255, at >>> 24);
        data.push(...p.bytes);
      }
    });
    head.push(0, 0, 0, 0);
    this.bytes.push(...head, ...data);
    return { offset, nextField: offset + 2 + n * 12, valueField };
  }

  patch(at: number, value: number): void {
    this.setU32(at, value);
  }
}

export interface ExifSpec {
  readonly ifd0?: TiffEntries;
  readonly exif?: TiffEntries;
  readonly gps?: TiffEntries;
  /** A JPEG stored as the IFD1 thumbnail (JPEGInterchangeFormat / Length). */
  readonly thumbnail?: Uint8Array;
}

/** An Exif APP1 segment (marker, length, "Exif\0\0", little-endian TIFF). */
export function exifSegment(spec: ExifSpec): Uint8Array {
  const w = new TiffWriter();
  const pointer = long(0);
  const entries: Record<number, TiffValue> = { ...spec.ifd0 };
  if (spec.exif) entries[0x8769] = pointer;
  if (spec.gps) entries[0x8825] = pointer;
  const ifd0 = w.ifd(entries);
  if (spec.exif) w.patch(ifd0.valueField.get(0x8769) as number, w.ifd(spec.exif).offset);
  if (spec.gps) w.patch(ifd0.valueField.get(0x8825) as number, w.ifd(spec.gps).offset);
  if (spec.thumbnail) {
    const ifd1 = w.ifd({ 0x0103: short(6), 0x0201: long(0), 0x0202: long(spec.thumbnail.length) });
    w.patch(ifd0.nextField, ifd1.offset);
    w.patch(ifd1.valueField.get(0x0201) as number, w.bytes.length);
    w.bytes.push(...spec.thumbnail);
  }
  return segment(0xe1, concat(new TextEncoder().encode('Exif\0\0'), Uint8Array.from(w.bytes)));
}

/** An XMP APP1 segment holding `rdfDescription` (the inside of one rdf:Description, namespaces declared). */
export function xmpSegment(rdfDescription: string): Uint8Array {
  const packet =
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#">` +
    `${rdfDescription}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  return segment(0xe1, concat(new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0'), new TextEncoder().encode(packet)));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A marker segment: FF, marker, 2-byte big-endian length (payload + 2), payload. */
export function segment(marker: number, body: Uint8Array): Uint8Array {
  if (body.length + 2 > 0xffff) throw new RangeError(`segment payload of ${body.length} bytes does not fit a JPEG segment`);
  return concat(Uint8Array.of(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255), body);
}

/** `jpeg` with every APPn segment removed and `segments` inserted right after SOI. */
export function withSegments(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  let at = 2;
  while (at + 4 <= jpeg.length && (jpeg[at + 1] as number) >= 0xe0 && (jpeg[at + 1] as number) <= 0xef) at += 2 + (((jpeg[at + 2] as number) << 8) | (jpeg[at + 3] as number));
  return concat(jpeg.subarray(0, 2), ...segments, jpeg.subarray(at));
}

/** Raw RGB → baseline JPEG (sharp, no metadata). */
export async function encodeRgb(rgb: { width: number; height: number; data: Uint8Array }, quality = 90): Promise<Uint8Array> {
  return new Uint8Array(await sharp(Buffer.from(rgb.data), { raw: { width: rgb.width, height: rgb.height, channels: 3 } }).jpeg({ quality }).toBuffer());
}

/**
 * A camera-style 160x120 thumbnail of `rgb` (Exif 2.3 §4.6.4's size): the picture fitted inside and
 * centred on black bars, as Canon does for 3:2 frames; JPEG quality 80.
 */
export async function cameraThumbnail(rgb: { width: number; height: number; data: Uint8Array }, size: { width: number; height: number } = { width: 160, height: 120 }): Promise<Uint8Array> {
  const out = await sharp(Buffer.from(rgb.data), { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
    .resize(size.width, size.height, { fit: 'contain', background: { r: 0, g: 0, b: 0 } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return new Uint8Array(out);
}

/** Canon-style MakerNote bytes: a tiny IFD (count 1, tag 0x0001, SHORT) so readers see a non-empty note. */
export const FAKE_MAKERNOTE = Uint8Array.of(1, 0, 1, 0, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

export interface CameraJpegOptions {
  readonly rgb: { width: number; height: number; data: Uint8Array };
  readonly make?: string;
  readonly model?: string;
  readonly software?: string;
  /** EXIF DateTimeOriginal (also CreateDate unless `createDate` is given) and ModifyDate unless `modifyDate` is given; `YYYY:MM:DD HH:MM:SS`. */
  readonly dateTimeOriginal?: string;
  readonly createDate?: string;
  readonly modifyDate?: string;
  /** Written as OffsetTimeOriginal, OffsetTimeDigitized and OffsetTime. */
  readonly offset?: string;
  /** GPS date `YYYY:MM:DD` and UTC time [h, m, s]. */
  readonly gps?: { readonly date: string; readonly time: readonly [number, number, number] };
  /** MakerNote bytes; default FAKE_MAKERNOTE, null for none. */
  readonly makerNote?: Uint8Array | null;
  /** PixelXDimension/PixelYDimension; default the real size, null for none. */
  readonly pixelSize?: readonly [number, number] | null;
  readonly orientation?: number;
  /** IFD1 thumbnail; default a camera-style thumbnail of `rgb`, null for none. */
  readonly thumbnail?: Uint8Array | null;
  /** Extra segments (e.g. xmpSegment) after the Exif APP1. */
  readonly extraSegments?: readonly Uint8Array[];
  readonly quality?: number;
}

/** A camera-like JPEG: sharp-encoded pixels with an Exif APP1 written by exifSegment. */
export async function cameraJpeg(o: CameraJpegOptions): Promise<Uint8Array> {
  const ifd0: Record<number, TiffValue> = { [TAG.Orientation]: short(o.orientation ?? 1) };
  if (o.make !== undefined) ifd0[TAG.Make] = ascii(o.make);
  if (o.model !== undefined) ifd0[TAG.Model] = ascii(o.model);
  if (o.software !== undefined) ifd0[TAG.Software] = ascii(o.software);
  const exif: Record<number, TiffValue> = { [TAG.ExposureTime]: rational([1, 125]) };
  if (o.dateTimeOriginal !== undefined) {
    exif[TAG.DateTimeOriginal] = ascii(o.dateTimeOriginal);
    exif[TAG.CreateDate] = ascii(o.createDate ?? o.dateTimeOriginal);
    ifd0[TAG.ModifyDate] = ascii(o.modifyDate ?? o.dateTimeOriginal);
  }
  if (o.offset !== undefined) {
    exif[TAG.OffsetTime] = ascii(o.offset);
    exif[TAG.OffsetTimeOriginal] = ascii(o.offset);
    exif[TAG.OffsetTimeDigitized] = ascii(o.offset);
  }
  const makerNote = o.makerNote === undefined ? FAKE_MAKERNOTE : o.makerNote;
  if (makerNote) exif[TAG.MakerNote] = undef(makerNote);
  const size = o.pixelSize === undefined ? ([o.rgb.width, o.rgb.height] as const) : o.pixelSize;
  if (size) {
    exif[TAG.PixelXDimension] = long(size[0]);
    exif[TAG.PixelYDimension] = long(size[1]);
  }
  const gps: Record<number, TiffValue> | undefined = o.gps
    ? { [TAG.GPSTimeStamp]: rational([o.gps.time[0], 1], [o.gps.time[1], 1], [o.gps.time[2], 1]), [TAG.GPSDateStamp]: ascii(o.gps.date) }
    : undefined;
  const thumbnail = o.thumbnail === undefined ? await cameraThumbnail(o.rgb) : o.thumbnail;
  const app1 = exifSegment({ ifd0, exif, ...(gps ? { gps } : {}), ...(thumbnail ? { thumbnail } : {}) });
  return withSegments(await encodeRgb(o.rgb, o.quality ?? 90), app1, ...(o.extraSegments ?? []));
}

/**
 * `primary` with an MPF APP2 index (CIPA DC-007) inserted after its APP segments and `second` appended
 * after EOI, the second entry typed `type` (0x010002 = large thumbnail, full HD; 0 = undefined).
 */
export function withMpfImage(primary: Uint8Array, second: Uint8Array, type: number): Uint8Array {
  const u16 = (v: number): number[] => [v & 255, (v >> 8) & 255];
  const u32 = (v: number): number[] => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
  const entry = (tag: number, t: number, count: number, value: number): number[] => [...u16(tag), ...u16(t), ...u32(count), ...u32(value)];
  let at = 2;
  while (at + 4 <= primary.length && (primary[at + 1] as number) >= 0xe0 && (primary[at + 1] as number) <= 0xef) at += 2 + (((primary[at + 2] as number) << 8) | (primary[at + 3] as number));
  const build = (secondOffsetFromTiff: number, primarySize: number): Uint8Array => {
    // TIFF: header (8) | IFD at 8: 3 entries (2 + 36 + 4 = 42) | MP entries at 50 (2 x 16).
    const ifd = [...u16(3), ...entry(0xb000, 7, 4, 0x30303130), ...entry(0xb001, 4, 1, 2), ...entry(0xb002, 7, 32, 50), ...u32(0)];
    const entries = [...u32(0x20030000), ...u32(primarySize), ...u32(0), ...u16(0), ...u16(0), ...u32(type), ...u32(second.length), ...u32(secondOffsetFromTiff), ...u16(0), ...u16(0)];
    return segment(0xe2, concat(new TextEncoder().encode('MPF\0'), Uint8Array.from([0x49, 0x49, 42, 0, ...u32(8), ...ifd, ...entries])));
  };
  const size = build(0, 0).length;
  const primarySize = primary.length + size;
  const tiffOffset = at + 4 + 4; // the MPF segment starts at `at`: marker + length, then "MPF\0"
  return concat(primary.subarray(0, at), build(primarySize - tiffOffset, primarySize), primary.subarray(at), second);
}
