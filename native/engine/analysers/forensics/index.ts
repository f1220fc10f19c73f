/** The forensic analysers: one per kernel, then fusion. They share one worker pool, owned by the analyser set. */
import { KERNELS } from '../../forensics/kernels';
import type { ForensicPool } from '../../forensics/pool/pool';
import type { Analyser } from '../../pipeline/analyser';
import { createFusionAnalyser } from './fusion.analyser';
import { createKernelAnalyser } from './kernel.analyser';
import { createZonesAnalyser } from './zones.analyser';

/**
 * The kernels, fusion, and per-zone forensics of found documents (which needs the `documents` analyser,
 * and reads printed-field boxes from `viz-ocr` when `withViz`).
 */
export function createForensicAnalysers(pool: ForensicPool, options: { readonly withDocuments: boolean; readonly withViz: boolean }): Analyser[] {
  return [
    ...KERNELS.map((kernel) => createKernelAnalyser(kernel, pool)),
    createFusionAnalyser(KERNELS),
    ...(options.withDocuments ? [createZonesAnalyser(KERNELS, { withViz: options.withViz })] : []),
  ];
}

export { MANIPULATION_SCORE } from './fusion.analyser';

/** Titles of the forensic analysers by id, for views of stored runs. */
export const FORENSIC_TITLES: ReadonlyMap<string, string> = new Map([
  ...KERNELS.map((kernel) => [`forensics.${kernel.id}`, kernel.title] as const),
  ['forensics.fusion', 'Manipulation indicators (fusion)'] as const,
  ['forensics.zones', 'Per-zone forensics of found documents'] as const,
]);
