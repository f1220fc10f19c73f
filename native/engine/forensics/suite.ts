/**
 * The whole forensic suite on one decoded item: every applicable kernel through the worker pool (in
 * parallel), each map quantised as the case stores it, then fusion (of each kernel's score and its
 * primary map: the first in its `maps`). Used by `caselens check`; the
 * pipeline runs the same kernels as separate versioned analysers (analysers/forensics).
 */
import { fuse, type FusionResult } from './fusion';
import type { ForensicInput } from './input';
import type { KernelSpec } from './kernel-spec';
import { KERNELS } from './kernels';
import type { ForensicPool } from './pool/pool';
import type { QuantizedMap } from './stored-map';
import type { ForensicResult } from './types';

export interface KernelOutcome {
  readonly kernel: KernelSpec;
  readonly status: 'ok' | 'not-applicable' | 'failed';
  /** Why it did not apply, or the error. */
  readonly reason: string | null;
  /** The kernel's result; its float maps are not kept (`result.maps` is empty), see `maps`. */
  readonly result: ForensicResult | null;
  /** Each map in its stored form (8-bit levels, pooled to STORED_MAP_MAX_SIDE). */
  readonly maps: Readonly<Record<string, QuantizedMap>>;
  readonly ms: number;
}

export interface SuiteResult {
  readonly kernels: readonly KernelOutcome[];
  readonly fusion: FusionResult;
}

export async function runKernel(pool: ForensicPool, kernel: KernelSpec, input: ForensicInput, signal?: AbortSignal): Promise<KernelOutcome> {
  const reason = kernel.notApplicable(input.format);
  if (reason) return { kernel, status: 'not-applicable', reason, result: null, maps: {}, ms: 0 };
  try {
    const run = await pool.run(kernel.id, input, signal);
    return { kernel, status: 'ok', reason: null, result: run.result, maps: run.maps, ms: run.ms };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kernel, status: 'failed', reason: error instanceof Error ? error.message : String(error), result: null, maps: {}, ms: 0 };
  }
}

export async function runForensicSuite(
  pool: ForensicPool,
  input: ForensicInput,
  options: { readonly kernels?: readonly KernelSpec[]; readonly signal?: AbortSignal } = {},
): Promise<SuiteResult> {
  const kernels = options.kernels ?? KERNELS;
  const outcomes = await Promise.all(kernels.map((kernel) => runKernel(pool, kernel, input, options.signal)));
  const fusion = fuse(
    outcomes.map((o) => ({ kernelId: o.kernel.id, score: o.result?.score ?? null, maps: Object.values(o.maps).slice(0, 1) })),
    input.rgb.width,
    input.rgb.height,
  );
  return { kernels: outcomes, fusion };
}
