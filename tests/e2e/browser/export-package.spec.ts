import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Screenshots of the dialogs (looked at by hand; not compared). */
const SHOTS = process.env.CASELENS_SHOTS ?? path.join(os.tmpdir(), 'caselens-export-shots');
/**
 * The demo case takes minutes to build (import and analysis of 87 items), so it is built once into this folder
 * and copied into each run's fresh data folder.
 */
const DEMO_CACHE = process.env.CASELENS_DEMO_CACHE ?? path.join(os.tmpdir(), 'caselens-e2e-demo-cache');
const PASSPHRASE = 'unit passphrase 2026';
const FINGERPRINT = /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/;

let workstation: RunningWorkstation;
let outbox: string;

function ensureDemoCase(): string {
  const demo = path.join(DEMO_CACHE, 'cases', 'demo');
  if (existsSync(path.join(demo, 'case.sqlite'))) return demo;
  const building = `${DEMO_CACHE}.building-${process.pid}`;
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'make-demo-case.ts'), '--data', building], { cwd: ROOT, stdio: 'ignore' });
  rmSync(DEMO_CACHE, { recursive: true, force: true });
  renameSync(building, DEMO_CACHE);
  return demo;
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  mkdirSync(SHOTS, { recursive: true });
  const demo = ensureDemoCase();
  outbox = mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-packages-'));
  workstation = await startWorkstation();
  mkdirSync(path.join(workstation.dataDir, 'cases'), { recursive: true });
  cpSync(demo, path.join(workstation.dataDir, 'cases', 'demo'), { recursive: true });
});

test.afterAll(async () => {
  await workstation?.stop();
});

/** Local file header signature of a zip entry. */
const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Offset of the flipped byte inside the entry's data: past any header a reader might check first. */
const FLIP_AT = 100;

/**
 * Flip one byte inside the first payload file (under `data/`, larger than FLIP_AT) of a zip package. Entries are
 * stored, not deflated, so the byte is the file's own. Returns the file's path inside the bag.
 */
function tamperPayload(zip: string): string {
  const buf = readFileSync(zip);
  for (let at = buf.indexOf(LOCAL_HEADER); at >= 0; at = buf.indexOf(LOCAL_HEADER, at + 4)) {
    const nameLength = buf.readUInt16LE(at + 26);
    const extraLength = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const inBag = name.slice(name.indexOf('/') + 1);
    const dataAt = at + 30 + nameLength + extraLength;
    // The entry ends where the next header starts (its sizes are in the header too; this needs no ZIP64 parsing).
    const next = buf.indexOf(LOCAL_HEADER, dataAt);
    if (!inBag.startsWith('data/') || inBag.endsWith('/') || (next >= 0 && next - dataAt <= FLIP_AT * 2)) continue;
    const offset = dataAt + FLIP_AT;
    const fd = openSync(zip, 'r+');
    try {
      writeSync(fd, Buffer.from([buf[offset]! ^ 0xff]), 0, 1, offset);
    } finally {
      closeSync(fd);
    }
    return inBag;
  }
  throw new Error(`no payload file to tamper with in ${zip}`);
}

test('evidence package: export the demo case as a signed zip from the UI, verify it, then see a flipped byte fail it', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1500, height: 1000 });
  const ui = new WorkstationPage(page);
  await page.goto(workstation.url);
  await ui.openCase('Operation Mirage');

  await page.getByTestId('pkg-export-button').click();
  const dialog = page.getByTestId('pkg-export-dialog');
  await expect(dialog.getByTestId('pkg-key-new')).toContainText('first export makes');
  await expect(dialog.getByTestId('pkg-export-submit')).toBeDisabled();
  await expect(dialog.getByTestId('pkg-problems')).toContainText('Say who authorised the release');
  await expect(dialog.getByTestId('pkg-language-0')).toHaveValue('en');
  await expect(dialog.getByTestId('pkg-language-1')).toHaveValue('sr-Latn');
  await dialog.getByTestId('pkg-handling').selectOption('H2');
  await expect(dialog.getByTestId('pkg-handling-meaning')).toContainText('Not to be disseminated');
  await dialog.getByTestId('pkg-reliability').selectOption('A');
  await dialog.getByTestId('pkg-accuracy').selectOption('1');
  await expect(dialog.getByTestId('pkg-accuracy-meaning')).toContainText('Known to be true');
  await dialog.getByTestId('pkg-authorization').fill('Head of unit, order 17/2026');
  await dialog.getByTestId('pkg-requested-action').fill('Compare with your seizures of November');
  await dialog.getByTestId('pkg-organisation').fill('Border Police, Document Unit');
  await dialog.getByTestId('pkg-zip').check();
  await dialog.getByTestId('pkg-outdir-button').click();
  await ui.pickPath(outbox, 'folder');
  await expect(dialog.getByTestId('pkg-outdir')).toHaveText(outbox);
  await dialog.getByTestId('pkg-passphrase').fill(PASSPHRASE);
  await dialog.getByTestId('pkg-passphrase-repeat').fill(PASSPHRASE);
  await expect(dialog.getByTestId('pkg-problems')).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, 'export-dialog.png') });
  await dialog.getByTestId('pkg-export-submit').click();

  await expect(dialog.getByTestId('pkg-export-progress')).toBeVisible();
  const result = dialog.getByTestId('pkg-export-result');
  await expect(result).toBeVisible({ timeout: 180_000 });
  await page.screenshot({ path: path.join(SHOTS, 'export-result.png') });
  const zip = (await result.getAttribute('data-path'))!;
  expect(path.dirname(zip)).toBe(outbox);
  expect(path.basename(zip)).toMatch(/^EXP_DEMO-2024-001_.*\.zip$/);
  expect(existsSync(zip)).toBe(true);
  const fingerprint = (await dialog.getByTestId('pkg-result-fingerprint').getAttribute('data-fingerprint'))!;
  expect(fingerprint).toMatch(FINGERPRINT);
  expect(Number(await dialog.getByTestId('pkg-result-files').getAttribute('data-files'))).toBeGreaterThan(80);
  // Nothing half-written is left beside the package.
  expect(readdirSync(outbox)).toEqual([path.basename(zip)]);

  await dialog.getByTestId('pkg-verify-result').click();
  const verify = page.getByTestId('pkg-verify-dialog');
  await expect(verify.getByTestId('pkg-verdict')).toHaveAttribute('data-verdict', 'VERIFIED', { timeout: 60_000 });
  await expect(verify.getByTestId('pkg-verify-fingerprint')).toHaveText(fingerprint);
  await expect(verify.getByTestId('pkg-verify-signature')).toHaveAttribute('data-status', 'valid');
  await expect(verify.getByTestId('pkg-verify-custody')).toContainText('chain intact');
  await expect(verify.getByTestId('pkg-verify-oxum')).toHaveAttribute('data-ok', 'true');
  await expect(verify.getByTestId('pkg-verify-file').first()).toHaveAttribute('data-status', 'ok');
  await page.screenshot({ path: path.join(SHOTS, 'verify-verified.png') });
  await verify.getByTestId('pkg-verify-close').click();

  // The unit key now exists: a second export shows its fingerprint instead of making one.
  await page.getByTestId('pkg-export-button').click();
  await expect(page.getByTestId('pkg-key')).toHaveAttribute('data-fingerprint', fingerprint);
  await page.getByTestId('pkg-export-dismiss').click();
  // The workstation panel (status bar) shows the same fingerprint, read-only.
  await page.getByTestId('workstation-button').click();
  await expect(page.getByTestId('workstation-key')).toHaveAttribute('data-fingerprint', fingerprint);
  await expect(page.getByTestId('workstation-key')).toContainText(fingerprint);
  await page.screenshot({ path: path.join(SHOTS, 'workstation.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('workstation-panel')).toHaveCount(0);

  // Tamper one byte of a payload file; the verify screen (choosing the zip) names it.
  const tampered = tamperPayload(zip);
  await page.getByTestId('pkg-verify-button').click();
  await verify.getByTestId('pkg-verify-pick-zip').click();
  await ui.pickPath(zip, 'file');
  await expect(verify.getByTestId('pkg-verdict')).toHaveAttribute('data-verdict', 'FAILED', { timeout: 60_000 });
  await expect(verify.getByTestId('pkg-verdict')).toContainText(tampered);
  await expect(verify.getByTestId('pkg-verify-problems')).toContainText(tampered);
  const first = verify.getByTestId('pkg-verify-file').first();
  await expect(first).toHaveAttribute('data-status', 'changed');
  await expect(first).toHaveAttribute('data-path', tampered);
  await page.screenshot({ path: path.join(SHOTS, 'verify-failed.png') });
});
