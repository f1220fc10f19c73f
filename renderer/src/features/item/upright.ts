/** The size of an item's image as shown upright (EXIF orientation applied), for drawing boxes over it. */
import type { ItemDetail } from '../../../../native/engine/contract';

/** EXIF orientations 5-8 turn the image by 90 or 270 degrees: width and height trade places. */
const TRANSPOSING = new Set([5, 6, 7, 8]);

export function uprightSize(detail: Pick<ItemDetail, 'width' | 'height' | 'metadata'>): { width: number; height: number } | null {
  if (!detail.width || !detail.height) return null;
  const ifd0 = detail.metadata['ifd0'];
  const orientation = ifd0 && typeof ifd0 === 'object' ? (ifd0 as Record<string, unknown>)['Orientation'] : undefined;
  return typeof orientation === 'number' && TRANSPOSING.has(orientation) ? { width: detail.height, height: detail.width } : { width: detail.width, height: detail.height };
}
