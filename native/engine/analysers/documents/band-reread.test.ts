import { describe, expect, it } from 'vitest';
import { photographScene } from '../../../../tests/fixtures/documents';
import { readMrz } from '../../domain/mrz';
import { decodeRgb, rgbToGray } from '../../imaging/decode';
import type { Point, Quad } from '../../imaging/raster';
import { BandRereader } from './band-reread';

const lerp = (a: Point, b: Point, t: number): Point => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

describe('MRZ re-read along the band, independent of the outline', () => {
  it('reads every line of an MRZ whose outline clips its last line, cells landing on the rectified document', async () => {
    const scene = await photographScene({
      seed: 77,
      background: 'scanner',
      documents: [{ document: { format: 'TD1', side: 'back', seed: 77, data: { surname: 'MARKOVIĆ', givenNames: 'ANA', documentNumber: 'RP7731045' } }, rotation: 3 }],
    });
    const truth = scene.truth.documents[0]!;
    const [tl, tr, br, bl] = truth.quad;
    // An outline whose bottom edge sits 6 % too high: it runs through the third MRZ line.
    const clipped: Quad = [tl, tr, lerp(tr, br, 0.94), lerp(tl, bl, 0.94)];
    const image = await decodeRgb(scene.image);
    const readings = await new BandRereader(rgbToGray(image)).readInside(clipped, 1011, 638);
    const exact = readings.map((r) => readMrz(r.lines)).find((m) => m.lines.join('\n') === truth.truth.mrzLines.join('\n'));
    expect(exact?.valid).toBe(true);
    const reading = readings.find((r) => readMrz(r.lines).lines.join('\n') === truth.truth.mrzLines.join('\n'))!;
    // Cells of the first line lie inside the rectified card; the third line's run past its clipped bottom.
    const first = reading.lines[0]!.chars[0]!.box!;
    expect(first.x).toBeGreaterThanOrEqual(0);
    expect(first.y).toBeGreaterThan(638 * 0.6);
    expect(reading.lines[2]!.chars[0]!.box!.y + reading.lines[2]!.chars[0]!.box!.height).toBeGreaterThan(first.y);
  });

  it('finds nothing to re-read outside the outline', async () => {
    const scene = await photographScene({ seed: 78, background: 'plain', documents: [{ document: { format: 'TD3', seed: 78 }, rotation: 0 }] });
    const image = await decodeRgb(scene.image);
    const elsewhere: Quad = [[0, 0], [200, 0], [200, 120], [0, 120]];
    expect(await new BandRereader(rgbToGray(image)).readInside(elsewhere, 1011, 638)).toEqual([]);
  });
});
