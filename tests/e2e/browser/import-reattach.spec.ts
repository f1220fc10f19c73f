import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makePhotoFolder } from '../../fixtures/folder';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

let workstation: RunningWorkstation;
let source: string;
let fileCount: number;

test.beforeAll(async () => {
  source = path.join(mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-big-')), 'phone');
  // Large enough that the import is still running when the page has reloaded.
  const manifest = await makePhotoFolder(source, { count: 120, seed: 7, width: 2400, height: 1800, cards: 0 });
  fileCount = manifest.files.length;
  workstation = await startWorkstation();
});

test.afterAll(async () => {
  await workstation?.stop();
});

test('a reload during an import shows the running import again, and it can be cancelled', async ({ page }) => {
  const ui = new WorkstationPage(page);
  await page.goto(workstation.url);
  await ui.createCase('Reload case', 'R-1', 'Examiner');
  await ui.openCase('Reload case');
  await ui.createExhibit('EXH-09', 'Officer', 'SEAL-9', 'PC');

  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('fs-entry').first()).toBeVisible();
  await page.getByTestId('fs-path-input').fill(path.dirname(source));
  await page.getByTestId('fs-go').click();
  await page.locator(`[data-testid="fs-entry"][data-path="${source}"]`).getByTestId('fs-entry-check').check();
  await page.getByTestId('fs-add-selected').click();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-status', 'running');

  await page.reload();
  await expect(page.getByTestId('import-button')).toContainText(/running/i);
  await page.getByTestId('import-button').click();
  const progress = page.getByTestId('import-progress');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await page.getByTestId('import-cancel').click();
  await expect(progress).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
  const done = Number(await progress.getAttribute('data-done'));
  expect(done).toBeLessThan(fileCount);
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', /^\d+$/);
  expect(Number(await page.getByTestId('grid-count').getAttribute('data-count'))).toBeLessThan(fileCount);
});
