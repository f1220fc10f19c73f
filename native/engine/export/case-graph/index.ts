/** CASE 1.4 / UCO graph of a case or a selection of it (`metadata/case.jsonld` of an evidence package). */
export { buildCaseGraph, startCaseGraph, type PendingCaseGraph } from './build-case-graph';
export { caseContext, CASE_NAMESPACES, DEFAULT_ID_BASE } from './context';
export { NodeIds, uuidV5 } from './ids';
export type { CaseGraph, CaseGraphOptions, GraphNode, PackagedFile, ToolInfo } from './types';
