/**
 * Documents extrapolated from an MRZ band: the glyph pitch (2.54 mm) fixes the scale, the text axis the
 * orientation and the nominal Doc 9303 placement (types.ts MRZ_GEOMETRY) the outline. Both readings of
 * the band (upright, or turned by 180 degrees) are returned; the caller decides with the image edges.
 */
import type { Point, Quad } from '../../imaging/raster';
import type { BandDetail } from './mrz-bands';
import { MRZ_GEOMETRY, MRZ_PITCH_MM, SIZE_MM } from './types';
import type { MrzFormat } from './types';

/**
 * The outline the band implies, TL, TR, BR, BL. `flipped` reads the band turned by 180 degrees (text
 * direction and line order reversed). The band length is taken as `chars` glyph cells of 2.54 mm; the
 * last glyph's right side bearing makes that ~1 % short, well inside what edge refinement corrects.
 */
export function quadFromBand(band: BandDetail, format: MrzFormat, flipped: boolean): Quad {
  const g = MRZ_GEOMETRY[format];
  const size = SIZE_MM[g.sizeClass];
  const s = band.length / (g.chars * MRZ_PITCH_MM); // px per mm
  const u: Point = flipped ? [-band.u[0], -band.u[1]] : band.u;
  const n: Point = flipped ? [-band.n[0], -band.n[1]] : band.n;
  // Along the text, measured from the band centre: the first glyph starts at -length/2.
  const left = -band.length / 2 - g.leftMm * s;
  const right = left + size.width * s;
  // Across: the last line (largest offset along the reading normal) is the bottom line.
  const offs = band.lineOffsets.map((o) => (flipped ? -o : o));
  const bottomLine = Math.max(...offs);
  const bottom = bottomLine + g.bottomCentreMm * s;
  const top = bottom - size.height * s;
  const at = (a: number, b: number): Point => [band.center[0] + a * u[0] + b * n[0], band.center[1] + a * u[1] + b * n[1]];
  return [at(left, top), at(right, top), at(right, bottom), at(left, bottom)];
}

/** Formats a band may be, best guess first (a band without a measured format could be any). */
export function candidateFormats(band: BandDetail): MrzFormat[] {
  if (band.format) return [band.format];
  return band.lines === 3 ? ['TD1'] : ['TD3', 'TD2'];
}
