/**
 * Deterministic training of the OCR-B cell classifier: one hidden ReLU layer, softmax cross-entropy,
 * mini-batch SGD with momentum, cosine learning-rate decay and weight decay, seeded initialisation and
 * shuffling. Plain TypeScript on Float32Arrays; the same seed and data give the same weights.
 */
import { SeededRandom } from './random';

/** Trainer hyper-parameters. */
export interface TrainerOptions {
  readonly hidden: number;
  readonly epochs: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly seed: number;
  readonly onEpoch?: (epoch: number, loss: number, accuracy: number) => void;
}

/** Trained parameters (features are standardised with mean/scale first). */
export interface TrainedMlp {
  readonly inputs: number;
  readonly hidden: number;
  readonly classes: number;
  readonly featureMean: Float32Array;
  readonly featureScale: Float32Array;
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

/** Per-feature mean and 1/std (std floored at 0.05 so always-blank patch corners are not amplified). */
export function standardisation(features: Float32Array, inputs: number, count: number): { mean: Float32Array; scale: Float32Array } {
  const mean = new Float64Array(inputs);
  const sq = new Float64Array(inputs);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < inputs; i++) {
      const v = features[n * inputs + i]!;
      mean[i] = mean[i]! + v;
      sq[i] = sq[i]! + v * v;
    }
  }
  const m = new Float32Array(inputs);
  const s = new Float32Array(inputs);
  for (let i = 0; i < inputs; i++) {
    m[i] = mean[i]! / count;
    const variance = Math.max(0, sq[i]! / count - m[i]! * m[i]!);
    s[i] = 1 / Math.max(0.05, Math.sqrt(variance));
  }
  return { mean: m, scale: s };
}

/** Logits of sample `x` (already standardised) into `z`, hidden activations into `h`. */
export function forward(net: TrainedMlp, x: Float32Array, h: Float32Array, z: Float32Array): void {
  const { inputs, hidden, classes, w1, b1, w2, b2 } = net;
  for (let j = 0; j < hidden; j++) {
    let sum = b1[j]!;
    const row = j * inputs;
    for (let i = 0; i < inputs; i++) sum += w1[row + i]! * x[i]!;
    h[j] = sum > 0 ? sum : 0;
  }
  for (let c = 0; c < classes; c++) {
    let sum = b2[c]!;
    const row = c * hidden;
    for (let j = 0; j < hidden; j++) sum += w2[row + j]! * h[j]!;
    z[c] = sum;
  }
}

/** Standardise sample `n` of `features` into `x`. */
export function standardised(net: TrainedMlp, features: Float32Array, n: number, x: Float32Array): void {
  const off = n * net.inputs;
  for (let i = 0; i < net.inputs; i++) x[i] = (features[off + i]! - net.featureMean[i]!) * net.featureScale[i]!;
}

/** Train on `count` samples of `inputs` features with labels in [0, classes). */
export function trainMlp(features: Float32Array, labels: Uint8Array, inputs: number, classes: number, options: TrainerOptions): TrainedMlp {
  const count = labels.length;
  const random = new SeededRandom(options.seed);
  const { mean, scale } = standardisation(features, inputs, count);
  const hidden = options.hidden;
  const net: TrainedMlp = {
    inputs,
    hidden,
    classes,
    featureMean: mean,
    featureScale: scale,
    w1: Float32Array.from({ length: hidden * inputs }, () => random.gaussian() * Math.sqrt(2 / inputs)),
    b1: new Float32Array(hidden),
    w2: Float32Array.from({ length: classes * hidden }, () => random.gaussian() * Math.sqrt(1 / hidden)),
    b2: new Float32Array(classes),
  };
  const params = [net.w1, net.b1, net.w2, net.b2];
  const [gw1, gb1, gw2, gb2] = params.map((p) => new Float32Array(p.length)) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const grads = [gw1, gb1, gw2, gb2];
  const velocity = params.map((p) => new Float32Array(p.length));
  const x = new Float32Array(inputs);
  const h = new Float32Array(hidden);
  const z = new Float32Array(classes);
  const dh = new Float32Array(hidden);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  const totalSteps = options.epochs * Math.ceil(count / options.batch);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < count; start += options.batch) {
      const end = Math.min(count, start + options.batch);
      for (const g of grads) g.fill(0);
      for (let b = start; b < end; b++) {
        const n = order[b]!;
        standardised(net, features, n, x);
        forward(net, x, h, z);
        let max = -Infinity;
        let arg = 0;
        for (let c = 0; c < classes; c++) if (z[c]! > max) [max, arg] = [z[c]!, c];
        let total = 0;
        for (let c = 0; c < classes; c++) total += (z[c] = Math.exp(z[c]! - max));
        const label = labels[n]!;
        lossSum -= Math.log(Math.max(1e-12, z[label]! / total));
        if (arg === label) correct++;
        dh.fill(0);
        for (let c = 0; c < classes; c++) {
          const dz = z[c]! / total - (c === label ? 1 : 0);
          gb2[c] = gb2[c]! + dz;
          const row = c * hidden;
          for (let j = 0; j < hidden; j++) {
            gw2[row + j] = gw2[row + j]! + dz * h[j]!;
            dh[j] = dh[j]! + dz * net.w2[row + j]!;
          }
        }
        for (let j = 0; j < hidden; j++) {
          if (h[j]! <= 0) continue;
          const d = dh[j]!;
          gb1[j] = gb1[j]! + d;
          const row = j * inputs;
          for (let i = 0; i < inputs; i++) gw1[row + i] = gw1[row + i]! + d * x[i]!;
        }
      }
      const lr = options.learningRate * 0.5 * (1 + Math.cos((Math.PI * step) / totalSteps));
      step++;
      const inv = 1 / (end - start);
      params.forEach((p, k) => {
        const g = grads[k]!;
        const v = velocity[k]!;
        const decay = k % 2 === 0 ? options.weightDecay : 0; // no decay on biases
        for (let i = 0; i < p.length; i++) {
          v[i] = options.momentum * v[i]! - lr * (g[i]! * inv + decay * p[i]!);
          p[i] = p[i]! + v[i]!;
        }
      });
    }
    options.onEpoch?.(epoch + 1, lossSum / count, correct / count);
  }
  return net;
}
