import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOLDER_SEED = 4242;
const PHONE_A = { label: 'EXH-01 Phone of suspect A', dir: 'phone-A', file: 'IMG_20261104_101500.jpg', files: 3 };
/** A second permit of the same workshop (same retyped font, same ten-year validity), photographed once on phone A. */
const SIBLING = 'IMG_20261105_093000.jpg';
const UNRELATED = 'IMG_20261020_120000.jpg';
const PC_B = { label: 'EXH-02 PC of suspect B', dir: 'pc-B', file: 'scan-0001.png', files: 1 };
const PHONE_C = { label: 'EXH-03 Phone of suspect C', dir: 'phone-C', file: 'IMG-20261104-WA0003.jpg', files: 1 };

/**
 * One forged permit (valid for ten years where the template allows five, its surname retyped in a near-miss sans
 * font 6 px right and 3 px down: habits of the action day's workshops W3 and W1) seized three times: photographed on phone A, forwarded through WhatsApp to phone C (long side 1280, JPEG
 * quality 60, metadata dropped) and scanned on PC B; phone A also holds an unrelated photo. Returns the permit's
 * number. The template set imports template.json without an import attribute, which Playwright's loader refuses,
 * so this runs under tsx in a child process (as templates.spec.ts does).
 */
function writeDevices(root: string): string {
  const url = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, rel)).href);
  const script = path.join(root, 'make-devices.mts');
  writeFileSync(
    script,
    `import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { renderCardRaster } from ${url('tests/fixtures/card.ts')};
import { makePhoto, toSharpExif } from ${url('tests/fixtures/image.ts')};
import { captureDocument, cardOptionsFor, holderFor } from ${url('tests/fixtures/template-set/index.ts')};
const sharp = createRequire(${url('package.json')})('sharp') as typeof import('sharp');
const root = ${JSON.stringify(root)};
const holder = holderFor(${HOLDER_SEED});
const tenYears = String((Number(holder.issueDate.slice(0, 2)) + 10) % 100).padStart(2, '0') + holder.issueDate.slice(2);
const card = await renderCardRaster({ ...cardOptionsFor(holder), expiryDate: tenYears, fieldStyle: { surname: { fontFamily: 'Liberation Sans', dx: 6, dy: 3 } } });
const photo = (await captureDocument(card, 'perspective', 11)).image;
const scan = (await captureDocument(card, 'scanner', 12)).image;
const other = holderFor(${HOLDER_SEED + 1});
const otherTen = String((Number(other.issueDate.slice(0, 2)) + 10) % 100).padStart(2, '0') + other.issueDate.slice(2);
const sibling = await renderCardRaster({ ...cardOptionsFor(other), expiryDate: otherTen, fieldStyle: { surname: { fontFamily: 'Liberation Sans', dx: 6, dy: 3 } } });
const siblingPhoto = (await captureDocument(sibling, 'flat-jpeg', 13)).image;
const put = (dir: string, name: string, bytes: Buffer) => {
  mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, dir, name), bytes);
};
const camera = toSharpExif({ make: 'samsung', model: 'SM-A525F', dateTimeOriginal: '2026-11-04T10:15:00' });
put(${JSON.stringify(PHONE_A.dir)}, ${JSON.stringify(PHONE_A.file)}, await sharp(photo).withExif(camera).jpeg({ quality: 92 }).toBuffer());
put(${JSON.stringify(PHONE_A.dir)}, ${JSON.stringify(UNRELATED)}, await makePhoto({ seed: 77, width: 1600, height: 1200 }));
put(${JSON.stringify(PHONE_A.dir)}, ${JSON.stringify(SIBLING)}, await sharp(siblingPhoto).jpeg({ quality: 92 }).toBuffer());
put(${JSON.stringify(PHONE_C.dir)}, ${JSON.stringify(PHONE_C.file)}, await sharp(photo).resize(1280, 1280, { fit: 'inside' }).jpeg({ quality: 60 }).toBuffer());
put(${JSON.stringify(PC_B.dir)}, ${JSON.stringify(PC_B.file)}, await sharp(scan).png().toBuffer());
writeFileSync(path.join(root, 'number.txt'), holder.documentNumber);
`,
  );
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [script], { cwd: ROOT, stdio: 'inherit' });
  return readFileSync(path.join(root, 'number.txt'), 'utf8');
}

let workstation: RunningWorkstation;
let root: string;

test.beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-links-'));
  const documentNumber = writeDevices(root);
  const header = 'list_name,list_version,type,document_number,surname,given_names,birth_date';
  writeFileSync(path.join(root, 'watchlist.csv'), `${header}\nE2E-STOLEN-BLANKS,2026-11,document-number,${documentNumber},,,\n`);
  writeFileSync(path.join(root, 'broken-watchlist.csv'), `${header}\nE2E-BROKEN,1,vehicle,${documentNumber},,,\n`);
  workstation = await startWorkstation();
});

test.afterAll(async () => {
  await workstation?.stop();
});

/** The exhibit id of a row in the "Other occurrences" list, by its exhibit label. */
async function exhibitIdOf(page: Page, label: string): Promise<string> {
  return (await page.locator(`[data-testid="occurrence-exhibit"][data-label="${label}"]`).getAttribute('data-exhibit-id'))!;
}

test('links journey: from a photo on phone A to the same permit on PC B and phone C, graph, families, watchlist', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const ui = new WorkstationPage(page);
  await page.goto(workstation.url);
  await ui.createCase('Operation Three Devices', 'OP-2026-66', 'Insp. D. Examiner');
  await ui.openCase('Operation Three Devices');
  for (const d of [PHONE_A, PC_B, PHONE_C]) {
    await ui.createExhibit(d.label, 'Insp. B. Officer', `SEAL-${d.dir}`, d.dir);
    expect(await ui.importPath(path.join(root, d.dir))).toEqual({ done: d.files, total: d.files });
  }

  // Before any analysis the case is not linked: the item panel says so.
  await ui.gridItem(PHONE_A.file).click();
  await expect(page.getByTestId('occurrences')).toHaveAttribute('data-state', 'not-linked');
  await expect(page.getByTestId('occurrences-not-linked')).toContainText('Not linked yet');
  await expect(page.getByTestId('occurrences').getByTestId('links-run')).toBeVisible();

  // The analysis ends with the linking pass.
  await page.getByTestId('documents-button').click();
  await page.getByTestId('analyse-button').click();
  await expect(page.getByTestId('analysis-progress')).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  await expect(page.getByTestId('document-count')).toHaveAttribute('data-count', '4');

  // From the photo on phone A: every device it touched.
  await page.getByTestId('evidence-button').click();
  await ui.gridItem(PHONE_A.file).click();
  const occurrences = page.getByTestId('item-panel').getByTestId('occurrences');
  await expect(occurrences).toHaveAttribute('data-state', 'linked');
  for (const d of [PHONE_A, PC_B, PHONE_C]) await expect(occurrences.locator(`[data-testid="occurrence-exhibit"][data-label="${d.label}"]`)).toBeVisible();
  const scanRow = occurrences.getByTestId('occurrence-item').filter({ hasText: PC_B.file });
  const copyRow = occurrences.getByTestId('occurrence-item').filter({ hasText: PHONE_C.file });
  const exhibitIds = { a: await exhibitIdOf(page, PHONE_A.label), b: await exhibitIdOf(page, PC_B.label), c: await exhibitIdOf(page, PHONE_C.label) };
  await expect(scanRow).toHaveAttribute('data-exhibit-id', exhibitIds.b);
  await expect(copyRow).toHaveAttribute('data-exhibit-id', exhibitIds.c);
  // The scan is another capture of the card: reached through the documents found in both files.
  await expect(scanRow.getByTestId('occurrence-via')).toHaveText('contains → same-document → contains');
  // The WhatsApp copy is the same picture in other bytes.
  await expect(copyRow.getByTestId('occurrence-via')).toContainText('same-image');
  await occurrences.evaluate((section) => section.scrollIntoView({ block: 'start' }));
  await page.getByTestId('item-panel').screenshot({ path: '/tmp/links-occurrences.png' });

  // Clicking the scan on PC B opens it.
  const scanId = await scanRow.getAttribute('data-item-id');
  await scanRow.click();
  await expect(page.getByTestId('item-panel')).toHaveAttribute('data-item-id', scanId!);
  await expect(page.getByTestId('item-name')).toHaveText(PC_B.file);

  // The Links view: the pass, a family of the two forged cards (three captures of one, one of the other: families
  // count cards, so the captures of one card alone are no family), and no watchlist yet.
  await page.getByTestId('links-button').click();
  const view = page.getByTestId('links-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('links-status')).toHaveAttribute('data-state', 'current');
  await expect(page.getByTestId('links-counts').locator('[data-kind="same-document"]')).toBeVisible();
  await expect(page.getByTestId('links-counts').locator('[data-kind="same-image"]')).toBeVisible();
  const family = page.getByTestId('family-row').first();
  await expect(family).toHaveAttribute('data-members', '4');
  await expect(family.getByTestId('family-trait').first()).toBeVisible();

  // A refused watchlist shows the engine's errors as written; a valid one is listed, and the pass is out of date.
  await page.getByTestId('watchlist-import').click();
  await ui.pickPath(path.join(root, 'broken-watchlist.csv'), 'file');
  await expect(page.getByTestId('watchlist-error')).toContainText("unknown type 'vehicle' (expected 'document-number' or 'person')");
  await page.getByTestId('watchlist-import').click();
  await ui.pickPath(path.join(root, 'watchlist.csv'), 'file');
  const row = page.getByTestId('watchlist-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-name', 'E2E-STOLEN-BLANKS');
  await expect(page.getByTestId('links-out-of-date')).toBeVisible();
  await page.getByTestId('links-run').click();
  await expect(page.getByTestId('links-status')).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
  // Three documents carry the listed number.
  await expect(row).toHaveAttribute('data-hits', '3');

  // The graph around the photo: three hops reach the scan's file; the filters take kinds and weak links away.
  await page.getByTestId('evidence-button').click();
  await ui.gridItem(PHONE_A.file).click();
  await expect(page.getByTestId('item-panel')).toHaveAttribute('data-item-id', /^\d+$/);
  await expect(page.getByTestId('item-name')).toHaveText(PHONE_A.file);
  const photoId = await page.getByTestId('item-panel').getAttribute('data-item-id');
  await page.getByTestId('item-panel').getByTestId('occurrences-graph').click();
  const graph = page.getByTestId('link-graph');
  await expect(graph).toHaveAttribute('data-center', `item:${photoId}`);
  await page.getByTestId('graph-depth').selectOption('3');
  await expect(graph.locator(`[data-testid="graph-node"][data-ref="item:${scanId}"]`)).toBeVisible();
  const node = (ref: string) => graph.locator(`[data-testid="graph-node"][data-ref="${ref}"]`);
  // Phone A holds the photo (hop 1), phone C the copy (hop 2); the scan is reached on the last hop, and its device
  // is drawn with it, one hop beyond as every exhibit is beyond its file.
  await expect(node(`exhibit:${exhibitIds.a}`)).toHaveAttribute('data-hop', '1');
  await expect(node(`exhibit:${exhibitIds.c}`)).toHaveAttribute('data-hop', '2');
  await expect(node(`exhibit:${exhibitIds.b}`)).toHaveAttribute('data-hop', '4');
  await expect(graph.locator('[data-testid="graph-edge"][data-kind="same-document"]').first()).toBeAttached();
  await expect(graph.locator('[data-testid="graph-edge"][data-kind="watchlist"]').first()).toBeAttached();
  await page.screenshot({ path: '/tmp/links-view.png' });
  await page.getByTestId('graph-kind-same-document').uncheck();
  await expect(graph.locator('[data-testid="graph-edge"][data-kind="same-document"]')).toHaveCount(0);
  await page.getByTestId('graph-kind-same-document').check();
  await expect(graph.locator('[data-testid="graph-edge"][data-kind="same-document"]').first()).toBeAttached();
  const sameImage = graph.locator('[data-testid="graph-edge"][data-kind="same-image"]');
  await expect(sameImage.first()).toBeAttached();
  // same-image links are at most 0.95 strong: a least strength of 1 leaves them out.
  await page.getByTestId('graph-min-strength').fill('1');
  await expect(sameImage).toHaveCount(0);
  await page.getByTestId('graph-min-strength').fill('0');
  await expect(sameImage.first()).toBeAttached();

  // Clicking a node centres the graph on it; double-clicking a document opens it.
  const scanNode = graph.locator(`[data-testid="graph-node"][data-ref="item:${scanId}"]`);
  await scanNode.locator('circle').click();
  await expect(graph).toHaveAttribute('data-center', `item:${scanId}`);
  await expect(node(`exhibit:${exhibitIds.b}`)).toHaveAttribute('data-hop', '1');
  const documentNode = graph.locator('[data-testid="graph-node"][data-type="document"][data-hop="1"]').first();
  const documentRef = (await documentNode.getAttribute('data-ref'))!;
  await documentNode.locator('circle').dblclick();
  await expect(page.getByTestId('document-detail')).toHaveAttribute('data-document-id', documentRef.slice('document:'.length));
  // The document's own occurrences list the three exhibits too.
  await expect(page.getByTestId('document-detail').getByTestId('occurrence-exhibit')).toHaveCount(3);

  // Its holder: the Links view centred on the person, whose occurrences reach the three devices as well.
  const holder = page.getByTestId('document-detail').getByTestId('occurrence-person').first();
  const personRef = (await holder.getAttribute('data-ref'))!;
  await holder.click();
  await expect(page.getByTestId('links-view')).toBeVisible();
  await expect(graph).toHaveAttribute('data-center', personRef);
  const personOccurrences = page.getByTestId('links-view').getByTestId('occurrences');
  await expect(personOccurrences).toHaveAttribute('data-ref', personRef);
  await expect(personOccurrences.getByTestId('occurrence-exhibit')).toHaveCount(3);

  // Watchlist hits in the grid: a badge on every card holding the listed permit, and a filter for them.
  await page.getByTestId('evidence-button').click();
  for (const d of [PHONE_A, PC_B, PHONE_C]) await expect(ui.gridItem(d.file).getByTestId('watchlist-badge')).toBeVisible();
  await expect(ui.gridItem(UNRELATED).getByTestId('watchlist-badge')).toHaveCount(0);
  await expect(ui.gridItem(SIBLING).getByTestId('watchlist-badge')).toHaveCount(0);
  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', '5');
  await page.getByTestId('filter-watchlist').check();
  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', '3');
  await expect(ui.gridItem(UNRELATED)).toHaveCount(0);
});
