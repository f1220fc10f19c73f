/**
 * Writes the bundled templates (`resources/templates/<id>/`): fictional documents the project generates
 * itself, for the demo and for training. Each is the `caselens-template/1` description of a card model of
 * `tests/fixtures/card.ts`, with a genuine specimen rendered from the same generator as its reference image.
 *
 *   npx tsx scripts/make-templates.ts [--check]
 *
 * The zone boxes are the generator's layout (designed at 1012 x 638 layout units) as fractions of the card,
 * so a card the generator prints sits exactly on its template. `--check` verifies the committed files are
 * what the script writes, byte for byte, and exits 1 if not.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCard, UTO_RP_2024_DESIGN } from '../tests/fixtures/card';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'resources', 'templates');

/** The card generator's layout units. */
const W = 1012;
const H = 638;
const box = (x: number, y: number, w: number, h: number) => [x / W, y / H, w / W, h / H].map((v) => Number(v.toFixed(4)));

/** Utopia residence permit, the card of tests/fixtures/card.ts: data, portrait and TD1 MRZ on one side. */
function utopiaResidencePermit() {
  return {
    format: 'caselens-template/1',
    id: 'uto-rp-2024',
    version: '1.0.0',
    title: 'Utopia residence permit (2024 model, fictional)',
    issuingState: 'UTO',
    category: 'residence-permit',
    reference: { kind: 'fictional', code: 'UTO-HO-01001' },
    release: 'unrestricted',
    size: { widthMm: 85.6, heightMm: 53.98 },
    sides: [
      {
        name: 'front',
        image: 'front.png',
        zones: [
          { id: 'state', kind: 'static-text', text: 'UTOPIA', box: box(28, 12, 150, 36) },
          { id: 'title', kind: 'static-text', text: 'RESIDENCE PERMIT', box: box(28, 52, 280, 34) },
          { id: 'permit-type', kind: 'text', field: 'permitType', box: box(690, 22, 296, 28), align: 'right', sample: 'TEMPORARY STAY' },
          { id: 'docno', kind: 'text', field: 'documentNumber', box: box(790, 54, 196, 32), pattern: '^RP[0-9]{7}$', script: 'latin', align: 'right', sample: 'RP0000001' },
          { id: 'portrait', kind: 'portrait', box: box(30, 110, 250, 270) },
          { id: 'surname', kind: 'text', field: 'surname', box: box(306, 129, 460, 34), script: 'latin', align: 'left', sample: 'SPECIMEN' },
          { id: 'given-names', kind: 'text', field: 'givenNames', box: box(306, 189, 460, 34), script: 'latin', align: 'left', sample: 'ANNA MARIA' },
          { id: 'birth-date', kind: 'text', field: 'birthDate', box: box(306, 249, 300, 34), dateFormat: 'DD.MM.YYYY', align: 'left', sample: '01.01.1990' },
          { id: 'sex', kind: 'text', field: 'sex', box: box(636, 249, 80, 34), align: 'left', sample: 'F' },
          { id: 'nationality', kind: 'text', field: 'nationality', box: box(306, 309, 200, 34), align: 'left', sample: 'UTO' },
          { id: 'birth-place', kind: 'text', field: 'placeOfBirth', box: box(636, 309, 340, 34), align: 'left', sample: 'UTOPIA CITY' },
          { id: 'issue-date', kind: 'text', field: 'issueDate', box: box(306, 369, 300, 34), dateFormat: 'DD.MM.YYYY', align: 'left', sample: '01.01.2024' },
          { id: 'expiry-date', kind: 'text', field: 'expiryDate', box: box(636, 369, 300, 34), dateFormat: 'DD.MM.YYYY', align: 'left', sample: '01.01.2029' },
          { id: 'signature', kind: 'signature', box: box(30, 388, 260, 48) },
          { id: 'guilloche', kind: 'security', feature: 'background-print', box: box(300, 96, 700, 340) },
          { id: 'mrz', kind: 'mrz', box: box(10, 440, 992, 196) },
        ],
      },
    ],
    mrz: { format: 'TD1', documentCodes: ['IR'], issuingState: 'UTO' },
    rules: { maxValidityYears: 5 },
  };
}

/** The specimen person printed on the reference image (fictional, marked as a specimen). */
const SPECIMEN = { seed: 20240101, design: UTO_RP_2024_DESIGN, documentCode: 'IR', surname: 'SPECIMEN', givenNames: 'ANNA MARIA', documentNumber: 'RP0000001', birthDate: '900101', expiryDate: '290101', sex: 'F' as const };

async function files(): Promise<Map<string, Buffer>> {
  const template = utopiaResidencePermit();
  const card = await makeCard({ ...SPECIMEN, format: 'png', width: W });
  return new Map([
    [path.join(template.id, 'template.json'), Buffer.from(`${JSON.stringify(template, null, 2)}\n`)],
    [path.join(template.id, 'front.png'), card.image],
  ]);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, bytes] of await files()) {
    const file = path.join(OUT, name);
    if (check) {
      const same = existsSync(file) && sha(readFileSync(file)) === sha(bytes);
      if (!same) stale++;
      process.stdout.write(`${same ? 'ok   ' : 'STALE'} resources/templates/${name}\n`);
    } else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      process.stdout.write(`wrote resources/templates/${name} (${bytes.length} bytes)\n`);
    }
  }
  if (stale) process.exitCode = 1;
}

await main();
