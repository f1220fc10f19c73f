/**
 * Verifying a bag (folder or zip) file by file: bagit.txt, bag-info.txt, Payload-Oxum, every line of every
 * manifest and tag manifest (ok / changed / missing), every file no manifest lists (added), and the detached
 * signature. Each file is read once with every algorithm its manifests use; zips are streamed through yauzl,
 * never extracted. The report is plain JSON and names every file that differs; `ok` only when everything holds.
 */
import { APP_VERSION } from '../../version';
import { openBag, readSmall, ZipRefusedError, type BagReader, type ZipLimits } from './bag-reader';
import { Hasher, HEX_LENGTH, SUPPORTED_ALGORITHMS, type Algorithm, type Digests } from './hasher';
import { bagPathProblem, SIGNATURE_FILE } from './paths';
import { checkSignature, MAX_SIGNATURE_BYTES, SIGNED_FILE, type SignatureCheck } from './signature';
import { fieldValue, parseManifestLine, parseTagFile, type BagInfoField } from './tag-text';

/** Text tag files read into memory (bagit.txt, bag-info.txt, manifests) are refused above this: 512 MiB holds ~3 million manifest lines. */
const MAX_TAG_TEXT_BYTES = 512 * 1024 * 1024;

export interface VerifyBagOptions {
  /** Fingerprints the receiver trusts; the report's `signature.trusted` says whether the signer is one. */
  readonly trustedFingerprints?: readonly string[];
  /** An unsigned bag can still be `ok` (default false: a missing signature fails). */
  readonly allowUnsigned?: boolean;
  readonly zipLimits?: ZipLimits;
  /** Hash SHA-512 in a worker thread (default true). */
  readonly threads?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { bytesDone: number; bytesTotal: number; path: string }) => void;
}

/** One manifest line checked. */
export interface LineCheck {
  readonly manifest: string;
  readonly path: string;
  readonly status: 'ok' | 'changed' | 'missing';
  readonly expected: string;
  /** The file's actual digest (null when missing). */
  readonly actual: string | null;
}

/** A file present that a manifest does not list. */
export interface UnlistedFile {
  readonly path: string;
  readonly kind: 'payload' | 'tag';
  /** The manifests that should list it. */
  readonly absentFrom: readonly string[];
  /** `added`: no manifest of its kind lists it; `partly-listed`: some do, these do not. */
  readonly status: 'added' | 'partly-listed';
}

/** One manifest file read. */
export interface ManifestSummary {
  readonly name: string;
  readonly algorithm: string;
  readonly kind: 'payload' | 'tag';
  readonly lines: number;
}

/** The whole verification, JSON-able. */
export interface BagReport {
  readonly ok: boolean;
  readonly path: string;
  readonly container: 'folder' | 'zip' | null;
  /** Why the bag was not read at all (hostile zip, not a bag, unreadable), else null. */
  readonly refused: string | null;
  readonly bagit: { readonly ok: boolean; readonly version: string | null; readonly encoding: string | null };
  readonly bagInfo: { readonly ok: boolean; readonly fields: readonly BagInfoField[] };
  readonly payloadOxum: { readonly ok: boolean; readonly declared: string | null; readonly actual: string };
  readonly signature: SignatureCheck;
  readonly manifests: readonly ManifestSummary[];
  readonly lines: readonly LineCheck[];
  readonly unlisted: readonly UnlistedFile[];
  /** Every failure in words, each naming its file. Empty when ok. */
  readonly problems: readonly string[];
  readonly verifier: string;
}

const MANIFEST_NAME = /^(tag)?manifest-([a-z0-9]+)\.txt$/;
const NO_SIGNATURE: SignatureCheck = { status: 'missing', fingerprint: null, signer: null, workstation: null, signedAt: null, matchesBagInfo: null, trusted: null, problems: [] };

/** A report for a bag that could not be read at all. */
function refusedReport(bagPath: string, container: 'folder' | 'zip' | null, reason: string): BagReport {
  return {
    ok: false,
    path: bagPath,
    container,
    refused: reason,
    bagit: { ok: false, version: null, encoding: null },
    bagInfo: { ok: false, fields: [] },
    payloadOxum: { ok: false, declared: null, actual: '' },
    signature: NO_SIGNATURE,
    manifests: [],
    lines: [],
    unlisted: [],
    problems: [reason],
    verifier: `CaseLens ${APP_VERSION}`,
  };
}

/**
 * Verify a bag. Never throws for a bad bag: a hostile or unreadable one comes back with `refused` set. Throws
 * only the signal's reason when aborted.
 * @param bagPath a bag folder or a zip holding one.
 */
export async function verifyBag(bagPath: string, options: VerifyBagOptions = {}): Promise<BagReport> {
  let reader: BagReader;
  try {
    reader = await openBag(bagPath, options.zipLimits);
  } catch (e) {
    const reason = e instanceof ZipRefusedError ? e.message : `cannot open the bag: ${(e as Error).message}`;
    return refusedReport(bagPath, e instanceof ZipRefusedError ? 'zip' : null, reason);
  }
  const hasher = new Hasher(options.threads ?? true);
  try {
    return await verifyReader(bagPath, reader, hasher, options);
  } finally {
    reader.close();
    await hasher.close();
  }
}

async function readText(reader: BagReader, bagPath: string, problems: string[]): Promise<string | null> {
  if (!reader.files.has(bagPath)) return null;
  try {
    const bytes = await readSmall(reader, bagPath, MAX_TAG_TEXT_BYTES);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text;
  } catch (e) {
    problems.push(`${bagPath} cannot be read as UTF-8 text: ${(e as Error).message}`);
    return null;
  }
}

async function verifyReader(bagPath: string, reader: BagReader, hasher: Hasher, options: VerifyBagOptions): Promise<BagReport> {
  const problems: string[] = [...reader.strays];

  // bagit.txt
  const bagitText = await readText(reader, 'bagit.txt', problems);
  if (bagitText === null && !reader.files.has('bagit.txt')) return refusedReport(bagPath, reader.container, 'bagit.txt is missing: not a bag');
  const bagit = parseTagFile(bagitText ?? '', 'bagit.txt');
  problems.push(...bagit.problems);
  const version = fieldValue(bagit.fields, 'BagIt-Version');
  const encoding = fieldValue(bagit.fields, 'Tag-File-Character-Encoding');
  const bagitOk = bagit.problems.length === 0 && (version === '1.0' || version === '0.97') && encoding?.toUpperCase() === 'UTF-8';
  if (version !== '1.0' && version !== '0.97') problems.push(`bagit.txt: BagIt-Version ${JSON.stringify(version)} is not 1.0 or 0.97`);
  if (encoding?.toUpperCase() !== 'UTF-8') problems.push(`bagit.txt: Tag-File-Character-Encoding ${JSON.stringify(encoding)} is not UTF-8`);

  // bag-info.txt
  const infoText = await readText(reader, 'bag-info.txt', problems);
  const info = parseTagFile(infoText ?? '', 'bag-info.txt');
  if (infoText === null) problems.push('bag-info.txt is missing');
  problems.push(...info.problems);

  // Manifests
  const manifestNames = [...reader.files.keys()].filter((p) => MANIFEST_NAME.test(p)).sort();
  const manifests: (ManifestSummary & { entries: Map<string, string> })[] = [];
  for (const name of manifestNames) {
    const [, tag, algorithm] = MANIFEST_NAME.exec(name) as RegExpExecArray;
    const kind = tag ? 'tag' : 'payload';
    if (!(SUPPORTED_ALGORITHMS as readonly string[]).includes(algorithm as string)) {
      problems.push(`${name}: algorithm ${algorithm} cannot be checked`);
      continue;
    }
    const text = await readText(reader, name, problems);
    if (text === null) continue;
    const entries = new Map<string, string>();
    text.split(/\r\n|\n|\r/).forEach((line, i) => {
      if (line === '') return;
      const parsed = parseManifestLine(line, HEX_LENGTH[algorithm as Algorithm]);
      if (typeof parsed === 'string') return void problems.push(`${name} line ${i + 1}: ${parsed}`);
      const pathProblem = bagPathProblem(parsed.path);
      if (pathProblem) return void problems.push(`${name} line ${i + 1}: ${pathProblem}`);
      if (kind === 'payload' && !parsed.path.startsWith('data/')) return void problems.push(`${name} line ${i + 1}: ${parsed.path} is not under data/`);
      if (kind === 'tag' && parsed.path.startsWith('data/')) return void problems.push(`${name} line ${i + 1}: ${parsed.path} is a payload file in a tag manifest`);
      if (entries.has(parsed.path)) return void problems.push(`${name} line ${i + 1}: ${parsed.path} is listed twice`);
      entries.set(parsed.path, parsed.checksum);
    });
    manifests.push({ name, algorithm: algorithm as string, kind, lines: entries.size, entries });
  }
  if (!manifests.some((m) => m.kind === 'payload')) problems.push('the bag has no payload manifest');
  if (!manifests.some((m) => m.name === SIGNED_FILE)) problems.push(`the bag has no ${SIGNED_FILE}`);

  // Which algorithms each file needs, then every file read once.
  const needed = new Map<string, Set<Algorithm>>();
  for (const m of manifests) for (const p of m.entries.keys()) if (reader.files.has(p)) (needed.get(p) ?? needed.set(p, new Set()).get(p))?.add(m.algorithm as Algorithm);
  const bytesTotal = [...needed.keys()].reduce((sum, p) => sum + (reader.files.get(p) ?? 0), 0);
  let bytesDone = 0;
  const actual = new Map<string, Digests>();
  for (const [file, algorithms] of [...needed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    options.signal?.throwIfAborted();
    const job = hasher.begin([...algorithms]);
    try {
      await reader.eachChunk(
        file,
        hasher.pool,
        async (chunk) => {
          await job.update(chunk);
          bytesDone += chunk.length;
          options.onProgress?.({ bytesDone, bytesTotal, path: file });
        },
        options.signal,
      );
      actual.set(file, await job.digest());
    } catch (e) {
      if (options.signal?.aborted) throw e;
      const reason = `${file} cannot be read: ${(e as Error).message}`;
      if (reader.container === 'zip') return refusedReport(bagPath, 'zip', `zip refused: ${reason}`);
      problems.push(reason);
      await job.digest().catch(() => undefined);
    }
  }

  // Every manifest line.
  const lines: LineCheck[] = [];
  for (const m of manifests) {
    for (const [file, expected] of m.entries) {
      const digest = reader.files.has(file) ? (actual.get(file)?.[m.algorithm as Algorithm] ?? null) : null;
      const status = !reader.files.has(file) ? 'missing' : digest === expected ? 'ok' : 'changed';
      lines.push({ manifest: m.name, path: file, status, expected, actual: digest });
      if (status === 'missing') problems.push(`${file} is listed in ${m.name} but missing`);
      if (status === 'changed') problems.push(`${file} has changed: ${m.name} says ${m.algorithm} ${expected}, the file has ${digest ?? 'no readable digest'}`);
    }
  }

  // Files no manifest (or not every manifest of their kind) lists.
  const unlisted: UnlistedFile[] = [];
  for (const file of [...reader.files.keys()].sort()) {
    if (MANIFEST_NAME.test(file) && file.startsWith('tag')) continue;
    if (file === SIGNATURE_FILE) continue;
    const kind = file.startsWith('data/') ? 'payload' : 'tag';
    const ofKind = manifests.filter((m) => m.kind === kind);
    const absentFrom = ofKind.filter((m) => !m.entries.has(file)).map((m) => m.name);
    if (absentFrom.length === 0 && ofKind.length > 0) continue;
    const status = absentFrom.length === ofKind.length ? 'added' : 'partly-listed';
    unlisted.push({ path: file, kind, absentFrom, status });
    problems.push(status === 'added' ? `${file} was added: no ${kind} manifest lists it` : `${file} is not listed in ${absentFrom.join(', ')}`);
  }

  // Payload-Oxum.
  const payloadFiles = [...reader.files].filter(([p]) => p.startsWith('data/'));
  const actualOxum = `${payloadFiles.reduce((sum, [, size]) => sum + size, 0)}.${payloadFiles.length}`;
  const declaredOxum = fieldValue(info.fields, 'Payload-Oxum');
  const oxumOk = declaredOxum === null || declaredOxum === actualOxum;
  if (declaredOxum === null) problems.push('bag-info.txt has no Payload-Oxum');
  else if (!oxumOk) problems.push(`bag-info.txt Payload-Oxum ${declaredOxum} does not match the payload (${actualOxum}: octets.files)`);

  // Signature.
  const signatureBytes = reader.files.has(SIGNATURE_FILE) ? await readSmall(reader, SIGNATURE_FILE, MAX_SIGNATURE_BYTES).catch(() => Buffer.from('unreadable')) : null;
  const tagManifestBytes = reader.files.has(SIGNED_FILE) ? await readSmall(reader, SIGNED_FILE, MAX_TAG_TEXT_BYTES).catch(() => null) : null;
  const signature = checkSignature(signatureBytes, tagManifestBytes, fieldValue(info.fields, 'Signing-Key-Fingerprint'), options.trustedFingerprints);
  const signatureOk = signature.status === 'valid' ? signature.problems.length === 0 : signature.status === 'missing' && options.allowUnsigned === true;
  if (!(signature.status === 'missing' && options.allowUnsigned)) problems.push(...signature.problems);

  const ok = problems.length === 0 && bagitOk && oxumOk && signatureOk;
  return {
    ok,
    path: bagPath,
    container: reader.container,
    refused: null,
    bagit: { ok: bagitOk, version, encoding },
    bagInfo: { ok: infoText !== null && info.problems.length === 0 && (declaredOxum === null || oxumOk), fields: info.fields },
    payloadOxum: { ok: declaredOxum !== null && oxumOk, declared: declaredOxum, actual: actualOxum },
    signature,
    manifests: manifests.map(({ name, algorithm, kind, lines: n }) => ({ name, algorithm, kind, lines: n })),
    lines,
    unlisted,
    problems,
    verifier: `CaseLens ${APP_VERSION}`,
  };
}
