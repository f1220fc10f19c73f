import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate, mrzExpectations } from './template';

/** The example of the template format, as the documents-and-templates issue gives it. */
const EXAMPLE = {
  format: 'caselens-template/1',
  id: 'uto-rp-2024',
  version: '1.0.0',
  title: 'Utopia residence permit (2024 model)',
  issuingState: 'UTO',
  category: 'residence-permit',
  reference: { kind: 'PRADO', code: 'UTO-HO-01001' },
  release: 'unrestricted',
  size: { widthMm: 85.6, heightMm: 54.0 },
  sides: [
    {
      name: 'front',
      image: 'front.png',
      zones: [
        { id: 'portrait', kind: 'portrait', box: [0.04, 0.24, 0.27, 0.62] },
        { id: 'surname', kind: 'text', field: 'surname', box: [0.35, 0.3, 0.45, 0.07] },
        { id: 'docno', kind: 'text', field: 'documentNumber', box: [0.62, 0.12, 0.33, 0.07], pattern: '^RP[0-9]{7}$' },
        { id: 'expiry', kind: 'text', field: 'expiryDate', box: [0.35, 0.7, 0.25, 0.07], dateFormat: 'DD.MM.YYYY' },
        { id: 'title', kind: 'static-text', text: 'RESIDENCE PERMIT', box: [0.3, 0.03, 0.5, 0.08] },
        { id: 'guilloche', kind: 'security', feature: 'background-print', box: [0.3, 0.2, 0.68, 0.75] },
      ],
    },
    { name: 'back', image: 'back.png', zones: [{ id: 'mrz', kind: 'mrz', box: [0.03, 0.62, 0.94, 0.34] }] },
  ],
  mrz: { format: 'TD1', documentCodes: ['IR'], issuingState: 'UTO' },
  rules: { maxValidityYears: 5 },
};

function folderWith(json: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'caselens-template-'));
  writeFileSync(path.join(dir, 'template.json'), typeof json === 'string' ? json : JSON.stringify(json));
  return dir;
}

describe('template loading', () => {
  it('loads the documented example and derives the MRZ expectations', async () => {
    const loaded = await loadTemplate(folderWith(EXAMPLE));
    expect(loaded.template.id).toBe('uto-rp-2024');
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(mrzExpectations(loaded.template)).toEqual({ documentNumberPattern: '^RP[0-9]{7}$', documentCodes: ['IR'], issuingState: 'UTO', maxValidityYears: 5 });
  });

  it('keeps unknown extra properties (later versions extend the format)', async () => {
    const loaded = await loadTemplate(folderWith({ ...EXAMPLE, provenance: { builtBy: 'unit 7' } }));
    expect((loaded.template as Record<string, unknown>)['provenance']).toEqual({ builtBy: 'unit 7' });
  });

  it('names every problem with its path', async () => {
    const bad = { ...EXAMPLE, version: 'one', sides: [{ name: 'front', image: 'f.png', zones: [{ id: 'x', kind: 'text', field: 'shoeSize', box: [0.9, 0, 0.5, 0.1] }] }] };
    await expect(loadTemplate(folderWith(bad))).rejects.toThrow(/version: .*sides\.0\.zones\.0/);
    await expect(loadTemplate(folderWith('{ not json'))).rejects.toThrow(/not valid JSON/);
    await expect(loadTemplate(path.join(os.tmpdir(), 'no-such-template-dir'))).rejects.toThrow(/No template/);
  });

  it('refuses reference images outside the template folder', async () => {
    const escape = { ...EXAMPLE, sides: [{ name: 'front', image: '../../etc/passwd', zones: [] }] };
    await expect(loadTemplate(folderWith(escape))).rejects.toThrow(/outside the template folder/);
  });
});
