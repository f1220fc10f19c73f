/**
 * Copies the OCR language data CaseLens uses into `resources/ocr/` and writes `resources/ocr/manifest.json`
 * (language, source package + version, SHA-256, size per file). Offline: the sources are files already on
 * this machine — Debian's tesseract-ocr-* packages and the @tesseract.js-data/eng npm package.
 *
 *   npx tsx scripts/install-ocr-data.ts            # install or repair, then write the manifest
 *   npx tsx scripts/install-ocr-data.ts --check    # verify only (no writes); exit 1 on any mismatch
 *   npx tsx scripts/install-ocr-data.ts --out DIR  # another target folder (tests)
 *
 * Scheme: every language is stored plain (`<code>.traineddata`, loaded with `gzip: false`); eng is
 * gunzipped from the npm package. Idempotent: a file whose SHA-256 already equals its source's is left
 * alone, and the manifest is rewritten only when its content changes (it holds no timestamps).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import {
  OCR_MANIFEST_FILE,
  describeOcrDataProblems,
  sha256OfFile,
  verifyOcrData,
  type OcrDataFile,
  type OcrDataManifest,
  type OcrDataSource,
} from '../native/engine/analysers/ocr/ocr-data';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Debian package per language (tessdata_fast LSTM models, packaged by Debian as tesseract-ocr-<code>). */
const DEBIAN_LANGUAGES: Readonly<Record<string, string>> = {
  srp: 'tesseract-ocr-srp',
  srp_latn: 'tesseract-ocr-srp-latn',
  mkd: 'tesseract-ocr-mkd',
  sqi: 'tesseract-ocr-sqi',
  bos: 'tesseract-ocr-bos',
  hrv: 'tesseract-ocr-hrv',
  slv: 'tesseract-ocr-slv',
};

/**
 * eng from @tesseract.js-data/eng, variant 4.0.0_best_int: the LSTM-only integer "best" model (2.9 MB
 * gzipped). tesseract.js runs OEM LSTM_ONLY, so the 4.0.0 variant's legacy-engine half (10.9 MB) would
 * be dead weight; best_int is also what tesseract.js itself fetches for LSTM-only workers.
 */
const ENG_PACKAGE = '@tesseract.js-data/eng';
const ENG_FILE = '4.0.0_best_int/eng.traineddata.gz';

interface SourceData {
  language: string;
  source: OcrDataSource;
  content: Buffer;
}

function debianSource(language: string, pkg: string): SourceData {
  let version: string;
  let files: string[];
  try {
    version = execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    files = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n');
  } catch {
    throw new Error(`Debian package ${pkg} is not installed (it provides ${language}.traineddata): run \`sudo apt-get install -y ${pkg}\``);
  }
  if (version === '') throw new Error(`Debian package ${pkg} is not installed: run \`sudo apt-get install -y ${pkg}\``);
  const file = files.find((line) => line.endsWith(`/${language}.traineddata`));
  if (!file || !existsSync(file)) throw new Error(`${pkg} ${version} lists no ${language}.traineddata (dpkg -L ${pkg}); reinstall it`);
  return { language, source: { kind: 'debian', package: pkg, version, path: file }, content: readFileSync(file) };
}

function npmEngSource(): SourceData {
  const require = createRequire(path.join(ROOT, 'package.json'));
  let packageJson: string;
  try {
    packageJson = require.resolve(`${ENG_PACKAGE}/package.json`);
  } catch {
    throw new Error(`npm package ${ENG_PACKAGE} is missing from node_modules: run \`npm ci\``);
  }
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const gz = path.join(path.dirname(packageJson), ENG_FILE);
  if (!existsSync(gz)) throw new Error(`${ENG_PACKAGE} ${version} has no ${ENG_FILE}`);
  return { language: 'eng', source: { kind: 'npm', package: ENG_PACKAGE, version, path: ENG_FILE }, content: gunzipSync(readFileSync(gz)) };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function manifestJson(manifest: OcrDataManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Install (or with `check`, only verify) every language into `outDir`. Returns the exit code. */
async function run(outDir: string, check: boolean): Promise<number> {
  const sources = [npmEngSource(), ...Object.entries(DEBIAN_LANGUAGES).map(([language, pkg]) => debianSource(language, pkg))];
  const files: OcrDataFile[] = [];
  let failures = 0;
  if (!check) mkdirSync(outDir, { recursive: true });
  for (const { language, source, content } of sources) {
    const file = `${language}.traineddata`;
    const target = path.join(outDir, file);
    const expected = sha256(content);
    const present = existsSync(target) ? await sha256OfFile(target) : null;
    if (present === expected) {
      console.log(`ok        ${file}  ${source.package} ${source.version}`);
    } else if (check) {
      failures++;
      console.error(`${present === null ? 'missing ' : 'MISMATCH'}  ${file}  (source ${source.package} ${source.version} has sha256 ${expected})`);
    } else {
      const temporary = `${target}.partial`;
      writeFileSync(temporary, content);
      renameSync(temporary, target);
      console.log(`${present === null ? 'installed' : 'replaced '} ${file}  ${source.package} ${source.version}${present === null ? '' : ' (checksum mismatch)'}`);
    }
    files.push({ language, file, source, sha256: expected, size: content.length });
  }
  const manifest: OcrDataManifest = { schema: 1, scheme: 'plain-traineddata', models: 'lstm', files };
  const manifestPath = path.join(outDir, OCR_MANIFEST_FILE);
  const previous = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : null;
  if (previous !== manifestJson(manifest)) {
    if (check) {
      failures++;
      console.error(`MISMATCH  ${OCR_MANIFEST_FILE} does not describe the installed sources; run without --check`);
    } else {
      writeFileSync(manifestPath, manifestJson(manifest));
      console.log(`${previous === null ? 'wrote' : 'updated'}     ${OCR_MANIFEST_FILE}`);
    }
  }
  if (!check) {
    const problems = await verifyOcrData(outDir, manifest);
    if (problems.length > 0) {
      console.error(`verification after install failed: ${describeOcrDataProblems(problems)}`);
      return 1;
    }
  }
  return failures === 0 ? 0 : 1;
}

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, out: { type: 'string' } } });
const outDir = values.out ? path.resolve(values.out) : path.join(ROOT, 'resources', 'ocr');
try {
  process.exitCode = await run(outDir, values.check);
} catch (error) {
  console.error(`install-ocr-data: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
