/**
 * The OCR-B cell classifier: a one-hidden-layer perceptron (ReLU) over standardised cell features with a
 * temperature-calibrated softmax, trained by `scripts/train-ocrb.ts` and shipped as
 * `resources/ocr/ocrb-mrz-model.json`. Inference is plain TypeScript.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CharCandidate } from '../../domain/mrz/types';
import { MRZ_ALPHABET } from '../../domain/mrz/types';
import { FEATURE_LENGTH } from './cell-features';
import { resourceCandidates } from '../../resources';

/** Schema tag of the model file. */
export const OCRB_MODEL_SCHEMA = 'caselens-ocrb-mlp/1';
/** File name inside `resources/ocr/`. */
export const OCRB_MODEL_FILE = 'ocrb-mrz-model.json';
/** Environment variable that overrides the model file location. */
export const OCRB_MODEL_ENV = 'CASELENS_OCRB_MODEL';

/** Provenance and figures recorded by the training script. */
export interface OcrbModelMetadata {
  readonly trainingScript: string;
  readonly trainingScriptVersion: number;
  readonly fontFile: string;
  readonly fontSha256: string;
  readonly seed: number;
  readonly trainingSamples: number;
  readonly heldOutSamples: number;
  readonly heldOutAccuracy: number;
  readonly heldOutLineAccuracy: number;
  readonly locatorFailures: number;
  readonly epochs: number;
  readonly createdAt: string;
  readonly [extra: string]: unknown;
}

/** The model file as stored (JSON). Weight matrices are row-major: `w1[h * inputs + i]`. */
export interface OcrbModelFile {
  readonly schema: typeof OCRB_MODEL_SCHEMA;
  readonly alphabet: string;
  readonly inputs: number;
  readonly hidden: number;
  readonly featureMean: readonly number[];
  readonly featureScale: readonly number[];
  readonly w1: readonly number[];
  readonly b1: readonly number[];
  readonly w2: readonly number[];
  readonly b2: readonly number[];
  /** Softmax temperature fitted on held-out cells (logits are divided by it). */
  readonly temperature: number;
  readonly metadata: OcrbModelMetadata;
}

/** A model ready for inference. */
export interface OcrbModel {
  readonly alphabet: string;
  readonly inputs: number;
  readonly hidden: number;
  readonly featureMean: Float32Array;
  readonly featureScale: Float32Array;
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
  readonly temperature: number;
  readonly metadata: OcrbModelMetadata;
}

/** Validate and convert a parsed model file. Throws with the reason on any mismatch. */
export function parseOcrbModel(file: OcrbModelFile): OcrbModel {
  if (file.schema !== OCRB_MODEL_SCHEMA) throw new Error(`OCR-B model: unknown schema ${String(file.schema)}`);
  if (file.alphabet !== MRZ_ALPHABET) throw new Error('OCR-B model: alphabet differs from MRZ_ALPHABET');
  if (file.inputs !== FEATURE_LENGTH) throw new Error(`OCR-B model: expects ${file.inputs} features, the reader makes ${FEATURE_LENGTH}`);
  const classes = file.alphabet.length;
  const sizes: [string, number, number][] = [
    ['featureMean', file.featureMean.length, file.inputs],
    ['featureScale', file.featureScale.length, file.inputs],
    ['w1', file.w1.length, file.hidden * file.inputs],
    ['b1', file.b1.length, file.hidden],
    ['w2', file.w2.length, classes * file.hidden],
    ['b2', file.b2.length, classes],
  ];
  for (const [name, actual, expected] of sizes) if (actual !== expected) throw new Error(`OCR-B model: ${name} has ${actual} values, expected ${expected}`);
  if (!(file.temperature > 0)) throw new Error('OCR-B model: temperature must be positive');
  return {
    alphabet: file.alphabet,
    inputs: file.inputs,
    hidden: file.hidden,
    featureMean: Float32Array.from(file.featureMean),
    featureScale: Float32Array.from(file.featureScale),
    w1: Float32Array.from(file.w1),
    b1: Float32Array.from(file.b1),
    w2: Float32Array.from(file.w2),
    b2: Float32Array.from(file.b2),
    temperature: file.temperature,
    metadata: file.metadata,
  };
}

/** `resources/ocr/ocrb-mrz-model.json`: `$CASELENS_OCRB_MODEL`, the packaged resources, or the nearest above this module. */
export function locateOcrbModelFile(): string {
  const fromEnv = process.env[OCRB_MODEL_ENV];
  if (fromEnv && fromEnv.trim() !== '') return path.resolve(fromEnv);
  const candidates = resourceCandidates(path.join('ocr', OCRB_MODEL_FILE));
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`OCR-B model not found (resources/ocr/${OCRB_MODEL_FILE}): run \`npx tsx scripts/train-ocrb.ts\``);
  return found;
}

let cached: OcrbModel | null = null;

/** The shipped model, read once per process. */
export function loadOcrbModel(): OcrbModel {
  cached ??= parseOcrbModel(JSON.parse(readFileSync(locateOcrbModelFile(), 'utf8')) as OcrbModelFile);
  return cached;
}

/** Raw logits of `features` (length `model.inputs`) into `out` (length alphabet). */
export function cellLogits(model: OcrbModel, features: Float32Array, hiddenScratch: Float32Array, out: Float32Array): void {
  const { inputs, hidden, w1, b1, w2, b2, featureMean, featureScale } = model;
  const x = new Float32Array(inputs);
  for (let i = 0; i < inputs; i++) x[i] = (features[i]! - featureMean[i]!) * featureScale[i]!;
  for (let j = 0; j < hidden; j++) {
    let sum = b1[j]!;
    const row = j * inputs;
    for (let i = 0; i < inputs; i++) sum += w1[row + i]! * x[i]!;
    hiddenScratch[j] = sum > 0 ? sum : 0;
  }
  for (let c = 0; c < out.length; c++) {
    let sum = b2[c]!;
    const row = c * hidden;
    for (let j = 0; j < hidden; j++) sum += w2[row + j]! * hiddenScratch[j]!;
    out[c] = sum;
  }
}

/** Softmax of `logits / temperature`, in place. */
export function softmaxInPlace(logits: Float32Array, temperature: number): void {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let total = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp((logits[c]! - max) / temperature);
    logits[c] = e;
    total += e;
  }
  for (let c = 0; c < logits.length; c++) logits[c] = logits[c]! / total;
}

/** Class probabilities of one cell. */
export function classifyCell(model: OcrbModel, features: Float32Array): Float32Array {
  const probabilities = new Float32Array(model.alphabet.length);
  cellLogits(model, features, new Float32Array(model.hidden), probabilities);
  softmaxInPlace(probabilities, model.temperature);
  return probabilities;
}

/** The `count` most probable characters, best first. */
export function topCandidates(model: OcrbModel, probabilities: Float32Array, count: number): CharCandidate[] {
  const order = Array.from(probabilities.keys()).sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  return order.slice(0, count).map((c) => ({ char: model.alphabet[c]!, score: probabilities[c]! }));
}
