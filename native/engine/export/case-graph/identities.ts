/**
 * Identity documents, persons, forgery families and links. A document found in an item is the identity it
 * states (`uco-identity:Identity` with name and birth facets) plus an annotation with what was read (MRZ lines,
 * fields, checks). The linker's persons are `uco-identity:Person`s tied to the documents naming them; a family is
 * a `uco-core:Grouping` of its documents; every link of the newest pass whose two ends are in the graph is a
 * relationship with one source and one target.
 */
import type { DocumentDetail } from '../../contract';
import type { EntityRecord, LinkRecord } from '../../store/links.repo';
import { analysisActionId } from './analyses';
import { filesOfContent, type BuildContext } from './build-context';
import { compact, present, type MutableNode } from './graph-nodes';
import { canonicalJson, mrzBirthDate, ref } from './literals';

/** Link kinds that point one way (a draft to its print, a document to its family or to a watchlist entry). */
const DIRECTIONAL_KINDS = new Set(['draft-to-print', 'family-member', 'watchlist']);

/** `same-file` → `Same_File`, in the style of UCO's relationship vocabulary. */
const relationshipKind = (kind: string) => kind.split(/[-_\s]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('_');

function nameFacets(ctx: BuildContext, owner: readonly (string | number)[], person: { surname: string | null; givenNames: string | null; birthDate: string | null }): MutableNode[] {
  const birth = mrzBirthDate(person.birthDate, ctx.options.exportedAt);
  return present([
    person.surname || person.givenNames
      ? compact({ '@id': ctx.ids.id('simple-name-facet', ...owner), '@type': 'uco-identity:SimpleNameFacet', 'uco-identity:familyName': person.surname, 'uco-identity:givenName': person.givenNames })
      : null,
    birth ? { '@id': ctx.ids.id('birth-information-facet', ...owner), '@type': 'uco-identity:BirthInformationFacet', 'uco-identity:birthdate': birth } : null,
  ]);
}

/** A document's identity node and its reading annotation (a result of the run that found it). */
export function addDocument(ctx: BuildContext, doc: DocumentDetail): string {
  const { ids, nodes } = ctx;
  const identityId = ids.id('identity', 'document', doc.id);
  const number = doc.documentNumber ?? 'without a readable number';
  nodes.add(
    compact({
      '@id': identityId,
      '@type': 'uco-identity:Identity',
      'uco-core:name': [doc.givenNames, doc.surname].filter(Boolean).join(' ') || `Holder of document ${number}`,
      'uco-core:description': `The identity stated by ${doc.sizeClass} document ${number} (${doc.side}) as read; not a verified identity. Birth date from the MRZ (YYMMDD ${doc.birthDate ?? 'unread'}; century taken so that it is not after the export).`,
      'uco-core:hasFacet': nameFacets(ctx, ['document', doc.id], doc),
    }),
  );
  const files = filesOfContent(ctx, doc.provenance.inputSha256);
  const readingId = ids.id('annotation', 'document-reading', doc.id);
  nodes.add(
    compact({
      '@id': readingId,
      '@type': 'uco-core:Annotation',
      'uco-core:name': `Identity document read (${doc.sizeClass}${doc.mrzFormat ? `, MRZ ${doc.mrzFormat}` : ''})`,
      'uco-core:description': `Document ${number}: MRZ ${doc.mrzValid === null ? 'not read' : doc.mrzValid ? 'valid' : 'invalid'}${doc.assessmentLevel ? `, template assessment ${doc.assessmentLevel}` : ''}.`,
      'uco-core:tag': [
        `document-number:${doc.documentNumber ?? ''}`,
        `size-class:${doc.sizeClass}`,
        `side:${doc.side}`,
        ...(doc.mrzFormat ? [`mrz-format:${doc.mrzFormat}`] : []),
        ...(doc.mrzValid !== null ? [`mrz-valid:${doc.mrzValid}`] : []),
        ...(doc.issuingState ? [`issuing-state:${doc.issuingState}`] : []),
        ...(doc.nationality ? [`nationality:${doc.nationality}`] : []),
        ...(doc.expiryDate ? [`expiry:${doc.expiryDate}`] : []),
        `analyser:${doc.provenance.analyserId}`,
        `analyser-version:${doc.provenance.analyserVersion}`,
        `input-sha256:${doc.provenance.inputSha256}`,
      ],
      'uco-core:statement': canonicalJson({
        analyser: doc.provenance.analyserId,
        analyserVersion: doc.provenance.analyserVersion,
        inputSha256: doc.provenance.inputSha256,
        quad: doc.quad,
        method: doc.method,
        confidence: doc.confidence,
        keyFields: { documentNumber: doc.documentNumber, surname: doc.surname, givenNames: doc.givenNames, birthDate: doc.birthDate, expiryDate: doc.expiryDate, issuingState: doc.issuingState, nationality: doc.nationality },
        mrz: doc.mrz ? { format: doc.mrz.format, valid: doc.mrz.valid, lines: doc.mrz.lines, rawLines: doc.mrz.rawLines, fields: doc.mrz.fields, checks: doc.mrz.checks, corrections: doc.mrz.corrections } : null,
        printed: doc.viz,
        crossChecks: doc.crossChecks,
      }),
      'uco-core:object': [...files, identityId].map(ref),
    }),
  );
  const actionId = analysisActionId(ctx, doc.provenance);
  if (nodes.has(actionId)) nodes.pushRefs(actionId, 'uco-action:result', [identityId, readingId]);
  return identityId;
}

/** A person of the newest linking pass: the documents naming them are tied to them by `Identified_By_Document`. */
export function addPerson(ctx: BuildContext, entity: EntityRecord, memberIdentities: readonly string[]): string {
  const { ids, nodes } = ctx;
  const a = entity.attributes as { surname?: string | null; givenNames?: string | null; birthDate?: string | null; nationalities?: unknown };
  const id = ids.id('person', 'linked', entity.ref);
  nodes.add(
    compact({
      '@id': id,
      '@type': 'uco-identity:Person',
      'uco-core:name': entity.label,
      'uco-core:description': 'A person as the linker grouped them: documents whose holder names (transliteration variants included) and birth dates agree. An inference, not an identification.',
      'uco-core:tag': [`entity:${entity.ref}`],
      'uco-core:hasFacet': nameFacets(ctx, ['linked', entity.ref], { surname: a.surname ?? null, givenNames: a.givenNames ?? null, birthDate: a.birthDate ?? null }),
    }),
  );
  for (const identity of memberIdentities) addRelationship(ctx, ids.id('relationship', 'holder', entity.ref, identity), id, identity, 'Identified_By_Document', true, null);
  return id;
}

/** A forgery family: a grouping of the documents that share production traces. */
export function addFamily(ctx: BuildContext, entity: EntityRecord, memberIdentities: readonly string[]): string {
  const a = entity.attributes as { summary?: string; cohesion?: number | null };
  const id = ctx.ids.id('grouping', 'family', entity.ref);
  ctx.nodes.add(
    compact({
      '@id': id,
      '@type': 'uco-core:Grouping',
      'uco-core:name': entity.label,
      'uco-core:context': 'forgery family: documents sharing production traces',
      'uco-core:description': a.summary ?? null,
      'uco-core:tag': [`entity:${entity.ref}`, ...(typeof a.cohesion === 'number' ? [`cohesion:${a.cohesion}`] : [])],
      'uco-core:object': memberIdentities.map(ref),
    }),
  );
  return id;
}

/** A watchlist entry a link points to: only its reference (the list's content stays in the case). */
export function addWatchlistEntry(ctx: BuildContext, entryRef: string): string {
  const id = ctx.ids.id('identity', 'watchlist-entry', entryRef);
  return ctx.nodes.ensure(id, () => ({ '@id': id, '@type': 'uco-identity:Identity', 'uco-core:name': `Watchlist entry ${entryRef.slice('watchlist-entry:'.length)}`, 'uco-core:tag': [`entity:${entryRef}`] }));
}

function addRelationship(ctx: BuildContext, id: string, source: string, target: string, kind: string, directional: boolean, description: string | null, tags: readonly string[] = [], observable = false): void {
  ctx.nodes.ensure(id, () =>
    compact({
      '@id': id,
      '@type': observable ? 'uco-observable:ObservableRelationship' : 'uco-core:Relationship',
      'uco-core:source': [ref(source)],
      'uco-core:target': ref(target),
      'uco-core:isDirectional': directional,
      'uco-core:kindOfRelationship': kind,
      'uco-core:description': description,
      'uco-core:tag': [...tags],
    }),
  );
}

/** One stored link as a relationship, when both ends are nodes of this graph; returns whether it was added. */
export function addLink(ctx: BuildContext, link: LinkRecord, nodeOfRef: (ref: string) => string | null): boolean {
  const source = nodeOfRef(link.from);
  const target = nodeOfRef(link.to);
  if (!source || !target) return false;
  const observable = [link.from, link.to].every((r) => r.startsWith('item:') || r.startsWith('exhibit:'));
  addRelationship(ctx, ctx.ids.id('relationship', 'link', link.kind, link.from, link.to), source, target, relationshipKind(link.kind), DIRECTIONAL_KINDS.has(link.kind), `${link.summary} (strength ${link.strength.toFixed(2)})`, [`link:${link.kind}`, `strength:${link.strength}`, `from:${link.from}`, `to:${link.to}`], observable);
  return true;
}
