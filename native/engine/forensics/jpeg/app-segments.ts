/**
 * APPn and COM payloads: identifiers (JFIF, Exif, XMP, ICC, MPF, Photoshop IRB, Adobe, Ducky), the
 * JFIF and Adobe headers, the Exif IFD1 thumbnail pointer and the MPF (CIPA DC-007) image index. Every
 * read is bounds-checked against the payload; malformed content yields null, never an exception.
 */
import type { EmbeddedImage } from './types';

/** Known signatures at the start of APPn payloads (JFIF 1.02, Exif 2.3 §4.5.4, XMP part 3, ICC.1 B.4, CIPA DC-007, Adobe TN 5116). */
const SIGNATURES: readonly (readonly [string, string])[] = [
  ['JFIF\0', 'JFIF'],
  ['JFXX\0', 'JFXX'],
  ['Exif\0', 'Exif'],
  ['http://ns.adobe.com/xap/1.0/\0', 'XMP'],
  ['http://ns.adobe.com/xmp/extension/\0', 'XMP-extension'],
  ['ICC_PROFILE\0', 'ICC_PROFILE'],
  ['MPF\0', 'MPF'],
  ['Photoshop 3.0\0', 'Photoshop IRB'],
  ['Adobe', 'Adobe'],
  ['Ducky', 'Ducky'],
];

/** Longest raw identifier reported for unknown APPn payloads; real identifiers are short ASCII strings. */
const MAX_RAW_IDENTIFIER = 32;

function startsWith(payload: Uint8Array, text: string): boolean {
  if (payload.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (payload[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Canonical identifier of an APPn payload, else its printable ASCII prefix up to the first NUL, else null. */
export function appIdentifier(payload: Uint8Array): string | null {
  for (const [signature, name] of SIGNATURES) if (startsWith(payload, signature)) return name;
  let text = '';
  for (let i = 0; i < payload.length && i < MAX_RAW_IDENTIFIER; i++) {
    const c = payload[i] as number;
    if (c === 0) break;
    if (c < 0x20 || c > 0x7e) return text.length >= 2 ? text : null;
    text += String.fromCharCode(c);
  }
  return text.length > 0 ? text : null;
}

/** COM text (Latin-1), control characters replaced, cut at `maxChars`. */
export function commentText(payload: Uint8Array, maxChars: number): string {
  let text = '';
  for (let i = 0; i < payload.length && text.length < maxChars; i++) {
    const c = payload[i] as number;
    text += c < 0x20 && c !== 0x0a && c !== 0x09 ? (c === 0 ? '' : ' ') : String.fromCharCode(c);
  }
  return text.trim();
}

/** JFIF APP0 header (JFIF 1.02 §4.4): version, density units (0 none, 1 dpi, 2 dpcm) and X/Y density; null if too short. */
export function parseJfif(payload: Uint8Array): { version: string; units: number; xDensity: number; yDensity: number } | null {
  if (payload.length < 14) return null;
  const u16 = (i: number): number => ((payload[i] as number) << 8) | (payload[i + 1] as number);
  return { version: `${payload[5]}.${String(payload[6]).padStart(2, '0')}`, units: payload[7] as number, xDensity: u16(8), yDensity: u16(10) };
}

/** Adobe APP14 header (Adobe TN 5116): DCTEncode version and colour transform (0 none/CMYK, 1 YCbCr, 2 YCCK); null if too short. */
export function parseAdobe(payload: Uint8Array): { version: number; transform: number } | null {
  if (payload.length < 12) return null;
  return { version: ((payload[5] as number) << 8) | (payload[6] as number), transform: payload[11] as number };
}

/** Bounded reader of a TIFF structure (Exif, MPF) inside a payload. */
class TiffReader {
  readonly little: boolean;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly start: number,
  ) {
    this.little = bytes[start] === 0x49;
  }
  static open(bytes: Uint8Array, start: number): TiffReader | null {
    if (start + 8 > bytes.length) return null;
    const b0 = bytes[start];
    const ok = (b0 === 0x49 && bytes[start + 1] === 0x49 && bytes[start + 2] === 42) || (b0 === 0x4d && bytes[start + 1] === 0x4d && bytes[start + 3] === 42);
    return ok ? new TiffReader(bytes, start) : null;
  }
  has(offset: number, size: number): boolean {
    return offset >= 0 && this.start + offset + size <= this.bytes.length;
  }
  u16(offset: number): number {
    const a = this.bytes[this.start + offset] as number;
    const b = this.bytes[this.start + offset + 1] as number;
    return this.little ? a | (b << 8) : (a << 8) | b;
  }
  u32(offset: number): number {
    const hi = this.little ? this.u16(offset + 2) : this.u16(offset);
    const lo = this.little ? this.u16(offset) : this.u16(offset + 2);
    return hi * 65536 + lo;
  }
  /** Entries of the IFD at `offset` as (tag, count, value/offset field) plus the next-IFD offset; null if out of bounds. */
  ifd(offset: number): { entries: { tag: number; count: number; value: number; at: number }[]; next: number } | null {
    if (!this.has(offset, 2)) return null;
    const n = this.u16(offset);
    if (!this.has(offset + 2, n * 12 + 4)) return null;
    const entries = [];
    for (let i = 0; i < n; i++) {
      const at = offset + 2 + i * 12;
      entries.push({ tag: this.u16(at), count: this.u32(at + 4), value: this.u32(at + 8), at: at + 8 });
    }
    return { entries, next: this.u32(offset + 2 + n * 12) };
  }
}

/**
 * The IFD1 thumbnail of an Exif APP1 payload: JPEGInterchangeFormat (0x0201) and
 * JPEGInterchangeFormatLength (0x0202), offsets relative to the TIFF header (Exif 2.3 §4.6.3).
 * `payloadOffset` is where the payload starts in the file.
 */
export function exifThumbnail(bytes: Uint8Array, payloadOffset: number, payloadLength: number): EmbeddedImage | null {
  const payload = bytes.subarray(payloadOffset, payloadOffset + payloadLength);
  const tiff = TiffReader.open(payload, 6);
  if (!tiff) return null;
  const ifd0 = tiff.ifd(tiff.u32(4));
  if (!ifd0 || ifd0.next === 0) return null;
  const ifd1 = tiff.ifd(ifd0.next);
  if (!ifd1) return null;
  const start = ifd1.entries.find((e) => e.tag === 0x0201)?.value;
  const length = ifd1.entries.find((e) => e.tag === 0x0202)?.value;
  if (start === undefined || length === undefined || length === 0) return null;
  const offset = payloadOffset + 6 + start;
  return { offset, length, startsWithSoi: offset + 1 < bytes.length && bytes[offset] === 0xff && bytes[offset + 1] === 0xd8 };
}

/** Most MP entries considered; phones write 2-4 (primary, gain map or depth, previews). */
const MAX_MPF_ENTRIES = 64;

/**
 * Images of an MPF index (APP2 "MPF\0", CIPA DC-007 §5.2): tag 0xB002 MPEntry, 16 bytes per image
 * (attributes, size, offset relative to the MPF TIFF header, 0 for the first image).
 */
export function mpfImages(bytes: Uint8Array, payloadOffset: number, payloadLength: number): EmbeddedImage[] {
  const payload = bytes.subarray(payloadOffset, payloadOffset + payloadLength);
  const tiff = TiffReader.open(payload, 4);
  if (!tiff) return [];
  const ifd = tiff.ifd(tiff.u32(4));
  const entry = ifd?.entries.find((e) => e.tag === 0xb002);
  if (!entry || entry.count < 16) return [];
  const count = Math.min(MAX_MPF_ENTRIES, Math.floor(entry.count / 16));
  const images: EmbeddedImage[] = [];
  for (let i = 0; i < count; i++) {
    const at = entry.value + i * 16;
    if (!tiff.has(at, 16)) break;
    const length = tiff.u32(at + 4);
    const relative = tiff.u32(at + 8);
    const offset = relative === 0 ? 0 : payloadOffset + 4 + relative;
    images.push({ offset, length, startsWithSoi: offset + 1 < bytes.length && bytes[offset] === 0xff && bytes[offset + 1] === 0xd8 });
  }
  return images;
}
