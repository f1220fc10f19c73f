/**
 * XMP stored inside the Exif block: TIFF tag 0x02BC (XMLPacket / ApplicationNotes, XMP Specification
 * Part 3 §1.1.5) in IFD0. TIFF writers put XMP there, and JPEGs converted from TIFF by some programs
 * keep it (a Photoshop CS2 file in the corpus has its full XMP only there). exifr reads XMP from the
 * APP1 XMP segment but not from this tag, so the packet is located here and handed to exifr separately.
 * Every read is bounds-checked; malformed input gives null.
 */

/** Offset and length of the first Exif APP1 payload's TIFF header, walking segments from SOI up to SOS. */
function exifTiff(bytes: Uint8Array): { start: number; end: number } | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] as number;
    if (marker === 0xda || marker === 0xd9) return null;
    const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
    if (length < 2) return null;
    const payload = at + 4;
    if (marker === 0xe1 && payload + 6 <= bytes.length && String.fromCharCode(...bytes.subarray(payload, payload + 6)) === 'Exif\0\0') {
      return { start: payload + 6, end: Math.min(bytes.length, at + 2 + length) };
    }
    at += 2 + length;
  }
  return null;
}

/** The XMP packet of IFD0 tag 0x02BC in a JPEG's Exif block, or null. */
export function ifd0XmpPacket(bytes: Uint8Array): Uint8Array | null {
  const tiff = exifTiff(bytes);
  if (!tiff || tiff.start + 8 > tiff.end) return null;
  const { start, end } = tiff;
  const little = bytes[start] === 0x49;
  const u16 = (p: number): number => (little ? (bytes[p] as number) | ((bytes[p + 1] as number) << 8) : ((bytes[p] as number) << 8) | (bytes[p + 1] as number));
  const u32 = (p: number): number => (little ? u16(p) + u16(p + 2) * 65536 : u16(p) * 65536 + u16(p + 2));
  const ifd = start + u32(start + 4);
  if (ifd + 2 > end) return null;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > end) return null;
    if (u16(e) !== 0x02bc) continue;
    const count = u32(e + 4);
    const from = count <= 4 ? e + 8 : start + u32(e + 8);
    return count > 0 && from + count <= end ? bytes.subarray(from, from + count) : null;
  }
  return null;
}
