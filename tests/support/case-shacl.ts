/**
 * Offline validation of a CASE/UCO JSON-LD graph against the CASE 1.4.0 ontology and its SHACL shapes
 * (`../shared/ontology/case-1.4.0.ttl`), for the CASE graph tests and the evidence-package export tests.
 *
 * - The JSON-LD is turned into RDF by `jsonld` in safe mode (a term the context does not define is an error,
 *   not a silently dropped triple) with a document loader that refuses every URL: no remote context is ever fetched.
 * - The data graph is the graph plus the ontology's `rdfs:subClassOf` triples, as `case_validate` mixes the
 *   ontology in: `sh:targetClass` and the SPARQL shapes' `a/rdfs:subClassOf*` need the class hierarchy to reach
 *   instances of subclasses. The ontology's own OWL shapes are not re-run over the ontology.
 * - Two UCO shapes (`types:Dictionary-keyUniqueness-shape`, `types:ProperDictionary`) select `$this` with a
 *   `GROUP BY ?value`, which SPARQL forbids (a non-grouped variable in the projection) and Comunica rejects.
 *   They are rewritten here, in memory, as "two distinct entries with the same key"; the shared file is untouched.
 * - SPARQL constraints are evaluated once per constraint over the whole data graph and the rows handed to each
 *   focus node by their `$this`, instead of shacl-engine's one Comunica engine and query per focus node (about
 *   100 ms each: minutes for an export graph). For these queries, where `$this` always occurs in the outer basic
 *   graph pattern, that gives the same rows as pre-binding `$this`. A blank focus node (which Comunica would
 *   relabel in the results) is still queried on its own.
 * - shacl-engine counts Info and Warning results as non-conforming, and so do we: a graph for court has none.
 * - Besides SHACL: every `rdf:type` must be a class the ontology declares and every predicate a property it
 *   declares (SHACL alone says nothing about an unknown class or a misspelt property).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import type { Term } from '@rdfjs/types';
import { DataFactory, Parser, Store, type Quad } from 'n3';
import { Validator } from 'shacl-engine';
import { bindingsToObject, select, stringifyPath } from 'shacl-engine/lib/sparql.js';
import * as shaclNs from 'shacl-engine/lib/namespaces.js';
import parsePath from 'shacl-engine/lib/parsePath.js';
import { targetResolvers } from 'shacl-engine/sparql.js';

/**
 * The shared CASE 1.4.0 ontology with its shapes (tests may read shared files; the app never does): the first
 * `shared/ontology/case-1.4.0.ttl` above the repository (`../shared` of the main checkout, `../../shared` of a
 * worktree), or `CASE_ONTOLOGY` when set.
 */
export const CASE_ONTOLOGY_PATH = process.env['CASE_ONTOLOGY'] ?? findSharedOntology(path.resolve(__dirname, '../..'));

function findSharedOntology(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'ontology', 'case-1.4.0.ttl');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`No shared/ontology/case-1.4.0.ttl above ${start}; set CASE_ONTOLOGY.`);
  }
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const OWL = 'http://www.w3.org/2002/07/owl#';
const SH = 'http://www.w3.org/ns/shacl#';
const TYPES = 'https://ontology.unifiedcyberontology.org/uco/types/';

/** RDF and RDFS terms a CASE graph may use without the ontology declaring them. */
const BUILT_IN_PREDICATES = new Set([RDF_TYPE, `${RDFS}comment`, `${RDFS}label`, `${RDFS}seeAlso`]);

const DICTIONARY_KEY_FILTERS = `
    FILTER NOT EXISTS { $this a types:ImproperDictionary . }
    FILTER NOT EXISTS { $this a types:ProperDictionary . }`;

/** "Two distinct entries with the same key", optionally with the Dictionary shape's two exclusions. */
const duplicateKeyQuery = (filters: string) => `
  PREFIX types: <${TYPES}>
  SELECT DISTINCT $this ?value
  WHERE {
    $this types:entry ?nEntry1 , ?nEntry2 .
    ?nEntry1 types:key ?value .
    ?nEntry2 types:key ?value .
    FILTER ( ?nEntry1 != ?nEntry2 )${filters}
  }`;

/** The shapes whose `GROUP BY` query is replaced, by the IRI of the shape holding the `sh:sparql` constraint. */
export const REWRITTEN_SHAPES: Readonly<Record<string, string>> = {
  [`${TYPES}Dictionary-keyUniqueness-shape`]: duplicateKeyQuery(DICTIONARY_KEY_FILTERS),
  [`${TYPES}ProperDictionary`]: duplicateKeyQuery(''),
};

/** A Comunica bindings row, as far as we read it. */
interface Row {
  get(name: unknown): Term | undefined;
  has(name: string): boolean;
}

/** Rows of one query over one dataset, grouped by the focus node (`$this`), computed once. */
const rowCache = new WeakMap<object, Map<string, Promise<Map<string, Row[]>>>>();

function rowsByFocus(dataset: object, factory: { variable(name: string): Term }, query: string): Promise<Map<string, Row[]>> {
  let perDataset = rowCache.get(dataset);
  if (!perDataset) rowCache.set(dataset, (perDataset = new Map()));
  let rows = perDataset.get(query);
  if (!rows) {
    const thisVar = factory.variable('this');
    rows = (select({ bindings: [], dataset, factory, query }) as Promise<Row[]>).then((all) => {
      const grouped = new Map<string, Row[]>();
      for (const row of all) {
        const focus = row.get(thisVar);
        if (!focus) continue;
        const key = `${focus.termType} ${focus.value}`;
        grouped.set(key, [...(grouped.get(key) ?? []), row]);
      }
      return grouped;
    });
    perDataset.set(query, rows);
  }
  return rows;
}

interface SparqlShape {
  readonly sparql: { out(p: readonly Term[]): { value: string; terms: Term[]; ptrs: unknown[] } & { out(p: readonly Term[]): unknown }; terms: Term[] };
  readonly path: unknown;
}

interface SparqlContext {
  readonly factory: { variable(name: string): Term };
  readonly focusNode: { readonly term: Term; readonly dataset: object; node(terms: readonly (Term | undefined)[]): unknown };
  violation(component: Term, details: Record<string, unknown>): void;
  debug(component: Term, details: Record<string, unknown>): void;
}

/** shacl-engine's `sh:sparql` validation (lib/validations/sparql.js) with rows computed once per constraint. */
function compileSparqlOnce(shape: SparqlShape): { generic: (context: SparqlContext) => Promise<void> } {
  const sh = shaclNs.sh;
  const selectText = shape.sparql.out([sh.select]).value;
  const prefixes: string[] = [];
  const collectPrefixes = (ptr: ReturnType<SparqlShape['sparql']['out']>) => {
    for (const imports of (ptr as unknown as { out(p: Term[]): Iterable<typeof ptr> }).out([shaclNs.owl.imports])) collectPrefixes(imports);
    for (const declare of (ptr as unknown as { out(p: Term[]): Iterable<{ out(p: Term[]): { value: string } }> }).out([sh.declare])) {
      prefixes.push(`PREFIX ${declare.out([sh.prefix]).value}: <${declare.out([sh.namespace]).value}>`);
    }
  };
  collectPrefixes(shape.sparql.out([sh.prefixes]));
  const sparqlPath = stringifyPath(shape.path);
  const message = shape.sparql.out([sh.message]).terms;
  const source = shape.sparql.terms;
  const query = [...prefixes, selectText].filter(Boolean).join('\n').split('$PATH').join(sparqlPath ?? '');
  return {
    generic: async (context) => {
      const focus = context.focusNode.term;
      // Comunica relabels blank nodes in results, so a blank focus node is queried on its own, pre-bound.
      const rows =
        focus.termType === 'BlankNode'
          ? ((await select({ bindings: [[context.factory.variable('this'), focus]], dataset: context.focusNode.dataset, factory: context.factory, query })) as Row[])
          : ((await rowsByFocus(context.focusNode.dataset, context.factory, query)).get(`${focus.termType} ${focus.value}`) ?? []);
      for (const row of rows) {
        const args = bindingsToObject(row);
        const path = row.has('path') && parsePath(context.focusNode.node([row.get('path')]));
        const value = context.focusNode.node([row.get('value') ?? focus]);
        context.violation(sh.SPARQLConstraintComponent, { args, message, path, source, value });
      }
      if (rows.length === 0) context.debug(sh.SPARQLConstraintComponent, { source });
    },
  };
}

const validations = new Map([[shaclNs.sh.sparql, compileSparqlOnce]]);

/** One SHACL result or ontology-level problem, flattened for assertions and messages. */
export interface CaseProblem {
  readonly kind: 'shacl' | 'unknown-class' | 'unknown-property';
  readonly focusNode: string;
  readonly path: string | null;
  readonly severity: string;
  readonly message: string;
  readonly shape: string | null;
  readonly value: string | null;
}

export interface CaseValidation {
  readonly conforms: boolean;
  readonly problems: readonly CaseProblem[];
  /** Quads in the graph (without the ontology's class hierarchy). */
  readonly quadCount: number;
}

interface LoadedOntology {
  readonly shapes: Store;
  readonly subClassOf: readonly Quad[];
  readonly classes: ReadonlySet<string>;
  readonly properties: ReadonlySet<string>;
}

let loaded: LoadedOntology | null = null;

/**
 * Parse the ontology once per test process and rewrite the two `GROUP BY` shapes. Throws when the ontology
 * holds other `GROUP BY` queries or lacks the two expected ones, so a newer ontology cannot be half-rewritten.
 */
export function loadCaseOntology(file = CASE_ONTOLOGY_PATH): LoadedOntology {
  if (loaded && file === CASE_ONTOLOGY_PATH) return loaded;
  const quads = new Parser({ format: 'text/turtle' }).parse(readFileSync(file, 'utf8'));
  const shapes = new Store(quads);
  const rewritten = new Set<string>();
  for (const select of shapes.getQuads(null, `${SH}select`, null, null)) {
    if (!/GROUP\s+BY/i.test(select.object.value)) continue;
    const owners = shapes.getQuads(null, `${SH}sparql`, select.subject, null).map((q) => q.subject.value);
    const owner = owners.find((o) => REWRITTEN_SHAPES[o] !== undefined);
    if (!owner) throw new Error(`Unexpected GROUP BY shape in the ontology (constraint of ${owners.join(', ') || 'nothing'}); add a rewrite for it.`);
    shapes.removeQuad(select);
    shapes.addQuad(select.subject, select.predicate, DataFactory.literal(REWRITTEN_SHAPES[owner]!), select.graph);
    rewritten.add(owner);
  }
  const missing = Object.keys(REWRITTEN_SHAPES).filter((s) => !rewritten.has(s));
  if (missing.length) throw new Error(`The ontology no longer has the GROUP BY shapes ${missing.join(', ')}; review REWRITTEN_SHAPES.`);

  const typed = (type: string) => new Set(shapes.getQuads(null, RDF_TYPE, type, null).map((q) => q.subject.value));
  const classes = new Set([...typed(`${OWL}Class`), ...typed(`${RDFS}Class`)]);
  const properties = new Set([
    ...typed(`${OWL}ObjectProperty`),
    ...typed(`${OWL}DatatypeProperty`),
    ...typed(`${OWL}AnnotationProperty`),
    ...typed('http://www.w3.org/1999/02/22-rdf-syntax-ns#Property'),
  ]);
  const result = { shapes, subClassOf: shapes.getQuads(null, `${RDFS}subClassOf`, null, null), classes, properties };
  if (file === CASE_ONTOLOGY_PATH) loaded = result;
  return result;
}

/** A JSON-LD document loader that refuses everything: contexts must be inline. */
export function refusingDocumentLoader(url: string): Promise<never> {
  return Promise.reject(new Error(`Refused to load ${url}: the CASE graph must not need any remote document.`));
}

/** The graph as RDF quads, through jsonld (safe mode, no document loading) and n3. */
export async function caseGraphQuads(graph: object): Promise<Quad[]> {
  // `safe` (jsonld 8+, not in @types/jsonld): a term the context does not define fails instead of being dropped.
  const options = { format: 'application/n-quads', documentLoader: refusingDocumentLoader, safe: true } as unknown as jsonld.Options.ToRdf;
  const nquads = (await jsonld.toRDF(graph as jsonld.JsonLdDocument, options)) as unknown as string;
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

const termText = (term: { readonly termType: string; readonly value: string } | undefined | null): string | null => (term ? (term.termType === 'BlankNode' ? `_:${term.value}` : term.value) : null);

/** Problems SHACL cannot see: classes and properties the ontology does not declare. */
export function ontologyProblems(quads: readonly Quad[], ontology = loadCaseOntology()): CaseProblem[] {
  const problems: CaseProblem[] = [];
  const seen = new Set<string>();
  for (const q of quads) {
    const predicate = q.predicate.value;
    if (predicate === RDF_TYPE && !ontology.classes.has(q.object.value) && !seen.has(`c ${q.object.value}`)) {
      seen.add(`c ${q.object.value}`);
      problems.push({ kind: 'unknown-class', focusNode: termText(q.subject)!, path: null, severity: 'Violation', message: `${q.object.value} is not a class of the CASE 1.4.0 ontology`, shape: null, value: q.object.value });
    }
    if (!BUILT_IN_PREDICATES.has(predicate) && !ontology.properties.has(predicate) && !seen.has(`p ${predicate}`)) {
      seen.add(`p ${predicate}`);
      problems.push({ kind: 'unknown-property', focusNode: termText(q.subject)!, path: predicate, severity: 'Violation', message: `${predicate} is not a property of the CASE 1.4.0 ontology`, shape: null, value: null });
    }
  }
  return problems;
}

/**
 * Validate a CASE JSON-LD graph: SHACL (core and SPARQL constraints, rewritten GROUP BY shapes) over the graph
 * with the class hierarchy, then the ontology-level checks. Conforms only with no result of any severity.
 */
export async function validateCaseGraph(graph: object): Promise<CaseValidation> {
  const ontology = loadCaseOntology();
  const quads = await caseGraphQuads(graph);
  const data = new Store([...quads, ...ontology.subClassOf]);
  const factory = {
    ...DataFactory,
    variable: DataFactory.variable,
    dataset: () => new Store(),
  };
  const validator = new Validator(ontology.shapes, { factory: factory as never, validations, targetResolvers });
  const report = await validator.validate({ dataset: data });
  const problems: CaseProblem[] = report.results.map((r) => ({
    kind: 'shacl',
    focusNode: termText(r.focusNode?.term) ?? '',
    path: r.path?.map((step) => step.predicates.map((p) => p.value).join('|')).join('/') || null,
    severity: r.severity.value.replace(SH, ''),
    message: r.message.map((m) => m.value).join(' '),
    shape: termText(r.shape?.ptr.term),
    value: termText(r.value?.term),
  }));
  problems.push(...ontologyProblems(quads, ontology));
  return { conforms: problems.length === 0, problems, quadCount: quads.length };
}

/** Problems as readable lines, for assertion messages. */
export function describeProblems(problems: readonly CaseProblem[]): string {
  return problems.map((p) => `${p.severity} ${p.kind} on ${p.focusNode}${p.path ? ` (${p.path})` : ''}: ${p.message}${p.value ? ` [${p.value}]` : ''}`).join('\n');
}
