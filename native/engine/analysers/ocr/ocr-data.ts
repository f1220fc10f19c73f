/**
 * The local OCR language data: where `resources/ocr` is, what its manifest says, and whether the files on
 * disk still match it. Shared by the OCR service (provenance, refusal to run on altered data) and by
 * `scripts/install-ocr-data.ts` (which writes the files and the manifest).
 *
 * Data scheme: every language is stored as a plain (uncompressed) `<code>.traineddata` in `resources/ocr/`
 * and loaded by tesseract.js with `gzip: false`. Plain files keep the recorded SHA-256 equal to the
 * upstream file's (Debian's file as shipped; for eng, the content of the npm package's gzip), so a
 * checksum can be compared with the source without knowing how we compressed it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resourceCandidates } from '../../resources';

/** Where one traineddata file came from. */
export interface OcrDataSource {
  /** `debian`: a tesseract-ocr-* package; `npm`: a @tesseract.js-data package. */
  readonly kind: 'debian' | 'npm';
  readonly package: string;
  readonly version: string;
  /** File inside the package it was copied (and for npm, gunzipped) from. */
  readonly path: string;
}

/** One manifest entry. */
export interface OcrDataFile {
  /** Tesseract language code, e.g. `srp_latn`. */
  readonly language: string;
  /** File name inside `resources/ocr/`. */
  readonly file: string;
  readonly source: OcrDataSource;
  /** SHA-256 (hex) of the stored file. */
  readonly sha256: string;
  /** Size of the stored file in bytes. */
  readonly size: number;
}

/** `resources/ocr/manifest.json`. */
export interface OcrDataManifest {
  readonly schema: 1;
  /** Storage scheme; see the module comment. */
  readonly scheme: 'plain-traineddata';
  /** Model family: every file is an LSTM-only model (tesseract.js runs with OEM LSTM_ONLY). */
  readonly models: 'lstm';
  readonly files: readonly OcrDataFile[];
}

/** A file that does not match its manifest entry. */
export interface OcrDataProblem {
  readonly language: string;
  readonly file: string;
  readonly problem: 'not-in-manifest' | 'missing' | 'size' | 'sha256';
  readonly expected?: string;
  readonly actual?: string;
}

/** File name of the manifest inside the OCR data folder. */
export const OCR_MANIFEST_FILE = 'manifest.json';

/** Environment variable that overrides where the OCR data folder is (tests, unusual installs). */
export const OCR_DATA_DIR_ENV = 'CASELENS_OCR_DATA_DIR';

/**
 * Find `resources/ocr`. Order: `$CASELENS_OCR_DATA_DIR`; the packaged app's resources folder
 * (`process.resourcesPath/resources/ocr`, see electron-builder.yml `extraResources`); then the nearest
 * `resources/ocr` above this module, which covers source under tsx/vitest
 * (native/engine/analysers/ocr → repo root) and the bundles in out/cli and out/main (→ repo root).
 */
export function locateOcrDataDir(): string {
  const fromEnv = process.env[OCR_DATA_DIR_ENV];
  if (fromEnv && fromEnv.trim() !== '') return path.resolve(fromEnv);
  const candidates = resourceCandidates('ocr');
  const found = candidates.find((candidate) => existsSync(path.join(candidate, OCR_MANIFEST_FILE)));
  if (!found) {
    throw new Error(
      `OCR language data not found (looked for resources/ocr/${OCR_MANIFEST_FILE} in ${candidates.slice(0, 3).join(', ')}, …): run \`npx tsx scripts/install-ocr-data.ts\``,
    );
  }
  return found;
}

function isManifest(value: unknown): value is OcrDataManifest {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.schema === 1 && record.scheme === 'plain-traineddata' && Array.isArray(record.files);
}

/** Read and shape-check `<dir>/manifest.json`. */
export function readOcrManifest(dir: string): OcrDataManifest {
  const file = path.join(dir, OCR_MANIFEST_FILE);
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isManifest(parsed)) throw new Error(`${file} is not an OCR data manifest (schema 1, plain-traineddata)`);
  return parsed;
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Check stored files against the manifest: presence, size, SHA-256. `languages` limits the check
 * (a language missing from the manifest is then a problem too); default: every manifest entry.
 */
export async function verifyOcrData(dir: string, manifest: OcrDataManifest, languages?: readonly string[]): Promise<OcrDataProblem[]> {
  const wanted = languages ?? manifest.files.map((entry) => entry.language);
  const problems: OcrDataProblem[] = [];
  for (const language of wanted) {
    const entry = manifest.files.find((candidate) => candidate.language === language);
    if (!entry) {
      problems.push({ language, file: `${language}.traineddata`, problem: 'not-in-manifest' });
      continue;
    }
    const full = path.join(dir, entry.file);
    if (!existsSync(full)) {
      problems.push({ language, file: entry.file, problem: 'missing' });
      continue;
    }
    const size = statSync(full).size;
    if (size !== entry.size) {
      problems.push({ language, file: entry.file, problem: 'size', expected: String(entry.size), actual: String(size) });
      continue;
    }
    const sha256 = await sha256OfFile(full);
    if (sha256 !== entry.sha256) problems.push({ language, file: entry.file, problem: 'sha256', expected: entry.sha256, actual: sha256 });
  }
  return problems;
}

/** One line per problem, for error messages. */
export function describeOcrDataProblems(problems: readonly OcrDataProblem[]): string {
  return problems
    .map((p) => `${p.file}: ${p.problem}${p.expected !== undefined ? ` (expected ${p.expected}, found ${p.actual ?? 'nothing'})` : ''}`)
    .join('; ');
}
