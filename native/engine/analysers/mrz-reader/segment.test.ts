import { describe, expect, it } from 'vitest';
import { sampleLineStrip, stripToImage } from './line-strip';
import { locateMrz } from './locate';
import { segmentLine } from './segment';
import { paintRect, renderTestZone, SPECIMEN_LINES } from './test-helpers';

describe('segmentLine', () => {
  it('keeps the grid on the true cells when glyphs are fused or broken', async () => {
    const zone = await renderTestZone(SPECIMEN_LINES.TD3, { charHeight: 22 });
    const pitch = zone.pitch;
    const [sx, sy] = zone.starts[1]!;
    let image = zone.image;
    // Fuse cells 3-5 of line 2 with a bar along the baseline, and cut cells 20-23 with a white stripe.
    image = paintRect(image, sx + 3 * pitch, sy + 8, 2.2 * pitch, 3, 20);
    image = paintRect(image, sx + 19.5 * pitch, sy - 1, 4 * pitch, 3, 235);
    const location = locateMrz(image);
    expect(location?.format).toBe('TD3');
    const strip = sampleLineStrip(image, location!.lines[1]!, 44);
    const segmented = segmentLine(strip, 44);
    expect(segmented.cellCentres).toHaveLength(44);
    for (let k = 0; k < 44; k++) {
      const [x, y] = stripToImage(strip, segmented.cellCentres[k]!, strip.centreY);
      const truthX = sx + k * pitch;
      expect(Math.abs(x - truthX), `cell ${k}`).toBeLessThan(0.15 * pitch);
      expect(Math.abs(y - sy)).toBeLessThan(0.3 * pitch);
    }
    expect(Math.abs(segmented.pitch / (strip.pitch) - 1)).toBeLessThan(0.02);
  });
});
