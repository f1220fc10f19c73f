/**
 * Entity references as the store and the CLI write them: `type:id` (`item:12`, `document:7`, `person:<key>`,
 * `exhibit:2`, `family:f-…`, `watchlist-entry:<sha256>#<row>`). Persons already carry the `person:` prefix in
 * their id (persons.ts), so it is not doubled.
 */
import type { EntityRef } from './types';

/** `type:id` of an entity reference. */
export function refString(ref: EntityRef): string {
  return ref.id.startsWith(`${ref.type}:`) ? ref.id : `${ref.type}:${ref.id}`;
}

/** `item:<id>`. */
export const itemRef = (id: number | string): string => `item:${id}`;
/** `document:<id>`. */
export const documentRef = (id: number | string): string => `document:${id}`;
/** `exhibit:<id>`. */
export const exhibitRef = (id: number | string): string => `exhibit:${id}`;

/** The type and id of a `type:id` string; null when it has no known type. */
export function parseRef(ref: string): EntityRef | null {
  const at = ref.indexOf(':');
  if (at <= 0) return null;
  const type = ref.slice(0, at);
  const id = ref.slice(at + 1);
  if (!id) return null;
  switch (type) {
    case 'item':
    case 'document':
    case 'exhibit':
    case 'family':
    case 'watchlist-entry':
      return { type, id };
    case 'person':
      return { type, id: ref };
    default:
      return null;
  }
}
