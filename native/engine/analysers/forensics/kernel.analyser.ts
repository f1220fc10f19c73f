/**
 * One forensic kernel as a versioned pipeline analyser (`forensics.<kernel id>`): decodes the item once
 * for all kernels (shared per item), runs the kernel in the worker pool, and returns its indicators as
 * findings, its maps as artifacts and its image-level score for filtering.
 */
import { decodeForensicInput, type ForensicInput } from '../../forensics/input';
import type { KernelSpec } from '../../forensics/kernel-spec';
import type { ForensicPool } from '../../forensics/pool/pool';
import { runKernel } from '../../forensics/suite';
import type { Analyser, AnalyserContext, AnalyserOutcome } from '../../pipeline/analyser';
import { artifactOf, findingOf } from './drafts';

/** Item kinds sharp decodes to pixels (HEIF is excluded: sharp's prebuilt libvips has no HEVC decoder; BMP: no loader). */
export const FORENSIC_KINDS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'avif']);

export const analyserIdOf = (kernel: KernelSpec) => `forensics.${kernel.id}`;

/** The decoded input shared by the forensic analysers of one item. */
export function forensicInputOf(ctx: AnalyserContext): Promise<ForensicInput> {
  return ctx.shared('forensics.input', async () => decodeForensicInput(await ctx.bytes()));
}

export function createKernelAnalyser(kernel: KernelSpec, pool: ForensicPool): Analyser {
  return {
    id: analyserIdOf(kernel),
    version: kernel.version,
    title: kernel.title,
    requires: [],
    parameters: kernel.parameters,
    resources: async () => ({ reference: kernel.reference }),
    accepts: (item) => FORENSIC_KINDS.has(item.kind) && !!item.width && !!item.height,
    async run(_item, ctx): Promise<AnalyserOutcome> {
      const input = await forensicInputOf(ctx);
      const outcome = await runKernel(pool, kernel, input, ctx.signal);
      if (outcome.status === 'not-applicable') return { status: 'skipped', reason: outcome.reason ?? 'not applicable' };
      if (outcome.status === 'failed' || !outcome.result) return { status: 'failed', error: outcome.reason ?? 'kernel failed' };
      const result = outcome.result;
      const artifacts = await Promise.all(Object.entries(outcome.maps).map(([name, map]) => artifactOf(name, map, input)));
      return {
        status: 'ok',
        output: {
          findings: result.indicators.map((indicator) => findingOf(indicator, input)),
          artifacts,
          scores: result.score === null ? [] : [{ name: analyserIdOf(kernel), value: result.score }],
          metrics: { ...result.metrics, kernelMs: Math.round(outcome.ms), width: input.rgb.width, height: input.rgb.height },
        },
      };
    },
  };
}
