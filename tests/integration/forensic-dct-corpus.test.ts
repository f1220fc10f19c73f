/**
 * Corpus tier for the DCT-domain and blocking kernels: our ADQ1, DCT and BLK maps against pyIFD's MATLAB
 * reference maps (EldritchJS/pyIFD tests/data/168_*.mat, `OutputMap`, produced by the Zampoglou et al.
 * toolbox code that pyIFD ports). Our kernels follow that code step by step (see adq1-core.ts,
 * dct-blocking-core.ts, blk-core.ts), so the criterion of the corpus README applies: SSIM >= 0.9.
 * Skipped, saying so, when ../shared/corpus is absent. Figures are printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeAlignedDoubleQuantization, analyzeBlockArtifactGrid, analyzeDctBlocking, decodeStoredRgb } from '../../native/engine/forensics/dct/index';
import type { ForensicMap, ForensicResult } from '../../native/engine/forensics/types';
import { readMat5, toRowMajor2D } from '../fixtures/mat5';
import { meanSsim } from '../fixtures/ssim';

const DATA = path.resolve(__dirname, '../../../shared/corpus/dev/EldritchJS+pyIFD/tests/data');
const IMAGE = path.join(DATA, '168_image.jpg');

function compare(name: string, result: ForensicResult, mapName: string, matFile: string, ms: number): { gaussian: number; uniform: number } {
  const reference = toRowMajor2D(readMat5(readFileSync(path.join(DATA, matFile))).get('OutputMap')!);
  const ours: ForensicMap = result.maps[mapName]!;
  expect([ours.width, ours.height]).toEqual([reference.width, reference.height]);
  const gaussian = meanSsim(reference, ours);
  const uniform = meanSsim(reference, ours, { window: 'uniform', size: 8 });
  let maxAbs = 0;
  let equal = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < ours.data.length; i++) {
    const d = Math.abs(ours.data[i]! - reference.data[i]!);
    maxAbs = Math.max(maxAbs, d);
    if (d <= 1e-4 * Math.max(1, Math.abs(reference.data[i]!))) equal++;
    low = Math.min(low, reference.data[i]!);
    high = Math.max(high, reference.data[i]!);
  }
  console.log(
    `[dct corpus] ${name} 168_image.jpg (${ours.width}x${ours.height} blocks): SSIM gaussian ${gaussian.toFixed(4)}, uniform8 ${uniform.toFixed(4)}, ` +
      `${((100 * equal) / ours.data.length).toFixed(2)} % cells equal, max |diff| ${maxAbs.toPrecision(3)} (reference range ${low.toPrecision(4)}..${high.toPrecision(4)}), ${ms.toFixed(0)} ms; ` +
      `score ${result.score === null ? 'null' : result.score.toFixed(3)}; indicators: ${result.indicators.map((i) => `${i.kind}/${i.severity}`).join(', ') || 'none'}`,
  );
  return { gaussian, uniform };
}

describe.skipIf(!existsSync(IMAGE))('DCT-domain and blocking kernels against pyIFD reference maps (corpus)', () => {
  it('ADQ1: SSIM >= 0.9 with 168_ADQ1.mat', () => {
    const started = performance.now();
    const result = analyzeAlignedDoubleQuantization(new Uint8Array(readFileSync(IMAGE)));
    const { gaussian, uniform } = compare('ADQ1', result, 'adq1', '168_ADQ1.mat', performance.now() - started);
    expect(gaussian).toBeGreaterThanOrEqual(0.9);
    expect(uniform).toBeGreaterThanOrEqual(0.9);
  });

  it('DCT: SSIM >= 0.9 with 168_DCT.mat', () => {
    const started = performance.now();
    const result = analyzeDctBlocking(new Uint8Array(readFileSync(IMAGE)));
    const { gaussian, uniform } = compare('DCT', result, 'dct-blocking', '168_DCT.mat', performance.now() - started);
    expect(gaussian).toBeGreaterThanOrEqual(0.9);
    expect(uniform).toBeGreaterThanOrEqual(0.9);
  });

  it('BLK: SSIM >= 0.9 with 168_BLK.mat', async () => {
    const image = await decodeStoredRgb(new Uint8Array(readFileSync(IMAGE)));
    const started = performance.now();
    const result = analyzeBlockArtifactGrid(image);
    const { gaussian, uniform } = compare('BLK', result, 'blk', '168_BLK.mat', performance.now() - started);
    expect(gaussian).toBeGreaterThanOrEqual(0.9);
    expect(uniform).toBeGreaterThanOrEqual(0.9);
  });
});
