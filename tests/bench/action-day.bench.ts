/**
 * Precision and recall of every link kind on the generated action day (tests/fixtures/action-day-set): the
 * devices imported as exhibits, the watchlist, the analysis (documents, printed fields, templates, forensics unless
 * --no-forensics), one link pass, scored against the generator's truth. Prints a Markdown block for
 * docs/BENCHMARKS.md.
 *   npm run bench:action-day -- [--seed 7] [--size standard|small] [--no-forensics]
 */
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createAnalyserSet } from '../../native/engine/analysers/registry';
import { runImport } from '../../native/engine/ingest/importer';
import { importWatchlist } from '../../native/engine/links/case-links';
import { runLinkPass } from '../../native/engine/links/link-pass';
import { measureCaseLinks } from '../../native/engine/links/measure';
import { runAnalysis } from '../../native/engine/pipeline/runner';
import { CaseStore } from '../../native/engine/store/case-store';
import { TemplateService } from '../../native/engine/templates/service';
import { makeActionDay } from '../fixtures/action-day-set';
import { scoreActionDay } from '../fixtures/action-day-set/score';
import { machineInfo } from './machine';

const { values } = parseArgs({ options: { seed: { type: 'string' }, size: { type: 'string' }, 'no-forensics': { type: 'boolean' } } });
const seed = Number(values.seed ?? 7);
const size = values.size === 'small' ? 'small' : 'standard';
const dir = mkdtempSync(path.join(os.tmpdir(), 'caselens-action-day-'));
const t0 = performance.now();
const day = await makeActionDay(path.join(dir, 'day'), { seed, size });
const store = await CaseStore.create(path.join(dir, 'case'), { title: 'Action day benchmark' });
for (const { device, dir: folder } of day.devices) await runImport(store, { exhibitId: store.exhibits.create({ label: device }).id, paths: [folder] });
importWatchlist(store, readFileSync(path.join(day.root, 'watchlist.csv')), 'watchlist.csv', 'bench');
const set = createAnalyserSet({ forensics: !values['no-forensics'], templates: new TemplateService(path.join(dir, 'data')) });
const t1 = performance.now();
const analysis = await runAnalysis(store, { analysers: set.analysers });
const t2 = performance.now();
const pass = await runLinkPass(store, { measure: measureCaseLinks, today: '2026-12-01' });
const score = scoreActionDay(store, day.truth);
const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(0)} %`);
const lines = [
  `Machine: ${JSON.stringify(machineInfo())}`,
  `Action day seed ${seed}, ${size}: ${day.truth.files.length} files on ${day.devices.length} devices, ${day.truth.permits.length} permits (${Object.values(day.truth.families).flat().length} by 3 workshops); generated in ${((t1 - t0) / 1000).toFixed(0)} s, analysed in ${((t2 - t1) / 1000).toFixed(0)} s (${analysis.failed.length} failures${values['no-forensics'] ? ', forensics off' : ''}), linked in ${(pass.ms / 1000).toFixed(1)} s.`,
  '',
  '| link kind | true pairs | predicted pairs | agreeing | precision | recall |',
  '|---|---|---|---|---|---|',
  ...Object.entries(score.kinds).map(([k, s]) => `| ${k} | ${s.truePairs} | ${s.predictedPairs} | ${s.agreeing} | ${pct(s.precision)} | ${pct(s.recall)} |`),
  '',
  `Permits reached on every device they touched from their first file: ${score.reach.reachedAllDevices} of ${score.reach.permits}.`,
  ...score.reach.misses.map((m) => `- missed: ${m}`),
  `Forged permits whose every sibling (same workshop) is in a family listed from their first file: ${score.siblings.reachedAll} of ${score.siblings.permits}.`,
  ...score.siblings.misses.map((m) => `- missed: ${m}`),
];
process.stdout.write(`${lines.join('\n')}\n`);
await set.close();
store.close();
rmSync(dir, { recursive: true, force: true });
