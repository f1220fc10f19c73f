/**
 * The synthetic action day end to end: three devices imported as exhibits, a watchlist, the analysis (documents,
 * printed fields, templates; forensics off for time), one link pass, then the links scored against the
 * generator's truth, and `caselens links` / `caselens families` / `caselens occurrences` on the same case. The bounds asserted are below
 * what the small day measured (docs/BENCHMARKS.md, "Links"), so a regression in any link kind fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyserSet, type AnalyserSet } from '../../native/engine/analysers/registry';
import { runImport } from '../../native/engine/ingest/importer';
import { importWatchlist } from '../../native/engine/links/case-links';
import { runLinkPass } from '../../native/engine/links/link-pass';
import { measureCaseLinks } from '../../native/engine/links/measure';
import { runAnalysis } from '../../native/engine/pipeline/runner';
import { CaseStore } from '../../native/engine/store/case-store';
import { TemplateService } from '../../native/engine/templates/service';
import { makeActionDay, type ActionDay } from '../fixtures/action-day-set';
import { scoreActionDay, type ActionDayScore } from '../fixtures/action-day-set/score';
import { runCli, tempDir } from './helpers';

let day: ActionDay;
let store: CaseStore;
let set: AnalyserSet;
let score: ActionDayScore;
let caseDir = '';

beforeAll(async () => {
  day = await makeActionDay(tempDir('action-day'), { seed: 7, size: 'small' });
  caseDir = path.join(tempDir('action-day-case'), 'case');
  store = await CaseStore.create(caseDir, { title: 'Action day', examiner: 'Insp. Test' });
  for (const { device, dir } of day.devices) {
    const exhibit = store.exhibits.create({ label: device });
    await runImport(store, { exhibitId: exhibit.id, paths: [dir] });
  }
  importWatchlist(store, readFileSync(path.join(day.root, 'watchlist.csv')), 'watchlist.csv', 'Insp. Test');
  set = createAnalyserSet({ forensics: false, templates: new TemplateService(tempDir('action-day-data')) });
  const analysis = await runAnalysis(store, { analysers: set.analysers });
  expect(analysis.failed).toEqual([]);
  await runLinkPass(store, { measure: measureCaseLinks, today: '2026-12-01' });
  score = scoreActionDay(store, day.truth);
}, 600_000);

afterAll(async () => {
  await set?.close();
  store?.close();
});

describe('linking the synthetic action day', () => {
  it('reaches every device a permit touched from one of its files', () => {
    expect(score.reach.permits).toBeGreaterThanOrEqual(6);
    expect(score.reach.reachedAllDevices / score.reach.permits, score.reach.misses.join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('reaches every sibling forgery of a forged permit from one of its files, through its family', () => {
    expect(score.siblings.permits).toBeGreaterThanOrEqual(4);
    expect(score.siblings.reachedAll / score.siblings.permits, score.siblings.misses.join('\n')).toBeGreaterThanOrEqual(0.75);
  });

  it('reaches from the CLI what the UI reaches: every device a permit touched, from a file path', () => {
    let permits = 0;
    let reached = 0;
    for (const p of day.truth.permits) {
      if (p.devices.length < 2) continue;
      permits++;
      const first = day.truth.files.find((f) => f.permit === p.id && f.role !== 'draft-portrait')!;
      // Truth paths are <device>/<path on the device>: the exhibit label and the item's exhibit path.
      const run = runCli(['occurrences', caseDir, first.path, '--json']);
      expect(run.status, run.stderr).toBe(0);
      const view = JSON.parse(run.stdout) as { start: { ref: string }; exhibits: { label: string }[]; items: { via: string[] }[] };
      expect(view.start.ref).toMatch(/^item:/);
      if (p.devices.every((d) => view.exhibits.some((e) => e.label === d))) reached++;
    }
    expect(reached).toBe(score.reach.reachedAllDevices);
    expect(permits).toBe(score.reach.permits);
    const unknown = runCli(['occurrences', caseDir, 'no/such/file.jpg', '--json']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/no item, document, person or family/);
  });

  it('links copies, captures of one permit, numbers and portraits without false links', () => {
    const k = score.kinds;
    expect(k['same-file']).toMatchObject({ precision: 1, recall: 1 });
    expect(k['same-document']!.precision).toBe(1);
    expect(k['same-document']!.recall).toBeGreaterThanOrEqual(0.8);
    expect(k['same-portrait']).toMatchObject({ precision: 1, recall: 1 });
    expect(k['number-reused']).toMatchObject({ precision: 1, recall: 1 });
    expect(k['holder-numbers']).toMatchObject({ precision: 1, recall: 1 });
    expect(k['number-series']!.precision).toBe(1);
    expect(k['number-series']!.recall).toBeGreaterThanOrEqual(0.5);
  });

  it("groups each workshop's permits into a family, and links drafts and watchlist hits", () => {
    const k = score.kinds;
    expect(k.families!.precision).toBe(1);
    expect(k.families!.recall).toBeGreaterThanOrEqual(0.66);
    expect(k['draft-to-print']!.precision).toBeGreaterThanOrEqual(0.8);
    const drafts = store.links.all({ kinds: ['draft-to-print'] }).map((l) => l.evidence.draft);
    expect(new Set(drafts)).toEqual(new Set(['mrz-trace', 'ocr-b-font', 'portrait-crop', 'blank-template']));
    expect(k.watchlist!.precision).toBe(1);
    expect(k.watchlist!.agreeing).toBeGreaterThanOrEqual(1);
  });

  it('prints the links and families on the CLI, each link with kind, ends, strength and evidence', () => {
    const links = runCli(['links', caseDir, '--json']);
    expect(links.status, links.stderr).toBe(0);
    const parsed = JSON.parse(links.stdout) as { kind: string; from: string; to: string; strength: number; evidence: Record<string, unknown> }[];
    expect(parsed.length).toBe(store.links.all().length);
    for (const l of parsed) {
      expect(l.from).toMatch(/^(item|document|person|family):/);
      expect(l.to).toMatch(/^(item|document|person|family|watchlist-entry):/);
      expect(l.strength).toBeGreaterThanOrEqual(0);
      expect(l.strength).toBeLessThanOrEqual(1);
      expect(typeof l.evidence).toBe('object');
    }
    const onlyStrong = JSON.parse(runCli(['links', caseDir, '--json', '--kind', 'same-document', '--min-strength', '0.8']).stdout) as { kind: string; strength: number }[];
    expect(onlyStrong.every((l) => l.kind === 'same-document' && l.strength >= 0.8)).toBe(true);
    const families = runCli(['families', caseDir, '--json']);
    expect(families.status, families.stderr).toBe(0);
    const fam = JSON.parse(families.stdout) as { id: string; members: string[]; sharedTraits: { key: string }[] }[];
    expect(fam.length).toBeGreaterThanOrEqual(2);
    for (const f of fam) {
      expect(f.id).toMatch(/^family:/);
      expect(f.members.length).toBeGreaterThanOrEqual(2);
      expect(f.sharedTraits.length).toBeGreaterThan(0);
    }
    expect(runCli(['links', caseDir, '--json', '--kind', 'nonsense']).status).not.toBe(0);
  });
});
