/**
 * Test fixtures for the JPEG structure kernel: JPEGs generated with sharp, and byte-level edits that
 * build the structures real files carry (extra segments, Exif IFD1 thumbnails, MPF indexes, replaced
 * quantization tables, trailers). Used by the unit tests only.
 */
import sharp from 'sharp';
import type { JpegOptions } from 'sharp';
import { ZIGZAG_TO_NATURAL } from './standard-tables';

/** A deterministic RGB test pattern (gradients plus a checker), so every run encodes the same bytes. */
export function testPixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / Math.max(1, width - 1);
      data[i + 1] = (y * 255) / Math.max(1, height - 1);
      data[i + 2] = ((x >> 3) + (y >> 3)) % 2 ? 200 : 40;
    }
  }
  return data;
}

/** Encodes the test pattern with sharp's JPEG encoder. */
export async function makeJpeg(options: JpegOptions, width = 96, height = 64): Promise<Uint8Array> {
  const out = await sharp(testPixels(width, height), { raw: { width, height, channels: 3 } }).jpeg(options).toBuffer();
  return new Uint8Array(out);
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A marker segment: FF, marker, 2-byte length (payload + 2), payload. */
export function segment(marker: number, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return concat(Uint8Array.of(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255), body);
}

/** Offset of the first marker `marker` found by walking segments from SOI (not inside entropy data). */
export function markerOffset(jpeg: Uint8Array, marker: number): number {
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at + 1] === marker) return at;
    at += 2 + (((jpeg[at + 2] as number) << 8) | (jpeg[at + 3] as number));
  }
  throw new Error(`marker 0x${marker.toString(16)} not found`);
}

/** Inserts bytes at an offset. */
export function insertAt(jpeg: Uint8Array, offset: number, bytes: Uint8Array): Uint8Array {
  return concat(jpeg.subarray(0, offset), bytes, jpeg.subarray(offset));
}

/** Little-endian TIFF writer helpers. */
const u16 = (v: number): number[] => [v & 255, (v >> 8) & 255];
const u32 = (v: number): number[] => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
const entry = (tag: number, type: number, count: number, value: number): number[] => [...u16(tag), ...u16(type), ...u32(count), ...u32(value)];

/**
 * An Exif APP1 segment whose IFD1 holds a JPEG thumbnail (JPEGInterchangeFormat/Length). Returns the
 * segment and the thumbnail's offset inside it (from the segment's first byte).
 */
export function exifWithThumbnail(thumbnail: Uint8Array): { bytes: Uint8Array; thumbnailOffsetInSegment: number } {
  // TIFF: header (8) | IFD0 at 8: 1 entry (2 + 12 + 4 = 18) | IFD1 at 26: 2 entries (2 + 24 + 4 = 30) | thumbnail at 56.
  const ifd0 = [...u16(1), ...entry(0x0112, 3, 1, 1), ...u32(26)];
  const ifd1 = [...u16(2), ...entry(0x0201, 4, 1, 56), ...entry(0x0202, 4, 1, thumbnail.length), ...u32(0)];
  const tiff = Uint8Array.from([0x49, 0x49, 42, 0, ...u32(8), ...ifd0, ...ifd1]);
  const payload = concat(new TextEncoder().encode('Exif\0\0'), tiff, thumbnail);
  return { bytes: segment(0xe1, payload), thumbnailOffsetInSegment: 4 + 6 + 56 };
}

/**
 * `primary` with an MPF APP2 index (CIPA DC-007) inserted after SOI and `second` appended after its
 * EOI, as phones store a second image (preview, depth or gain map).
 */
export function withMpfSecondImage(primary: Uint8Array, second: Uint8Array): Uint8Array {
  const build = (secondOffsetFromTiff: number, primarySize: number): Uint8Array => {
    // TIFF: header (8) | IFD at 8: 3 entries (2 + 36 + 4 = 42) | MP entries at 50 (2 x 16).
    const ifd = [...u16(3), ...entry(0xb000, 7, 4, 0x30303130), ...entry(0xb001, 4, 1, 2), ...entry(0xb002, 7, 32, 50), ...u32(0)];
    const entries = [...u32(0x030000), ...u32(primarySize), ...u32(0), ...u16(0), ...u16(0), ...u32(0), ...u32(second.length), ...u32(secondOffsetFromTiff), ...u16(0), ...u16(0)];
    return segment(0xe2, concat(new TextEncoder().encode('MPF\0'), Uint8Array.from([0x49, 0x49, 42, 0, ...u32(8), ...ifd, ...entries])));
  };
  const size = build(0, 0).length;
  const primarySize = primary.length + size;
  const tiffOffset = 2 + 4 + 4; // SOI, marker + length, "MPF\0"
  return concat(insertAt(primary, 2, build(primarySize - tiffOffset, primarySize)), second);
}

/** Rewrites the 8-bit DQT tables in place: table 0 := luma, table 1 := chroma (natural order in, zigzag written). */
export function replaceQuantTables(jpeg: Uint8Array, luma: readonly number[], chroma: readonly number[]): Uint8Array {
  const out = jpeg.slice();
  let at = 2;
  while (at + 4 <= out.length && out[at + 1] !== 0xda) {
    const length = ((out[at + 2] as number) << 8) | (out[at + 3] as number);
    if (out[at + 1] === 0xdb) {
      for (let p = at + 4; p < at + 2 + length; p += 65) {
        const id = (out[p] as number) & 15;
        if ((out[p] as number) >> 4 !== 0) throw new Error('16-bit DQT not handled by this fixture');
        const table = id === 0 ? luma : chroma;
        for (let i = 0; i < 64; i++) out[p + 1 + i] = table[ZIGZAG_TO_NATURAL[i] as number] as number;
      }
    }
    at += 2 + length;
  }
  return out;
}
