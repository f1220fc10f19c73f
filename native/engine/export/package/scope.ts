/** Which items an export scope selects (docs/EXPORT.md, "Scope"). */
import type Database from 'better-sqlite3';
import { EngineError, type ExportScope } from '../../contract';
import { allItemIds, existingItemIds, itemIdsAtLevels, itemIdsWithTags } from '../../store/export.query';

/**
 * The item ids a scope selects, ascending: the union of the listed items, the items with any of the tags and the
 * items holding a document assessed at any of the levels; the whole case when the scope names nothing.
 * @throws EngineError `not-found` naming listed item ids the case does not hold
 */
export function resolveScope(db: Database.Database, scope: ExportScope): number[] {
  const listed = scope.itemIds ?? [];
  const tags = scope.tags ?? [];
  const levels = scope.levels ?? [];
  if (!listed.length && !tags.length && !levels.length) return allItemIds(db);
  const known = new Set(existingItemIds(db, listed));
  const unknown = listed.filter((id) => !known.has(id));
  if (unknown.length) throw new EngineError('not-found', `No item ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} in this case.`);
  return [...new Set([...known, ...itemIdsWithTags(db, tags), ...itemIdsAtLevels(db, levels)])].sort((a, b) => a - b);
}
