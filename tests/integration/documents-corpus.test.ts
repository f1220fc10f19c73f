/**
 * Corpus tier for the whole document pipeline (find + rectify + read + correct + parse) on the real
 * PassportEye specimen photographs with known MRZs. Skipped, saying so, when ../shared/corpus is absent.
 * The figures are printed; the assertion is the issue's target for real specimens (at least 90 % of
 * documents with every character right), so a regression below it fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImage } from '../../native/engine/analysers/documents/check-image';
import { decodeRgb } from '../../native/engine/imaging/decode';
import { CORPUS_MRZ, PASSPORTEYE_DIR } from '../bench/corpus-mrz';

describe.skipIf(!existsSync(PASSPORTEYE_DIR))('document pipeline on the PassportEye corpus specimens', () => {
  it('reads at least 90 % of the known MRZs exactly, every character', async () => {
    let correct = 0;
    for (const known of CORPUS_MRZ) {
      const image = await decodeRgb(readFileSync(path.join(PASSPORTEYE_DIR, known.path)), 4096);
      const timings = { findMs: 0, readMs: 0, parseMs: 0 };
      const docs = await checkImage(image, { today: '2026-12-02' }, timings);
      const hit = docs.find((d) => d.mrz && d.mrz.lines.join('\n') === known.lines.join('\n'));
      if (hit) correct++;
      const best = docs.find((d) => d.mrz)?.mrz?.lines.join(' / ') ?? 'no MRZ read';
      console.log(`[documents corpus] ${known.path}: ${hit ? 'exact' : `WRONG (${best})`}, ${docs.length} documents, find ${timings.findMs.toFixed(0)} ms, read ${timings.readMs.toFixed(0)} ms`);
    }
    console.log(`[documents corpus] ${correct}/${CORPUS_MRZ.length} fully correct`);
    expect(correct / CORPUS_MRZ.length).toBeGreaterThanOrEqual(0.9);
  });
});
