/**
 * What the pool, the pipeline and the CLI need to know about a forensic kernel: a versioned, parameterised
 * function from a decoded item to a ForensicResult. The list itself is in kernels.ts.
 */
import type { ForensicInput } from './input';
import type { ForensicResult } from './types';

export interface KernelSpec {
  /** Stable id; the pipeline analyser is `forensics.<id>`. */
  readonly id: string;
  /** Semantic version of the kernel's algorithm and parameters; bumping it re-runs it on the next analysis. */
  readonly version: string;
  readonly title: string;
  /** Where the method comes from (paper or tool), for the documentation and the report. */
  readonly reference: string;
  /** The parameters it runs with, stored with every result. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Null when the kernel applies to an input of this format, else why it does not (e.g. "not a JPEG"). */
  notApplicable(format: string): string | null;
  run(input: ForensicInput): Promise<ForensicResult>;
}

/** For kernels that read JPEG compression traces. */
export const jpegOnly = (format: string): string | null => (format === 'jpeg' ? null : `the item is ${format}, not a JPEG`);
export const anyFormat = (): string | null => null;
