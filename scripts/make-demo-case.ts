/**
 * Builds the synthetic demo case "Operation Mirage":
 *
 *   npx tsx scripts/make-demo-case.ts --data <dataDir> [--source-only] [--caselens <path to bin/caselens.js>]
 *
 * 1. Writes the evidence into <dataDir>/demo-source/ (deterministic, regenerated every run):
 *    - phone1/     a phone folder (DCIM, WhatsApp, Download incl. broken files, Pictures/Edited, card photos)
 *    - phone2.zip  a second phone's extraction (DCIM, WhatsApp, Telegram) sharing some images with phone1
 * 2. Creates <dataDir>/cases/demo through the CLI (`node bin/caselens.js ...`): case, two exhibits, two ingests.
 *
 * Idempotent: if the case folder already exists nothing is done (exit 0). Everything is fictional:
 * people, device identifiers (IMEIs deliberately fail the Luhn check), seal numbers, places are labels.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { photographScene } from '../tests/fixtures/documents';
import { makePhotoFolder, makeZip, names, nearDuplicateOf } from '../tests/fixtures/photos';
import type { PhotoFolderManifest, ZipEntryInput } from '../tests/fixtures/photos';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  data: string;
  sourceOnly: boolean;
  cli: string;
}

function parseArgs(argv: string[]): Args {
  let data: string | null = null;
  let sourceOnly = false;
  let cli = path.join(ROOT, 'bin', 'caselens.js');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') data = argv[++i] ?? null;
    else if (a?.startsWith('--data=')) data = a.slice(7);
    else if (a === '--source-only') sourceOnly = true;
    else if (a === '--caselens') cli = path.resolve(argv[++i] ?? cli);
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: tsx scripts/make-demo-case.ts --data <dataDir> [--source-only] [--caselens <bin/caselens.js>]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!data) throw new Error('--data <dataDir> is required');
  return { data: path.resolve(data), sourceOnly, cli };
}

/** 15 digits that look like an IMEI but fail the Luhn check, so they can never be a real device's. */
export function fictionalImei(seedDigits: string): string {
  const body = `35${seedDigits}`.slice(0, 14).padEnd(14, '0');
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(body[13 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const luhn = (10 - (sum % 10)) % 10;
  return body + String((luhn + 1) % 10);
}

const CASE = {
  title: 'DEMO – Operation Mirage (synthetic training case)',
  reference: 'DEMO-2024-001',
  examiner: 'Det. Insp. Vera Fiktiv (DEMO)',
};

const EXHIBITS = [
  {
    label: 'EXH-01',
    source: 'phone1',
    description: 'Samsung Galaxy A52 (suspect A). Logical extraction of internal storage: DCIM, WhatsApp, Download, Pictures.',
    seizedBy: 'Sgt. Ilija Primjerović (DEMO)',
    seizedAt: '2024-03-14T09:40:00+01:00',
    place: 'Podgorica, Border Police Station (fictional training scenario)',
    seal: 'DEMO-SEAL-000417',
    make: 'Samsung',
    model: 'Galaxy A52 (SM-A525F)',
    serial: 'DEMO-R58R00A52X',
    imei: fictionalImei('490001234567'),
  },
  {
    label: 'EXH-02',
    source: 'phone2.zip',
    description: 'Xiaomi Redmi Note 10 Pro (suspect B). Extraction export delivered as phone2.zip: DCIM, WhatsApp, Telegram.',
    seizedBy: 'Sgt. Ilija Primjerović (DEMO)',
    seizedAt: '2024-03-14T11:05:00+01:00',
    place: 'Podgorica, Border Police Station (fictional training scenario)',
    seal: 'DEMO-SEAL-000418',
    make: 'Xiaomi',
    model: 'Redmi Note 10 Pro (M2101K6G)',
    serial: 'DEMO-XM10P0002',
    imei: fictionalImei('861230098765'),
  },
] as const;

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    else if (e.isFile()) out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

interface SourceSummary {
  phone1: PhotoFolderManifest;
  phone2: PhotoFolderManifest;
  phone1Dir: string;
  phone2Zip: string;
  phone1Files: number;
  phone2Files: number;
}

/**
 * Photographed identity documents (fictional, state UTO) received through WhatsApp on the first phone: a
 * permit whose birth-date check digit does not verify, a genuine-looking passport page, and the front and
 * back of one permit in a single photo, for the Documents view.
 */
async function writeDocumentPhotos(dir: string): Promise<void> {
  const scenes = [
    { name: 'IMG-20240311-WA0012.jpg', seed: 9101, background: 'table' as const, documents: [{ document: { format: 'TD1' as const, side: 'back' as const, seed: 9101, data: { surname: 'KOVAČEVIĆ', givenNames: 'MILAN', documentNumber: 'RP4821937' }, mrzDefect: { kind: 'check-digit' as const, field: 'birthDate' as const } }, rotation: 5, tilt: 7 }] },
    { name: 'IMG-20240311-WA0013.jpg', seed: 9102, background: 'clutter' as const, documents: [{ document: { format: 'TD3' as const, seed: 9102, data: { surname: 'LINDQVIST', givenNames: 'EVA MARIA', documentNumber: 'L7K3M9P21' } }, rotation: -4 }] },
    {
      name: 'IMG-20240312-WA0002.jpg',
      seed: 9103,
      background: 'plain' as const,
      documents: [
        { document: { format: 'TD1' as const, side: 'front' as const, seed: 9103, data: { surname: 'ĐORĐEVIĆ', givenNames: 'JELENA', documentNumber: 'RP5530174' } }, rotation: 2 },
        { document: { format: 'TD1' as const, side: 'back' as const, seed: 9103, data: { surname: 'ĐORĐEVIĆ', givenNames: 'JELENA', documentNumber: 'RP5530174' } }, rotation: -3 },
      ],
    },
  ];
  for (const { name, ...spec } of scenes) await fs.writeFile(path.join(dir, name), (await photographScene(spec)).image);
}

async function writeSources(sourceDir: string): Promise<SourceSummary> {
  await fs.rm(sourceDir, { recursive: true, force: true });
  const phone1Dir = path.join(sourceDir, 'phone1');
  const staging = path.join(sourceDir, '.staging-phone2');
  const phone2Zip = path.join(sourceDir, 'phone2.zip');

  const phone1 = await makePhotoFolder(phone1Dir, {
    count: 28,
    seed: 2024,
    width: 2400,
    height: 1800,
    withGpsEvery: 2,
    device: { make: 'samsung', model: 'SM-A525F', software: 'A525FXXU4CWB1' },
    start: '2024-03-09T08:12:41',
    whatsapp: 8,
    exactDuplicates: 2,
    edited: 1,
    cards: 2,
    corrupt: true,
  });
  const phone2 = await makePhotoFolder(staging, {
    count: 20,
    seed: 4048,
    width: 2400,
    height: 1800,
    withGpsEvery: 3,
    device: { make: 'Xiaomi', model: 'M2101K6G', software: 'MIUI Global 14.0.2' },
    start: '2024-03-10T10:03:19',
    offset: '+01:00',
    gpsCentre: { lat: 42.2864, lon: 18.8400 },
    whatsapp: 6,
    telegram: 4,
    exactDuplicates: 1,
    edited: 0,
    cards: 1,
  });

  // Links between the two devices: phone1's WhatsApp copies received on phone2 (byte-identical, as
  // WhatsApp forwards the same file), and a Telegram copy of a phone1 original.
  const waDir = path.join(staging, 'WhatsApp', 'Media', 'WhatsApp Images');
  await fs.mkdir(waDir, { recursive: true });
  const shared = phone1.files.filter((f) => f.role === 'messenger-copy' && f.messenger === 'whatsapp').slice(0, 2);
  for (const [i, f] of shared.entries()) {
    const received = `2024-03-12T1${i}:0${i}:17`;
    const target = path.join(waDir, names.whatsapp(received, 50 + i));
    await fs.copyFile(path.join(phone1Dir, ...f.path.split('/')), target);
    await fs.utimes(target, new Date(`${received}Z`), new Date(`${received}Z`));
  }
  const tgOriginal = phone1.files.find((f) => f.role === 'original' && f.gps);
  if (tgOriginal) {
    const tgDir = path.join(staging, 'Telegram', 'Telegram Images');
    await fs.mkdir(tgDir, { recursive: true });
    const copy = await nearDuplicateOf(await fs.readFile(path.join(phone1Dir, ...tgOriginal.path.split('/'))), 'resize', { longSide: 1280, quality: 80 });
    const target = path.join(tgDir, names.telegram('2024-03-12T14:22:05'));
    await fs.writeFile(target, copy);
    await fs.utimes(target, new Date('2024-03-12T14:22:05Z'), new Date('2024-03-12T14:22:05Z'));
  }

  const rel = await listFiles(staging);
  const entries: ZipEntryInput[] = [];
  for (const r of rel) {
    const abs = path.join(staging, ...r.split('/'));
    const [data, st] = await Promise.all([fs.readFile(abs), fs.stat(abs)]);
    // JPEGs do not deflate: store them, like most extraction tools do.
    entries.push({ name: r, data, method: /\.(jpe?g|png|zip)$/i.test(r) ? 'store' : 'deflate', mtime: st.mtime });
  }
  await makeZip(entries, { path: phone2Zip, comment: 'DEMO extraction export (synthetic)' });
  await fs.rm(staging, { recursive: true, force: true });
  await writeDocumentPhotos(phone1Dir);
  return { phone1, phone2, phone1Dir, phone2Zip, phone1Files: (await listFiles(phone1Dir)).length, phone2Files: rel.length };
}

function runCli(cli: string, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const text = Buffer.concat(out).toString('utf8').trim();
      if (code !== 0) return reject(new Error(`caselens ${args[0]} ${args[1] ?? ''} exited with ${code}: ${text}`));
      try {
        resolve(JSON.parse(text));
      } catch {
        const last = text.split('\n').filter(Boolean).pop() ?? '';
        try {
          resolve(JSON.parse(last));
        } catch {
          reject(new Error(`caselens ${args[0]} printed no JSON: ${text.slice(0, 500)}`));
        }
      }
    });
  });
}

interface IngestResult {
  added: number;
  duplicates: number;
  alreadyPresent: number;
  failed: { path: string; error: string }[];
  items: number;
  cancelled: boolean;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const caseDir = path.join(args.data, 'cases', 'demo');
  const sourceDir = path.join(args.data, 'demo-source');

  if (!args.sourceOnly && existsSync(caseDir)) {
    process.stdout.write(`demo case already exists at ${caseDir}: nothing to do\n`);
    return;
  }
  if (!args.sourceOnly && !existsSync(args.cli)) {
    throw new Error(`CaseLens CLI not found at ${args.cli} (build it first, or use --source-only)`);
  }

  const t0 = Date.now();
  process.stderr.write(`writing demo evidence to ${sourceDir} ...\n`);
  const src = await writeSources(sourceDir);
  process.stderr.write(`  phone1/: ${src.phone1Files} files, phone2.zip: ${src.phone2Files} entries (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  if (args.sourceOnly) {
    process.stdout.write(`demo source ready: ${sourceDir} (${src.phone1Files + src.phone2Files} files)\n`);
    return;
  }

  await fs.mkdir(path.dirname(caseDir), { recursive: true });
  let created = false;
  try {
    await runCli(args.cli, ['case', 'create', caseDir, '--title', CASE.title, '--examiner', CASE.examiner, '--reference', CASE.reference]);
    created = true;
    const results: IngestResult[] = [];
    for (const x of EXHIBITS) {
      await runCli(args.cli, [
        'exhibit', 'add', caseDir,
        '--label', x.label,
        '--description', x.description,
        '--seized-by', x.seizedBy,
        '--seized-at', x.seizedAt,
        '--place', x.place,
        '--seal', x.seal,
        '--make', x.make,
        '--model', x.model,
        '--serial', x.serial,
        '--imei', x.imei,
      ]);
      const input = x.source === 'phone1' ? src.phone1Dir : src.phone2Zip;
      results.push((await runCli(args.cli, ['ingest', caseDir, input, '--exhibit', x.label])) as IngestResult);
    }
    process.stderr.write('analysing the demo case (documents, MRZ, printed fields, OCR) ...\n');
    const analysis = (await runCli(args.cli, ['analyze', caseDir])) as { documents: number; failed: unknown[] };
    process.stderr.write(`  ${analysis.documents} documents found, ${analysis.failed.length} analyser runs failed\n`);
    const sum = (k: 'added' | 'duplicates' | 'alreadyPresent') => results.reduce((n, r) => n + (Number(r[k]) || 0), 0);
    const failed = results.reduce((n, r) => n + (Array.isArray(r.failed) ? r.failed.length : 0), 0);
    const items = results[results.length - 1]?.items ?? sum('added');
    process.stdout.write(
      `demo case ready: ${caseDir} — ${EXHIBITS.length} exhibits, ${items} items (added ${sum('added')}, duplicates ${sum('duplicates')}, failed ${failed}) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  } catch (err) {
    // Leave no half-built case behind, or the next run would think the demo exists.
    if (created || existsSync(caseDir)) await fs.rm(caseDir, { recursive: true, force: true });
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`make-demo-case: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
