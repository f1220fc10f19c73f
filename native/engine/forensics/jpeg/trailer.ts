/**
 * What follows EOI. Phones store further images there on purpose (MPF, CIPA DC-007: previews, depth or
 * gain maps), some cameras pad the file; anything else after EOI is data a viewer never shows.
 */
import type { EmbeddedImage, TrailerKind } from './types';

/**
 * Classifies the bytes after EOI: `padding` when all are 0x00 or 0xFF; `mpf-images` when they begin
 * with an image the MPF index lists; `jpeg` when they begin with another SOI not indexed; `other`.
 * `unexplainedBytes` counts trailing bytes that are neither padding nor inside an MPF-listed image.
 */
export function classifyTrailer(bytes: Uint8Array, eoiOffset: number | null, mpf: readonly EmbeddedImage[]): { kind: TrailerKind; bytes: number; unexplainedBytes: number } {
  if (eoiOffset === null) return { kind: 'none', bytes: 0, unexplainedBytes: 0 };
  const start = eoiOffset + 2;
  const count = bytes.length - start;
  if (count <= 0) return { kind: 'none', bytes: 0, unexplainedBytes: 0 };
  const covered = new Uint8Array(count);
  for (const image of mpf) {
    if (!image.startsWithSoi || image.offset < start) continue;
    covered.fill(1, image.offset - start, Math.min(count, image.offset - start + image.length));
  }
  let unexplained = 0;
  let allPadding = true;
  for (let i = 0; i < count; i++) {
    const b = bytes[start + i] as number;
    const pad = b === 0x00 || b === 0xff;
    if (!pad) allPadding = false;
    if (!pad && covered[i] === 0) unexplained++;
  }
  const startsWithSoi = bytes[start] === 0xff && bytes[start + 1] === 0xd8;
  const kind: TrailerKind = allPadding ? 'padding' : covered[0] === 1 ? 'mpf-images' : startsWithSoi ? 'jpeg' : 'other';
  return { kind, bytes: count, unexplainedBytes: unexplained };
}
