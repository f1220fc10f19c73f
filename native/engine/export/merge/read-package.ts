/**
 * Reading a verified package for a merge without trusting it: the small tag files are read whole and checked
 * against the signed tag manifest and the verified payload manifest (the package may change after it was
 * verified); evidence files are streamed into a staging folder inside the case, each path re-checked for
 * containment and each copy re-hashed against the verified manifest.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { VerifyView } from '../../contract';
import { openBag, readSmall, type BagReader } from '../bagit/bag-reader';
import { SIGNED_FILE } from '../bagit';
import { ENTITIES_FORMAT, type EntitiesFile } from '../package/entities';
import { sha256Hex } from '../package/hash';

/** Tag files read into memory up to this size: entities.json of a large case is a few MB. */
const MAX_TAG_FILE = 64 * 1024 * 1024;
/** findings.csv of 100,000 findings is about 30 MB. */
const MAX_FINDINGS_CSV = 256 * 1024 * 1024;
const ENTITIES = 'metadata/entities.json';
const COVER_NOTE = 'metadata/cover-note.json';
const FINDINGS = 'data/report/findings.csv';
const EVIDENCE_PREFIX = 'data/evidence/';

/** What a merge reads from a package besides the evidence. */
export interface PackageContents {
  readonly tagManifestSha256: string;
  readonly entities: EntitiesFile;
  readonly coverNote: Record<string, unknown>;
  readonly findingsCsv: string;
  /** Evidence files (bag path → SHA-256 the verified manifest states). */
  readonly evidence: ReadonlyMap<string, string>;
}

/** A package that cannot be merged although it verified (missing or altered tag files): the reason. */
export class PackageContentError extends Error {
  override readonly name = 'PackageContentError';
}

/** Digests of a manifest's lines (`<hex>  <path>`, `%0D` `%0A` `%25` decoded). */
function manifestLines(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
    if (m) out.set(m[2]!.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%'), m[1]!.toLowerCase());
  }
  return out;
}

/** A bag path is safe to place under a folder: relative, `/`-separated, no empty, `.` or `..` segments, no NUL or `\`. */
export function safeRelative(bagPath: string): boolean {
  if (!bagPath || bagPath.startsWith('/') || /[\\\u0000]/.test(bagPath) || /^[A-Za-z]:/.test(bagPath)) return false;
  return bagPath.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * Read the merge's inputs from a package that verified.
 * @param verified the verification of the same path
 */
export async function readPackageContents(reader: BagReader, verified: VerifyView): Promise<PackageContents> {
  const tagManifest = await readSmall(reader, SIGNED_FILE, MAX_TAG_FILE);
  const tagManifestSha256 = sha256Hex(tagManifest);
  const signature = JSON.parse((await readSmall(reader, 'signature.json', MAX_TAG_FILE)).toString('utf8')) as { signedFileSha256?: unknown; fingerprint?: unknown };
  if (signature.signedFileSha256 !== tagManifestSha256 || signature.fingerprint !== verified.signature.fingerprint) {
    throw new PackageContentError(`${SIGNED_FILE} or signature.json changed after verification`);
  }
  const tags = manifestLines(tagManifest.toString('utf8'));
  const readTag = async (bagPath: string): Promise<Buffer> => {
    if (!reader.files.has(bagPath)) throw new PackageContentError(`${bagPath} is missing`);
    const bytes = await readSmall(reader, bagPath, MAX_TAG_FILE);
    if (tags.get(bagPath) !== sha256Hex(bytes)) throw new PackageContentError(`${bagPath} does not match the signed tag manifest`);
    return bytes;
  };
  const entities = JSON.parse((await readTag(ENTITIES)).toString('utf8')) as EntitiesFile;
  if (entities?.format !== ENTITIES_FORMAT) throw new PackageContentError(`${ENTITIES} is not ${ENTITIES_FORMAT}`);
  const coverNote = JSON.parse((await readTag(COVER_NOTE)).toString('utf8')) as Record<string, unknown>;

  const payload = new Map(verified.files.filter((f) => f.manifest === 'manifest-sha256.txt' && f.status === 'ok' && f.expected).map((f) => [f.path, f.expected!.toLowerCase()]));
  let findingsCsv = '';
  if (payload.has(FINDINGS)) {
    const bytes = await readSmall(reader, FINDINGS, MAX_FINDINGS_CSV);
    if (sha256Hex(bytes) !== payload.get(FINDINGS)) throw new PackageContentError(`${FINDINGS} changed after verification`);
    findingsCsv = bytes.toString('utf8');
  }
  const evidence = new Map<string, string>();
  for (const [p, sha] of payload) {
    if (!p.startsWith(EVIDENCE_PREFIX)) continue;
    if (!safeRelative(p)) throw new PackageContentError(`${p} is not a safe relative path`);
    evidence.set(p, sha);
  }
  return { tagManifestSha256, entities, coverNote, findingsCsv, evidence };
}

/**
 * Copy one evidence file to `root/<relative>`, re-hashing it; the target must stay inside `root`.
 * @throws PackageContentError when the path escapes or the bytes differ from the verified manifest
 */
export async function stageFile(reader: BagReader, bagPath: string, expectedSha256: string, root: string, relative: string, signal?: AbortSignal): Promise<string> {
  const target = path.resolve(root, ...relative.split('/'));
  const rel = path.relative(path.resolve(root), target);
  if (!safeRelative(relative) || rel.startsWith('..') || path.isAbsolute(rel)) throw new PackageContentError(`${bagPath} would be placed outside the staging folder`);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(await reader.open(bagPath), tap, createWriteStream(target, { flags: 'wx' }));
  signal?.throwIfAborted();
  const actual = hash.digest('hex');
  if (actual !== expectedSha256) throw new PackageContentError(`${bagPath} changed after verification (SHA-256 ${actual}, the manifest states ${expectedSha256})`);
  return target;
}

export { openBag };
