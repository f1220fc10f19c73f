/**
 * Builds `resources/data/jpeg-signatures.json`, the encoder reference set of the JPEG structure kernel
 * (`native/engine/forensics/jpeg/encoder-id.ts`): one entry per distinct (luma, chroma) quantization
 * table pair, each with the family and label of what produced it and where it was seen.
 *
 *   npx tsx scripts/build-jpeg-signatures.ts                # needs the development corpus
 *   npx tsx scripts/build-jpeg-signatures.ts --no-corpus    # encoder and computed tables only
 *   npx tsx scripts/build-jpeg-signatures.ts --out FILE
 *
 * Sources, in order (an identical pair met later is added to the first entry's `alsoSeen`):
 * 1. computed: IJG `jpeg_quality_scaling` of the T.81 Annex K tables, quality 1..100, baseline-clamped
 *    (what libjpeg's `jpeg_set_quality(q, TRUE)` writes), and the unclamped 16-bit variants where they differ;
 * 2. encoders installed here, run on a generated 64x48 image: sharp (its bundled libvips + mozjpeg) in its
 *    default mode, with `mozjpeg: true`, and with mozjpeg's other `quantisationTable` sets; `cjpeg` and the
 *    `vips` CLI when present (ImageMagick, GraphicsMagick and PIL are used when installed, else listed as missing);
 * 3. the JPEGs of the development corpus (`../shared/corpus/dev`), labelled with what exiftool reports
 *    (`-Make -Model -Software -JPEGDigest`). Only the table values are kept; the files are not copied.
 *
 * The output holds no timestamps, so rebuilding with the same tools and corpus gives the same file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { ANNEX_K_CHROMINANCE, ANNEX_K_LUMINANCE, ijgScaleFactor, scaleIjgTable } from '../native/engine/forensics/jpeg/standard-tables';
import { parseJpegStructure } from '../native/engine/forensics/jpeg/structure';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus/dev');
/** Bump when the generation rules change; the content hash in the file tracks data changes. */
const VERSION = '2026.12.0';

interface Entry {
  family: 'ijg' | 'mozjpeg' | 'editor' | 'camera' | 'other';
  label: string;
  quality?: number;
  luma: number[];
  chroma: number[] | null;
  source: string;
  /** Corpus entries: the EXIF Make/Model/Software of the source file (claims of that file, kept apart from the label). */
  sourceTags?: string;
  alsoSeen?: string[];
}

const entries: Entry[] = [];
const byKey = new Map<string, Entry>();
const keyOf = (luma: readonly number[], chroma: readonly number[] | null): string => `${luma.join(',')}|${chroma ? chroma.join(',') : '-'}`;

/** Adds an entry, or notes `source` on the entry that already has the same pair (or the same luma table for a grayscale file). */
function add(entry: Entry): void {
  const existing = byKey.get(keyOf(entry.luma, entry.chroma)) ?? (entry.chroma === null ? entries.find((e) => keyOf(e.luma, null) === keyOf(entry.luma, null)) : undefined);
  if (existing) {
    if (existing.source !== entry.source) (existing.alsoSeen ??= []).push(entry.chroma === null && existing.chroma !== null ? `${entry.source} (grayscale, luma table)` : entry.source);
    return;
  }
  entries.push(entry);
  byKey.set(keyOf(entry.luma, entry.chroma), entry);
}

/** Luma (first component) and chroma (second component, null for grayscale) tables of a JPEG. */
function tablesOf(bytes: Uint8Array): { luma: number[]; chroma: number[] | null } | null {
  const structure = parseJpegStructure(bytes);
  const luma = structure.componentTables[0]?.values;
  if (!luma) return null;
  return { luma: [...luma], chroma: structure.componentTables[1]?.values ? [...(structure.componentTables[1].values ?? [])] : null };
}

const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const missingTools: string[] = [];
const tools: Record<string, string> = {};

// 1. Computed IJG tables.
for (let q = 1; q <= 100; q++) {
  const scale = ijgScaleFactor(q);
  const source = 'computed: IJG jpeg_quality_scaling of T.81 Annex K tables, force_baseline';
  add({ family: 'ijg', label: `IJG quality ${q} (libjpeg family)`, quality: q, luma: scaleIjgTable(ANNEX_K_LUMINANCE, scale, true), chroma: scaleIjgTable(ANNEX_K_CHROMINANCE, scale, true), source });
}
for (let q = 1; q <= 100; q++) {
  const scale = ijgScaleFactor(q);
  const luma = scaleIjgTable(ANNEX_K_LUMINANCE, scale, false);
  const chroma = scaleIjgTable(ANNEX_K_CHROMINANCE, scale, false);
  if (luma.every((v) => v <= 255) && chroma.every((v) => v <= 255)) continue; // same as the baseline entry
  add({ family: 'ijg', label: `IJG quality ${q}, 16-bit tables (libjpeg family without force_baseline, e.g. cjpeg without -baseline)`, quality: q, luma, chroma, source: 'computed: IJG jpeg_quality_scaling of T.81 Annex K tables, no baseline clamp' });
}

// 2. Encoders available here, on a generated image (tables do not depend on the content).
const WIDTH = 64;
const HEIGHT = 48;
const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + (i >> 7) * 11) & 255;
const work = mkdtempSync(path.join(os.tmpdir(), 'caselens-jpeg-signatures-'));
const ppm = path.join(work, 'input.ppm');
writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${WIDTH} ${HEIGHT}\n255\n`), pixels]));
const png = path.join(work, 'input.png');
await sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).png().toFile(png);

/** Records what an encoder wrote: an IJG-identical pair is noted on the IJG entry, anything else is a new entry. */
function encoded(bytes: Uint8Array, family: Entry['family'], label: string, quality: number, source: string): void {
  const tables = tablesOf(bytes);
  if (!tables) throw new Error(`${source}: no quantization tables in the output`);
  add({ family, label, quality, ...tables, source });
}

const versions = sharp.versions as Record<string, string | undefined>;
tools.sharp = `${versions.sharp} (libvips ${versions.vips}, mozjpeg ${versions.mozjpeg})`;
const raw = () => sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } });
for (let q = 1; q <= 100; q++) {
  encoded(await raw().jpeg({ quality: q }).toBuffer(), 'other', `sharp default, quality ${q}`, q, `sharp ${versions.sharp} jpeg({quality:${q}})`);
  encoded(await raw().jpeg({ quality: q, mozjpeg: true }).toBuffer(), 'mozjpeg', `mozjpeg quant table 3 (ImageMagick/Robidoux; sharp mozjpeg:true), quality ${q}`, q, `sharp ${versions.sharp} jpeg({quality:${q},mozjpeg:true})`);
}
/** mozjpeg's table sets (jcparam.c): 0 Annex K, 1 flat, 2 MSSIM-tuned, 4 PSNR-HVS-M, 5 Klein et al., 6 Watson et al., 7 Ahumada et al., 8 Peterson et al. */
const MOZJPEG_TABLES: Readonly<Record<number, string>> = { 0: 'Annex K', 1: 'flat', 2: 'MSSIM-tuned (Kodak)', 4: 'PSNR-HVS-M-tuned', 5: 'Klein, Silverstein and Carney', 6: 'Watson, Taylor and Borthwick', 7: 'Ahumada, Watson and Peterson', 8: 'Peterson, Ahumada and Watson' };
/** Qualities people commonly pick; the full 1..100 sweep is kept for the default table 3 only, to keep the file small. */
const COMMON_QUALITIES = [50, 75, 85, 90, 95];
for (const [table, name] of Object.entries(MOZJPEG_TABLES)) {
  for (const q of COMMON_QUALITIES) {
    const bytes = await raw().jpeg({ quality: q, quantisationTable: Number(table) }).toBuffer();
    encoded(bytes, 'mozjpeg', `mozjpeg quant table ${table} (${name}), quality ${q}`, q, `sharp ${versions.sharp} jpeg({quality:${q},quantisationTable:${table}})`);
  }
}
if (has('cjpeg')) {
  tools.cjpeg = String(spawnSync('cjpeg', ['-version']).stderr).trim();
  for (let q = 1; q <= 100; q++) {
    for (const baseline of [true, false]) {
      const bytes = execFileSync('cjpeg', ['-quality', String(q), ...(baseline ? ['-baseline'] : []), ppm], { stdio: ['ignore', 'pipe', 'ignore'] });
      encoded(bytes, 'other', `cjpeg quality ${q}`, q, `cjpeg -quality ${q}${baseline ? ' -baseline' : ''}`);
    }
  }
} else missingTools.push('cjpeg');
if (has('vips')) {
  tools.vips = execFileSync('vips', ['--version'], { encoding: 'utf8' }).trim();
  for (const q of [10, 25, 50, 75, 85, 90, 95, 100]) {
    const out = path.join(work, `vips-${q}.jpg`);
    execFileSync('vips', ['jpegsave', png, out, '--Q', String(q)]);
    encoded(readFileSync(out), 'other', `vips CLI quality ${q}`, q, `${tools.vips} jpegsave --Q ${q}`);
  }
} else missingTools.push('vips');
const imageMagick = has('convert') && /ImageMagick/.test(String(spawnSync('convert', ['-version']).stdout));
if (imageMagick) {
  tools.imagemagick = String(spawnSync('convert', ['-version']).stdout).split('\n')[0] ?? '';
  for (const q of COMMON_QUALITIES) encoded(execFileSync('convert', [png, '-quality', String(q), 'jpeg:-']), 'other', `ImageMagick quality ${q}`, q, `convert -quality ${q}`);
} else missingTools.push('ImageMagick (convert is absent or not ImageMagick)');
if (has('gm')) {
  tools.graphicsmagick = String(spawnSync('gm', ['version']).stdout).split('\n')[0] ?? '';
  for (const q of COMMON_QUALITIES) encoded(execFileSync('gm', ['convert', png, '-quality', String(q), 'jpeg:-']), 'other', `GraphicsMagick quality ${q}`, q, `gm convert -quality ${q}`);
} else missingTools.push('GraphicsMagick');
const pil = spawnSync('python3', ['-c', 'import PIL; print(PIL.__version__)'], { encoding: 'utf8' });
if (pil.status === 0) {
  tools.pil = pil.stdout.trim();
  for (const q of COMMON_QUALITIES) {
    const out = path.join(work, `pil-${q}.jpg`);
    execFileSync('python3', ['-c', `from PIL import Image; Image.open(${JSON.stringify(png)}).save(${JSON.stringify(out)}, quality=${q})`]);
    encoded(readFileSync(out), 'other', `Python PIL quality ${q}`, q, `PIL ${tools.pil} save(quality=${q})`);
  }
} else missingTools.push('Python PIL');
rmSync(work, { recursive: true, force: true });

// 3. Corpus JPEGs, labelled from exiftool.
/** Program names that mark a label as an image editor's (exiftool names them in JPEGDigest or Software). */
const EDITOR = /photoshop|gimp|paint\.net|lightroom|picasa|acdsee|irfanview|paint shop|corel|affinity|pixelmator|snapseed|xnview|photoscape|fireworks/i;

function corpusEntry(file: string, tags: Record<string, unknown>, tables: { luma: number[]; chroma: number[] | null }): Entry {
  const text = (name: string): string | null => (tags[name] === undefined || tags[name] === '' ? null : String(tags[name]).trim());
  const digest = text('JPEGDigest');
  const digestName = digest && !/^Unknown/.test(digest) && digest !== '-' ? digest : null;
  const device = [text('Make'), text('Model')].filter((v): v is string => v !== null).join(' ') || null;
  const software = text('Software');
  const tagText = [device ? `EXIF Make/Model: ${device}` : null, software ? `EXIF Software: ${software}` : null].filter((v): v is string => v !== null).join('; ');
  let family: Entry['family'] = 'other';
  if (digestName) family = EDITOR.test(digestName) ? 'editor' : /quicktime|library/i.test(digestName) ? 'other' : 'camera';
  else if (software && EDITOR.test(software)) family = 'editor';
  else if (device) family = 'camera';
  const label = digestName
    ? `${digestName} (exiftool JPEGDigest name)`
    : device
      ? `${device} (EXIF Make/Model of the source file)`
      : software
        ? `${software} (EXIF Software of the source file)`
        : `unlabelled: corpus file ${path.basename(file)} (no Make/Model/Software, no exiftool JPEGDigest name)`;
  return { family, label, ...tables, source: `corpus:${path.relative(CORPUS, file)}`, ...(tagText ? { sourceTags: tagText } : {}) };
}

const { values: args } = parseArgs({ options: { 'no-corpus': { type: 'boolean' }, out: { type: 'string' } } });
let corpusFiles = 0;
if (args['no-corpus']) missingTools.push('corpus (skipped with --no-corpus)');
else {
  if (!existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS}; run with --no-corpus to build without it`);
  if (!has('exiftool')) throw new Error('exiftool is needed to label corpus tables; run with --no-corpus to build without them');
  tools.exiftool = execFileSync('exiftool', ['-ver'], { encoding: 'utf8' }).trim();
  const walk = (dir: string): string[] => readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
  const jpegs = walk(CORPUS).filter((file) => {
    const head = readFileSync(file).subarray(0, 3);
    return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  });
  const oracle = JSON.parse(execFileSync('exiftool', ['-j', '-Make', '-Model', '-Software', '-JPEGDigest', ...jpegs], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })) as Record<string, unknown>[];
  const tagsOf = new Map(oracle.map((tags) => [path.resolve(String(tags.SourceFile)), tags]));
  for (const file of jpegs) {
    const tables = tablesOf(readFileSync(file));
    if (!tables) continue;
    corpusFiles++;
    add(corpusEntry(file, tagsOf.get(path.resolve(file)) ?? {}, tables));
  }
}

const contentSha256 = createHash('sha256').update(JSON.stringify(entries)).digest('hex');
const head = {
  format: 'caselens-jpeg-signatures/1',
  version: VERSION,
  contentSha256,
  generatedBy: 'scripts/build-jpeg-signatures.ts',
  note: 'luma = table of the first frame component, chroma = table of the second (null for grayscale), natural row-major order. IJG-scaled tables are written by many programs (libjpeg, libjpeg-turbo, libvips/sharp, PIL, GIMP, many phones): an IJG match names the table family and quality, not one program.',
  tools,
  missingTools,
};
const json = `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "entries": [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;
const outFile = args.out ? path.resolve(args.out) : path.join(ROOT, 'resources/data/jpeg-signatures.json');
writeFileSync(outFile, json);
const families = entries.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.family]: (acc[e.family] ?? 0) + 1 }), {});
console.log(`${outFile}: ${entries.length} entries ${JSON.stringify(families)}, ${corpusFiles} corpus JPEGs, ${(json.length / 1024).toFixed(0)} KiB; missing: ${missingTools.join(', ') || 'none'}`);
