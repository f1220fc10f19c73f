/**
 * Train the OCR-B MRZ cell classifier and write `resources/ocr/ocrb-mrz-model.json`.
 *
 *   npx tsx scripts/train-ocrb.ts [--zones 1000] [--held-out 250] [--epochs 6] [--hidden 64] [--out path]
 *
 * Zones are rendered with Debian's fonts-ocr-b (OCRB.otf through fontconfig family "OCR B"), degraded,
 * then located, segmented and featurised by the reader's own code. Everything is seeded: the same script
 * version, font file and arguments give the same weights. Held-out figures are measured through the
 * product's inference path on the model as written.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MRZ_ALPHABET } from '../native/engine/domain/mrz/types';
import { FEATURE_LENGTH } from '../native/engine/analysers/mrz-reader/cell-features';
import type { OcrbModelFile } from '../native/engine/analysers/mrz-reader/model';
import { cellLogits, OCRB_MODEL_FILE, OCRB_MODEL_SCHEMA, parseOcrbModel, softmaxInPlace } from '../native/engine/analysers/mrz-reader/model';
import type { CellDataset } from '../native/engine/analysers/mrz-reader/training/dataset';
import { buildCellDataset } from '../native/engine/analysers/mrz-reader/training/dataset';
import { trainMlp } from '../native/engine/analysers/mrz-reader/training/mlp-trainer';

const SCRIPT_VERSION = 2; // 2: digits also rendered at capital height; longer line-merge gap in the locator
const SEED = 20240611;
const HELD_OUT_FIRST_SEED = 1_000_000; // disjoint from the training seeds 1..zones
const FONT_FILE = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outFile = outIndex >= 0 ? path.resolve(process.argv[outIndex + 1]!) : path.join(root, 'resources', 'ocr', OCRB_MODEL_FILE);
const zones = argument('zones', 1000);
const heldOutZones = argument('held-out', 250);
const epochs = argument('epochs', 6);
const hidden = argument('hidden', 64);

const resolvedFont = execFileSync('fc-match', ['-f', '%{file}', 'OCR B:style=Regular']).toString().trim();
if (resolvedFont !== FONT_FILE) throw new Error(`fontconfig resolves "OCR B" to ${resolvedFont}, expected ${FONT_FILE} (install fonts-ocr-b)`);
const fontSha256 = createHash('sha256').update(readFileSync(FONT_FILE)).digest('hex');

const started = Date.now();
const log = (text: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);
const progress = (label: string, total: number) => (done: number) => {
  if (done % 200 === 0 || done === total) log(`${label}: ${done}/${total} zones`);
};

const train = await buildCellDataset({ firstSeed: 1, zones, shiftedCopies: 0.3, onProgress: progress('training set', zones) });
log(`training cells: ${train.count} from ${zones} zones (${train.locatorFailures} zones not located exactly, skipped)`);
const heldOut = await buildCellDataset({ firstSeed: HELD_OUT_FIRST_SEED, zones: heldOutZones, shiftedCopies: 0, onProgress: progress('held-out set', heldOutZones) });
log(`held-out cells: ${heldOut.count} from ${heldOutZones} zones (${heldOut.locatorFailures} zones not located exactly)`);

const options = { hidden, epochs, batch: 64, learningRate: 0.05, momentum: 0.9, weightDecay: 1e-4, seed: SEED };
const net = trainMlp(train.features, train.labels, FEATURE_LENGTH, MRZ_ALPHABET.length, {
  ...options,
  onEpoch: (epoch, loss, accuracy) => log(`epoch ${epoch}: loss ${loss.toFixed(4)}, training accuracy ${(accuracy * 100).toFixed(2)} %`),
});

const round = (values: Float32Array) => Array.from(values, (v) => Number(v.toPrecision(6)));

/** Logits of every held-out cell through the product's inference code. */
function heldOutLogits(file: OcrbModelFile, data: CellDataset): Float32Array[] {
  const model = parseOcrbModel({ ...file, temperature: 1 });
  const scratch = new Float32Array(model.hidden);
  return Array.from({ length: data.count }, (_, n) => {
    const out = new Float32Array(MRZ_ALPHABET.length);
    cellLogits(model, data.features.subarray(n * FEATURE_LENGTH, (n + 1) * FEATURE_LENGTH), scratch, out);
    return out;
  });
}

function negativeLogLikelihood(logits: readonly Float32Array[], labels: Uint8Array, temperature: number): number {
  let total = 0;
  for (let n = 0; n < logits.length; n++) {
    const p = Float32Array.from(logits[n]!);
    softmaxInPlace(p, temperature);
    total -= Math.log(Math.max(1e-12, p[labels[n]!]!));
  }
  return total / logits.length;
}

const draft: OcrbModelFile = {
  schema: OCRB_MODEL_SCHEMA,
  alphabet: MRZ_ALPHABET,
  inputs: FEATURE_LENGTH,
  hidden,
  featureMean: round(net.featureMean),
  featureScale: round(net.featureScale),
  w1: round(net.w1),
  b1: round(net.b1),
  w2: round(net.w2),
  b2: round(net.b2),
  temperature: 1,
  metadata: {} as OcrbModelFile['metadata'],
};
const logits = heldOutLogits(draft, heldOut);
// Temperature: the value in 0.5..4 (steps of 0.05) with the lowest held-out negative log-likelihood.
let temperature = 1;
let bestNll = Infinity;
for (let t = 0.5; t <= 4.0001; t += 0.05) {
  const nll = negativeLogLikelihood(logits, heldOut.labels, t);
  if (nll < bestNll) [bestNll, temperature] = [nll, Number(t.toFixed(2))];
}

let correct = 0;
let top3 = 0;
const lineWrong = new Map<number, boolean>();
const confusions = new Map<string, number>();
let confidenceSum = 0;
for (let n = 0; n < heldOut.count; n++) {
  const order = Array.from(logits[n]!.keys()).sort((a, b) => logits[n]![b]! - logits[n]![a]!);
  const label = heldOut.labels[n]!;
  const p = Float32Array.from(logits[n]!);
  softmaxInPlace(p, temperature);
  confidenceSum += p[order[0]!]!;
  if (order[0] === label) correct++;
  else {
    const key = `${MRZ_ALPHABET[label]}->${MRZ_ALPHABET[order[0]!]}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
  }
  if (order.slice(0, 3).includes(label)) top3++;
  const line = heldOut.lineIds[n]!;
  lineWrong.set(line, (lineWrong.get(line) ?? false) || order[0] !== label);
}
const lines = [...lineWrong.values()];
const accuracy = correct / heldOut.count;
const lineAccuracy = lines.filter((wrong) => !wrong).length / lines.length;
const topConfusions = [...confusions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
log(`held-out: accuracy ${(accuracy * 100).toFixed(3)} %, top-3 ${((top3 / heldOut.count) * 100).toFixed(3)} %, lines exact ${(lineAccuracy * 100).toFixed(2)} % of ${lines.length}`);
log(`temperature ${temperature} (NLL ${bestNll.toFixed(4)}), mean top score ${(confidenceSum / heldOut.count).toFixed(4)}; confusions ${JSON.stringify(topConfusions)}`);

const file: OcrbModelFile = {
  ...draft,
  temperature,
  metadata: {
    trainingScript: 'scripts/train-ocrb.ts',
    trainingScriptVersion: SCRIPT_VERSION,
    fontFile: FONT_FILE,
    fontSha256,
    seed: SEED,
    trainingZones: zones,
    trainingSamples: train.count,
    heldOutZones,
    heldOutSamples: heldOut.count,
    heldOutAccuracy: Number(accuracy.toFixed(6)),
    heldOutTop3Accuracy: Number((top3 / heldOut.count).toFixed(6)),
    heldOutLineAccuracy: Number(lineAccuracy.toFixed(6)),
    heldOutLines: lines.length,
    heldOutNll: Number(bestNll.toFixed(6)),
    heldOutTopConfusions: topConfusions,
    locatorFailures: train.locatorFailures,
    heldOutLocatorFailures: heldOut.locatorFailures,
    epochs,
    hyperParameters: options,
    trainingSeconds: Math.round((Date.now() - started) / 1000),
    createdAt: new Date().toISOString(),
  },
};
writeFileSync(outFile, `${JSON.stringify(file)}\n`);
log(`wrote ${outFile} (${(readFileSync(outFile).length / 1024).toFixed(0)} KiB)`);
