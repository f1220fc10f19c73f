/** Inputs and output of the CASE graph export (`metadata/case.jsonld` of an evidence package). */

/** One file of the evidence package, as the package writer lays it out (the lead's exporter fills these). */
export interface PackagedFile {
  /** Path inside the bag, `/`-separated (e.g. `data/evidence/EXH-01/DCIM/IMG_0001.jpg`). */
  readonly bagPath: string;
  /** Lower-case hex. */
  readonly sha256: string;
  readonly sha512?: string;
  readonly size: number;
  /** `evidence`: bit-exact copy of an item; `derived`: crop, rectified card, map; `report`, `template`: as named. */
  readonly role: 'evidence' | 'derived' | 'report' | 'template';
  /** The item the file is (evidence) or was derived from (derived). */
  readonly itemId?: number;
  /** The document a derived file shows (rectified card, document crop). */
  readonly documentId?: number;
  /** The stored artifact (forensic map, aligned image) a derived file is. */
  readonly artifactId?: number;
  readonly mediaType?: string;
  readonly description: string;
}

/** The software that made the package and ran the analyses. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  /** Who makes the tool (an organisation name), when known. */
  readonly creator?: string;
}

/** Options of one CASE graph export. */
export interface CaseGraphOptions {
  /** The items in scope; their exhibits, analyses, documents, persons and links come with them. */
  readonly itemIds: readonly number[];
  /** The package's files; evidence files name the item they copy. */
  readonly files: readonly PackagedFile[];
  readonly tool: ToolInfo;
  /** The examiner performing the export and named as performer of the analyses (defaults to the case's examiner). */
  readonly examiner?: string | null;
  /** When the package was made (ISO 8601 with offset or Z): the export action's time, and the reference for MRZ centuries. */
  readonly exportedAt: string;
  /**
   * IRI prefix every node id starts with (bound to `kb:` in the context). Ids are `<idBase><kind>-<UUIDv5>`,
   * the UUID derived from the case id and the node's natural key, so the same case and scope give the same ids.
   * Default `http://example.org/kb/` as in the CASE examples; an agency should pass a prefix it controls.
   */
  readonly idBase?: string;
  /** What the investigation is about (`case-investigation:focus`), e.g. "document fraud". */
  readonly focus?: string | null;
}

/** A JSON-LD node of the graph: always with an `@id` (CASE forbids blank nodes). */
export interface GraphNode {
  readonly '@id': string;
  readonly '@type': string | readonly string[];
  readonly [property: string]: unknown;
}

/** The exported document: an inline context and the nodes, nothing fetched from anywhere. */
export interface CaseGraph {
  readonly '@context': Readonly<Record<string, string>>;
  readonly '@graph': readonly GraphNode[];
}
