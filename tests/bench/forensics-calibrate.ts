/**
 * Fits the fusion weights (resources/data/forensic-fusion.json) on the project's synthetic tamper set.
 *
 *   npx tsx tests/bench/forensics-calibrate.ts [--per-kind N] [--write] [--from-cache]
 *
 * The measured kernel scores and map AUCs are kept in .cache/bench/forensics-calibration.json;
 * `--from-cache` refits from them without running the suite again.
 * Samples with odd seeds train the logistic model and choose the map weights; samples with even seeds
 * test it. The file records the set, the split and the held-out AUC, which is what the report cites.
 * Without --write it only prints what it would write.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KERNELS } from '../../native/engine/forensics/kernels';
import { ForensicPool } from '../../native/engine/forensics/pool/pool';
import { makeTamperSet, TAMPER_KINDS } from '../fixtures/tamper';
import { auc, evaluate, fitLogistic, pixelAuc, primaryMap } from './forensics-eval';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'resources', 'data', 'forensic-fusion.json');
const CACHE = path.join(ROOT, '.cache', 'bench', 'forensics-calibration.json');

/** Map weights below this (a map whose pixel AUC is under 0.55 on the training set) are set to 0: too weak to localise. */
const MIN_MAP_WEIGHT = 0.1;

function args() {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--per-kind');
  return { perKind: at >= 0 ? Number(argv[at + 1]) : 12, write: argv.includes('--write'), fromCache: argv.includes('--from-cache') };
}

/** What the fit needs of one sample: its label, every kernel's image score, and each map's pixel AUC against the mask. */
interface Measured {
  readonly id: string;
  readonly kind: string;
  readonly manipulated: boolean;
  readonly scores: Record<string, number>;
  readonly mapAuc: Record<string, number | null>;
}

const seedOf = (id: string) => Number(id.split('-').pop());

async function measure(perKind: number): Promise<Measured[]> {
  process.stderr.write(`generating ${perKind * TAMPER_KINDS.length} samples...\n`);
  const samples = (await makeTamperSet(perKind, 1)).map((s) => ({ id: s.id, kind: s.kind, manipulated: s.manipulated, width: s.width, height: s.height, mask: s.mask, bytes: s.jpeg }));
  const pool = new ForensicPool();
  const evaluated = await evaluate(pool, samples, (n) => process.stderr.write(`\r${n}/${samples.length}`));
  await pool.close();
  process.stderr.write('\n');
  return evaluated.map((e) => ({
    id: e.sample.id,
    kind: e.sample.kind,
    manipulated: e.sample.manipulated,
    scores: Object.fromEntries(KERNELS.map((k) => [k.id, e.suite.kernels.find((x) => x.kernel.id === k.id)?.result?.score ?? 0])),
    mapAuc: Object.fromEntries(
      KERNELS.map((k) => {
        const map = primaryMap(e.suite, k.id);
        return [k.id, map && e.sample.manipulated && e.sample.mask ? pixelAuc(map, e.sample.mask, e.sample.width, e.sample.height) : null];
      }),
    ),
  }));
}

async function main() {
  const options = args();
  const { write, fromCache } = options;
  const cached = fromCache ? (JSON.parse(readFileSync(CACHE, 'utf8')) as { perKind: number; samples: Measured[] }) : null;
  const perKind = cached?.perKind ?? options.perKind;
  const measured: Measured[] = cached ? cached.samples : await measure(perKind);
  if (!fromCache) {
    mkdirSync(path.dirname(CACHE), { recursive: true });
    writeFileSync(CACHE, JSON.stringify({ perKind, kernels: KERNELS.map((k) => `${k.id}@${k.version}`), samples: measured }));
  }
  const features = (m: Measured) => KERNELS.map((k) => m.scores[k.id] ?? 0);
  const train = measured.filter((m) => seedOf(m.id) % 2 === 1);
  const test = measured.filter((m) => seedOf(m.id) % 2 === 0);
  const fit = fitLogistic(train.map(features), train.map((m) => m.manipulated));
  const score = (m: Measured) => 1 / (1 + Math.exp(-(fit.bias + features(m).reduce((a, v, i) => a + v * fit.weights[i]!, 0))));
  const testAuc = auc(test.map(score), test.map((m) => m.manipulated));
  const trainAuc = auc(train.map(score), train.map((m) => m.manipulated));
  const kernelAuc = Object.fromEntries(KERNELS.map((k, i) => [k.id, auc(test.map((m) => features(m)[i]!), test.map((m) => m.manipulated))]));
  const trainKernelAuc = Object.fromEntries(KERNELS.map((k, i) => [k.id, auc(train.map((m) => features(m)[i]!), train.map((m) => m.manipulated))]));
  process.stderr.write(`train AUC per kernel: ${JSON.stringify(trainKernelAuc)}\n`);
  const mapAuc: Record<string, number | null> = {};
  const mapWeights: Record<string, number> = {};
  for (const k of KERNELS) {
    const values = train.flatMap((m) => {
      const a = m.mapAuc[k.id];
      return a === null || a === undefined ? [] : [a];
    });
    const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    mapAuc[k.id] = mean;
    const w = mean === null ? 0 : Math.max(0, 2 * (mean - 0.5));
    mapWeights[k.id] = w >= MIN_MAP_WEIGHT ? Number(w.toFixed(3)) : 0;
  }
  const weights = Object.fromEntries(KERNELS.map((k, i) => [k.id, Number(fit.weights[i]!.toFixed(3))]));
  const body = { bias: Number(fit.bias.toFixed(3)), weights, mapWeights };
  const version = `synthetic-${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 8)}`;
  const file = {
    format: 'caselens-forensic-fusion/1',
    version,
    fittedOn: `tests/fixtures/tamper.ts, ${perKind} samples of each of ${TAMPER_KINDS.length} kinds; trained on odd seeds (${train.length}), held-out AUC on even seeds (${test.length})`,
    auc: testAuc === null ? null : Number(testAuc.toFixed(3)),
    trainAuc: trainAuc === null ? null : Number(trainAuc.toFixed(3)),
    kernels: KERNELS.map((k) => `${k.id}@${k.version}`),
    kernelAuc: Object.fromEntries(Object.entries(kernelAuc).map(([k, v]) => [k, v === null ? null : Number(v.toFixed(3))])),
    mapPixelAuc: Object.fromEntries(Object.entries(mapAuc).map(([k, v]) => [k, v === null ? null : Number(v.toFixed(3))])),
    ...body,
  };
  process.stdout.write(`${JSON.stringify(file, null, 2)}\n`);
  if (write) {
    writeFileSync(OUT, `${JSON.stringify(file, null, 2)}\n`);
    process.stderr.write(`wrote ${path.relative(ROOT, OUT)}\n`);
  }
}

await main();
