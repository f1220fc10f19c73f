/**
 * OCR end to end: the language-data install script, recognition with the network blocked (from a
 * bundle, as out/cli and out/main run it), and printed-field extraction on rendered cards.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { createOcrService } from '../../native/engine/analysers/ocr';
import { renderSerbianStyleCard } from '../../native/engine/analysers/ocr/test-support/render-text';
import { extractViz, type VizField } from '../../native/engine/analysers/viz';
import { makeCard, printedDate } from '../fixtures/card';
import { tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const cleanup: string[] = [];
const service = createOcrService();
afterAll(async () => {
  await service.terminate();
  cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const installScript = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'install-ocr-data.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

const byField = (fields: readonly VizField[]) => Object.fromEntries(fields.map((field) => [field.field, field]));

describe('install-ocr-data', () => {
  it('installs, is idempotent, detects altered files and repairs them', () => {
    const out = tempDir('ocr-install');
    cleanup.push(out);
    const first = installScript('--out', out);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.match(/^installed/gm)).toHaveLength(8);
    const manifest = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    // Same sources on this machine → the committed manifest describes exactly these bytes.
    expect(manifest).toBe(readFileSync(path.join(ROOT, 'resources', 'ocr', 'manifest.json'), 'utf8'));

    writeFileSync(path.join(out, 'mkd.traineddata'), 'not a model');
    const check = installScript('--out', out, '--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/MISMATCH\s+mkd\.traineddata/);
    expect(check.stdout.match(/^ok/gm)).toHaveLength(7);

    const repair = installScript('--out', out);
    expect(repair.status, repair.stderr).toBe(0);
    expect(repair.stdout).toMatch(/replaced\s+mkd\.traineddata.*checksum mismatch/);
    expect(repair.stdout.match(/^ok/gm)).toHaveLength(7);
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(manifest);
  });
});

describe('OCR without network', () => {
  it('recognises from a bundled build with fetch, http(s), net, tls and dns blocked in every thread', async () => {
    // Bundle like scripts/build-cli.mjs does, into a folder under out/ so the bundle resolves
    // node_modules and resources/ocr from the bundle's own location, as out/cli/caselens.js does.
    const bundleDir = mkdtempSync(path.join(ROOT, 'out', '.ocr-probe-'));
    cleanup.push(bundleDir);
    const bundle = path.join(bundleDir, 'probe.mjs');
    await build({
      entryPoints: [path.join(ROOT, 'native/engine/analysers/ocr/test-support/offline-probe.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    const hook = path.join(ROOT, 'native/engine/analysers/ocr/test-support/block-network.cjs');
    const env = { ...process.env };
    delete env.CASELENS_OCR_DATA_DIR;
    const run = spawnSync(process.execPath, ['--require', hook, bundle], { cwd: bundleDir, encoding: 'utf8', env, timeout: 90_000 });
    expect(run.status, run.stderr).toBe(0);
    // The block was active in the main thread and in tesseract.js's worker thread.
    expect(run.stderr).toContain('network-hook:main');
    expect(run.stderr).toContain('network-hook:worker');
    const report = JSON.parse(run.stdout.trim().split('\n').pop() as string) as { text: string; controlError: string };
    expect(report.text).toBe('Broj dokumenta 009876543');
    // Positive control: tesseract.js without our langPath tries the CDN, and the hook stops it.
    expect(report.controlError).toMatch(/network access blocked by test hook: fetch https:\/\/cdn\.jsdelivr\.net/);
    // The only network attempt of the whole run was the control's.
    expect(run.stderr.match(/network-blocked:/g)).toHaveLength(1);
  });
});

describe('VIZ extraction', () => {
  it('reads every printed field of the TD1 residence permit (labels, and a template zone for the number)', async () => {
    const card = await makeCard({ seed: 11, surname: 'Marković', givenNames: 'Jelena Ana', documentNumber: 'UT5550123', sex: 'F', placeOfBirth: 'Novi Sad' });
    const { fields, page } = await extractViz(service, card.image, {
      langs: ['hrv', 'srp', 'eng'],
      // The number is printed light-on-dark in the header band, which full-page segmentation skips.
      zones: [{ field: 'documentNumber', box: [0.62, 0.08, 0.36, 0.07] }],
    });
    const got = byField(fields);
    expect(got.surname?.text.replace('Ć', 'C')).toBe('MARKOVIC');
    expect(got.givenNames?.text).toBe('JELENA ANA');
    expect(got.dateOfBirth?.text).toBe(printedDate(card.fields.birthDate, 'birth'));
    expect(got.sex?.normalized).toBe('F');
    expect(got.nationality?.text).toBe('UTO');
    expect(got.placeOfBirth?.text).toBe('NOVI SAD');
    expect(got.dateOfExpiry?.text).toBe(printedDate(card.fields.expiryDate, 'other'));
    expect(got.dateOfIssue?.normalized).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(got.documentNumber).toMatchObject({ text: 'UT5550123', source: 'zone' });
    expect(fields.filter((field) => field.field !== 'documentNumber').every((field) => field.source === 'label')).toBe(true);
    expect(got.surname?.label?.text).toBe('Surname / Nom');
    console.log(`VIZ on makeCard: page ${page.timings.totalMs.toFixed(0)} ms (init ${page.timings.initMs.toFixed(0)} ms)`);
  });

  it('reads a trilingual Serbian card: Cyrillic / Latin / English labels, Latin values with diacritics', async () => {
    const { fields, page } = await extractViz(service, await renderSerbianStyleCard(), { langs: ['srp_latn', 'srp'] });
    expect(Object.fromEntries(fields.map((field) => [field.field, field.normalized]))).toEqual({
      surname: 'ĐORĐEVIĆ',
      givenNames: 'ŽELJKO',
      dateOfBirth: '1985-03-12',
      sex: 'M',
      nationality: 'SRB',
      documentNumber: '009876543',
      dateOfExpiry: '2031-06-05',
      dateOfIssue: '2021-06-05',
      placeOfBirth: 'ČAČAK',
    });
    expect(page.engine.langs.map((lang) => lang.language)).toEqual(['srp_latn', 'srp']);
    console.log(`VIZ on Serbian card: page ${page.timings.totalMs.toFixed(0)} ms (init ${page.timings.initMs.toFixed(0)} ms)`);
  });
});
