import type { Exhibit } from '../contract';
import type { ItemRecord } from '../store/items.repo';

/**
 * The `caselens items --json` element. Field names are a contract with outside scripts: add fields,
 * never rename or remove them.
 */
export function itemJson(item: ItemRecord, exhibits: ReadonlyMap<number, Exhibit>) {
  return {
    id: item.id,
    exhibit: exhibits.get(item.exhibitId)?.label ?? null,
    originalPath: item.originalPath,
    exhibitPath: item.exhibitPath,
    storage: item.storage,
    size: item.size,
    kind: item.kind,
    mime: item.mime,
    sha256: item.sha256,
    sha1: item.sha1,
    md5: item.md5,
    width: item.width,
    height: item.height,
    phash: item.phash,
    duplicateGroup: item.duplicateGroup,
    nearDuplicateGroup: item.nearDuplicateGroup,
    error: item.error,
    warnings: item.warnings,
    exif: item.exif,
    times: item.times,
    fileTimes: item.fileTimes,
    messenger: item.messenger,
    tags: item.tags,
    /** Fused manipulation-indicators score (0..1) of the newest forensic analysis, null if none ran. */
    forensicScore: item.forensicScore,
  };
}
