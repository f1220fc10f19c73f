/**
 * The CASE graph of a real case (a phone folder with EXIF and GPS, photographs of identity documents, the
 * document and forensic analysers, a linking pass), validated offline against the CASE 1.4.0 ontology and its
 * SHACL shapes; and broken graphs that the validation must reject.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyserSet } from '../../native/engine/analysers/registry';
import { asDocumentId, type ItemDetail } from '../../native/engine/contract';
import { buildCaseGraph, startCaseGraph, type CaseGraph, type GraphNode, type PackagedFile } from '../../native/engine/export/case-graph';
import { runImport } from '../../native/engine/ingest/importer';
import { runLinkPass } from '../../native/engine/links/link-pass';
import { runAnalysis } from '../../native/engine/pipeline/runner';
import { CaseStore } from '../../native/engine/store/case-store';
import { APP_VERSION } from '../../native/engine/version';
import { photographScene } from '../fixtures/documents';
import { makePhotoFolder } from '../fixtures/folder';
import { describeProblems, refusingDocumentLoader, validateCaseGraph, type CaseProblem } from '../support/case-shacl';
import { tempDir } from './helpers';

const EXPORTED_AT = '2026-12-02T09:30:00Z';
const sha = (algorithm: 'sha256' | 'sha512', bytes: Buffer | string) => createHash(algorithm).update(bytes).digest('hex');

let store: CaseStore;
let items: ItemDetail[];
let files: PackagedFile[];
let graph: CaseGraph;

const options = (itemIds: readonly number[], packaged: readonly PackagedFile[]) => ({
  itemIds,
  files: packaged,
  tool: { name: 'CaseLens', version: APP_VERSION },
  exportedAt: EXPORTED_AT,
  idBase: 'http://example.org/kb/',
  focus: 'Forged residence permits (synthetic test case)',
});

beforeAll(async () => {
  const source = path.join(tempDir('casegraph-src'), 'phone1');
  await makePhotoFolder(source, { count: 3, seed: 31, width: 640, height: 480, withGpsEvery: 1, whatsapp: 1, whatsappDesktop: false, exactDuplicates: 1, edited: 0, cards: 0, device: { make: 'samsung', model: 'SM-A525F' } });
  // The same permit photographed twice (same document, one person) and a second permit whose birth-date check digit is wrong.
  const permit = { format: 'TD1' as const, side: 'back' as const, seed: 9103, data: { surname: 'ĐORĐEVIĆ', givenNames: 'JELENA', documentNumber: 'RP5530174' } };
  const scenes = [
    { name: 'IMG-20240312-WA0002.jpg', seed: 9103, documents: [{ document: permit, rotation: 2 }] },
    { name: 'IMG-20240312-WA0003.jpg', seed: 9104, documents: [{ document: permit, rotation: -3 }] },
    { name: 'IMG-20240311-WA0012.jpg', seed: 9101, documents: [{ document: { format: 'TD1' as const, side: 'back' as const, seed: 9101, data: { surname: 'KOVAČEVIĆ', givenNames: 'MILAN', documentNumber: 'RP4821937' }, mrzDefect: { kind: 'check-digit' as const, field: 'birthDate' as const } }, rotation: 4 }] },
  ];
  for (const { name, ...spec } of scenes) writeFileSync(path.join(source, 'DCIM', name), (await photographScene({ ...spec, width: 1400, height: 1050, background: 'plain' })).image);

  store = await CaseStore.create(path.join(tempDir('casegraph-case'), 'case'), { title: 'Operation Test (synthetic)', reference: 'TEST-2026-007', examiner: 'Insp. Test Examiner' });
  const exhibit = store.exhibits.create({
    label: 'EXH-01',
    description: 'Samsung Galaxy A52 (suspect A), logical extraction.',
    seizedBy: 'Sgt. Test Officer',
    seizedAt: '2024-03-14T09:40:00+01:00',
    place: 'Border crossing point 3 (fictional)',
    sealNumber: 'TEST-SEAL-0001',
    deviceMake: 'Samsung',
    deviceModel: 'Galaxy A52 (SM-A525F)',
    deviceSerial: 'TEST-R58R00A52X',
    deviceImei: '354900012345670',
  });
  await runImport(store, { exhibitId: exhibit.id, paths: [source] });
  const set = createAnalyserSet({ ocr: false });
  try {
    const summary = await runAnalysis(store, { analysers: set.analysers });
    expect(summary.failed).toEqual([]);
  } finally {
    await set.close();
  }
  await runLinkPass(store, { today: '2026-12-01' });
  items = [...store.items.iterateAll()];

  const evidence: PackagedFile[] = items.map((item) => {
    const bytes = readFileSync(item.originalPath);
    return { bagPath: `data/evidence/EXH-01/${item.exhibitPath}`, sha256: sha('sha256', bytes), sha512: sha('sha512', bytes), size: bytes.length, role: 'evidence', itemId: item.id, mediaType: item.mime ?? undefined, description: `Copy of ${item.exhibitPath}` };
  });
  const document = store.documents.list()[0]!;
  const rectified = store.documents.rectifiedOf(document.id)!;
  const forensics = store.forensics.ofItem(document.itemId)!;
  const map = forensics.maps[0]!;
  const report = Buffer.from('report body');
  files = [
    ...evidence,
    { bagPath: `data/derived/EXH-01/document-${document.id}.png`, sha256: rectified.sha256, size: (await store.blobs.read(rectified.sha256)).length, role: 'derived', documentId: document.id, mediaType: 'image/png', description: 'Rectified document image' },
    { bagPath: `data/derived/EXH-01/map-${map.artifactId}.png`, sha256: store.forensics.artifactBlob(map.artifactId)!.blobSha256, size: 1, role: 'derived', artifactId: map.artifactId, mediaType: 'image/png', description: `Forensic map ${map.name}` },
    { bagPath: 'data/report/report.html', sha256: sha('sha256', report), sha512: sha('sha512', report), size: report.length, role: 'report', mediaType: 'text/html', description: 'Report' },
  ];
  graph = buildCaseGraph(store, options(items.map((i) => i.id), files));
  // CASE_GRAPH_DUMP=<file> keeps the graph for reading (or for case_validate).
  if (process.env['CASE_GRAPH_DUMP']) writeFileSync(process.env['CASE_GRAPH_DUMP'], JSON.stringify(graph, null, 2));
}, 300_000);

afterAll(() => store?.close());

const nodesOfType = (g: CaseGraph, type: string) => g['@graph'].filter((n) => [n['@type']].flat().includes(type));
const byId = (g: CaseGraph) => new Map(g['@graph'].map((n) => [n['@id'], n]));
const refs = (value: unknown): string[] => [value ?? []].flat().map((v) => (v as { '@id': string })['@id']);
const facet = (node: GraphNode, type: string) => (node['uco-core:hasFacet'] as GraphNode[]).find((f) => f['@type'] === type);

/** Every object with properties in the JSON, at any depth (nodes, facets, hashes, entries). */
function allObjects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => allObjects(v, out));
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (!('@value' in object) && Object.keys(object).some((k) => k !== '@id')) out.push(object);
    Object.values(object).forEach((v) => allObjects(v, out));
  }
  return out;
}

describe('CASE graph of a case', () => {
  it('validates against CASE 1.4.0: SHACL (rewritten GROUP BY shapes included), declared classes and properties', async () => {
    const started = Date.now();
    const result = await validateCaseGraph(graph);
    expect(result.conforms, describeProblems(result.problems)).toBe(true);
    expect(result.quadCount).toBeGreaterThan(500);
    console.log(`CASE graph: ${graph['@graph'].length} nodes, ${result.quadCount} quads, validated in ${Date.now() - started} ms`);
  });

  it('states the investigation, the exhibit with its collection record, and every item as a file with hashes, EXIF and GPS', () => {
    const nodes = byId(graph);
    const [investigation] = nodesOfType(graph, 'case-investigation:Investigation');
    expect(investigation).toMatchObject({ 'uco-core:name': 'TEST-2026-007', 'uco-core:description': 'Operation Test (synthetic)', 'case-investigation:focus': 'Forged residence permits (synthetic test case)' });

    const [device] = nodesOfType(graph, 'uco-observable:MobileDevice');
    expect(facet(device!, 'uco-observable:MobileDeviceFacet')).toMatchObject({ 'uco-observable:IMEI': '354900012345670' });
    expect(facet(device!, 'uco-observable:DeviceFacet')).toMatchObject({ 'uco-observable:serialNumber': 'TEST-R58R00A52X', 'uco-observable:model': 'Galaxy A52 (SM-A525F)' });
    const [record] = nodesOfType(graph, 'case-investigation:ProvenanceRecord');
    expect(record).toMatchObject({ 'case-investigation:exhibitNumber': 'EXH-01' });
    expect(record!['uco-core:externalReference']).toEqual([expect.objectContaining({ 'uco-core:externalIdentifier': 'TEST-SEAL-0001' })]);
    const seizure = nodesOfType(graph, 'case-investigation:InvestigativeAction').find((a) => a['uco-core:name'] === 'Seizure of EXH-01')!;
    expect(seizure['uco-action:startTime']).toEqual({ '@type': 'xsd:dateTime', '@value': '2024-03-14T09:40:00+01:00' });
    expect(nodes.get(refs(seizure['uco-action:performer'])[0]!)).toMatchObject({ 'uco-core:name': 'Sgt. Test Officer' });
    expect(refs(seizure['uco-action:result'])).toEqual([device!['@id'], record!['@id']]);

    const fileNodes = nodesOfType(graph, 'uco-observable:File');
    for (const item of items) {
      const file = fileNodes.find((f) => facet(f, 'uco-observable:FileFacet')?.['uco-observable:filePath'] === `data/evidence/EXH-01/${item.exhibitPath}`);
      expect(file, item.exhibitPath).toBeDefined();
      const hashes = facet(file!, 'uco-observable:ContentDataFacet')!['uco-observable:hash'] as GraphNode[];
      expect(hashes.find((h) => h['uco-types:hashMethod'] === 'SHA256')!['uco-types:hashValue']).toEqual({ '@type': 'xsd:hexBinary', '@value': item.sha256 });
      expect(hashes.map((h) => h['uco-types:hashMethod'])).toEqual(['SHA256', 'SHA512', 'SHA1', 'MD5']);
      // Where it sat on the exhibit: one Contained_Within relationship with the path.
      const within = nodesOfType(graph, 'uco-observable:ObservableRelationship').filter((r) => r['uco-core:kindOfRelationship'] === 'Contained_Within' && refs(r['uco-core:source'])[0] === file!['@id']);
      expect(within).toHaveLength(1);
      expect(refs(within[0]!['uco-core:target'])).toEqual([device!['@id']]);
      expect(facet(within[0]!, 'uco-observable:PathRelationFacet')).toMatchObject({ 'uco-observable:path': item.exhibitPath });
      if (item.exif.make) {
        const entries = (facet(file!, 'uco-observable:EXIFFacet')!['uco-observable:exifData'] as GraphNode)['uco-types:entry'] as GraphNode[];
        expect(entries.find((e) => e['uco-types:key'] === 'Make')?.['uco-types:value']).toBe(item.exif.make);
      }
      if (item.hasGps) {
        const capture = nodesOfType(graph, 'uco-action:Action').find((a) => refs(a['uco-action:result']).includes(file!['@id']))!;
        const location = nodes.get(refs(capture['uco-action:location'])[0]!)!;
        expect(facet(location, 'uco-location:LatLongCoordinatesFacet')).toMatchObject({ 'uco-location:latitude': { '@type': 'xsd:decimal', '@value': String(item.exif.gpsLatitude) } });
      }
    }
    expect(items.filter((i) => i.hasGps).length).toBeGreaterThanOrEqual(3);
  });

  it('states every analyser run as an action with instrument, performer, times, object and its findings as results', () => {
    const runs = store.db.prepare('SELECT id, analyser_id, analyser_version FROM analyser_runs').all() as { id: number; analyser_id: string; analyser_version: string }[];
    const findings = (store.db.prepare('SELECT COUNT(*) AS n FROM findings').get() as { n: number }).n;
    const nodes = byId(graph);
    const actions = nodesOfType(graph, 'case-investigation:InvestigativeAction').filter((a) => String(a['uco-core:name']).startsWith('Analysis '));
    expect(actions).toHaveLength(runs.length);
    for (const action of actions) {
      const tool = nodes.get(refs(action['uco-action:instrument'])[0]!)!;
      expect(tool['@type']).toBe('uco-tool:ConfiguredTool');
      expect(nodes.get(refs(tool['uco-configuration:isConfigurationOf'])[0]!)).toMatchObject({ 'uco-core:name': 'CaseLens', 'uco-tool:version': APP_VERSION });
      expect(nodes.get(refs(action['uco-action:performer'])[0]!)).toMatchObject({ 'uco-core:name': 'Insp. Test Examiner' });
      expect(action['uco-action:startTime']).toMatchObject({ '@type': 'xsd:dateTime' });
      expect(action['uco-action:endTime']).toMatchObject({ '@type': 'xsd:dateTime' });
      expect(refs(action['uco-action:object']).every((id) => nodes.get(id)?.['@type'] === 'uco-observable:File')).toBe(true);
    }
    const annotations = nodesOfType(graph, 'uco-core:Annotation').filter((a) => (a['uco-core:tag'] as string[]).some((t) => t.startsWith('finding:')));
    expect(annotations).toHaveLength(findings);
    expect(findings).toBeGreaterThan(0);
    const checkDigit = annotations.find((a) => a['uco-core:name'] === 'mrz.check-digit')!;
    expect(checkDigit['uco-core:tag']).toEqual(expect.arrayContaining(['analyser:documents', expect.stringMatching(/^input-sha256:[0-9a-f]{64}$/)]));
    const statement = JSON.parse(checkDigit['uco-core:statement'] as string) as { analyser: string; analyserVersion: string; parameters: unknown; measured: unknown };
    expect(statement).toMatchObject({ analyser: 'documents', parameters: expect.any(Object), measured: expect.any(Object) });
    // Every stored score (kernel and fused manipulation scores) is stated with its run; metrics are not settings.
    const scores = store.db.prepare('SELECT name, value FROM scores').all() as { name: string; value: number }[];
    expect(scores.length).toBeGreaterThan(0);
    const measured = nodesOfType(graph, 'uco-core:Annotation').filter((a) => String(a['uco-core:name']).startsWith('Measurements of '));
    for (const score of scores) expect(measured.some((a) => (a['uco-core:tag'] as string[]).includes(`score:${score.name}=${score.value}`)), score.name).toBe(true);
    for (const tool of nodesOfType(graph, 'uco-tool:ConfiguredTool')) {
      const entries = ((tool['uco-configuration:usesConfiguration'] as GraphNode)['uco-configuration:configurationEntry'] as GraphNode[] | undefined) ?? [];
      expect(entries.map((e) => e['uco-configuration:itemName'])).not.toContain('parameter:metrics');
    }
    // Each finding is the result of exactly the action of its run.
    for (const a of annotations) expect(actions.filter((x) => refs(x['uco-action:result']).includes(a['@id']))).toHaveLength(1);
  });

  it('ties derived files to their source, and states documents, the person and the links', () => {
    const nodes = byId(graph);
    const relationships = [...nodesOfType(graph, 'uco-observable:ObservableRelationship'), ...nodesOfType(graph, 'uco-core:Relationship')];
    for (const derived of files.filter((f) => f.role === 'derived')) {
      const file = nodesOfType(graph, 'uco-observable:File').find((f) => facet(f, 'uco-observable:FileFacet')?.['uco-observable:filePath'] === derived.bagPath)!;
      const from = relationships.filter((r) => r['uco-core:kindOfRelationship'] === 'Derived_From' && refs(r['uco-core:source']).includes(file['@id']));
      expect(from).toHaveLength(1);
      expect(from[0]!['uco-core:isDirectional']).toBe(true);
      const source = nodes.get(refs(from[0]!['uco-core:target'])[0]!)!;
      expect(source['uco-core:name']).toMatch(/WA0002|WA0003|WA0012/);
      // ...and is a result of the run that made it.
      expect(nodesOfType(graph, 'case-investigation:InvestigativeAction').filter((a) => refs(a['uco-action:result']).includes(file['@id']))).toHaveLength(2); // the run and the export
    }
    for (const r of relationships) expect(refs(r['uco-core:target'])).toHaveLength(1);

    const documents = store.documents.list();
    expect(documents.length).toBeGreaterThanOrEqual(3);
    const identities = nodesOfType(graph, 'uco-identity:Identity');
    const jelena = identities.filter((i) => facet(i, 'uco-identity:SimpleNameFacet')?.['uco-identity:givenName'] === 'JELENA');
    expect(jelena.length).toBeGreaterThanOrEqual(2);
    const detail = store.documents.get(asDocumentId(documents.find((d) => d.givenNames === 'JELENA')!.id))!;
    expect(facet(jelena[0]!, 'uco-identity:BirthInformationFacet')!['uco-identity:birthdate']).toEqual({ '@type': 'xsd:dateTime', '@value': expect.stringMatching(new RegExp(`^(19|20)${detail.birthDate!.slice(0, 2)}-${detail.birthDate!.slice(2, 4)}-${detail.birthDate!.slice(4, 6)}T00:00:00$`)) });

    const persons = nodesOfType(graph, 'uco-identity:Person').filter((p) => (p['uco-core:tag'] as string[] | undefined)?.some((t) => t.startsWith('entity:person:')));
    const jelenaPerson = persons.find((p) => facet(p, 'uco-identity:SimpleNameFacet')?.['uco-identity:givenName'] === 'JELENA')!;
    const held = relationships.filter((r) => r['uco-core:kindOfRelationship'] === 'Identified_By_Document' && refs(r['uco-core:source'])[0] === jelenaPerson['@id']);
    expect(held.map((r) => refs(r['uco-core:target'])[0]).sort()).toEqual(jelena.map((i) => i['@id']).sort());

    const links = store.links.all();
    const linkRelationships = relationships.filter((r) => (r['uco-core:tag'] as string[] | undefined)?.some((t) => t.startsWith('link:')));
    expect(linkRelationships).toHaveLength(links.length);
    expect(linkRelationships.map((r) => r['uco-core:kindOfRelationship'])).toEqual(expect.arrayContaining(['Same_File', 'Same_Document']));
  });

  it('gives every node an @id and is the same graph on every export; a selection keeps the ids and drops what is out of scope', () => {
    for (const object of allObjects(graph['@graph'])) expect(typeof object['@id'], JSON.stringify(object).slice(0, 200)).toBe('string');
    const again = buildCaseGraph(store, options(items.map((i) => i.id), files));
    expect(JSON.stringify(again)).toBe(JSON.stringify(graph));

    const withDocument = items.find((i) => i.name === 'IMG-20240312-WA0002.jpg')!;
    const part = buildCaseGraph(store, options([withDocument.id], files.filter((f) => f.itemId === withDocument.id)));
    const full = byId(graph);
    for (const node of part['@graph']) {
      if (full.has(node['@id']) && node['@type'] !== 'case-investigation:Investigation' && !String(node['@type']).includes('Action')) expect(node, node['@id']).toEqual(full.get(node['@id']));
    }
    const partFiles = nodesOfType(part, 'uco-observable:File');
    expect(partFiles).toHaveLength(1);
    // The same-document link to the other photo of the permit is out of scope; the person stays, with the one document in scope.
    const partRelationships = nodesOfType(part, 'uco-core:Relationship');
    expect(partRelationships.some((r) => r['uco-core:kindOfRelationship'] === 'Same_Document')).toBe(false);
    expect(partRelationships.filter((r) => r['uco-core:kindOfRelationship'] === 'Identified_By_Document')).toHaveLength(1);
    // Nothing in the selection's graph points at a node it does not hold.
    const objects = allObjects(part['@graph']);
    const known = new Set(objects.map((o) => o['@id']));
    const pointers = objects.flatMap((o) => Object.values(o).flatMap((v) => [v].flat())).filter((r): r is { '@id': string } => !!r && typeof r === 'object' && Object.keys(r).length === 1 && '@id' in r);
    expect(pointers.length).toBeGreaterThan(10);
    expect(pointers.filter((r) => !known.has(r['@id']))).toEqual([]);
  });

  it('states the same nodes when a report file is added at the end (startCaseGraph, as the export does while the PDF renders)', () => {
    const reports = files.filter((f) => f.role === 'report');
    expect(reports.length).toBeGreaterThan(0);
    const late = reports.at(-1) as PackagedFile;
    const pending = startCaseGraph(store, options(items.map((i) => i.id), files.filter((f) => f !== late)));
    const finished = pending.finish([late]);
    const sorted = (g: CaseGraph) => [...g['@graph']].sort((a, b) => (a['@id'] < b['@id'] ? -1 : 1));
    // Only the export action's list of results is in another order (the late file comes last).
    const normalise = (n: GraphNode) => (Array.isArray(n['uco-action:result']) ? { ...n, 'uco-action:result': [...(n['uco-action:result'] as { '@id': string }[])].sort((a, b) => (a['@id'] < b['@id'] ? -1 : 1)) } : n);
    expect(sorted(finished).map(normalise)).toEqual(sorted(graph).map(normalise));
    expect(() => pending.finish([])).toThrow(/finished already/);
    const again = startCaseGraph(store, options(items.map((i) => i.id), files.filter((f) => f !== late)));
    expect(() => again.finish([{ ...late, bagPath: (files[0] as PackagedFile).bagPath }])).toThrow(/is listed twice/);
  });

  it('refuses packaged files that contradict the case, naming the file', () => {
    const item = items[0]!;
    const copy = files.find((f) => f.itemId === item.id && f.role === 'evidence')!;
    expect(() => buildCaseGraph(store, options([item.id], [{ ...copy, sha256: 'f'.repeat(64) }]))).toThrow(/does not match item/);
    expect(() => buildCaseGraph(store, options([items[1]!.id], [copy]))).toThrow(new RegExp(`${copy.bagPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is evidence but names item ${item.id}, which is not in the selection`));
    expect(() => buildCaseGraph(store, options([999_999], []))).toThrow(/No item 999999/);
    expect(() => buildCaseGraph(store, { ...options([item.id], []), exportedAt: '2026-12-02' })).toThrow(/exportedAt/);
  });
});

describe('CASE validation rejects broken graphs', () => {
  // A selection (a camera original with EXIF, the document photo with its derived files) keeps each validation short.
  let small: CaseGraph;
  beforeAll(() => {
    const camera = items.find((i) => i.exif.make && i.hasGps)!;
    const scope = new Set([camera.id, store.documents.list()[0]!.itemId as number]);
    small = buildCaseGraph(store, options([...scope], files.filter((f) => f.role !== 'report' && f.itemId !== undefined ? scope.has(f.itemId) : f.role === 'derived')));
  });
  const mutated = (change: (nodes: GraphNode[]) => void): CaseGraph => {
    const copy = structuredClone(small) as { '@context': CaseGraph['@context']; '@graph': GraphNode[] };
    change(copy['@graph']);
    return copy;
  };
  const exifDictionary = (nodes: GraphNode[]) => {
    const file = nodes.find((n) => n['@type'] === 'uco-observable:File' && facet(n, 'uco-observable:EXIFFacet'))!;
    return facet(file, 'uco-observable:EXIFFacet')!['uco-observable:exifData'] as Record<string, unknown> & { 'uco-types:entry': Record<string, unknown>[] };
  };
  const firstHash = (nodes: GraphNode[]) => (facet(nodes.find((n) => n['@type'] === 'uco-observable:File')!, 'uco-observable:ContentDataFacet')!['uco-observable:hash'] as Record<string, unknown>[])[0]!;
  const expectProblem = (problems: readonly CaseProblem[], match: Partial<Record<keyof CaseProblem, string | RegExp>>) =>
    expect(
      problems.some((p) => Object.entries(match).every(([k, v]) => (v instanceof RegExp ? v.test(String(p[k as keyof CaseProblem])) : p[k as keyof CaseProblem] === v))),
      `expected a problem like ${String(Object.entries(match))}, got:\n${describeProblems(problems) || '(none)'}`,
    ).toBe(true);

  it('catches two entries with the same key (Dictionary warning and ProperDictionary violation, rewritten shapes)', async () => {
    const duplicate = (nodes: GraphNode[]) => {
      const dictionary = exifDictionary(nodes);
      const entry = dictionary['uco-types:entry'][0]!;
      dictionary['uco-types:entry'].push({ ...entry, '@id': `${String(entry['@id'])}-0000-4000-8000-000000000000`, 'uco-types:value': 'other' });
      return dictionary;
    };
    const plain = await validateCaseGraph(mutated((nodes) => duplicate(nodes)));
    expectProblem(plain.problems, { shape: 'https://ontology.unifiedcyberontology.org/uco/types/Dictionary-keyUniqueness-shape', severity: 'Warning' });
    const proper = await validateCaseGraph(mutated((nodes) => (duplicate(nodes)['@type'] = 'uco-types:ProperDictionary')));
    expectProblem(proper.problems, { message: /A key in a proper dictionary can appear no more than once/, severity: 'Violation' });
    // The ImproperDictionary exclusion of the rewritten Dictionary shape still holds (no keyUniqueness warning).
    const improper = await validateCaseGraph(mutated((nodes) => (duplicate(nodes)['@type'] = 'uco-types:ImproperDictionary')));
    expect(improper.problems.some((p) => p.shape?.endsWith('Dictionary-keyUniqueness-shape'))).toBe(false);
  });

  it('catches a blank node, a wrong hash method, a hash value that is not hexBinary, a relationship with two targets, an unknown class and an unknown property', async () => {
    const blank = await validateCaseGraph(mutated((nodes) => delete firstHash(nodes)['@id']));
    expectProblem(blank.problems, { message: /UcoThings are required to not be blank nodes/ });

    const method = await validateCaseGraph(mutated((nodes) => (firstHash(nodes)['uco-types:hashMethod'] = 'SHA-256')));
    // UCO 1.4 reports a method outside HashNameVocab at Info severity; any result fails the graph here.
    expect(method.conforms).toBe(false);
    expectProblem(method.problems, { path: 'https://ontology.unifiedcyberontology.org/uco/types/hashMethod', message: /HashNameVocab/ });

    const value = await validateCaseGraph(mutated((nodes) => (firstHash(nodes)['uco-types:hashValue'] = 'not hex')));
    expectProblem(value.problems, { path: 'https://ontology.unifiedcyberontology.org/uco/types/hashValue' });

    const targets = await validateCaseGraph(
      mutated((nodes) => {
        const relationship = nodes.find((n) => n['uco-core:kindOfRelationship'] === 'Derived_From')! as Record<string, unknown>;
        const target = relationship['uco-core:target'] as { '@id': string };
        // A second, different file (the first File node may be the target itself, depending on the case's order).
        const other = nodes.find((n) => n['@type'] === 'uco-observable:File' && n['@id'] !== target['@id'])!;
        relationship['uco-core:target'] = [target, { '@id': other['@id'] }];
      }),
    );
    expectProblem(targets.problems, { path: 'https://ontology.unifiedcyberontology.org/uco/core/target', severity: 'Violation' });

    const unknown = await validateCaseGraph(
      mutated((nodes) => {
        (nodes[0] as Record<string, unknown>)['@type'] = 'uco-observable:Photograph';
        (nodes[1] as Record<string, unknown>)['uco-core:nickName'] = 'x';
      }),
    );
    expectProblem(unknown.problems, { kind: 'unknown-class', value: 'https://ontology.unifiedcyberontology.org/uco/observable/Photograph' });
    expectProblem(unknown.problems, { kind: 'unknown-property', path: 'https://ontology.unifiedcyberontology.org/uco/core/nickName' });
  });

  it('never fetches a context and refuses terms the context does not define', async () => {
    await expect(refusingDocumentLoader('https://ontology.example.org/context.jsonld')).rejects.toThrow(/Refused to load/);
    await expect(validateCaseGraph({ '@context': 'https://ontology.example.org/context.jsonld', '@graph': [] })).rejects.toThrow(/context\.jsonld/);
    // The graph itself names no remote context: every context value is an inline object of prefixes.
    expect(Object.values(graph['@context']).every((v) => typeof v === 'string' && /^(https?|urn):/.test(v))).toBe(true);
    expect(typeof graph['@context']).toBe('object');
    await expect(validateCaseGraph(mutated((nodes) => ((nodes[0] as Record<string, unknown>)['nickName'] = 'x')))).rejects.toThrow();
  });
});
