/**
 * EXIF image size against the real size (`metadata.exif-size-mismatch`, notice). A camera writes the
 * size of the image it encodes: Exif PixelXDimension/PixelYDimension (0xA002/0xA003, exifr's
 * ExifImageWidth/Height) and, on some devices, TIFF ImageWidth/ImageLength in IFD0. Programs that
 * resize or crop and keep the Exif block unchanged leave the old size behind. XMP exif:Pixel*Dimension
 * and tiff:ImageWidth/ImageLength are checked the same way (written by the last XMP writer).
 *
 * Score 0.5 when the recorded size is a scaled copy of the real one (same shape: resized), 0.6 when the
 * shape differs (cropped, padded or replaced), 0.3 when it is the real size turned by 90° while the
 * Orientation tag says the pixels are upright (1-4): the pixels were rotated after the size was written
 * (a lossless rotation by a viewer or editor). With Orientation 5-8 a swapped pair is accepted, since
 * devices write either the stored or the upright size of a rotated image.
 */
import type { ForensicIndicator } from '../types';
import { indicator } from './indicator';
import type { Block } from './read-metadata';
import { num } from './read-metadata';

/** Sizes within 16 px per side count as equal: encoders may record the size padded to whole 16-pixel MCUs (4:2:0) or trimmed to them. */
const SIZE_SLACK = 16;
/** Same shape when the aspect ratios agree within 1 % (rounding of a scaled size to whole pixels stays far below). */
const SHAPE_SLACK = 0.01;

interface RecordedSize {
  readonly source: string;
  readonly width: number;
  readonly height: number;
}

function recorded(source: string, block: Block | null, w: string, h: string): RecordedSize | null {
  const width = num(block?.[w]);
  const height = num(block?.[h]);
  // Zero or one is what some writers put in as a placeholder; nothing to compare.
  return width !== null && height !== null && width > 1 && height > 1 ? { source, width, height } : null;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= SIZE_SLACK;

/** Sizes recorded in the metadata, by source. */
export function recordedSizes(meta: { ifd0: Block | null; exif: Block | null; xmpTiff: Block | null; xmpExif: Block | null }): RecordedSize[] {
  return [
    recorded('EXIF:ExifImageWidth/ExifImageHeight', meta.exif, 'ExifImageWidth', 'ExifImageHeight'),
    recorded('EXIF:ImageWidth/ImageHeight (IFD0)', meta.ifd0, 'ImageWidth', 'ImageHeight'),
    recorded('XMP:exif:PixelXDimension/PixelYDimension', meta.xmpExif, 'PixelXDimension', 'PixelYDimension'),
    recorded('XMP:tiff:ImageWidth/ImageLength', meta.xmpTiff, 'ImageWidth', 'ImageLength') ?? recorded('XMP:tiff:ImageWidth/ImageLength', meta.xmpTiff, 'ImageWidth', 'ImageHeight'),
  ].filter((s): s is RecordedSize => s !== null);
}

/**
 * One indicator per recorded size that disagrees with the real `width` x `height` (stored pixels).
 * @param orientation EXIF Orientation (1..8)
 */
export function exifSizeIndicators(sizes: readonly RecordedSize[], width: number, height: number, orientation: number): ForensicIndicator[] {
  return sizes.flatMap((s) => {
    const same = close(s.width, width) && close(s.height, height);
    const swapped = close(s.width, height) && close(s.height, width);
    if (same || (swapped && orientation >= 5 && orientation <= 8)) return [];
    if (swapped) {
      return [indicator('exif-size-mismatch', 'notice', 0.3,
        `${s.source} records ${s.width}x${s.height}, the image is ${width}x${height}: the same size turned by 90° while Orientation ${orientation} says the pixels are upright, so the pixels were rotated after the size was written (a lossless rotation by a viewer or editor that reset Orientation)`,
        { source: s.source, recordedWidth: s.width, recordedHeight: s.height, width, height, orientation, kind: 'rotated' })];
    }
    // Compare shapes in the orientation that fits best.
    const direct = Math.abs(Math.log(s.width / s.height / (width / height)));
    const turned = Math.abs(Math.log(s.height / s.width / (width / height)));
    const shapeError = Math.min(direct, turned);
    const scaled = shapeError <= SHAPE_SLACK;
    const quarterTurn = scaled && turned < direct;
    const factor = Math.sqrt((width * height) / (s.width * s.height));
    const how = scaled ? `the same shape${quarterTurn ? ' turned by 90°' : ''} scaled by ${factor.toFixed(3)} (resized` : 'a different shape (cropped, padded or replaced';
    return [indicator('exif-size-mismatch', 'notice', scaled ? 0.5 : 0.6,
      `${s.source} records ${s.width}x${s.height} but the image is ${width}x${height}: ${how} after the size was written; the metadata was kept from the original)`,
      { source: s.source, recordedWidth: s.width, recordedHeight: s.height, width, height, shapeError, scaleFactor: factor, quarterTurn, kind: scaled ? 'scaled' : 'reshaped' })];
  });
}
