import { describe, expect, it } from 'vitest';
import { rotateGray180 } from '../../imaging/raster';
import { locateMrz, locateMrzAnyOrientation } from './locate';
import { renderTestZone, SPECIMEN_LINES } from './test-helpers';

describe('locateMrz', () => {
  for (const format of ['TD1', 'TD2', 'TD3'] as const) {
    for (const angle of [0, 4, -4.5]) {
      it(`finds a ${format} zone rotated ${angle} degrees with its geometry`, async () => {
        const zone = await renderTestZone(SPECIMEN_LINES[format], { angle, charHeight: 18 });
        const location = locateMrz(zone.image);
        expect(location).not.toBeNull();
        expect(location!.format).toBe(format);
        expect(location!.lines).toHaveLength(SPECIMEN_LINES[format].length);
        expect(Math.abs(location!.skewDegrees - angle)).toBeLessThan(0.3);
        expect(Math.abs(location!.pitch / zone.pitch - 1)).toBeLessThan(0.03);
        location!.lines.forEach((line, k) => {
          expect(Math.hypot(line.start[0] - zone.starts[k]![0], line.start[1] - zone.starts[k]![1])).toBeLessThan(0.3 * zone.pitch);
          expect(Math.hypot(line.end[0] - zone.ends[k]![0], line.end[1] - zone.ends[k]![1])).toBeLessThan(0.3 * zone.pitch);
        });
      });
    }
  }

  it('finds nothing in a blank page or in a single line', async () => {
    expect(locateMrz({ width: 400, height: 300, data: new Uint8Array(400 * 300).fill(230) })).toBeNull();
    const single = await renderTestZone([SPECIMEN_LINES.TD3[0]]);
    expect(locateMrz(single.image)).toBeNull();
  });

  it('reports both orientations of an upside-down zone', async () => {
    const zone = await renderTestZone(SPECIMEN_LINES.TD1);
    const found = locateMrzAnyOrientation(rotateGray180(zone.image));
    expect(found.map((f) => f.orientation).sort()).toEqual([0, 180]);
  });
});
