/** `caselens templates list` and the bundled template used by `caselens check --template` on its own specimen. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers';

const BUNDLED = path.resolve(__dirname, '../../resources/templates/uto-rp-2024');

describe('templates on the CLI', () => {
  it('lists the bundled templates with their template.json hash, and user folders when named', () => {
    const result = runCli(['templates', 'list', '--json', '--folder', tempDir('templates-empty')]);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { templates: { id: string; source: string; sha256: string; sides: { zones: number }[] }[]; problems: unknown[] };
    const uto = out.templates.find((t) => t.id === 'uto-rp-2024')!;
    expect(uto.source).toBe('bundled');
    expect(uto.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(uto.sides[0]!.zones).toBeGreaterThan(10);
    expect(out.problems).toEqual([]);
    expect(runCli(['templates', 'list']).status).toBe(2);
  });

  it('reads the specimen of the bundled template with a valid MRZ that meets the template expectations', () => {
    const result = runCli(['check', path.join(BUNDLED, 'front.png'), '--json', '--no-viz', '--no-forensics', '--template', BUNDLED, '--today', '2026-12-03']);
    expect(result.status, result.stderr).toBe(0);
    const [image] = JSON.parse(result.stdout) as { documents: { mrz: { valid: boolean; fields: { documentNumber: string; surname: string } } }[]; template: { id: string } }[];
    expect(image!.template.id).toBe('uto-rp-2024');
    expect(image!.documents).toHaveLength(1);
    expect(image!.documents[0]!.mrz.valid).toBe(true);
    expect(image!.documents[0]!.mrz.fields.documentNumber).toBe('RP0000001');
    expect(image!.documents[0]!.mrz.fields.surname).toBe('SPECIMEN');
  });
});
