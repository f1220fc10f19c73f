/**
 * Corpus tier for the pixel-domain forensic maps: our ELA map against pyIFD's MATLAB reference maps
 * (EldritchJS/pyIFD, `OutputMap` in .mat v5). pyIFD's ELA re-saves at quality 90 (IJG tables, 4:2:0),
 * takes |original - re-saved| per channel times 15 and averages R, G, B; errorLevelAnalysis with
 * scale 15 computes the same. Agreement criterion of the corpus README: SSIM >= 0.9. Skipped, saying
 * so, when ../shared/corpus is absent. Figures are printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorLevelAnalysis } from '../../native/engine/forensics/maps/ela';
import { decodeRgbRaw } from '../fixtures/forensic-scenes';
import { readMat5, toRowMajor2D } from '../fixtures/mat5';
import { meanSsim } from '../fixtures/ssim';

const PYIFD_DIR = path.resolve(__dirname, '../../../shared/corpus/dev/EldritchJS+pyIFD');

const CASES = [
  { jpg: 'data/demo_ela.jpg', mat: 'data/demo_ela.mat' },
  { jpg: 'tests/data/168_image.jpg', mat: 'tests/data/168_ELA.mat' },
];

describe.skipIf(!existsSync(PYIFD_DIR))('ELA against pyIFD reference maps (corpus)', () => {
  for (const c of CASES) {
    it(`${c.jpg}: SSIM >= 0.9 with ${path.basename(c.mat)}`, async () => {
      const image = await decodeRgbRaw(readFileSync(path.join(PYIFD_DIR, c.jpg)));
      const reference = toRowMajor2D(readMat5(readFileSync(path.join(PYIFD_DIR, c.mat))).get('OutputMap')!);
      expect([reference.width, reference.height]).toEqual([image.width, image.height]);
      const started = performance.now();
      const result = await errorLevelAnalysis(image, { quality: 90, chromaSubsampling: '4:2:0', channelReduce: 'mean', scale: 15 });
      const ms = performance.now() - started;
      const ours = result.maps.ela!;
      const gaussian = meanSsim(reference, ours);
      const uniform = meanSsim(reference, ours, { window: 'uniform', size: 8 });
      let exact = 0;
      let maxAbs = 0;
      for (let i = 0; i < ours.data.length; i++) {
        const d = Math.abs(ours.data[i]! - reference.data[i]!);
        if (d < 1e-3) exact++;
        maxAbs = Math.max(maxAbs, d);
      }
      console.log(
        `[forensic maps corpus] ELA ${c.jpg} (${image.width}x${image.height}): SSIM gaussian ${gaussian.toFixed(4)}, uniform8 ${uniform.toFixed(4)}, ` +
          `${((100 * exact) / ours.data.length).toFixed(2)} % pixels equal, max |diff| ${maxAbs.toFixed(2)}, ${ms.toFixed(0)} ms; ` +
          `indicators: ${result.indicators.map((i) => `${i.kind}/${i.severity}`).join(', ') || 'none'}`,
      );
      expect(gaussian).toBeGreaterThanOrEqual(0.9);
      expect(uniform).toBeGreaterThanOrEqual(0.9);
    });
  }
});
