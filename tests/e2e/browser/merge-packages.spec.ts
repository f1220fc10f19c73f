/**
 * The "Merge packages" dialog in browser mode: two workstations (two data folders, two unit keys) export
 * packages with the CLI that share a photo and a re-encoded copy of another; a coordination case merges both and
 * a tampered copy. The dialog shows both merged, the tampered one refused with the changed file, and the shares.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { makeTamperSample } from '../../fixtures/tamper';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SHOTS = process.env.CASELENS_SHOTS ?? path.join(os.tmpdir(), 'caselens-merge-shots');
const PASSPHRASE = 'unit passphrase 2026';

let workstation: RunningWorkstation;
let work: string;
const packages: string[] = [];

const cli = (args: string[], dataDir?: string) =>
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'caselens.js'), ...args, ...(dataDir ? ['--data', dataDir] : [])], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CASELENS_KEY_PASSPHRASE: PASSPHRASE } });

/** A case on its own workstation, exported as a signed package folder; returns the package path. */
function exportFrom(name: string, ref: string, files: Record<string, Buffer>): string {
  const src = path.join(work, `${name}-src`, 'phone');
  mkdirSync(src, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(src, file), bytes);
  const caseDir = path.join(work, `${name}-case`);
  cli(['case', 'create', caseDir, '--title', `Case ${name}`, '--reference', ref, '--examiner', `Insp. ${name}`]);
  cli(['exhibit', 'add', caseDir, '--label', `PHONE-${name}`, '--seized-by', 'Sgt. Test']);
  cli(['ingest', caseDir, src, '--exhibit', `PHONE-${name}`]);
  const out = path.join(work, `${name}-out`);
  cli(['export', caseDir, '--out', out, '--authorization', 'Head of unit'], path.join(work, `${name}-data`));
  return path.join(out, readdirSync(out)[0]!);
}

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-merge-'));
  const photo = (await makeTamperSample(1, 'splice')).jpeg;
  const other = (await makeTamperSample(2, 'clean')).jpeg;
  const forwarded = await sharp(photo).jpeg({ quality: 70 }).toBuffer();
  packages.push(exportFrom('A', 'KT-1/2026', { 'IMG_0001.jpg': photo, 'IMG_0002.jpg': other }));
  packages.push(exportFrom('B', 'BP-2/2026', { 'received.jpg': other, 'forwarded.jpg': forwarded }));
  const tampered = path.join(work, 'tampered', path.basename(packages[0]!));
  cpSync(packages[0]!, tampered, { recursive: true });
  const victim = path.join(tampered, 'data', 'evidence', 'PHONE-A', 'phone', 'IMG_0002.jpg');
  const bytes = readFileSync(victim);
  bytes[100] = bytes[100]! ^ 1;
  writeFileSync(victim, bytes);
  packages.push(tampered);
  workstation = await startWorkstation();
});

test.afterAll(async () => {
  await workstation?.stop();
});

test('a coordination case merges two packages, refuses a tampered one and lists what they share', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(workstation.url);
  await ws.createCase('Coordination', 'JIT-1', 'Coordinator');
  await ws.openCase('Coordination');
  await page.getByTestId('case-merge-button').click();
  const dialog = page.getByTestId('merge-packages-dialog');
  for (const p of packages) {
    await page.getByTestId('merge-path-input').fill(p);
    await page.getByTestId('merge-path-input').press('Enter');
  }
  await expect(page.getByTestId('merge-paths').locator('li')).toHaveCount(3);
  await page.getByTestId('merge-run').click();
  const results = page.getByTestId('merge-results');
  await expect(results.locator('tbody tr')).toHaveCount(3, { timeout: 60_000 });
  await expect(results.locator('tr.merge-accepted')).toHaveCount(2);
  await expect(results.locator('tr.merge-refused')).toContainText('IMG_0002.jpg');
  const shared = page.getByTestId('merge-shared');
  await expect(shared).toContainText('Same file (SHA-256)');
  await expect(shared).toContainText('Same image (near-duplicate)');
  await dialog.screenshot({ path: path.join(SHOTS, 'merge-packages.png') });
  await shared.scrollIntoViewIfNeeded();
  await dialog.screenshot({ path: path.join(SHOTS, 'merge-packages-shared.png') });
  await dialog.getByLabel('Close').click();
  await expect(page.getByTestId('exhibit-row').filter({ hasText: 'KT-1/2026 · PHONE-A' })).toBeVisible();
  await expect(page.getByTestId('exhibit-row').filter({ hasText: 'BP-2/2026 · PHONE-B' })).toBeVisible();
});
