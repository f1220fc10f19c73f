/**
 * `forensics.fusion`: the image-level manipulation-indicators score and the fused localisation map,
 * computed from what the kernel analysers stored for this content (their scores and map artifacts), so
 * it reads exactly what the case holds and what an export will carry.
 */
import { fuse, fusionCalibration, type FusionInput } from '../../forensics/fusion';
import type { KernelSpec } from '../../forensics/kernel-spec';
import { decodeMapPng, quantizeMap } from '../../forensics/stored-map';
import type { Analyser, AnalyserOutcome } from '../../pipeline/analyser';
import { artifactOf } from './drafts';
import { analyserIdOf, FORENSIC_KINDS, forensicInputOf } from './kernel.analyser';

export const MANIPULATION_SCORE = 'forensics.manipulation';

/**
 * Severity of the fused finding: 0.5 is where the calibrated logistic model says "as likely manipulated as
 * not" on the synthetic set; from there the finding is a medium-severity lead, below it information.
 */
const NOTICE_AT = 0.5;

export function createFusionAnalyser(kernels: readonly KernelSpec[]): Analyser {
  const calibration = fusionCalibration();
  return {
    id: 'forensics.fusion',
    version: `1.0.0+${calibration.version}`,
    title: 'Manipulation indicators (fusion)',
    requires: kernels.map(analyserIdOf),
    parameters: { bias: calibration.bias, weights: calibration.weights, mapWeights: calibration.mapWeights },
    resources: async () => ({ calibration: { version: calibration.version, fittedOn: calibration.fittedOn, auc: calibration.auc } }),
    accepts: (item) => FORENSIC_KINDS.has(item.kind) && !!item.width && !!item.height,
    async run(_item, ctx): Promise<AnalyserOutcome> {
      const inputs: FusionInput[] = [];
      for (const kernel of kernels) {
        const stored = ctx.stored(analyserIdOf(kernel));
        if (!stored || stored.status !== 'ok') {
          inputs.push({ kernelId: kernel.id, score: null, maps: [] });
          continue;
        }
        const primary = stored.artifacts.find((a) => a.documentId === null);
        const maps = primary ? [await decodeMapPng(await ctx.blob(primary.blobSha256), primary.meta)] : [];
        inputs.push({ kernelId: kernel.id, score: stored.scores[analyserIdOf(kernel)] ?? null, maps });
      }
      const input = await forensicInputOf(ctx);
      const result = fuse(inputs, input.rgb.width, input.rgb.height);
      const reasons = result.reasons.map((r) => `${r.kernelId} ${r.score.toFixed(2)} × ${r.weight.toFixed(2)}`);
      return {
        status: 'ok',
        output: {
          scores: [{ name: MANIPULATION_SCORE, value: result.score }],
          artifacts: [await artifactOf('fused', quantizeMap(result.map), input)],
          findings: [
            {
              kind: 'forensics.manipulation-indicators',
              severity: result.score >= NOTICE_AT ? 'medium' : 'info',
              confidence: result.score,
              region: null,
              space: 'item',
              attributes: { reasons: result.reasons, calibration: result.calibration },
              explanation: `Fused manipulation-indicators score ${result.score.toFixed(2)} (logistic model ${result.calibration.version}, fitted on ${result.calibration.fittedOn})${reasons.length ? `; contributions: ${reasons.join(', ')}` : '; no kernel contributed'}.`,
            },
          ],
        },
      };
    },
  };
}
