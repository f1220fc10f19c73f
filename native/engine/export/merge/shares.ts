/**
 * What merged packages share (docs/EXPORT.md "Merge at a coordination centre"): the same bytes, near-duplicate
 * images, document numbers and persons found in two or more packages. A pure function of stored rows, so every
 * merge recomputes it over all packages merged into the case so far.
 */
import type { SharedAcrossView } from '../../contract';

/** A merged package, as the shares name it. */
export interface SharePackage {
  readonly id: number;
  readonly path: string;
  readonly workstation: string | null;
  readonly signer: string | null;
  readonly fingerprint: string;
}

/** An evidence file of a package with its item's near-duplicate group in this case. */
export interface ShareItem {
  readonly packageId: number;
  readonly bagPath: string;
  readonly sha256: string;
  readonly nearGroup: number | null;
  readonly phash: string | null;
}

/** A document of a package with its normalised number and person key (null: not read). */
export interface ShareDocument {
  readonly packageId: number;
  readonly sourceRef: string;
  readonly documentNumber: string | null;
  readonly numberKey: string | null;
  readonly surname: string | null;
  readonly givenNames: string | null;
  readonly birthDate: string | null;
  readonly personKey: string | null;
}

interface Hit {
  readonly packageId: number;
  readonly label: string;
}

/** One occurrence per package, its labels joined; null when fewer than two packages hold the value. */
function occurrences(hits: readonly Hit[], packages: ReadonlyMap<number, SharePackage>): SharedAcrossView['occurrences'] | null {
  const byPackage = new Map<number, string[]>();
  for (const h of hits) {
    const labels = byPackage.get(h.packageId) ?? [];
    if (!labels.includes(h.label)) labels.push(h.label);
    byPackage.set(h.packageId, labels);
  }
  if (byPackage.size < 2) return null;
  return [...byPackage.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, labels]) => {
      const p = packages.get(id);
      return { package: p?.path ?? `package ${id}`, workstation: p?.workstation ?? null, signer: p?.signer ?? null, fingerprint: p?.fingerprint ?? '', label: labels.join('; ') };
    });
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

/** A person key without letters (`?|…`) identifies no one. */
const NAMELESS = /^\?\|/;

/**
 * Everything two or more packages share, by kind (same file, same image, same document number, same person),
 * each sorted by value.
 * @param packages every package merged into the case
 * @param items their evidence files
 * @param documents their documents
 */
export function computeShares(packages: readonly SharePackage[], items: readonly ShareItem[], documents: readonly ShareDocument[]): SharedAcrossView[] {
  const byId = new Map(packages.map((p) => [p.id, p]));
  const out: SharedAcrossView[] = [];
  const push = (kind: SharedAcrossView['kind'], value: string, hits: readonly Hit[]) => {
    const occ = occurrences(hits, byId);
    if (occ) out.push({ kind, value, occurrences: occ });
  };
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  for (const [sha, rows] of sorted(groupBy(items, (i) => i.sha256))) push('same-file', sha, rows.map((r) => ({ packageId: r.packageId, label: r.bagPath })));

  // Same image: one near-duplicate group holding different bytes from different packages. Identical bytes
  // alone are a same-file share already.
  const images: { value: string; hits: Hit[] }[] = [];
  for (const rows of groupBy(items, (i) => (i.nearGroup === null ? null : String(i.nearGroup))).values()) {
    const bytesByPackage = new Map<number, Set<string>>();
    for (const r of rows) bytesByPackage.set(r.packageId, (bytesByPackage.get(r.packageId) ?? new Set()).add(r.sha256));
    const allBytes = new Set(rows.map((r) => r.sha256));
    if (bytesByPackage.size < 2 || allBytes.size < 2) continue;
    const hashes = [...new Set(rows.map((r) => r.phash).filter((h): h is string => !!h))].sort();
    images.push({ value: `pHash ${hashes.join(' ≈ ')}`, hits: rows.map((r) => ({ packageId: r.packageId, label: r.bagPath })) });
  }
  for (const i of images.sort((a, b) => (a.value < b.value ? -1 : 1))) push('same-image', i.value, i.hits);

  for (const [key, rows] of sorted(groupBy(documents, (d) => d.numberKey || null))) push('same-document-number', key, rows.map((r) => ({ packageId: r.packageId, label: `${r.sourceRef} (${r.documentNumber ?? key})` })));

  for (const [key, rows] of sorted(groupBy(documents, (d) => (d.personKey && !NAMELESS.test(d.personKey) ? d.personKey : null)))) {
    const first = rows[0]!;
    const value = `${first.surname ?? ''}, ${first.givenNames ?? ''} (born ${first.birthDate ?? 'unknown'}) [${key}]`;
    push('same-person', value, rows.map((r) => ({ packageId: r.packageId, label: `${r.sourceRef}: ${r.surname ?? ''}, ${r.givenNames ?? ''}` })));
  }
  return out;
}
