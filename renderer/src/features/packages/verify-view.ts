/** How the verify screen orders and shortens what `export.verify` returned. Pure, tested without a browser. */
import type { VerifiedFileView, VerifyView } from '../../../../native/engine/contract';

/** Order of file states on screen: what failed first, `ok` last. */
const STATUS_RANK: Readonly<Record<VerifiedFileView['status'], number>> = { changed: 0, missing: 1, added: 2, ok: 3 };

/** The files with the bad ones first, then by path; the engine's order is kept within equal keys. */
export function filesBadFirst(files: readonly VerifiedFileView[]): VerifiedFileView[] {
  return files
    .map((file, index) => ({ file, index }))
    .sort((a, b) => STATUS_RANK[a.file.status] - STATUS_RANK[b.file.status] || (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0) || a.index - b.index)
    .map(({ file }) => file);
}

/** Characters kept at each end of a shortened digest: 8+8 hex digits tell digests apart at a glance. */
const HASH_END = 8;

/** `abcd1234…89ef0123` for a long digest; short values unchanged; an em dash for none. */
export function shortHash(hex: string | null): string {
  if (!hex) return '—';
  return hex.length <= HASH_END * 2 + 1 ? hex : `${hex.slice(0, HASH_END)}…${hex.slice(-HASH_END)}`;
}

/** How many files are in each state. */
export function statusCounts(files: readonly VerifiedFileView[]): Record<VerifiedFileView['status'], number> {
  const counts = { ok: 0, changed: 0, missing: 0, added: 0 };
  for (const file of files) counts[file.status] += 1;
  return counts;
}

/** The verdict line: VERIFIED only when the engine said ok; otherwise FAILED (or REFUSED when not read at all). */
export function verdictOf(view: VerifyView): { readonly word: 'VERIFIED' | 'FAILED' | 'REFUSED'; readonly tone: 'ok' | 'error' } {
  if (view.ok) return { word: 'VERIFIED', tone: 'ok' };
  return { word: view.refused ? 'REFUSED' : 'FAILED', tone: 'error' };
}

/** The bad files' paths (each once, though every manifest lists it), bad-first order, at most `max`. */
export function badFileNames(files: readonly VerifiedFileView[], max: number): string[] {
  return [...new Set(filesBadFirst(files).filter((file) => file.status !== 'ok').map((file) => file.path))].slice(0, max);
}

/** How many distinct files are bad. */
export function badFileCount(files: readonly VerifiedFileView[]): number {
  return new Set(files.filter((file) => file.status !== 'ok').map((file) => file.path)).size;
}
