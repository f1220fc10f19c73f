import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makePhotoFolder, type PhotoFolderManifest } from '../../fixtures/folder';
import { makePhoto } from '../../fixtures/image';
import { makeZip } from '../../fixtures/zip';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

let workstation: RunningWorkstation;
let source: string;
let zipPath: string;
let manifest: PhotoFolderManifest;

test.beforeAll(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-src-'));
  source = path.join(root, 'phone1');
  manifest = await makePhotoFolder(source, { count: 6, seed: 42, width: 1024, height: 768, corrupt: true });
  const photo = await makePhoto({ seed: 99, width: 900, height: 600, exif: { make: 'Acme', model: 'Z2' } });
  zipPath = path.join(root, 'phone2.zip');
  await makeZip([
    { name: 'DCIM/Camera/IMG_20240401_120000.jpg', data: photo },
    { name: 'Telegram/photo_2024-04-01_12-05-00.jpg', data: photo },
  ], { path: zipPath });
  mkdirSync(path.join(root, 'empty'));
  writeFileSync(path.join(root, 'README.txt'), 'e2e source');
  workstation = await startWorkstation();
});

test.afterAll(async () => {
  await workstation?.stop();
});

test('analyst journey: case, exhibit, folder and zip import, grid, duplicates, tag survives reload', async ({ page }) => {
  const external: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1') && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) external.push(request.url());
  });
  const ui = new WorkstationPage(page);
  await page.goto(workstation.url);

  await ui.createCase('Operation Mirage', 'OP-2024-17', 'Insp. A. Analyst');
  await ui.openCase('Operation Mirage');
  await ui.createExhibit('EXH-01 Phone of suspect A', 'Insp. B. Officer', 'SEAL-0001', 'Samsung phone, screen cracked');

  const folder = await ui.importPath(source);
  expect(folder).toEqual({ done: manifest.files.length, total: manifest.files.length });
  const zip = await ui.importPath(zipPath);
  expect(zip).toEqual({ done: 2, total: 2 });

  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', String(manifest.files.length + 2));
  // Thumbnails really load (decoded images, not broken icons).
  const firstThumb = ui.gridItems().first().locator('img');
  await expect(firstThumb).toBeVisible();
  await expect.poll(() => firstThumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/journey-grid.png' });

  // An exact duplicate from the generator: open it, see its sibling.
  const group = manifest.exactDuplicateGroups[0]!;
  const name = path.posix.basename(group.paths[0]!);
  const matching = String(manifest.files.filter((f) => f.path.includes(name)).length);
  await page.getByTestId('filter-text').fill(name);
  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', matching);
  await ui.gridItem(name).click();
  const panel = page.getByTestId('item-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('item-name')).toContainText(name);
  await expect(page.getByTestId('duplicate-sibling')).toHaveCount(group.paths.length - 1);
  await expect(panel).toContainText(group.sha256);

  await page.getByTestId('tag-input').fill('forwarded permit');
  await page.getByTestId('tag-input').press('Enter');
  await expect(page.getByTestId('tag-chip').filter({ hasText: 'forwarded permit' })).toBeVisible();
  await page.getByTestId('note-input').fill('Same picture as the Download copy; sent on 12 March.');
  await page.getByTestId('note-add').click();
  await expect(page.getByTestId('note-entry')).toContainText('Same picture as the Download copy');
  await expect(page.getByTestId('note-input')).toHaveValue('');
  await page.screenshot({ path: 'test-results/journey-item.png' });

  await page.reload();
  // The route (#/cases/<id>) survives the reload: the same case opens again.
  await expect(page.getByTestId('case-title')).toContainText('Operation Mirage');
  await page.getByTestId('filter-text').fill(name);
  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', matching);
  await ui.gridItem(name).click();
  await expect(page.getByTestId('tag-chip').filter({ hasText: 'forwarded permit' })).toBeVisible();

  // Keyboard navigation in the grid.
  await page.getByTestId('filter-text').fill('');
  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', String(manifest.files.length + 2));
  await ui.gridItems().first().click();
  await page.keyboard.press('Escape');
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-testid="grid-item"][aria-selected="true"]')).toHaveCount(1);

  // Errors filter shows the corrupt files.
  await page.getByTestId('filter-errors').check();
  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', String(manifest.corrupt.filter((c) => c.kind !== 'text').length));

  await page.getByTestId('audit-button').click();
  await expect(page.getByTestId('audit-entry').first()).toBeVisible();
  await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-valid', 'true');
  await page.screenshot({ path: 'test-results/journey-audit.png' });
  expect(external).toEqual([]);
});
