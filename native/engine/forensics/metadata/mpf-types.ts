/**
 * MP image types of a CIPA DC-007 (MPF) index: which of the images after the primary one are previews
 * ("large thumbnails", comparable with the main image) and which are something else (gain maps, depth
 * or disparity images, panorama frames), which must not be compared. `jpeg/` reads the offsets; this
 * reads the one field it does not expose, the 24-bit type code of each MP entry (DC-007 §5.2.3.3.1).
 */
import type { JpegSegment } from '../jpeg';

/** DC-007 type codes as ExifTool 12.57 (MPF.pm) names them. Phones store gain maps and depth maps as `undefined`. */
const TYPE_NAMES: Readonly<Record<number, string>> = {
  0x000000: 'undefined',
  0x010001: 'large thumbnail (VGA equivalent)',
  0x010002: 'large thumbnail (full HD equivalent)',
  0x020001: 'multi-frame panorama',
  0x020002: 'multi-frame disparity',
  0x020003: 'multi-angle',
  0x030000: 'baseline MP primary image',
};

/** Large-thumbnail types (class 0x01): previews of the primary image, the only ones compared with it. */
export const isPreviewType = (type: number): boolean => type >> 16 === 0x01;

export function mpTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `type 0x${type.toString(16).padStart(6, '0')}`;
}

/** Type codes of the MP entries in index order; empty when there is no readable MPF segment. */
export function mpfEntryTypes(bytes: Uint8Array, segments: readonly JpegSegment[]): number[] {
  const seg = segments.find((s) => s.identifier === 'MPF');
  if (!seg) return [];
  const start = seg.offset + 4 + 4; // marker + length, then "MPF\0"
  const end = Math.min(bytes.length, seg.offset + 2 + seg.length);
  if (start + 8 > end) return [];
  const little = bytes[start] === 0x49;
  const u16 = (at: number): number => (little ? (bytes[at] as number) | ((bytes[at + 1] as number) << 8) : ((bytes[at] as number) << 8) | (bytes[at + 1] as number));
  const u32 = (at: number): number => (little ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2));
  const ifd = start + u32(start + 4);
  if (ifd + 2 > end) return [];
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > end) return [];
    if (u16(e) !== 0xb002) continue;
    const count = Math.floor(u32(e + 4) / 16);
    const at = start + u32(e + 8);
    const types: number[] = [];
    for (let k = 0; k < count && at + k * 16 + 4 <= end; k++) types.push(u32(at + k * 16) & 0xffffff);
    return types;
  }
  return [];
}
