/**
 * `caselens verify <package>`: the bag checks (signature over the tag manifest, tag manifests, payload manifests,
 * Payload-Oxum, files added or missing: `verifyBag`) as one per-file report, plus the custody log's hash chain
 * recomputed from `metadata/custody-log.jsonl`. `ok` only when all of it holds.
 */
import type { VerifiedFileView, VerifyView } from '../../contract';
import { verifyBag, type BagReport, type VerifyBagOptions } from '../bagit';
import { openBag, readSmall } from '../bagit/bag-reader';
import { verifyCustodyLog } from './custody-log';

/** The custody log is read into memory up to this size (a case's audit log of 100,000 entries is about 40 MB). */
const MAX_CUSTODY_LOG = 256 * 1024 * 1024;
export const CUSTODY_LOG = 'metadata/custody-log.jsonl';

/** The bag report's lines and unlisted files as one list, the bad ones first, each file once per manifest. */
function fileViews(report: BagReport): VerifiedFileView[] {
  const files: VerifiedFileView[] = report.lines.map((l) => ({ path: l.path, status: l.status, manifest: l.manifest, expected: l.expected, actual: l.actual }));
  for (const u of report.unlisted) files.push({ path: u.path, status: 'added', manifest: null, expected: null, actual: null });
  const rank = { changed: 0, missing: 1, added: 2, ok: 3 } as const;
  return files.sort((a, b) => rank[a.status] - rank[b.status] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function custodyChain(pathToPackage: string, options: VerifyBagOptions): Promise<VerifyView['custodyChain']> {
  let reader;
  try {
    reader = await openBag(pathToPackage, options.zipLimits);
  } catch {
    return null;
  }
  try {
    if (!reader.files.has(CUSTODY_LOG)) return null;
    return verifyCustodyLog((await readSmall(reader, CUSTODY_LOG, MAX_CUSTODY_LOG)).toString('utf8'));
  } catch {
    return { valid: false, entries: 0, brokenAt: null };
  } finally {
    reader.close();
  }
}

/**
 * Verify an evidence package (folder or zip).
 * @param pathToPackage the package folder or zip file
 * @param options trusted fingerprints, progress, abort
 */
export async function verifyPackage(pathToPackage: string, options: VerifyBagOptions = {}): Promise<VerifyView> {
  const report = await verifyBag(pathToPackage, options);
  const chain = report.refused ? null : await custodyChain(pathToPackage, options);
  const problems = [...report.problems];
  if (chain && !chain.valid) problems.push(`${CUSTODY_LOG}: the hash chain breaks at entry ${chain.brokenAt ?? '?'} of ${chain.entries}`);
  const s = report.signature;
  return {
    ok: report.ok && (chain === null || chain.valid),
    path: report.path,
    container: report.container,
    refused: report.refused,
    signature: { status: s.status, fingerprint: s.fingerprint, signer: s.signer, workstation: s.workstation, signedAt: s.signedAt, matchesBagInfo: s.matchesBagInfo },
    payloadOxum: report.payloadOxum,
    files: fileViews(report),
    problems,
    bagInfo: report.bagInfo.fields.map((f) => ({ label: f.label, value: f.value })),
    custodyChain: chain,
  };
}
