/**
 * `metadata/entities.json`: the package's persons, documents, devices and locations (POLE, for the receiving unit's
 * own systems) with the links and forgery families between them, restricted to the selection. Refs are the
 * exporting case's (`document:3`, `item:12`, `exhibit:1`, `person:<key>`, `family:<id>`); every document and
 * item names its files in the bag, so a reader can go from an entity to the evidence without CaseLens.
 */
import type { DocumentSummary } from '../../contract';
import type { CaseReader } from '../../store/case-store';
import type { ExportItemRow } from '../../store/export.query';

/** Format identifier of entities.json; readers refuse other major versions. */
export const ENTITIES_FORMAT = 'caselens-entities/1';

/** A reference into the package: the item refs and their bag paths. */
export interface EntityFiles {
  /** item id → bag path of its evidence copy */
  readonly evidencePath: ReadonlyMap<number, string>;
}

export interface EntitiesFile {
  readonly format: typeof ENTITIES_FORMAT;
  readonly case: { readonly title: string; readonly reference: string | null; readonly id: string };
  readonly devices: readonly Record<string, unknown>[];
  readonly documents: readonly Record<string, unknown>[];
  readonly persons: readonly Record<string, unknown>[];
  readonly locations: readonly Record<string, unknown>[];
  readonly links: readonly Record<string, unknown>[];
  readonly families: readonly Record<string, unknown>[];
  readonly linkPass: { readonly runId: number; readonly linkerVersion: string; readonly finishedAt: string | null } | null;
}

const ref = (type: string, id: number | string) => `${type}:${id}`;

/**
 * Build entities.json for the items of a package.
 * @param reader the case
 * @param items the packaged items
 * @param files where each item's evidence copy lies in the bag
 */
export function buildEntities(reader: CaseReader, items: readonly ExportItemRow[], files: EntityFiles): EntitiesFile {
  const itemIds = new Set(items.map((i) => i.id));
  const shas = new Set(items.map((i) => i.sha256).filter((s): s is string => s !== null));
  const itemsOfSha = new Map<string, number[]>();
  for (const i of items) if (i.sha256) itemsOfSha.set(i.sha256, [...(itemsOfSha.get(i.sha256) ?? []), i.id]);

  const docs: DocumentSummary[] = reader.documents.list().filter((d) => {
    const sha = reader.documents.rectifiedOf(d.id)?.contentSha256;
    return sha !== undefined && shas.has(sha);
  });
  const docRefs = new Set(docs.map((d) => ref('document', d.id)));
  const inScope = (r: string) => docRefs.has(r) || (r.startsWith('item:') && itemIds.has(Number(r.slice(5))));

  const persons = reader.links.entities('person', Number.MAX_SAFE_INTEGER).filter((p) => p.members.some(inScope));
  const families = reader.links.entities('family', Number.MAX_SAFE_INTEGER).filter((f) => f.members.some(inScope));
  const entityRefs = new Set([...persons, ...families].map((e) => e.ref));
  const personOf = new Map<string, string>();
  for (const p of persons) for (const m of p.members) if (!personOf.has(m)) personOf.set(m, p.ref);

  const touches = (r: string) => inScope(r) || entityRefs.has(r) || r.startsWith('watchlist-entry:');
  const links = reader.links
    .all()
    .filter((l) => touches(l.from) && touches(l.to) && (inScope(l.from) || inScope(l.to)))
    .map((l) => ({ kind: l.kind, from: l.from, to: l.to, strength: l.strength, summary: l.summary, evidence: l.evidence }));

  const exhibitIds = new Set(items.map((i) => i.exhibitId));
  const devices = reader.exhibits
    .list()
    .filter((e) => exhibitIds.has(e.id))
    .map((e) => ({
      ref: ref('exhibit', e.id),
      label: e.label,
      description: e.description,
      seizedBy: e.seizedBy,
      seizedAt: e.seizedAt,
      place: e.place,
      sealNumber: e.sealNumber,
      make: e.deviceMake,
      model: e.deviceModel,
      serial: e.deviceSerial,
      imei: e.deviceImei,
      files: items.filter((i) => i.exhibitId === e.id).length,
    }));

  const locations = items.flatMap((i) => {
    const [lat, lon] = [i.gpsLatitude, i.gpsLongitude];
    return lat === null || lon === null ? [] : [{ ref: ref('location', `item-${i.id}`), latitude: lat, longitude: lon, source: 'EXIF GPS of the file', item: ref('item', i.id), bagPath: files.evidencePath.get(i.id) ?? null }];
  });

  const documents = docs.map((d) => {
    const sha = reader.documents.rectifiedOf(d.id)?.contentSha256 ?? '';
    const holders = itemsOfSha.get(sha) ?? [];
    return {
      ref: ref('document', d.id),
      items: holders.map((id) => ref('item', id)),
      bagPaths: holders.map((id) => files.evidencePath.get(id)).filter((p): p is string => !!p),
      documentNumber: d.documentNumber,
      issuingState: d.issuingState,
      surname: d.surname,
      givenNames: d.givenNames,
      birthDate: d.birthDate,
      expiryDate: d.expiryDate,
      nationality: d.nationality,
      mrz: { format: d.mrzFormat, checkDigitsValid: d.mrzValid },
      template: d.templateId,
      assessment: d.assessmentLevel ? { level: d.assessmentLevel, score: d.assessmentScore } : null,
      person: personOf.get(ref('document', d.id)) ?? null,
    };
  });

  const pass = reader.links.latestPass();
  return {
    format: ENTITIES_FORMAT,
    case: { title: reader.info.title, reference: reader.info.reference ?? null, id: reader.info.id },
    devices,
    documents,
    persons: persons.map((p) => ({ ref: p.ref, label: p.label, ...p.attributes, documents: p.members.filter(inScope) })),
    locations,
    links,
    families: families.map((f) => ({ ref: f.ref, label: f.label, summary: f.attributes.summary ?? null, sharedTraits: f.attributes.sharedTraits ?? [], members: f.members.filter(inScope), membersOutsidePackage: f.members.filter((m) => !inScope(m)).length })),
    linkPass: pass ? { runId: pass.id, linkerVersion: pass.linkerVersion, finishedAt: pass.finishedAt } : null,
  };
}
