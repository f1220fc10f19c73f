/** Messages between the forensic pool (main side) and its worker threads. */
import type { ForensicInput } from '../input';
import type { QuantizedMap } from '../stored-map';
import type { ForensicResult } from '../types';

export interface KernelJob {
  readonly jobId: number;
  readonly kernelId: string;
  /** Buffers are SharedArrayBuffer-backed: posting them shares, never copies, the pixels. */
  readonly input: ForensicInput;
}

export type KernelReply =
  /**
   * `result.maps` comes back empty: the worker quantises each map to its stored form (`maps`, same keys),
   * which is all the main side needs, and saves moving float maps between threads.
   */
  | { readonly jobId: number; readonly ok: true; readonly result: ForensicResult; readonly maps: Readonly<Record<string, QuantizedMap>>; readonly ms: number }
  | { readonly jobId: number; readonly ok: false; readonly error: string };
