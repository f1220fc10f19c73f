import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { photographScene } from '../../fixtures/documents';
import { makePhoto } from '../../fixtures/image';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

let workstation: RunningWorkstation;
let source: string;

/** Fictional holders (ICAO's specimen state Utopia); the forged one carries a wrong birth-date check digit. */
const FORGED = { surname: 'KOVAČEVIĆ', givenNames: 'MILAN', documentNumber: 'RP4821937' };
const GENUINE = { surname: 'LINDQVIST', givenNames: 'EVA', documentNumber: 'L7K3M9P21' };

test.beforeAll(async () => {
  source = path.join(mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-docs-')), 'phone3');
  mkdirSync(source, { recursive: true });
  const forged = await photographScene({
    seed: 301,
    background: 'table',
    documents: [{ document: { format: 'TD1', side: 'back', seed: 301, data: FORGED, mrzDefect: { kind: 'check-digit', field: 'birthDate' } }, rotation: 4, tilt: 6 }],
  });
  const genuine = await photographScene({
    seed: 302,
    background: 'clutter',
    documents: [{ document: { format: 'TD3', seed: 302, data: GENUINE }, rotation: -3 }],
  });
  writeFileSync(path.join(source, 'IMG-20240312-WA0007.jpg'), forged.image);
  writeFileSync(path.join(source, 'IMG_20240313_101500.jpg'), genuine.image);
  writeFileSync(path.join(source, 'IMG_20240313_101733.jpg'), await makePhoto({ seed: 17, width: 1600, height: 1200 }));
  workstation = await startWorkstation();
});

test.afterAll(async () => {
  await workstation?.stop();
});

test('documents journey: analyse imported photos, see a failing check digit on the card, search a surname', async ({ page }) => {
  test.setTimeout(240_000);
  const ui = new WorkstationPage(page);
  await page.goto(workstation.url);
  await ui.createCase('Operation Paper Trail', 'OP-2024-31', 'Insp. D. Examiner');
  await ui.openCase('Operation Paper Trail');
  await ui.createExhibit('EXH-03 Phone of suspect C', 'Insp. B. Officer', 'SEAL-0031', 'Xiaomi phone');
  expect(await ui.importPath(source)).toEqual({ done: 3, total: 3 });

  await page.getByTestId('documents-button').click();
  await page.getByTestId('analyse-button').click();
  await expect(page.getByTestId('analysis-progress')).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(page.getByTestId('document-count')).toHaveAttribute('data-count', '2');

  // The forged permit: its birth-date check digit fails, and the failing characters are marked.
  await page.getByTestId('document-row').filter({ hasText: 'KOVACEVIC' }).click();
  await expect(page.getByTestId('document-mrz-state')).toContainText('check fails');
  await expect(page.getByTestId('mrz-char-failing').first()).toBeVisible();
  await expect(page.getByTestId('mrz-box-failing').first()).toBeAttached();
  // The birth-date digit fails (and with it the composite, which covers the birth date).
  await expect(page.getByTestId('mrz-checks').locator('tr[data-valid="false"]').filter({ hasText: 'birthDate' })).toBeVisible();
  await expect(page.getByTestId('finding').filter({ hasText: 'birthDate check digit' })).toBeVisible();
  await expect(page.getByTestId('rectified-image').locator('img')).toHaveJSProperty('complete', true);
  await expect.poll(() => page.getByTestId('rectified-image').locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/documents-forged.png', fullPage: true });

  // Search the other holder's surname (lower case, no diacritics needed) and land on that document.
  await page.getByTestId('search-input').fill('lindqvist');
  const hit = page.getByTestId('search-hit').first();
  await expect(hit).toContainText('LINDQVIST');
  await page.screenshot({ path: 'test-results/documents-search.png' });
  await hit.click();
  await expect(page.getByTestId('document-holder')).toContainText('LINDQVIST');
  await expect(page.getByTestId('document-mrz-state')).toContainText('checks hold');

  // The same forged surname is found through its diacritics-free and its printed spelling alike.
  await page.getByTestId('search-input').fill('Kovačević');
  await expect(page.getByTestId('search-hit').first()).toContainText('KOVACEVIC');
  await page.getByTestId('search-hit').first().click();
  await expect(page.getByTestId('document-holder')).toContainText('KOVACEVIC');
});
