import { describe, expect, it } from 'vitest';
import { MRZ_ALPHABET } from '../../domain/mrz/types';
import { FEATURE_LENGTH } from './cell-features';
import type { OcrbModelFile } from './model';
import { classifyCell, loadOcrbModel, OCRB_MODEL_SCHEMA, parseOcrbModel, topCandidates } from './model';

function tinyModel(overrides: Partial<OcrbModelFile> = {}): OcrbModelFile {
  const hidden = 2;
  const classes = MRZ_ALPHABET.length;
  return {
    schema: OCRB_MODEL_SCHEMA,
    alphabet: MRZ_ALPHABET,
    inputs: FEATURE_LENGTH,
    hidden,
    featureMean: new Array<number>(FEATURE_LENGTH).fill(0),
    featureScale: new Array<number>(FEATURE_LENGTH).fill(1),
    w1: new Array<number>(hidden * FEATURE_LENGTH).fill(0),
    b1: [1, 0],
    w2: Array.from({ length: classes * hidden }, (_, i) => (i === 2 * 5 ? 3 : i === 2 * 6 ? 2 : 0)), // F then G
    b2: new Array<number>(classes).fill(0),
    temperature: 1,
    metadata: {} as OcrbModelFile['metadata'],
    ...overrides,
  };
}

describe('OCR-B model', () => {
  it('ranks candidates by softmax probability', () => {
    const model = parseOcrbModel(tinyModel());
    const p = classifyCell(model, new Float32Array(FEATURE_LENGTH));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const top = topCandidates(model, p, 3);
    expect(top.map((c) => c.char)).toEqual(['F', 'G', 'A']);
    expect(top[0]!.score).toBeCloseTo(Math.exp(3) / (Math.exp(3) + Math.exp(2) + 35), 5);
  });

  it('refuses a file that does not fit the reader', () => {
    expect(() => parseOcrbModel(tinyModel({ inputs: 10 }))).toThrow(/features/);
    expect(() => parseOcrbModel(tinyModel({ b1: [1] }))).toThrow(/b1/);
    expect(() => parseOcrbModel(tinyModel({ alphabet: 'AB' }))).toThrow(/alphabet/);
    expect(() => parseOcrbModel(tinyModel({ temperature: 0 }))).toThrow(/temperature/);
  });

  it('ships a trained model with its provenance', () => {
    const model = loadOcrbModel();
    expect(model.metadata.fontSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.metadata.trainingScript).toBe('scripts/train-ocrb.ts');
    expect(model.metadata.heldOutAccuracy).toBeGreaterThan(0.99);
    expect(model.metadata.trainingSamples).toBeGreaterThan(10_000);
  });
});
