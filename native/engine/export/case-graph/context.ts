/**
 * The inline JSON-LD context of the CASE graph: the CASE 1.4 / UCO 1.4 namespaces under the prefixes the CASE
 * examples use. No `@vocab`: a property or class written without a prefix is an error, not a local term.
 */
export const CASE_NAMESPACES = {
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-configuration': 'https://ontology.unifiedcyberontology.org/uco/configuration/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-location': 'https://ontology.unifiedcyberontology.org/uco/location/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** The node-id prefix of the CASE examples (`kb:`); exports should pass their own. */
export const DEFAULT_ID_BASE = 'http://example.org/kb/';

/** The context with `kb` bound to the export's id base. */
export function caseContext(idBase: string): Record<string, string> {
  return { kb: idBase, ...CASE_NAMESPACES };
}
