import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bundledTemplatesDir, loadTemplateLibrary } from './library';

describe('template library', () => {
  it('ships the fictional Utopia residence permit, valid, with a specimen image of the template size', async () => {
    expect(bundledTemplatesDir()).not.toBeNull();
    const { templates, problems } = await loadTemplateLibrary([]);
    expect(problems).toEqual([]);
    const uto = templates.find((t) => t.template.id === 'uto-rp-2024')!;
    expect(uto.source).toBe('bundled');
    expect(uto.sha256).toMatch(/^[0-9a-f]{64}$/);
    const side = uto.template.sides[0]!;
    const meta = await sharp(path.join(uto.dir, side.image)).metadata();
    // The reference image has the document's aspect ratio (ID-1, 85.60 x 53.98 mm) within a pixel.
    expect(Math.abs(meta.width! / meta.height! - uto.template.size.widthMm / uto.template.size.heightMm)).toBeLessThan(2 / meta.height!);
    const kinds = new Set(side.zones.map((z) => z.kind));
    for (const kind of ['portrait', 'text', 'static-text', 'mrz', 'security', 'signature']) expect(kinds).toContain(kind);
    const fields = side.zones.flatMap((z) => (z.kind === 'text' ? [z.field] : []));
    for (const field of ['documentNumber', 'surname', 'givenNames', 'birthDate', 'sex', 'expiryDate', 'nationality']) expect(fields).toContain(field);
  });

  it('loads user template folders after the bundled ones and reports broken ones without losing the rest', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'caselens-templates-'));
    const good = path.join(root, 'a-good');
    mkdirSync(good);
    writeFileSync(
      path.join(good, 'template.json'),
      JSON.stringify({
        format: 'caselens-template/1',
        id: 'unit-test-id',
        version: '0.1.0',
        title: 'Unit test card',
        issuingState: 'UTO',
        category: 'identity-card',
        size: { widthMm: 85.6, heightMm: 53.98 },
        sides: [{ name: 'front', image: 'front.png', zones: [{ id: 'mrz', kind: 'mrz', box: [0, 0.6, 1, 0.4] }] }],
      }),
    );
    const bad = path.join(root, 'b-bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'template.json'), JSON.stringify({ format: 'caselens-template/1', id: 'BAD ID' }));
    writeFileSync(path.join(root, 'notes.txt'), 'not a template');
    const { templates, problems } = await loadTemplateLibrary([root]);
    expect(templates.map((t) => [t.template.id, t.source])).toEqual([
      ['uto-rp-2024', 'bundled'],
      ['unit-test-id', 'user'],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.dir).toBe(bad);
    expect(problems[0]!.error).toMatch(/id: lowercase/);
  });

  it('treats a missing user folder as empty', async () => {
    const { templates, problems } = await loadTemplateLibrary([path.join(os.tmpdir(), 'caselens-no-such-folder-x')]);
    expect(templates.every((t) => t.source === 'bundled')).toBe(true);
    expect(problems).toEqual([]);
  });
});
