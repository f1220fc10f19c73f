/**
 * The CASE 1.4 / UCO 1.4 graph of a case, or of a selection of its items, for `metadata/case.jsonld` of an
 * evidence package. docs/EXPORT.md ("CASE graph") describes which classes stand for what and the id scheme.
 */
import { asDocumentId, asExhibitId, asItemId, EngineError } from '../../contract';
import type { CaseReader } from '../../store/case-store';
import type { ItemRecord } from '../../store/items.repo';
import { mainTool, namedPerson } from './actors';
import { addAnalysis, addFinding, addTemplateCheck, analysisActionId } from './analyses';
import type { BuildContext } from './build-context';
import { artifactsById, documentRuns, findingsOfRuns, importsOfItems, runsOnContents, scoresOfRuns } from './case-graph.query';
import { caseContext, DEFAULT_ID_BASE } from './context';
import { addAcquisition, addExhibit } from './exhibits';
import { addDerivedFrom, addItemFile, addPackagedFile } from './files';
import { compact, GraphNodes } from './graph-nodes';
import { NodeIds } from './ids';
import { addDocument, addFamily, addLink, addPerson, addWatchlistEntry } from './identities';
import { dateTime, ref } from './literals';
import type { CaseGraph, CaseGraphOptions, PackagedFile } from './types';

const HEX = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);

/** Refuse options the graph could not state truthfully; each message names the bad input. */
function checkOptions(options: CaseGraphOptions, selected: ReadonlySet<number>, paths: Set<string>): void {
  if (!dateTime(options.exportedAt)) throw new EngineError('invalid-args', `exportedAt ${options.exportedAt} is not an ISO 8601 date-time.`);
  if (options.idBase !== undefined && !/^[a-z][a-z0-9+.-]*:\S*[/#:]$/i.test(options.idBase)) throw new EngineError('invalid-args', `idBase ${options.idBase} must be an IRI prefix ending in '/', '#' or ':'.`);
  checkFiles(options.files, selected, paths);
}

/** Refuse packaged files the graph could not state truthfully (`paths`: the bag paths listed so far, added to). */
function checkFiles(files: readonly PackagedFile[], selected: ReadonlySet<number>, paths: Set<string>): void {
  for (const file of files) {
    if (paths.has(file.bagPath)) throw new EngineError('invalid-args', `${file.bagPath} is listed twice among the packaged files.`);
    paths.add(file.bagPath);
    if (!HEX(64).test(file.sha256)) throw new EngineError('invalid-args', `${file.bagPath}: sha256 is not 64 lower-case hex digits.`);
    if (file.sha512 !== undefined && !HEX(128).test(file.sha512)) throw new EngineError('invalid-args', `${file.bagPath}: sha512 is not 128 lower-case hex digits.`);
    if (file.role === 'evidence' && (file.itemId === undefined || !selected.has(file.itemId))) {
      throw new EngineError('invalid-args', `${file.bagPath} is evidence but names ${file.itemId === undefined ? 'no item' : `item ${file.itemId}, which is not in the selection`}.`);
    }
  }
}

/**
 * Build the graph. Deterministic: the same case, selection, files and options give the same JSON (node ids
 * are name-based UUIDs, nodes are listed in the order the stored rows are read).
 * @throws EngineError `not-found` for an unknown item, `invalid-args` for a packaged file that contradicts the case
 */
export function buildCaseGraph(reader: CaseReader, options: CaseGraphOptions): CaseGraph {
  return startCaseGraph(reader, options).finish([]);
}

/** A graph built but for the packaged files still being made (the report PDF, whose hash is known only at the end). */
export interface PendingCaseGraph {
  /**
   * Add the files made since (derived, report or template files; not evidence) and complete the graph; the same
   * graph as buildCaseGraph with every file at once, but for the order of their nodes. Call once.
   * @throws EngineError `invalid-args` for a file listed twice or with bad hashes
   */
  finish(files: readonly PackagedFile[]): CaseGraph;
}

/**
 * Build everything of the graph that the files given now decide (the items, their analyses, documents, findings,
 * entities and the packaged files given), leaving the files still being made for `finish`: the export builds this
 * while the report PDF renders. Throws as buildCaseGraph does.
 */
export function startCaseGraph(reader: CaseReader, options: CaseGraphOptions): PendingCaseGraph {
  const selectedIds = [...new Set(options.itemIds)].sort((a, b) => a - b);
  const selected = new Set(selectedIds);
  const paths = new Set<string>();
  checkOptions(options, selected, paths);
  const items: ItemRecord[] = selectedIds.map((id) => reader.items.get(asItemId(id)));
  const ids = new NodeIds(reader.info.id);
  const nodes = new GraphNodes();
  const examiner = options.examiner ?? reader.info.examiner;
  const toolId = mainTool(ids, nodes, options.tool);
  const ctx: BuildContext = {
    reader,
    options,
    ids,
    nodes,
    toolId,
    examinerId: examiner ? namedPerson(ids, nodes, examiner) : null,
    fileOfItem: new Map(),
    itemsByContent: new Map(),
    deviceOfExhibit: new Map(),
    identityOfDocument: new Map(),
    packagedEvidence: new Map(options.files.filter((f) => f.role === 'evidence').map((f) => [f.itemId!, f])),
  };

  // Exhibits, then their files, then how the files got into the case.
  for (const exhibitId of [...new Set(items.map((i) => i.exhibitId as number))].sort((a, b) => a - b)) {
    ctx.deviceOfExhibit.set(exhibitId, addExhibit(ctx, reader.exhibits.get(asExhibitId(exhibitId))));
  }
  for (const item of items) {
    const packaged = ctx.packagedEvidence.get(item.id);
    if (packaged && (packaged.sha256 !== item.sha256 || packaged.size !== item.size)) {
      throw new EngineError('invalid-args', `${packaged.bagPath} does not match item ${item.id} (${item.name}): the packaged copy's SHA-256 or size differs from the recorded original.`);
    }
    ctx.fileOfItem.set(item.id, addItemFile(ctx, item, packaged));
    if (item.sha256) ctx.itemsByContent.set(item.sha256, [...(ctx.itemsByContent.get(item.sha256) ?? []), item.id]);
  }
  const { byItem, imports } = importsOfItems(reader.db, selectedIds);
  for (const imp of imports) addAcquisition(ctx, imp, selectedIds.filter((id) => byItem.get(id) === imp.id));

  // Analyses on the bytes in scope, the documents they found, their findings.
  const runs = runsOnContents(reader.db, [...ctx.itemsByContent.keys()]);
  const runById = new Map(runs.map((r) => [r.id, r]));
  const scores = scoresOfRuns(reader.db, runs.map((r) => r.id));
  for (const run of runs) addAnalysis(ctx, run, scores.get(run.id));
  const documentIds = [...new Set(selectedIds.flatMap((id) => reader.documents.documentIdsOfItem(asItemId(id)) as number[]))].sort((a, b) => a - b);
  for (const documentId of documentIds) {
    const doc = reader.documents.get(asDocumentId(documentId));
    if (doc) ctx.identityOfDocument.set(documentId, addDocument(ctx, doc));
  }
  for (const finding of findingsOfRuns(reader.db, runs.map((r) => r.id))) addFinding(ctx, runById.get(finding.runId)!, finding);

  // Packaged files other than item copies, each tied to where it came from.
  const packagedFileIds = addPackaged(ctx, runById, options.files);
  const templateFiles = new Map(options.files.filter((f) => f.role === 'template').map((f) => [f.sha256, packagedFileIds.get(f.bagPath)!]));
  for (const documentId of ctx.identityOfDocument.keys()) addTemplateCheck(ctx, documentId, templateFiles);

  addEntitiesAndLinks(ctx);
  let finished = false;
  return {
    finish(late) {
      if (finished) throw new Error('this CASE graph is finished already');
      finished = true;
      checkFiles(late, selected, paths);
      const evidence = late.find((f) => f.role === 'evidence' || f.role === 'template');
      if (evidence) throw new EngineError('invalid-args', `${evidence.bagPath}: ${evidence.role} files are given when the graph is started, not when it is finished.`);
      for (const [bagPath, fileId] of addPackaged(ctx, runById, late)) packagedFileIds.set(bagPath, fileId);
      addExport(ctx, packagedFileIds);
      addInvestigation(ctx);
      return { '@context': caseContext(options.idBase ?? DEFAULT_ID_BASE), '@graph': nodes.list() };
    },
  };
}

/** Derived, report and template files; a derived file is tied to its source item and to the run that made it. */
function addPackaged(ctx: BuildContext, runById: ReadonlyMap<number, { id: number; inputSha256: string; analyserId: string; analyserVersion: string }>, files: readonly PackagedFile[]): Map<string, string> {
  const out = new Map<string, string>();
  const others = files.filter((f) => f.role !== 'evidence');
  const artifacts = artifactsById(ctx.reader.db, others.flatMap((f) => (f.artifactId !== undefined ? [f.artifactId] : [])));
  const docRuns = documentRuns(ctx.reader.db, others.flatMap((f) => (f.documentId !== undefined ? [f.documentId] : [])));
  for (const file of others) {
    const fileId = addPackagedFile(ctx, file);
    out.set(file.bagPath, fileId);
    if (file.role !== 'derived') continue;
    const artifact = file.artifactId !== undefined ? artifacts.get(file.artifactId) : undefined;
    if (file.artifactId !== undefined && !artifact) throw new EngineError('invalid-args', `${file.bagPath} names artifact ${file.artifactId}, which the case does not hold.`);
    const source = sourceItemOf(ctx, file, artifact?.contentSha256);
    if (!source) throw new EngineError('invalid-args', `${file.bagPath} is derived but its source (item, document or artifact) is not in the selection.`);
    addDerivedFrom(ctx, fileId, source);
    const runId = artifact?.runId ?? (file.documentId !== undefined ? docRuns.get(file.documentId) : undefined);
    const run = runId !== undefined ? runById.get(runId) : undefined;
    if (run) ctx.nodes.pushRefs(analysisActionId(ctx, run), 'uco-action:result', [fileId]);
  }
  return out;
}

/** The File node a derived file comes from: its item, else the first item in scope holding its document's or artifact's bytes. */
function sourceItemOf(ctx: BuildContext, file: PackagedFile, artifactContent: string | undefined): string | null {
  if (file.itemId !== undefined) return ctx.fileOfItem.get(file.itemId) ?? null;
  const content = artifactContent ?? (file.documentId !== undefined ? ctx.reader.documents.get(asDocumentId(file.documentId))?.provenance.inputSha256 : undefined);
  const first = content ? ctx.itemsByContent.get(content)?.[0] : undefined;
  return first !== undefined ? (ctx.fileOfItem.get(first) ?? null) : null;
}

/** Persons and families of the newest pass with a member in scope, and the links between nodes of the graph. */
function addEntitiesAndLinks(ctx: BuildContext): void {
  const entityNodes = new Map<string, string>();
  const membersInScope = (entity: { members: readonly string[] }) =>
    entity.members.flatMap((m) => (m.startsWith('document:') ? [ctx.identityOfDocument.get(Number(m.slice('document:'.length)))].filter((x): x is string => !!x) : []));
  for (const person of ctx.reader.links.entities('person', Number.MAX_SAFE_INTEGER)) {
    const members = membersInScope(person);
    if (members.length) entityNodes.set(person.ref, addPerson(ctx, person, members));
  }
  for (const family of ctx.reader.links.entities('family', Number.MAX_SAFE_INTEGER)) {
    const members = membersInScope(family);
    if (members.length) entityNodes.set(family.ref, addFamily(ctx, family, members));
  }
  const inGraph = (r: string): string | null => {
    const [type, id] = [r.slice(0, r.indexOf(':')), r.slice(r.indexOf(':') + 1)];
    if (type === 'item') return ctx.fileOfItem.get(Number(id)) ?? null;
    if (type === 'document') return ctx.identityOfDocument.get(Number(id)) ?? null;
    if (type === 'exhibit') return ctx.deviceOfExhibit.get(Number(id)) ?? null;
    return entityNodes.get(r) ?? null;
  };
  for (const link of ctx.reader.links.all()) {
    const ends = [link.from, link.to];
    // A watchlist entry is in the graph only as the far end of a link from something in scope.
    if (ends.filter((e) => !e.startsWith('watchlist-entry:')).some((e) => !inGraph(e)) || ends.every((e) => e.startsWith('watchlist-entry:'))) continue;
    for (const e of ends) if (e.startsWith('watchlist-entry:')) entityNodes.set(e, addWatchlistEntry(ctx, e));
    addLink(ctx, link, inGraph);
  }
}

/** The export itself: CaseLens, run by the examiner, packaged the evidence files and made the other files. */
function addExport(ctx: BuildContext, packagedFileIds: ReadonlyMap<string, string>): void {
  ctx.nodes.add(
    compact({
      '@id': ctx.ids.id('investigative-action', 'export', ctx.options.exportedAt),
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': 'Evidence package export',
      'uco-action:actionStatus': 'Success',
      'uco-action:startTime': dateTime(ctx.options.exportedAt),
      'uco-action:instrument': ref(ctx.toolId),
      'uco-action:performer': ctx.examinerId ? ref(ctx.examinerId) : null,
      'uco-action:object': [...ctx.packagedEvidence.keys()].sort((a, b) => a - b).map((id) => ref(ctx.fileOfItem.get(id)!)),
      'uco-action:result': [...packagedFileIds.values()].map(ref),
    }),
  );
}

/** The investigation: the case's reference and title, its focus, and every provenance record and action. */
function addInvestigation(ctx: BuildContext): void {
  const info = ctx.reader.info;
  const members = ctx.nodes.ofType('case-investigation:ProvenanceRecord', 'case-investigation:InvestigativeAction', 'uco-action:Action').map((n) => ref(n['@id']));
  ctx.nodes.add(
    compact({
      '@id': ctx.ids.id('investigation', 'case'),
      '@type': 'case-investigation:Investigation',
      'uco-core:name': info.reference ?? info.title,
      'uco-core:description': info.reference ? info.title : null,
      'case-investigation:focus': ctx.options.focus ?? null,
      'uco-core:objectCreatedTime': dateTime(info.createdAt),
      'uco-core:object': members,
    }),
  );
}
