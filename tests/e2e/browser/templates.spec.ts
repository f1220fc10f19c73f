import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { makeCard, UTO_RP_2024_DESIGN } from '../../fixtures/card';
import type { SampleSpec } from '../../fixtures/template-set/types';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Write template-set samples (tests/fixtures/template-set) to files. The set imports template.json without an
 * import attribute, which Playwright's loader refuses, so it runs under tsx in a child process.
 */
function writeTemplateSamples(scratch: string, jobs: readonly { spec: SampleSpec; file: string }[]): void {
  const script = path.join(scratch, 'make-samples.mts');
  const set = pathToFileURL(path.join(ROOT, 'tests/fixtures/template-set/template-set.ts')).href;
  writeFileSync(
    script,
    [
      `import { writeFileSync } from 'node:fs';`,
      `import { makeTemplateSample } from ${JSON.stringify(set)};`,
      `for (const job of ${JSON.stringify(jobs)}) writeFileSync(job.file, (await makeTemplateSample(job.spec)).image);`,
    ].join('\n'),
  );
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [script], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * A template pack made with the CLI from a copy of the bundled template under another id: signed with the key
 * of another unit's data folder (a signer this workstation does not trust yet), or unsigned.
 */
function makePack(scratch: string, id: string, signed: boolean): string {
  const source = path.join(scratch, `src-${id}`);
  cpSync(path.join(ROOT, 'resources/templates/uto-rp-2024'), source, { recursive: true });
  const file = path.join(source, 'template.json');
  const definition = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...definition, id, title: `Utopia residence permit (${id})` }, null, 2));
  const pack = path.join(scratch, `pack-${id}`);
  const args = [path.join(ROOT, 'bin', 'caselens.js'), 'templates', 'export', pack, source, ...(signed ? ['--data', path.join(scratch, 'other-unit')] : ['--unsigned'])];
  execFileSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, CASELENS_KEY_PASSPHRASE: 'other unit passphrase' }, stdio: 'ignore' });
  return pack;
}

let workstation: RunningWorkstation;
let root: string;
let specimenPath: string;
let evidence: string;
let forgedPath: string;

/** Where screenshots of the screens go (looked at by hand; not compared). */
const SHOTS = process.env.CASELENS_SHOTS ?? path.join(os.tmpdir(), 'caselens-templates-shots');

/**
 * Zones drawn by mouse, as fractions of the straightened specimen: the generator's layout, as in the bundled
 * template (resources/templates/uto-rp-2024), so a template drawn here fits every card of that model.
 */
const ZONES = {
  portrait: [0.03, 0.173, 0.246, 0.422],
  documentNumber: [0.78, 0.085, 0.194, 0.05],
  mrz: [0.01, 0.69, 0.98, 0.305],
  background: [0.297, 0.151, 0.69, 0.532],
} as const;

test.beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-templates-'));
  mkdirSync(SHOTS, { recursive: true });
  // A genuine specimen of the Utopia permit model (fictional), as an author would scan one.
  const specimen = await makeCard({ seed: 7, design: UTO_RP_2024_DESIGN, surname: 'SPECIMEN', givenNames: 'ANNA MARIA', documentNumber: 'RP0000001' });
  specimenPath = path.join(root, 'specimen-front.png');
  writeFileSync(specimenPath, specimen.image);
  // The seized phone: a forged card of that model printed without its guilloche background, and a genuine one.
  evidence = path.join(root, 'phone5');
  mkdirSync(evidence);
  forgedPath = path.join(evidence, 'IMG-20240402-WA0011.png');
  writeTemplateSamples(root, [
    { spec: { class: 'forgery', kind: 'background-missing', capture: 'flat-png', seed: 1 }, file: forgedPath },
    { spec: { class: 'genuine', capture: 'flat-png', seed: 2 }, file: path.join(evidence, 'IMG-20240402-WA0012.png') },
  ]);
  workstation = await startWorkstation();
});

test.afterAll(async () => {
  await workstation?.stop();
});

test('templates journey: author a template from a specimen, try it on a forgery, save it, and see the failing zones of an analysed forgery', async ({ page }) => {
  test.setTimeout(360_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const ui = new WorkstationPage(page);
  await page.goto(workstation.url);

  // The library: the bundled template, with its trust.
  await ui.openTemplates();
  const bundled = page.locator('[data-testid="template-row"][data-template-id="uto-rp-2024"]');
  await expect(bundled).toHaveAttribute('data-trust', 'bundled');
  await bundled.click();
  await expect(page.getByTestId('template-detail')).toHaveAttribute('data-template-id', 'uto-rp-2024');
  await expect(page.getByTestId('template-zone').first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'library.png') });

  // Authoring: the specimen is found and straightened by the engine.
  await page.getByTestId('new-template-button').click();
  await expect(page.getByTestId('template-authoring')).toBeVisible();
  await page.getByTestId('specimen-button').click();
  await ui.pickPath(specimenPath, 'file');
  const editor = page.getByTestId('zone-editor');
  await expect(editor).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('specimen-info')).not.toHaveAttribute('data-draft-image', '');
  await expect.poll(() => editor.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  // Zones drawn with the mouse: portrait, the document number with its pattern, the MRZ, the background print.
  await ui.drawZone('portrait', ZONES.portrait);
  await ui.drawZone('text', ZONES.documentNumber);
  await page.getByTestId('zone-field-select').selectOption('documentNumber');
  await page.getByTestId('zone-pattern-input').fill('^RP[0-9]{7}$');
  await page.getByTestId('zone-sample-input').fill('RP0000001');
  await ui.drawZone('mrz', ZONES.mrz);
  await ui.drawZone('security', ZONES.background);
  await expect(page.getByTestId('zone-feature-input')).toHaveValue('background-print');
  await expect(page.getByTestId('editor-zone')).toHaveCount(4);
  expect(await page.getByTestId('editor-zone').evaluateAll((zones) => zones.map((z) => z.getAttribute('data-zone-id')).sort())).toEqual(['document-number', 'mrz', 'portrait', 'security']);

  // The drawn box is where the mouse went (within a pixel of the 1012 px design, 0.001).
  await page.getByTestId('side-zone-item').filter({ hasText: 'document-number' }).click();
  expect(Number(await page.getByTestId('zone-box-x').inputValue())).toBeCloseTo(ZONES.documentNumber[0], 2);
  expect(Number(await page.getByTestId('zone-box-width').inputValue())).toBeCloseTo(ZONES.documentNumber[2], 2);

  // Metadata; the MRZ format was pre-filled from the specimen's MRZ.
  await page.getByTestId('meta-id').fill('uto-rp-unit');
  await page.getByTestId('meta-title').fill('Utopia residence permit (drawn by the unit)');
  await page.getByTestId('meta-issuingState').fill('UTO');
  await page.getByTestId('meta-mrzFormat').selectOption('TD1');
  await page.getByTestId('meta-documentCodes').fill('IR');
  await page.getByTestId('meta-maxValidityYears').fill('5');
  await expect(page.getByTestId('draft-problems')).toHaveAttribute('data-errors', '0');
  await page.screenshot({ path: path.join(SHOTS, 'authoring.png') });

  // Try the draft on the forged card: without its background print it is compared with the draft its MRZ
  // claims (or that its print follows), and the background zone does not agree.
  await page.getByTestId('trial-file-button').click();
  await ui.pickPath(forgedPath, 'file');
  const trial = page.getByTestId('trial-result');
  await expect(trial).toBeVisible({ timeout: 90_000 });
  await expect(trial).toHaveAttribute('data-recognition', /^(print|mrz-claim)$/);
  await expect(trial.getByTestId('trial-comparison')).toHaveAttribute('data-compared', 'true');
  const trialZones = trial.locator('[data-testid="comparison-zone"][data-pane="questioned"]');
  await expect(trialZones).toHaveCount(4);
  console.log(`trial zone states: ${JSON.stringify(await trialZones.evaluateAll((zones) => zones.map((z) => `${z.getAttribute('data-zone-id')}=${z.getAttribute('data-state')}`)))}`);
  await expect(trial.locator('[data-testid="comparison-zone"][data-zone-id="security"][data-pane="questioned"]')).toHaveAttribute('data-state', 'deviates');
  await trial.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'trial.png') });

  // Save: it is in the library.
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-saved')).toHaveAttribute('data-template-id', 'uto-rp-unit');
  await page.getByTestId('saved-open-library').click();
  await expect(page.locator('[data-testid="template-row"][data-template-id="uto-rp-unit"]')).toHaveAttribute('data-trust', 'folder');
  await expect(page.getByTestId('template-detail')).toHaveAttribute('data-template-id', 'uto-rp-unit');

  // "Edit as new version": zones and metadata copied, version raised, the specimen to be chosen again.
  await page.getByTestId('template-new-version').click();
  await expect(page.getByTestId('template-authoring')).toContainText('New version of uto-rp-unit@1.0.0');
  await expect(page.getByTestId('meta-version')).toHaveValue('1.1.0');
  await expect(page.getByTestId('editor-zone')).toHaveCount(4);
  await expect(page.locator('[data-testid="draft-problem"][data-path="sides.0.image"]')).toHaveAttribute('data-severity', 'error');
  await expect(page.getByTestId('template-save')).toBeDisabled();

  // A case with the seized phone's images, analysed.
  await page.getByRole('button', { name: 'Cases', exact: true }).first().click();
  await ui.createCase('Operation Blank Paper', 'OP-2024-52', 'Insp. T. Examiner');
  await ui.openCase('Operation Blank Paper');
  await ui.createExhibit('EXH-05 Phone of suspect E', 'Insp. B. Officer', 'SEAL-0052', 'Samsung phone');
  expect(await ui.importPath(evidence)).toEqual({ done: 2, total: 2 });
  await page.getByTestId('documents-button').click();
  await page.getByTestId('analyse-button').click();
  const progress = page.getByTestId('analysis-progress');
  await expect(progress).toHaveAttribute('data-status', /^(done|failed|cancelled)$/, { timeout: 240_000 });
  expect(await progress.getAttribute('data-status'), await progress.innerText()).toBe('done');
  await expect(page.getByTestId('document-count')).toHaveAttribute('data-count', '2');

  // The forged card: its comparison shows deviating zones and an assessment level above "no indicators".
  await page.getByTestId('document-row').filter({ hasText: 'IMG-20240402-WA0011' }).click();
  const comparison = page.getByTestId('document-comparison');
  await expect(comparison.getByTestId('comparison-panel')).toHaveAttribute('data-compared', 'true', { timeout: 30_000 });
  await expect(comparison.locator('[data-testid="comparison-zone"][data-state="deviates"]').first()).toBeVisible();
  const assessment = comparison.getByTestId('assessment');
  await expect(assessment).not.toHaveAttribute('data-level', 'no-indicators');
  const level = await assessment.getAttribute('data-level');
  await expect(page.getByTestId('document-assessment-level')).toHaveAttribute('data-level', level!);
  await expect.poll(() => comparison.getByTestId('comparison-questioned').locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  // A deviating zone's checks: measured against expected.
  const deviating = comparison.locator('[data-testid="zone-list-item"][data-state="deviates"]').first();
  const zoneId = await deviating.getAttribute('data-zone-id');
  await deviating.click();
  await expect(comparison.getByTestId('zone-checks')).toHaveAttribute('data-zone-id', zoneId!);
  await expect(comparison.getByTestId('zone-check').first()).toBeVisible();
  await expect(comparison.locator(`[data-testid="comparison-zone"][data-zone-id="${zoneId}"][data-pane="reference"]`)).toHaveAttribute('data-selected', 'true');
  await comparison.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SHOTS, 'comparison.png') });

  // Flicker (pausable with the keyboard) and overlay with opacity and difference.
  await comparison.getByTestId('comparison-mode-flicker').click();
  const stage = comparison.getByTestId('comparison-stage');
  await expect(stage).toHaveAttribute('data-showing', 'reference');
  await expect(stage).toHaveAttribute('data-showing', 'questioned');
  await comparison.getByTestId('flicker-toggle').click();
  await expect(comparison.getByTestId('flicker-toggle')).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: path.join(SHOTS, 'flicker-paused.png') });
  const shown = await stage.getAttribute('data-showing');
  await comparison.getByTestId('flicker-step').click();
  await expect(stage).not.toHaveAttribute('data-showing', shown!);
  await comparison.getByTestId('flicker-toggle').focus();
  await page.keyboard.press('Enter');
  await expect(comparison.getByTestId('flicker-toggle')).toHaveAttribute('aria-pressed', 'true');
  await comparison.getByTestId('comparison-mode-overlay').click();
  await comparison.getByTestId('comparison-opacity').fill('0.3');
  await expect(comparison.locator('.cmp-image.top')).toHaveCSS('opacity', '0.3');
  await comparison.getByTestId('comparison-difference').check();
  await expect(comparison.locator('.cmp-image.top')).toHaveCSS('mix-blend-mode', 'difference');
  await page.screenshot({ path: path.join(SHOTS, 'overlay-difference.png') });

  // The level filter keeps only the documents of that level: the forgery under its level, not under "no indicators".
  const rows = page.getByTestId('document-row');
  const forgedRow = rows.filter({ hasText: 'IMG-20240402-WA0011' });
  await page.getByTestId('document-level-filter').selectOption(level!);
  await expect(page.locator(`[data-testid="document-row"]:not([data-assessment-level="${level}"])`)).toHaveCount(0);
  await expect(forgedRow).toHaveAttribute('data-assessment-level', level!);
  await expect(page.getByTestId('document-count')).toHaveAttribute('data-count', String(await rows.count()));
  await page.getByTestId('document-level-filter').selectOption('no-indicators');
  await expect(page.locator('[data-testid="document-row"]:not([data-assessment-level="no-indicators"])')).toHaveCount(0);
  await expect(forgedRow).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, 'level-filter.png') });
});

test('template packs: import a signed pack, trust and stop trusting its signer; a changed pack is shown as invalid', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const ui = new WorkstationPage(page);
  const signed = makePack(root, 'uto-rp-signed', true);
  const tampered = makePack(root, 'uto-rp-tampered', false);
  // One byte more in the template after export: the manifest no longer matches.
  appendFileSync(path.join(tampered, 'uto-rp-tampered', 'template.json'), ' ');
  await page.goto(workstation.url);
  await ui.openTemplates();

  // Signed by a unit not on the trusted list: it loads, with the warning on the result and on its row.
  await page.getByTestId('import-pack-button').click();
  await ui.pickPath(signed, 'folder');
  const result = page.getByTestId('pack-import-result');
  await expect(result).toHaveAttribute('data-status', 'signed');
  await expect(result).toContainText('uto-rp-signed@1.0.0');
  const row = page.locator('[data-testid="template-row"][data-template-id="uto-rp-signed"]');
  await expect(row).toHaveAttribute('data-trust', 'signed');
  await expect(row.getByTestId('template-row-warning')).toContainText('not on this workstation');
  await expect(page.getByTestId('library-trust-warning')).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'pack-signed.png') });

  // Trust the signer (after confirming): the warning goes; stop trusting it: it comes back.
  await result.getByTestId('pack-trust-signer').click();
  await expect(page.getByTestId('confirm-trust')).toBeVisible();
  await page.getByTestId('confirm-trust-submit').click();
  await expect(row.getByTestId('template-row-warning')).toHaveCount(0);
  const signer = page.getByTestId('signer').first();
  await expect(signer).toHaveAttribute('data-trusted', 'true');
  await signer.getByTestId('signer-toggle').click();
  await expect(signer).toHaveAttribute('data-trusted', 'false');
  await expect(row.getByTestId('template-row-warning')).toBeVisible();

  // A pack changed after signing: imported, but invalid, with the file named.
  await page.getByTestId('import-pack-button').click();
  await ui.pickPath(tampered, 'folder');
  await expect(result).toHaveAttribute('data-status', 'invalid');
  await expect(result.getByTestId('pack-import-problems')).toContainText('template.json');
  const bad = page.locator('[data-testid="template-row"][data-template-id="uto-rp-tampered"]');
  await expect(bad).toHaveAttribute('data-trust', 'invalid');
  await bad.click();
  await expect(page.getByTestId('template-detail').getByTestId('template-trust-warning')).toContainText('failed verification');
  await page.screenshot({ path: path.join(SHOTS, 'pack-invalid.png') });
});
