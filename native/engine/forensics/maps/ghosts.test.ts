import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { compressed, containedFraction, insideOutside, sceneRgb, splicedScene } from '../../../../tests/fixtures/forensic-scenes';
import { median } from './block-stats';
import { dct8x8 } from './dct8';
import { ghostDifferences } from './ghost-differences';
import { jpegGhosts } from './ghosts';
import { ijgLumaTable } from './ijg-tables';
import { jpegRoundTrip } from './jpeg-roundtrip';

const W = 640;
const H = 480;
const BOX = { x: 200, y: 160, width: 160, height: 128 };

describe('jpegGhosts', () => {
  for (const [source, final] of [
    [60, 90],
    [60, 95],
    [70, 90],
  ] as const) {
    it(`finds the ghost of a region saved at q${source} inside a q${final} JPEG, at q${source}`, async () => {
      const scene = await splicedScene({ seed: 11 + source + final, width: W, height: H, box: BOX, sourceQuality: source, finalQuality: final });
      const result = jpegGhosts(scene.image);
      const local = result.indicators.filter((i) => i.kind === 'ghost.local-minimum');
      const top = local[0]!;
      expect(top.severity).toBe('warning');
      expect(top.attributes.quality).toBe(source);
      expect(top.attributes.ratio as number).toBeLessThan(0.33);
      // Every warning lies on the pasted region, and the regions at the ghost quality cover much of it
      // (smooth parts of the pasted area change too little at every quality to be judged).
      const warnings = result.indicators.filter((i) => i.severity === 'warning');
      for (const w of warnings) expect(containedFraction(w.region!, BOX)).toBeGreaterThan(0.9);
      const covered = local.filter((i) => i.attributes.quality === source).reduce((a, i) => a + i.region!.width * i.region!.height, 0);
      expect(covered / (BOX.width * BOX.height)).toBeGreaterThan(0.4);
      const map = result.maps[`ghost-q${source}`]!;
      expect(map.cellSize).toBe(8);
      expect([map.width, map.height]).toEqual([W / 8, H / 8]);
      const { inside, outside } = insideOutside(map, BOX);
      expect(median(inside)).toBeLessThan(0.5 * median(outside));
    });
  }

  it('raises no local ghost on single-compressed images, and reports where the whole image dips', async () => {
    for (const seed of [12, 13]) {
      const raw = await sceneRgb(seed, W, H);
      for (const q of [85, 90, 95]) {
        const result = jpegGhosts(await compressed(raw, q));
        expect(result.indicators.filter((i) => i.kind === 'ghost.local-minimum'), `seed ${seed} q${q}`).toEqual([]);
        expect(result.score).toBe(0);
        if (q === 85) {
          // Saved at q85: re-compressing at q85 changes the whole image far less than at q90.
          const global = result.indicators.find((i) => i.kind === 'ghost.global-minimum');
          expect(global?.attributes.quality).toBe(85);
          expect(global?.severity).toBe('info');
        }
      }
    }
  });

  it('returns the quality curve: difference grows as quality falls below the file quality', async () => {
    const result = jpegGhosts(await compressed(await sceneRgb(14, W, H), 90));
    const curve = result.metrics.curve as { quality: number; meanSquaredDifference: number }[];
    expect(curve.map((c) => c.quality)).toEqual([50, 55, 60, 65, 70, 75, 80, 85, 90, 95]);
    for (let i = 0; i + 1 < curve.length - 2; i++) expect(curve[i]!.meanSquaredDifference).toBeGreaterThan(curve[i + 1]!.meanSquaredDifference);
    expect(curve[8]!.meanSquaredDifference).toBeLessThan(0.2 * curve[7]!.meanSquaredDifference);
  });

  it('DCT-domain differences match a real JPEG round trip (sharp) block by block', async () => {
    const rgb = await compressed(await sceneRgb(15, 320, 240), 90);
    const gray = { width: 320, height: 240, data: new Uint8Array(320 * 240) };
    for (let i = 0; i < gray.data.length; i++) gray.data[i] = Math.round(0.299 * rgb.data[3 * i]! + 0.587 * rgb.data[3 * i + 1]! + 0.114 * rgb.data[3 * i + 2]!);
    const qualities = [55, 70, 80];
    const diff = ghostDifferences(gray, qualities, true);
    for (let qi = 0; qi < qualities.length; qi++) {
      const re = await jpegRoundTrip(gray, { quality: qualities[qi]!, chromaSubsampling: '4:2:0' });
      const a = diff.perQuality[qi]!;
      const b = new Float64Array(a.length);
      for (let r = 0; r < diff.rows; r++) {
        for (let c = 0; c < diff.cols; c++) {
          let s = 0;
          for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) s += (gray.data[(r * 8 + y) * 320 + c * 8 + x]! - re[(r * 8 + y) * 320 + c * 8 + x]!) ** 2;
          b[r * diff.cols + c] = s / 64;
        }
      }
      expect(correlation(a, b), `q${qualities[qi]}`).toBeGreaterThan(0.99);
      const ma = a.reduce((x, y) => x + y, 0) / a.length;
      const mb = b.reduce((x, y) => x + y, 0) / b.length;
      // The real decoder also rounds to 8 bits (adds ~1/12 squared level per pixel).
      expect(Math.abs(ma - mb)).toBeLessThan(0.05 * mb + 0.15);
    }
  });

  it('the DCT is orthonormal and the IJG tables are libjpeg’s', async () => {
    const block = Float64Array.from({ length: 64 }, (_, i) => ((i * 37) % 19) - 9);
    const energy = block.reduce((s, v) => s + v * v, 0);
    const dc = block.reduce((s, v) => s + v, 0) / 8;
    dct8x8(block, new Float64Array(64));
    expect(block.reduce((s, v) => s + v * v, 0)).toBeCloseTo(energy, 8);
    expect(block[0]).toBeCloseTo(dc, 10);
    expect(Array.from(ijgLumaTable(50).subarray(0, 4))).toEqual([16, 11, 10, 16]);
    // The table sharp writes at q75 (read back from the file's DQT segment).
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).jpeg({ quality: 75 }).toBuffer();
    const dqt = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
    expect(Array.from(jpeg.subarray(dqt + 5, dqt + 5 + 4))).toEqual([8, 6, 6, 7]); // zig-zag order 0, 1, 8, 16 of q75
    expect(Array.from(ijgLumaTable(75)).filter((_, i) => [0, 1, 8, 16].includes(i))).toEqual([8, 6, 6, 7]);
  });

  it('reports a too-small image as info and rejects bad qualities', () => {
    const tiny = jpegGhosts({ width: 20, height: 20, data: new Uint8Array(400) });
    expect(tiny.indicators[0]!.kind).toBe('ghost.not-measured');
    expect(() => jpegGhosts({ width: 64, height: 64, data: new Uint8Array(4096) }, { qualities: [80, 70] })).toThrow(RangeError);
    expect(() => jpegGhosts({ width: 64, height: 64, data: new Uint8Array(4096) }, { qualities: [50, 101] })).toThrow(RangeError);
  });
});

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
