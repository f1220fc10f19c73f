/**
 * Deterministic node ids: `kb:<kind>-<UUID>`, the UUID a version-5 (SHA-1, RFC 9562 §5.5) name-based UUID in
 * the case's namespace (the case id is a UUID) over the node's natural key. The same case and the same stored
 * rows give the same ids on every export; ids end with a UUID as `core:UcoThing-identifier-regex-shape` asks.
 */
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 9562 UUIDv5 of `name` in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  if (!UUID.test(namespace)) throw new Error(`Not a UUID namespace: ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Kinds are lower-case words joined by dashes, so an id reads as what it names. */
const KIND = /^[a-z]+(?:-[a-z]+)*$/;

/** Makes the ids of one case's graph. */
export class NodeIds {
  constructor(private readonly caseId: string) {
    if (!UUID.test(caseId)) throw new Error(`The case id ${caseId} is not a UUID; CASE node ids are derived from it.`);
  }

  /** `kb:<kind>-<uuid>` for a natural key (e.g. `id('file', 'item', 12)`); the kind is part of the name. */
  id(kind: string, ...key: readonly (string | number)[]): string {
    if (!KIND.test(kind)) throw new Error(`Bad node kind ${kind}`);
    return `kb:${kind}-${uuidV5(this.caseId, [kind, ...key.map(String)].join('\u001f'))}`;
  }
}
