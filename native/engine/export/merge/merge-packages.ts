/**
 * Import and merge evidence packages at a coordination centre (docs/EXPORT.md "Merge at a coordination
 * centre"): each package is verified first and refused whole, with its first problems, when it fails; an
 * accepted one brings its evidence (one exhibit per source device, bytes deduplicated by the importer), its
 * findings and documents with their origin (workstation, signer, key). Then what all merged packages share is
 * computed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EngineError, type ExhibitRecord, type MergedPackageView, type MergeView } from '../../contract';
import { runImport } from '../../ingest/importer';
import { normalizeDocumentNumber } from '../../links/number-parse';
import { personKey } from '../../links/person-names';
import type { CaseStore } from '../../store/case-store';
import type { MergedDocumentRow, MergedFindingRow, MergedItemRow } from '../../store/merged-packages.repo';
import { portableSegment } from '../package/bag-paths';
import { verifyPackage } from '../package/verify-package';
import { parseFindingsCsv } from './findings-csv';
import { openBag, PackageContentError, readPackageContents, stageFile, type PackageContents } from './read-package';
import { computeShares } from './shares';

/** A refusal names at most this many of the verifier's problems: enough to act on, short enough to read. */
const REASON_PROBLEMS = 3;
/** Staging folder inside the case, removed after each package. */
export const MERGE_STAGING = 'merge-staging';

export interface MergeOptions {
  /** Who merges (audit log); default the case's examiner. */
  readonly actor?: string;
  /** Accept only packages signed by these keys (default: any valid signature). */
  readonly trustedFingerprints?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly path: string }) => void;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

function refusedView(p: string, reason: string, signature?: { fingerprint: string | null; signer: string | null; workstation: string | null; signedAt: string | null }): MergedPackageView {
  return {
    path: p,
    accepted: false,
    reason,
    fingerprint: signature?.fingerprint ?? null,
    signer: signature?.signer ?? null,
    workstation: signature?.workstation ?? null,
    signedAt: signature?.signedAt ?? null,
    caseReference: null,
    tagManifestSha256: null,
    itemsAdded: 0,
    itemsAlreadyPresent: 0,
    findings: 0,
    documents: 0,
    alreadyMerged: false,
  };
}

/** Evidence bag paths grouped by the device folder they lie in (`data/evidence/<device>/…`). */
function byDevice(evidence: ReadonlyMap<string, string>): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  for (const [bagPath, sha] of evidence) {
    const segment = bagPath.split('/')[2]!;
    out.set(segment, [...(out.get(segment) ?? []), [bagPath, sha]]);
  }
  return out;
}

/** The exhibit for a source device: `<case ref> · <device label>`, created with the device's collection record. */
function exhibitFor(store: CaseStore, label: string, device: Record<string, unknown> | undefined, origin: string) {
  const existing = store.exhibits.findByLabel(label);
  if (existing) return existing;
  const record: ExhibitRecord = {
    label,
    description: str(device?.description),
    seizedBy: str(device?.seizedBy),
    seizedAt: str(device?.seizedAt),
    place: str(device?.place),
    sealNumber: str(device?.sealNumber),
    deviceMake: str(device?.make),
    deviceModel: str(device?.model),
    deviceSerial: str(device?.serial),
    deviceImei: str(device?.imei),
    notes: `Merged from evidence package ${origin}`,
  };
  return store.exhibits.create(record);
}

async function importPackage(store: CaseStore, pkgPath: string, contents: PackageContents, originNote: string, actor: string, signal?: AbortSignal): Promise<{ items: MergedItemRow[]; added: number; present: number }> {
  const caseRef = contents.entities.case.reference ?? contents.entities.case.title;
  const devices = new Map(contents.entities.devices.map((d) => [portableSegment(String(d.label ?? '')), d]));
  const stagingRoot = path.join(store.dir, MERGE_STAGING, portableSegment(caseRef));
  await fs.rm(stagingRoot, { recursive: true, force: true });
  const reader = await openBag(pkgPath);
  const items: MergedItemRow[] = [];
  let added = 0;
  let present = 0;
  try {
    const staged: { device: string; bagPath: string; sha: string; file: string }[] = [];
    for (const [segment, files] of byDevice(contents.evidence)) {
      for (const [bagPath, sha] of files) {
        const relative = `${segment}/${bagPath.split('/').slice(3).join('/')}`;
        staged.push({ device: segment, bagPath, sha, file: await stageFile(reader, bagPath, sha, stagingRoot, relative, signal) });
      }
    }
    reader.close();
    for (const segment of new Set(staged.map((s) => s.device))) {
      const device = devices.get(segment);
      const exhibit = exhibitFor(store, `${caseRef} · ${String(device?.label ?? segment)}`, device, originNote);
      const folder = path.join(stagingRoot, segment);
      const roots = (await fs.readdir(folder)).sort().map((n) => path.join(folder, n));
      const summary = await runImport(store, { exhibitId: exhibit.id, paths: roots, actor, ...(signal ? { signal } : {}) });
      added += summary.added - summary.duplicates;
      present += summary.duplicates + summary.alreadyPresent;
      for (const s of staged.filter((x) => x.device === segment)) {
        items.push({ bagPath: s.bagPath, sha256: s.sha, itemId: store.mergedPackages.itemAt(exhibit.id, s.file, s.sha), exhibitLabel: exhibit.label });
      }
    }
  } finally {
    reader.close();
    await fs.rm(stagingRoot, { recursive: true, force: true });
  }
  return { items, added, present };
}

function documentRows(contents: PackageContents): MergedDocumentRow[] {
  return contents.entities.documents.map((d) => {
    const number = str(d.documentNumber);
    const surname = str(d.surname);
    const given = str(d.givenNames);
    const birth = str(d.birthDate);
    return {
      sourceRef: String(d.ref ?? ''),
      documentNumber: number,
      numberKey: number ? normalizeDocumentNumber(number) || null : null,
      issuingState: str(d.issuingState),
      surname,
      givenNames: given,
      birthDate: birth,
      personKey: surname ? personKey(surname, given ?? '', birth) : null,
      bagPaths: Array.isArray(d.bagPaths) ? d.bagPaths.filter((p): p is string => typeof p === 'string') : [],
    };
  });
}

function findingRows(contents: PackageContents, items: readonly MergedItemRow[]): MergedFindingRow[] {
  const itemOfSha = new Map<string, number>();
  for (const i of items) if (i.itemId !== null && !itemOfSha.has(i.sha256)) itemOfSha.set(i.sha256, i.itemId);
  return parseFindingsCsv(contents.findingsCsv).map((f) => ({
    sourceFindingId: f.findingId,
    itemId: f.sha256 ? (itemOfSha.get(f.sha256) ?? null) : null,
    sha256: f.sha256,
    analyser: f.analyser,
    version: f.version,
    kind: f.kind,
    severity: f.severity,
    score: f.score,
    zone: f.zone,
    summary: f.summary,
  }));
}

/** Merge one package; a refusal is a view, not an exception. */
async function mergeOne(store: CaseStore, pkgPath: string, options: MergeOptions, actor: string): Promise<MergedPackageView> {
  const verified = await verifyPackage(pkgPath, options.trustedFingerprints ? { trustedFingerprints: options.trustedFingerprints } : {});
  const sig = verified.signature;
  const refuse = (reason: string): MergedPackageView => {
    store.audit.append(actor, 'package.refused', { path: pkgPath, reason, fingerprint: sig.fingerprint, workstation: sig.workstation });
    return refusedView(pkgPath, reason, sig);
  };
  if (!verified.ok || !sig.fingerprint) {
    const reasons = verified.refused ? [verified.refused] : verified.problems.slice(0, REASON_PROBLEMS);
    const more = verified.problems.length > REASON_PROBLEMS ? ` (and ${verified.problems.length - REASON_PROBLEMS} more)` : '';
    return refuse(`verification failed: ${reasons.join('; ') || 'no valid signature'}${more}`);
  }
  let contents: PackageContents;
  const reader = await openBag(pkgPath);
  try {
    contents = await readPackageContents(reader, verified);
    parseFindingsCsv(contents.findingsCsv);
  } catch (e) {
    return refuse(e instanceof PackageContentError ? e.message : `unreadable package: ${(e as Error).message}`);
  } finally {
    reader.close();
  }
  const base = {
    path: pkgPath,
    accepted: true,
    reason: null,
    fingerprint: sig.fingerprint,
    signer: sig.signer,
    workstation: sig.workstation,
    signedAt: sig.signedAt,
    caseReference: contents.entities.case.reference,
    tagManifestSha256: contents.tagManifestSha256,
  };
  const earlier = store.mergedPackages.find(contents.tagManifestSha256, sig.fingerprint);
  if (earlier) {
    store.audit.append(actor, 'package.merged', { path: pkgPath, alreadyMerged: true, packageId: earlier.id, tagManifestSha256: contents.tagManifestSha256, fingerprint: sig.fingerprint });
    return { ...base, itemsAdded: 0, itemsAlreadyPresent: contents.evidence.size, findings: 0, documents: 0, alreadyMerged: true };
  }
  const origin = `${path.basename(pkgPath)} signed by ${sig.signer ?? 'unknown'} on ${sig.workstation ?? 'unknown workstation'} (key ${sig.fingerprint})`;
  let imported;
  try {
    imported = await importPackage(store, pkgPath, contents, origin, actor, options.signal);
  } catch (e) {
    if (e instanceof PackageContentError) return refuse(e.message);
    throw e;
  }
  const findings = findingRows(contents, imported.items);
  const documents = documentRows(contents);
  const packageId = store.mergedPackages.insert(
    {
      path: pkgPath,
      tagManifestSha256: contents.tagManifestSha256,
      fingerprint: sig.fingerprint,
      signer: sig.signer,
      workstation: sig.workstation,
      signedAt: sig.signedAt,
      caseReference: contents.entities.case.reference,
      caseTitle: contents.entities.case.title,
      bagInfo: verified.bagInfo,
      coverNote: contents.coverNote,
    },
    imported.items,
    findings,
    documents,
  );
  store.audit.append(actor, 'package.merged', {
    path: pkgPath,
    packageId,
    tagManifestSha256: contents.tagManifestSha256,
    fingerprint: sig.fingerprint,
    signer: sig.signer,
    workstation: sig.workstation,
    itemsAdded: imported.added,
    itemsAlreadyPresent: imported.present,
    findings: findings.length,
    documents: documents.length,
  });
  return { ...base, itemsAdded: imported.added, itemsAlreadyPresent: imported.present, findings: findings.length, documents: documents.length, alreadyMerged: false };
}

/** What every package merged into the case so far shares. */
export function sharesOfCase(store: CaseStore): MergeView['shared'] {
  return computeShares(store.mergedPackages.list(), store.mergedPackages.allItems(), store.mergedPackages.allDocuments());
}

/** The merge running per case folder: merges into one case wait for each other (they share its staging folder). */
const running = new Map<string, Promise<unknown>>();

/**
 * Merge packages into a coordination case, one after another; a second merge into the same case waits for the first.
 * @param store the coordination case
 * @param paths package folders or zips (absolute)
 * @param options actor, trusted keys, abort, progress
 */
export async function mergePackages(store: CaseStore, paths: readonly string[], options: MergeOptions = {}): Promise<MergeView> {
  if (!paths.length) throw new EngineError('invalid-args', 'Name at least one package to merge.');
  const before = running.get(store.dir) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => mergeAll(store, paths, options));
  running.set(store.dir, mine);
  try {
    return await mine;
  } finally {
    if (running.get(store.dir) === mine) running.delete(store.dir);
  }
}

async function mergeAll(store: CaseStore, paths: readonly string[], options: MergeOptions): Promise<MergeView> {
  const actor = options.actor ?? store.info.examiner ?? 'examiner';
  const packages: MergedPackageView[] = [];
  for (const [i, p] of paths.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ done: i, total: paths.length, path: p });
    const absolute = path.resolve(p);
    const exists = await fs.stat(absolute).then(() => true, () => false);
    if (exists) packages.push(await mergeOne(store, absolute, options, actor));
    else {
      store.audit.append(actor, 'package.refused', { path: absolute, reason: 'no such file or folder' });
      packages.push(refusedView(absolute, 'no such file or folder'));
    }
  }
  options.onProgress?.({ done: paths.length, total: paths.length, path: '' });
  return { packages, shared: sharesOfCase(store) };
}
