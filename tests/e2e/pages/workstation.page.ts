import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the workstation UI; the same object drives browser mode and Electron. */
export class WorkstationPage {
  constructor(readonly page: Page) {}

  async createCase(title: string, reference: string, examiner: string): Promise<void> {
    await this.page.getByTestId('new-case-button').click();
    await this.page.getByTestId('case-title-input').fill(title);
    await this.page.getByTestId('case-reference-input').fill(reference);
    await this.page.getByTestId('case-examiner-input').fill(examiner);
    await this.page.getByTestId('create-case-submit').click();
    await expect(this.caseRow(title)).toBeVisible();
  }

  async openCase(title: string): Promise<void> {
    await this.caseRow(title).click();
    await expect(this.page.getByTestId('new-exhibit-button')).toBeVisible();
  }

  caseRow(title: string): Locator {
    return this.page.getByTestId('case-row').filter({ hasText: title });
  }

  async createExhibit(label: string, seizedBy: string, seal: string, description: string): Promise<void> {
    await this.page.getByTestId('new-exhibit-button').click();
    await this.page.getByTestId('exhibit-label-input').fill(label);
    await this.page.getByTestId('exhibit-seized-by-input').fill(seizedBy);
    await this.page.getByTestId('exhibit-seal-input').fill(seal);
    await this.page.getByTestId('exhibit-description-input').fill(description);
    await this.page.getByTestId('create-exhibit-submit').click();
    await expect(this.page.getByTestId('exhibit-row').filter({ hasText: label })).toBeVisible();
  }

  /** Import one path through the engine-served file browser; waits for the job to finish. */
  async importPath(target: string): Promise<{ done: number; total: number }> {
    await this.page.getByTestId('import-button').click();
    const parent = target.replace(/\/[^/]+\/?$/, '') || '/';
    // Let the first listing (the home folder) arrive before navigating, so it cannot replace ours.
    await expect(this.page.getByTestId('fs-entry').first()).toBeVisible();
    await this.page.getByTestId('fs-path-input').fill(parent);
    await this.page.getByTestId('fs-go').click();
    await expect(this.page.getByTestId('fs-path-input')).toHaveValue(parent);
    const entry = this.page.locator(`[data-testid="fs-entry"][data-path="${target}"]`);
    await entry.getByTestId('fs-entry-check').check();
    await this.page.getByTestId('fs-add-selected').click();
    await this.page.getByTestId('import-start').click();
    const progress = this.page.getByTestId('import-progress');
    await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    await expect(this.page.getByTestId('import-summary')).toBeVisible();
    const done = Number(await progress.getAttribute('data-done'));
    const total = Number(await progress.getAttribute('data-total'));
    await this.page.getByTestId('import-close').click();
    return { done, total };
  }

  gridItems(): Locator {
    return this.page.getByTestId('grid-item');
  }

  gridItem(name: string): Locator {
    return this.page.locator(`[data-testid="grid-item"][data-name="${name}"]`).first();
  }

  /** Open the template library from the app bar. */
  async openTemplates(): Promise<void> {
    await this.page.getByTestId('templates-nav').click();
    await expect(this.page.getByTestId('templates-screen')).toBeVisible();
  }

  /**
   * Choose one path in the templates' browser-mode picker (already open): a file by clicking it in its
   * folder, or a folder by opening it and choosing it.
   */
  async pickPath(target: string, kind: 'file' | 'folder'): Promise<void> {
    const picker = this.page.getByTestId('path-picker');
    await expect(picker).toBeVisible();
    const input = picker.getByTestId('picker-path-input');
    // Let the first listing (the home folder) arrive before navigating, so it cannot replace ours.
    await expect(input).not.toHaveValue('');
    const folder = kind === 'folder' ? target : target.replace(/\/[^/]+\/?$/, '') || '/';
    await input.fill(folder);
    await picker.getByTestId('picker-go').click();
    await expect(input).toHaveValue(folder);
    if (kind === 'file') await picker.locator(`[data-testid="picker-entry"][data-path="${target}"]`).click();
    await picker.getByTestId('picker-choose').click();
    await expect(picker).toHaveCount(0);
  }

  /**
   * Draw a zone on the template editor with a mouse drag over `box` ([x, y, width, height] as fractions of
   * the specimen), as an author does.
   */
  async drawZone(kind: string, box: readonly [number, number, number, number]): Promise<void> {
    await this.page.getByTestId('tool-draw').click();
    await this.page.getByTestId('draw-kind').selectOption(kind);
    const editor = this.page.getByTestId('zone-editor');
    const before = Number(await editor.getAttribute('data-zone-count'));
    const frame = (await editor.boundingBox())!;
    const at = (fx: number, fy: number) => [frame.x + fx * frame.width, frame.y + fy * frame.height] as const;
    const [x0, y0] = at(box[0], box[1]);
    const [x1, y1] = at(box[0] + box[2], box[1] + box[3]);
    await this.page.mouse.move(x0, y0);
    await this.page.mouse.down();
    await this.page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
    await this.page.mouse.move(x1, y1, { steps: 4 });
    await this.page.mouse.up();
    await expect(editor).toHaveAttribute('data-zone-count', String(before + 1));
  }
}
