import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Where screenshots of the dialog go (looked at by hand; not compared). */
const SHOTS = process.env.CASELENS_SHOTS ?? path.join(os.tmpdir(), 'caselens-templates-shots');
const PASSPHRASE = 'unit passphrase 2026';
const FINGERPRINT = /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/;
/** The unit's own template: a copy of the bundled one under another id, as saved by authoring. */
const UNIT_TEMPLATE = 'uto-rp-unit';

let workstation: RunningWorkstation;
/** Another unit's workstation, which receives the packs. */
let partner: RunningWorkstation;
let outbox: string;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  outbox = mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-outbox-'));
  workstation = await startWorkstation();
  partner = await startWorkstation();
  // Put in the unit's template folder before the library is first listed (another id than the bundled
  // template, so the partner's library tells the imported one apart).
  const own = path.join(workstation.dataDir, 'templates', UNIT_TEMPLATE);
  cpSync(path.join(ROOT, 'resources/templates/uto-rp-2024'), own, { recursive: true });
  const definition = JSON.parse(readFileSync(path.join(own, 'template.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(own, 'template.json'), JSON.stringify({ ...definition, id: UNIT_TEMPLATE, title: "Utopia residence permit (the unit's own)" }, null, 2));
});

test.afterAll(async () => {
  await workstation?.stop();
  await partner?.stop();
});

/** `caselens templates verify --json` on a pack folder: what a receiving unit's CLI says about it. */
function verifyWithCli(dir: string): { status: string; signer: string | null } {
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'caselens.js'), 'templates', 'verify', dir, '--json'], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    // Exit 1 for anything but signed and intact; the JSON is still printed.
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  return JSON.parse(out) as { status: string; signer: string | null };
}

test('template pack export: sign a pack with the unit key from the UI, refuse a wrong passphrase, export unsigned, import both back', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1500, height: 1000 });
  const ui = new WorkstationPage(page);
  await page.goto(workstation.url);
  await ui.openTemplates();

  // Tick the unit's template in the library; the toolbar's export counts it.
  const row = page.locator(`[data-testid="template-row"][data-template-id="${UNIT_TEMPLATE}"]`);
  await expect(row).toHaveAttribute('data-trust', 'folder');
  await expect(page.getByTestId('export-pack-button')).toBeDisabled();
  await row.getByTestId('template-check').check();
  await expect(page.getByTestId('export-pack-button')).toHaveAttribute('data-count', '1');
  // Ticking does not open the template (the row's click is the detail's).
  await expect(page.getByTestId('template-detail')).toHaveCount(0);
  await page.getByTestId('export-pack-button').click();

  // A fresh workstation has no unit key: the dialog says this export makes one and asks the passphrase twice.
  const dialog = page.getByTestId('export-pack-dialog');
  await expect(dialog.getByTestId('export-templates')).toContainText(`${UNIT_TEMPLATE}@1.0.0`);
  await expect(dialog.getByTestId('export-key-new')).toContainText('No unit key yet');
  await expect(dialog.getByTestId('export-key-new')).toContainText(path.join(workstation.dataDir, 'keys', 'unit-ed25519.pem'));
  await expect(dialog.getByTestId('export-submit')).toBeDisabled();
  await dialog.getByTestId('export-folder-button').click();
  await ui.pickPath(outbox, 'folder');
  await expect(dialog.getByTestId('export-parent')).toHaveText(outbox);
  await dialog.getByTestId('export-folder-name').fill('utopia-signed');
  const signedDir = path.join(outbox, 'utopia-signed');
  await expect(dialog.getByTestId('export-target')).toHaveText(signedDir);
  await dialog.getByTestId('export-passphrase').fill('short');
  await expect(dialog.getByTestId('export-problems')).toContainText('at least 8 characters');
  await dialog.getByTestId('export-passphrase').fill(PASSPHRASE);
  await dialog.getByTestId('export-passphrase-repeat').fill(`${PASSPHRASE}!`);
  await expect(dialog.getByTestId('export-problems')).toContainText('The two passphrases differ');
  await dialog.getByTestId('export-passphrase-repeat').fill(PASSPHRASE);
  await expect(dialog.getByTestId('export-problems')).toHaveCount(0);
  await expect(dialog.getByTestId('export-submit')).toBeEnabled();
  await dialog.screenshot({ path: path.join(SHOTS, 'pack-export-dialog.png') });
  await dialog.getByTestId('export-submit').click();

  // The result: folder, file count, and the fingerprint of the key just made.
  const result = dialog.getByTestId('pack-export-result');
  await expect(result).toHaveAttribute('data-signed', 'true');
  await expect(result.getByTestId('export-result-dir')).toHaveText(signedDir);
  const sourceFiles = readdirSync(path.join(workstation.dataDir, 'templates', UNIT_TEMPLATE)).length;
  await expect(result.getByTestId('export-result-files')).toHaveAttribute('data-files', String(sourceFiles));
  await expect(result.getByTestId('export-result-key-created')).toBeVisible();
  const fingerprint = (await result.getByTestId('export-result-signer').getAttribute('data-fingerprint')) ?? '';
  expect(fingerprint).toMatch(FINGERPRINT);
  await dialog.screenshot({ path: path.join(SHOTS, 'pack-export-result.png') });
  await dialog.getByTestId('export-close').click();
  await expect(dialog).toHaveCount(0);
  // A receiving unit's CLI verifies the pack as signed by that fingerprint.
  expect(verifyWithCli(signedDir)).toMatchObject({ status: 'signed', signer: fingerprint });

  // From the detail panel: the key exists now and its fingerprint is shown before signing; no repeat asked.
  await row.click();
  await page.getByTestId('template-detail').getByTestId('template-export-pack').click();
  await expect(dialog.getByTestId('export-key-fingerprint')).toHaveText(fingerprint);
  await expect(dialog.getByTestId('export-passphrase-repeat')).toHaveCount(0);
  await dialog.getByTestId('export-folder-button').click();
  await ui.pickPath(outbox, 'folder');
  await dialog.getByTestId('export-folder-name').fill('utopia-wrong');
  await dialog.getByTestId('export-passphrase').fill('not the unit passphrase');
  await dialog.getByTestId('export-submit').click();
  await expect(dialog.getByTestId('export-error')).toContainText('wrong passphrase');
  expect(existsSync(path.join(outbox, 'utopia-wrong'))).toBe(false);
  await dialog.screenshot({ path: path.join(SHOTS, 'pack-export-wrong-passphrase.png') });

  // Unsigned, explicitly: the warning says what the receiver will see.
  await dialog.getByTestId('export-unsigned').check();
  // Changing the form clears the refusal it answered.
  await expect(dialog.getByTestId('export-error')).toHaveCount(0);
  await expect(dialog.getByTestId('export-unsigned-warning')).toContainText('loads elsewhere only with a warning');
  await expect(dialog.getByTestId('export-passphrase')).toHaveCount(0);
  await dialog.getByTestId('export-folder-name').fill('utopia-unsigned');
  await dialog.screenshot({ path: path.join(SHOTS, 'pack-export-unsigned.png') });
  await dialog.getByTestId('export-submit').click();
  await expect(result).toHaveAttribute('data-signed', 'false');
  await expect(result).toContainText('Unsigned template pack');
  await dialog.getByTestId('export-close').click();

  // The partner unit imports both: the signed pack is signed by the fingerprint the dialog showed (not trusted
  // there yet), the unsigned one is unsigned, each with its warning on its row.
  await page.goto(partner.url);
  await ui.openTemplates();
  await page.getByTestId('import-pack-button').click();
  await ui.pickPath(signedDir, 'folder');
  const imported = page.getByTestId('pack-import-result');
  await expect(imported).toHaveAttribute('data-status', 'signed');
  await expect(imported).toContainText(fingerprint);
  await expect(imported).toContainText('not on this workstation');
  await page.getByTestId('import-pack-button').click();
  await ui.pickPath(path.join(outbox, 'utopia-unsigned'), 'folder');
  await expect(imported).toHaveAttribute('data-status', 'unsigned');
  await expect(page.locator('[data-testid="template-row"][data-trust="unsigned"]').getByTestId('template-row-warning')).toContainText('Unsigned template pack');
  await expect(page.locator('[data-testid="template-row"][data-trust="signed"]').getByTestId('template-row-warning')).toContainText(fingerprint);
  await page.screenshot({ path: path.join(SHOTS, 'pack-export-imported.png') });
});
