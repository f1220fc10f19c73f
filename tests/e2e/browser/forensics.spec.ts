import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeTamperSample } from '../../fixtures/tamper';
import { startWorkstation, type RunningWorkstation } from '../pages/browser-mode';
import { WorkstationPage } from '../pages/workstation.page';

let workstation: RunningWorkstation;
let source: string;

/** The generated set: a photo with a spliced rectangle, a card with a replaced portrait, and a clean photo. */
const FILES = { splice: 'splice-1.jpg', portrait: 'card-portrait-2.jpg', clean: 'clean-1.jpg' } as const;

test.beforeAll(async () => {
  source = path.join(mkdtempSync(path.join(os.tmpdir(), 'caselens-e2e-forensics-')), 'phone4');
  mkdirSync(source, { recursive: true });
  writeFileSync(path.join(source, FILES.splice), (await makeTamperSample(1, 'splice')).jpeg);
  writeFileSync(path.join(source, FILES.portrait), (await makeTamperSample(2, 'card-portrait')).jpeg);
  writeFileSync(path.join(source, FILES.clean), (await makeTamperSample(1, 'clean')).jpeg);
  workstation = await startWorkstation();
});

test.afterAll(async () => {
  await workstation?.stop();
});

/** Fused scores shown on the grid badges, by file name. */
async function badgeScores(page: Page): Promise<Record<string, number>> {
  return page.getByTestId('grid-item').evaluateAll((cards) =>
    Object.fromEntries(
      cards.map((card) => [card.getAttribute('data-name') ?? '', Number(card.querySelector('[data-badge="forensic"]')?.getAttribute('data-score') ?? Number.NaN)]),
    ),
  );
}

/** Whether the map canvas holds any visible pixel (read back in the page: browser mode serves assets same-origin). */
async function mapCanvasPainted(page: Page): Promise<boolean> {
  return page.getByTestId('forensic-map-canvas').first().evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
    return false;
  });
}

test('forensics journey: analyse, filter by score, read the panel, inspect maps and findings in the viewer', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const ui = new WorkstationPage(page);
  await page.goto(workstation.url);
  await ui.createCase('Operation Cut and Paste', 'OP-2024-44', 'Insp. F. Examiner');
  await ui.openCase('Operation Cut and Paste');
  await ui.createExhibit('EXH-04 Phone of suspect D', 'Insp. B. Officer', 'SEAL-0044', 'Android phone');
  expect(await ui.importPath(source)).toEqual({ done: 3, total: 3 });

  // Not analysed yet: the panel says so and no card has a score.
  await ui.gridItem(FILES.splice).click();
  await expect(page.getByTestId('item-forensics')).toContainText('Not analysed yet');
  await page.getByTestId('item-panel').getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('[data-badge="forensic"]')).toHaveCount(0);

  // Analyse from the evidence view and wait for the job to end.
  await page.getByTestId('analyse-button').click();
  const progress = page.getByTestId('analysis-progress');
  await expect(progress).toHaveAttribute('data-status', /^(done|failed|cancelled)$/, { timeout: 240_000 });
  expect(await progress.getAttribute('data-status'), await progress.innerText()).toBe('done');
  await expect(page.locator('[data-badge="forensic"]')).toHaveCount(3);
  const scores = await badgeScores(page);
  for (const name of Object.values(FILES)) expect(scores[name]).toBeGreaterThanOrEqual(0);
  console.log(`fused scores: ${JSON.stringify(scores)}`);
  await page.screenshot({ path: 'test-results/forensic-grid.png' });

  // Filter by forensic score: the grid keeps exactly the items whose badge is at or above the threshold.
  for (const threshold of ['0.25', '0.5', '0.75']) {
    await page.getByTestId('filter-forensic-score').selectOption(threshold);
    const expected = Object.values(scores).filter((s) => s >= Number(threshold)).length;
    await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', String(expected));
  }
  await page.getByTestId('filter-forensic-score').selectOption('');
  await expect(page.getByTestId('grid-count')).toHaveAttribute('data-count', '3');

  // Sorted by forensic score, highest first.
  await page.getByTestId('sort-key').selectOption('forensicScore');
  await page.getByTestId('sort-direction').click();
  await expect(page.getByTestId('sort-direction')).toHaveAttribute('data-direction', 'desc');
  const top = Math.max(...Object.values(scores));
  await expect(ui.gridItems().first().locator('[data-badge="forensic"]')).toHaveAttribute('data-score', String(top));
  const warm = ui.gridItems().first().locator('[data-badge="forensic"]');
  await expect(warm).toHaveClass(top >= 0.5 ? /warm/ : /^(?!.*warm).*$/);

  // The spliced photo: the panel shows its fused score, as on its badge, and every analyser run.
  await ui.gridItem(FILES.splice).click();
  const section = page.getByTestId('item-forensics');
  await expect(section.getByTestId('forensic-score')).toHaveText(scores[FILES.splice]!.toFixed(2));
  await expect(section).toContainText('manipulation indicators, not a verdict');
  for (const analyser of ['forensics.jpeg-structure', 'forensics.ela', 'forensics.fusion']) {
    await expect(section.locator(`[data-testid="forensic-run"][data-analyser="${analyser}"]`)).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/forensic-panel.png' });

  // The viewer: the fused map first, drawn over the image.
  await section.getByTestId('open-forensic-viewer').click();
  const viewer = page.getByTestId('forensic-viewer');
  await expect(viewer).toBeVisible();
  const mapSelect = viewer.getByTestId('map-select');
  const options = await mapSelect.locator('option').allTextContents();
  expect(options.length).toBeGreaterThanOrEqual(2);
  expect(options[0]).toMatch(/fusion.* — fused$/i);
  const canvas = viewer.getByTestId('forensic-map-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  expect(await mapCanvasPainted(page)).toBe(true);
  await expect(viewer.getByTestId('map-legend')).toBeVisible();
  const fusedId = await canvas.getAttribute('data-artifact-id');

  // Another map (ELA): the canvas redraws with it; the legend follows.
  const elaIndex = options.findIndex((o) => / — ela$/.test(o));
  expect(elaIndex).toBeGreaterThan(0);
  await mapSelect.selectOption({ index: elaIndex });
  await expect(canvas).not.toHaveAttribute('data-artifact-id', fusedId!);
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  expect(await mapCanvasPainted(page)).toBe(true);

  // Opacity slider.
  await viewer.getByTestId('map-opacity').fill('0.3');
  await expect(canvas).toHaveCSS('opacity', '0.3');
  await viewer.getByTestId('map-opacity').fill('0.7');
  await expect(canvas).toHaveCSS('opacity', '0.7');

  // The value under the pointer and the magnifier.
  const frame = viewer.getByTestId('forensic-frame-image');
  await frame.hover({ position: { x: 40, y: 40 } });
  await expect(viewer.getByTestId('map-value')).toContainText('At pointer:');
  await viewer.getByTestId('magnifier-toggle').click();
  await frame.hover({ position: { x: 60, y: 50 } });
  await expect(page.getByTestId('magnifier')).toBeVisible();
  // Over the pasted rectangle's left edge (makeTamperSample(1, 'splice') puts it near the top left).
  const frameBox = (await frame.boundingBox())!;
  await frame.hover({ position: { x: frameBox.width * 0.12, y: frameBox.height * 0.22 } });
  await page.screenshot({ path: 'test-results/forensic-magnifier.png' });
  await viewer.getByTestId('magnifier-toggle').click();
  await expect(page.getByTestId('magnifier')).toHaveCount(0);

  // A finding with a region: clicking it draws its rectangle; hovering the rectangle highlights the finding.
  const withRegion = viewer.locator('[data-testid="forensic-finding"][data-has-region="true"]').first();
  await expect(withRegion).toBeVisible();
  const findingId = await withRegion.getAttribute('data-finding-id');
  await withRegion.locator('button').click();
  await expect(withRegion).toHaveAttribute('data-selected', 'true');
  const region = viewer.locator(`[data-testid="finding-region"][data-finding-id="${findingId}"]`);
  await expect(region).toHaveCount(1);
  await expect(region).toHaveAttribute('data-selected', 'true');
  const box = await region.boundingBox();
  expect(box!.width).toBeGreaterThan(4);
  await page.mouse.move(0, 0);
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await expect(withRegion).toHaveAttribute('data-hovered', 'true');
  await page.screenshot({ path: 'test-results/forensic-viewer.png' });

  // Side by side: the image and the map, the region drawn on both.
  await viewer.getByTestId('view-mode').selectOption('side-by-side');
  await expect(viewer.getByTestId('forensic-frame-map')).toBeVisible();
  await expect(viewer.locator(`[data-testid="finding-region"][data-finding-id="${findingId}"]`)).toHaveCount(2);
  await expect(viewer.getByTestId('map-opacity')).toBeDisabled();
  await mapSelect.selectOption({ index: 0 });
  await expect(viewer.getByTestId('forensic-map-canvas')).toHaveAttribute('data-ready', 'true');
  await page.screenshot({ path: 'test-results/forensic-viewer-side.png' });

  // Escape closes the viewer only; the item panel stays open.
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(page.getByTestId('item-panel')).toBeVisible();
});
