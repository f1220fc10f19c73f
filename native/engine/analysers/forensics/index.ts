/** The forensic analysers: one per kernel, then fusion. They share one worker pool, owned by the analyser set. */
import { KERNELS } from '../../forensics/kernels';
import type { ForensicPool } from '../../forensics/pool/pool';
import type { Analyser } from '../../pipeline/analyser';
import { createFusionAnalyser } from './fusion.analyser';
import { createKernelAnalyser } from './kernel.analyser';

export function createForensicAnalysers(pool: ForensicPool): Analyser[] {
  return [...KERNELS.map((kernel) => createKernelAnalyser(kernel, pool)), createFusionAnalyser(KERNELS)];
}

export { MANIPULATION_SCORE } from './fusion.analyser';
