/**
 * `same-file` and `same-image` links between items: byte-identical files (equal SHA-256) and near-duplicate
 * images (the importer's perceptual-hash groups, which survive re-compression, resizing and the metadata
 * stripping of messengers). Each group is linked as a star from its first item (lowest id), so a file copied
 * to 500 places gives 499 links, not 124,750; every member still reaches every other through the first.
 */
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../ingest/near-duplicates';
import { hamming } from '../ingest/phash';
import type { LinkItemInput } from '../store/link-inputs.query';
import type { LinkDraft } from './types';

/** An item as these links need it. */
export type FileLinkItem = Pick<LinkItemInput, 'id' | 'exhibitId' | 'sha256' | 'phash' | 'nearGroup' | 'name'>;

/**
 * Strength of a same-file link: equal SHA-256 means the same bytes (a collision has never been found), so
 * the only doubt left is whether the hash was computed on the right bytes, which the importer verifies.
 */
export const SAME_FILE_STRENGTH = 1;

/**
 * Strength of a same-image link by the 64-bit pHash distance d: 0.95 at d = 0, falling 0.035 per bit to 0.6
 * at d = 10 (the importer's grouping bound, NEAR_DUPLICATE_MAX_DISTANCE), floor 0.5 for members chained in by
 * a third image. Measured in ingest/near-duplicates.ts on the generated phone folders: messenger copies at 0
 * bits, a slight crop at 4, a retouched copy at 2-12, different scenes at 18 or more. Below 1 because equal
 * pictures are not equal files: the copy may have been edited.
 */
export function sameImageStrength(distance: number): number {
  return Math.max(0.5, Math.round((0.95 - 0.035 * distance) * 1000) / 1000);
}

const item = (id: number) => ({ type: 'item' as const, id: String(id) });

function groupBy<T, K>(values: readonly T[], key: (v: T) => K | null): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const v of values) {
    const k = key(v);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}

/**
 * Links between items with the same SHA-256 (star from the lowest id).
 * @param exhibitLabel label of an exhibit id, for the summary
 */
export function sameFileLinks(items: readonly FileLinkItem[], exhibitLabel: (id: number) => string): LinkDraft[] {
  const out: LinkDraft[] = [];
  for (const [sha256, group] of groupBy(items, (i) => i.sha256)) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.id - b.id);
    const first = sorted[0]!;
    for (const other of sorted.slice(1)) {
      const across = first.exhibitId !== other.exhibitId;
      out.push({
        kind: 'same-file',
        from: item(first.id),
        to: item(other.id),
        strength: SAME_FILE_STRENGTH,
        evidence: { sha256, copies: sorted.length, exhibits: [exhibitLabel(first.exhibitId), exhibitLabel(other.exhibitId)] },
        summary: `${first.name} and ${other.name} have the same SHA-256 (${sha256.slice(0, 12)}…)${across ? `, on ${exhibitLabel(first.exhibitId)} and ${exhibitLabel(other.exhibitId)}` : `, both on ${exhibitLabel(first.exhibitId)}`}`,
      });
    }
  }
  return out;
}

/**
 * Links between different files of one near-duplicate group: one representative per distinct SHA-256 (its
 * lowest id; byte copies are linked by `sameFileLinks`), split into pictures, each linked as a star from its
 * first representative. `contradicts(a, b)` says their content shows different pictures: photos of two cards of
 * one design on one table hash within the grouping bound (on the generated action day nine captures of six
 * permits formed one importer group, chained 8 bits apart), and the documents read in them carry different
 * numbers. A representative joins the first picture none of whose members it contradicts and whose first member
 * is within the importer's bound of it (chains do not drift), else it starts a picture of its own; so a group's
 * first file that contradicts the rest no longer leaves them unlinked among themselves.
 */
export function sameImageLinks(items: readonly FileLinkItem[], exhibitLabel: (id: number) => string, contradicts: (a: FileLinkItem, b: FileLinkItem) => boolean = () => false): LinkDraft[] {
  const out: LinkDraft[] = [];
  const distanceOf = (a: FileLinkItem, b: FileLinkItem) => (a.phash && b.phash ? hamming(a.phash, b.phash) : null);
  for (const [group, members] of groupBy(items, (i) => i.nearGroup)) {
    const representatives = [...groupBy(members, (i) => i.sha256 ?? `item-${i.id}`).values()].map((copies) => copies.reduce((a, b) => (a.id <= b.id ? a : b))).sort((a, b) => a.id - b.id);
    if (representatives.length < 2) continue;
    const pictures: FileLinkItem[][] = [];
    for (const rep of representatives) {
      const home = pictures.find((p) => (distanceOf(p[0]!, rep) ?? 0) <= NEAR_DUPLICATE_MAX_DISTANCE && !p.some((m) => contradicts(m, rep)));
      if (home) home.push(rep);
      else pictures.push([rep]);
    }
    for (const [first, ...others] of pictures) {
      for (const other of others) {
        const distance = distanceOf(first!, other);
        const strength = distance === null ? 0.5 : sameImageStrength(distance);
        out.push({
          kind: 'same-image',
          from: item(first!.id),
          to: item(other.id),
          strength,
          evidence: { nearGroup: group, phash: [first!.phash, other.phash], hammingBits: distance, sha256: [first!.sha256, other.sha256], exhibits: [exhibitLabel(first!.exhibitId), exhibitLabel(other.exhibitId)] },
          summary: `${other.name} shows the same picture as ${first!.name}${distance === null ? '' : ` (perceptual hashes ${distance} of 64 bits apart)`} in other bytes${first!.exhibitId !== other.exhibitId ? `, on ${exhibitLabel(other.exhibitId)} and ${exhibitLabel(first!.exhibitId)}` : ''}`,
        });
      }
    }
  }
  return out;
}
