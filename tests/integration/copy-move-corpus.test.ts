import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectCopyMove } from '../../native/engine/forensics/copy-move/index';
import type { ForensicResult, RgbImage } from '../../native/engine/forensics/types';

/**
 * Corpus tier for copy-move detection: CASIA v1 triptychs [tampered | original | mask] (namtpham/
 * casia1groundtruth). `Sp_S_*` files (Samples/CM) are copy-moves within one image, `Sp_D_*` (Samples/Sp)
 * splices from another image, where a copy-move pair would be a false detection. Also real photographs
 * and document specimens of the corpus, none of which holds a copy-move. Reports what it measured; skips
 * when the corpus is absent. The CASIA mask marks the pasted (target) region only, while the map marks
 * both ends of a pair, so pixel precision against the mask is at most about one half for a detected pair.
 */
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
const CASIA = path.join(CORPUS, 'namtpham+casia1groundtruth/Samples');
const OTHERS = [
  'konstantint+PassportEye/tests/data/passport-td3.jpg',
  'konstantint+PassportEye/tests/data/passport-td2.jpg',
  'konstantint+PassportEye/passporteye/mrz/testdata/100_pass-uto.jpg',
  'ianare+exif-samples/jpg/gps/DSCN0010.jpg',
  'MikeKovarik+exifr/test/fixtures/IMG_20180725_163423.jpg',
];

/** Left third (tampered RGB) and right third (mask, true where > 127) of a triptych. */
async function triptych(file: string): Promise<{ image: RgbImage; mask: Uint8Array }> {
  const meta = await sharp(file).metadata();
  const w = Math.floor(meta.width! / 3), h = meta.height!;
  const third = (k: number) => sharp(file).extract({ left: k * w, top: 0, width: w, height: h });
  const rgb = await third(0).removeAlpha().raw().toBuffer();
  const grey = await third(2).greyscale().raw().toBuffer();
  return { image: { width: w, height: h, data: new Uint8Array(rgb) }, mask: Uint8Array.from(grey, (v) => (v > 127 ? 1 : 0)) };
}

/** Pixel precision, recall and F1 of the copy-move map (read back at image pixels) against `mask`. */
function score(r: ForensicResult, mask: Uint8Array, w: number, h: number): { precision: number; recall: number; f1: number } {
  const m = r.maps['copy-move']!;
  let tp = 0, fp = 0, fn = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ours = m.data[Math.floor(y / m.cellSize) * m.width + Math.floor(x / m.cellSize)]! > 0.5;
      const truth = mask[y * w + x] === 1;
      if (ours && truth) tp++;
      else if (ours) fp++;
      else if (truth) fn++;
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : 0, recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const pairsOf = (r: ForensicResult) => r.indicators.filter((i) => i.kind === 'copy-move.pair');
const files = (sub: string) => (existsSync(path.join(CASIA, sub)) ? readdirSync(path.join(CASIA, sub)).filter((f) => f.endsWith('.png')).sort() : []);

describe.skipIf(!existsSync(CASIA))('copy-move detection on the CASIA v1 samples and corpus photographs', () => {
  it('CM (copy-move) samples: per image detection and pixel precision/recall/F1 against the mask', async () => {
    const lines: string[] = [];
    for (const name of files('CM')) {
      const { image, mask } = await triptych(path.join(CASIA, 'CM', name));
      const r = await detectCopyMove(image);
      const map = r.maps['copy-move']!;
      expect(map.width * map.cellSize).toBeGreaterThanOrEqual(image.width);
      const pairs = pairsOf(r);
      const q = score(r, mask, image.width, image.height);
      const maskPixels = mask.reduce((s, v) => s + v, 0);
      lines.push(
        `${name} ${image.width}x${image.height} mask ${maskPixels} px: ${pairs.length ? 'DETECTED' : 'not detected'} ` +
          `(${pairs.length} pairs, ${r.indicators.length - pairs.length} other indicators) P ${q.precision.toFixed(2)} R ${q.recall.toFixed(2)} F1 ${q.f1.toFixed(2)}`,
      );
      // A detection must touch the tampered area: a pair entirely elsewhere would be a misplaced finding.
      if (pairs.length) expect(q.recall).toBeGreaterThan(0);
    }
    console.log(`copy-move corpus tier, CASIA CM:\n  ${lines.join('\n  ')}`);
  });

  it('Sp (splice, no copy-move) samples: no copy-move pair', async () => {
    const lines: string[] = [];
    for (const name of files('Sp')) {
      const { image } = await triptych(path.join(CASIA, 'Sp', name));
      const r = await detectCopyMove(image);
      lines.push(`${name}: ${pairsOf(r).length} false pairs, ${r.indicators.length} indicators`);
      expect(pairsOf(r)).toEqual([]);
    }
    console.log(`copy-move corpus tier, CASIA Sp:\n  ${lines.join('\n  ')}`);
  });

  it('photographs and passport specimens: no copy-move pair (MRZ filler is reported as a repeated pattern)', async () => {
    const lines: string[] = [];
    for (const rel of OTHERS) {
      const file = path.join(CORPUS, rel);
      if (!existsSync(file)) continue;
      const { data, info } = await sharp(file).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const r = await detectCopyMove({ width: info.width, height: info.height, data: new Uint8Array(data) });
      const kinds = r.indicators.map((i) => i.kind);
      lines.push(`${path.basename(rel)} ${info.width}x${info.height}: ${pairsOf(r).length} pairs, ${kinds.length - pairsOf(r).length} repeated-pattern notes, ${Math.round((r.metrics.timingsMs as { total: number }).total)} ms`);
      expect(pairsOf(r)).toEqual([]);
    }
    console.log(`copy-move corpus tier, other corpus files:\n  ${lines.join('\n  ')}`);
  });
});
