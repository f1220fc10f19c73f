import { describe, expect, it } from 'vitest';
import {
  applyMatrix,
  canvasScale,
  cellAt,
  colorize,
  colormapLut,
  invert,
  legendGradient,
  lensOrigin,
  levelToValue,
  lutTables,
  mapTransform,
  multiply,
  rampColour,
  uprightDims,
  uprightTransform,
  viewTransform,
} from './map-render';
import type { MapGeometry, Matrix } from './map-render';

/** Turn a stored raster upright through `uprightTransform`, pixel centre to pixel centre (as a canvas draws it). */
function turn(rows: readonly string[], orientation: number): string[] {
  const height = rows.length;
  const width = rows[0]!.length;
  const size = uprightDims(orientation, width, height);
  const out = Array.from({ length: size.height }, () => Array<string>(size.width).fill('?'));
  const m = uprightTransform(orientation, width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [u, v] = applyMatrix(m, x + 0.5, y + 0.5);
      out[Math.floor(v)]![Math.floor(u)] = rows[y]![x]!;
    }
  }
  return out.map((row) => row.join(''));
}

const STORED = ['abc', 'def'];

describe('uprightTransform', () => {
  it('turns a stored raster as EXIF orientations 1..8 say (known answers)', () => {
    expect(turn(STORED, 1)).toEqual(['abc', 'def']);
    expect(turn(STORED, 2)).toEqual(['cba', 'fed']); // mirrored
    expect(turn(STORED, 3)).toEqual(['fed', 'cba']); // 180°
    expect(turn(STORED, 4)).toEqual(['def', 'abc']); // flipped
    expect(turn(STORED, 5)).toEqual(['ad', 'be', 'cf']); // transposed
    expect(turn(STORED, 6)).toEqual(['da', 'eb', 'fc']); // 90° clockwise
    expect(turn(STORED, 7)).toEqual(['fc', 'eb', 'da']); // transversed
    expect(turn(STORED, 8)).toEqual(['cf', 'be', 'ad']); // 90° anticlockwise
  });

  it('treats unknown orientations as upright', () => {
    expect(turn(STORED, 0)).toEqual(STORED);
    expect(turn(STORED, 9)).toEqual(STORED);
  });

  it('maps the stored image rectangle exactly onto the upright one for every orientation', () => {
    for (let o = 1; o <= 8; o++) {
      const size = uprightDims(o, 40, 30);
      const corners = [[0, 0], [40, 0], [0, 30], [40, 30]].map(([x, y]) => applyMatrix(uprightTransform(o, 40, 30), x!, y!));
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([0, size.width, 0, size.height]);
    }
  });
});

describe('matrices', () => {
  it('composes and inverts', () => {
    const m: Matrix = multiply(viewTransform(0.5, 10, 20), uprightTransform(6, 40, 30));
    // Stored (0, 0) is upright (30, 0), then shifted by (-10, -20) and halved.
    expect(applyMatrix(m, 0, 0)).toEqual([10, -10]);
    const back = applyMatrix(invert(m), 10, -10);
    expect(back[0]).toBeCloseTo(0);
    expect(back[1]).toBeCloseTo(0);
    expect(() => invert([0, 0, 0, 0, 1, 1])).toThrow(RangeError);
  });
});

describe('mapTransform and cellAt', () => {
  // 100 x 60 stored image, 16 px cells: ceil(100/16) = 7 by ceil(60/16) = 4 cells, the last ones partial.
  const map: MapGeometry = { width: 7, height: 4, cellSize: 16, orientation: 1, imageWidth: 100, imageHeight: 60 };

  it('scales cells to image pixels and then by the view', () => {
    expect(applyMatrix(mapTransform(map), 7, 4)).toEqual([112, 64]);
    expect(applyMatrix(mapTransform(map, viewTransform(0.5)), 7, 4)).toEqual([56, 32]);
  });

  it('sends overhanging cells outside the upright image, whatever the orientation (so the canvas crops them)', () => {
    for (let o = 1; o <= 8; o++) {
      const turned = { ...map, orientation: o };
      const size = uprightDims(o, 100, 60);
      // The far corner of the last cell lies past the image's edge...
      const [fx, fy] = applyMatrix(mapTransform(turned), 7, 4);
      expect(fx < 0 || fy < 0 || fx > size.width || fy > size.height).toBe(true);
      // ...while the image's own far corner (100 / 16 = 6.25 cells, 60 / 16 = 3.75) lands on an upright corner.
      const [cx, cy] = applyMatrix(mapTransform(turned), 6.25, 3.75);
      expect([0, size.width]).toContain(Math.round(cx));
      expect([0, size.height]).toContain(Math.round(cy));
    }
  });

  it('finds the cell under an upright point, and none past the image edge', () => {
    expect(cellAt(map, 0, 0)).toEqual({ col: 0, row: 0 });
    expect(cellAt(map, 99.5, 59.5)).toEqual({ col: 6, row: 3 });
    expect(cellAt(map, 100, 10)).toBeNull();
    // Turned 90° clockwise: upright (59.5, 0.5) is stored (0.5, 0.5), the first cell; upright is 60 x 100.
    const turned = { ...map, orientation: 6 };
    expect(cellAt(turned, 59.5, 0.5)).toEqual({ col: 0, row: 0 });
    expect(cellAt(turned, 0.5, 99.5)).toEqual({ col: 6, row: 3 });
    expect(cellAt(turned, 61, 10)).toBeNull();
  });
});

describe('colour', () => {
  it('makes the suspicious end bright, warm and opaque and the other end dark and transparent', () => {
    const up = colormapLut(true);
    const down = colormapLut(false);
    const at = (lut: Uint8ClampedArray, level: number) => Array.from(lut.subarray(level * 4, level * 4 + 4));
    expect(at(up, 0)).toEqual([0, 0, 4, 0]);
    expect(at(up, 255)).toEqual([252, 255, 164, 255]);
    expect(at(down, 255)).toEqual(at(up, 0));
    expect(at(down, 0)).toEqual(at(up, 255));
    // Brightness (sum of channels) and opacity never decrease towards the suspicious end.
    for (let level = 1; level < 256; level++) {
      const [r0, g0, b0, a0] = at(up, level - 1);
      const [r1, g1, b1, a1] = at(up, level);
      expect(r1! + g1! + b1!).toBeGreaterThanOrEqual(r0! + g0! + b0! - 1);
      expect(a1!).toBeGreaterThanOrEqual(a0!);
    }
    // The noise floor (lowest tenth) is transparent; from 60 % on, fully opaque.
    expect(at(up, 25)[3]).toBe(0);
    expect(at(up, 40)[3]).toBeGreaterThan(0);
    expect(at(up, 153)[3]).toBe(255);
    // Warm: at 3/4 of the way red dominates blue.
    const [r, , b] = rampColour(0.75);
    expect(r).toBeGreaterThan(b * 3);
  });

  it('colours grey levels read from a canvas and keeps them per cell', () => {
    const lut = colormapLut(true);
    const rgba = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 255, 128, 128, 128, 255]);
    const { rgba: out, levels } = colorize(rgba, lut);
    expect(Array.from(levels)).toEqual([0, 255, 128]);
    expect(Array.from(out.subarray(4, 8))).toEqual([252, 255, 164, 255]);
    expect(Array.from(out.subarray(8, 12))).toEqual(Array.from(lut.subarray(128 * 4, 128 * 4 + 4)));
  });

  it('gives the same colours as SVG transfer tables and as a legend gradient', () => {
    const lut = colormapLut(true);
    const tables = lutTables(lut);
    const red = tables.r.split(' ').map(Number);
    expect(red).toHaveLength(256);
    expect(red[255]).toBeCloseTo(252 / 255, 3);
    expect(tables.a.split(' ').map(Number)[0]).toBe(0);
    const gradient = legendGradient(true);
    expect(gradient.startsWith('linear-gradient(to right, rgba(0, 0, 4, 0.000) 0.0%')).toBe(true);
    expect(gradient.endsWith('rgba(252, 255, 164, 1.000) 100.0%)')).toBe(true);
    expect(legendGradient(false).startsWith('linear-gradient(to right, rgba(252, 255, 164, 1.000) 0.0%')).toBe(true);
  });
});

describe('values and sizes', () => {
  it('reads grey levels as values of the map range', () => {
    expect(levelToValue(0, [0, 40])).toBe(0);
    expect(levelToValue(255, [0, 40])).toBe(40);
    expect(levelToValue(51, [10, 20])).toBeCloseTo(12);
  });

  it('caps the canvas at the long side given', () => {
    expect(canvasScale(1024, 768, 2048)).toBe(1);
    expect(canvasScale(4000, 3000, 2000)).toBe(0.5);
    expect(canvasScale(3000, 4096, 2048)).toBe(0.5);
  });

  it('centres the magnifier window on the pointer', () => {
    // 160 screen px at 4 screen px per image pixel: a 40 px window.
    expect(lensOrigin(100, 50, 160, 4)).toEqual({ x0: 80, y0: 30 });
  });
});
