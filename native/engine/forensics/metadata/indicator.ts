/** Builds `metadata.*` indicators (see index.ts for the kinds and the meaning of their scores). */
import type { Box, ForensicIndicator } from '../types';

export function indicator(kind: string, severity: ForensicIndicator['severity'], score: number, summary: string, attributes: Record<string, unknown>, region: Box | null = null): ForensicIndicator {
  return { kind: `metadata.${kind}`, severity, score: Math.max(0, Math.min(1, score)), region, summary, attributes };
}

/** A value for a summary: quoted text, cut at 80 characters. */
export function quote(value: string): string {
  return `"${value.length > 80 ? `${value.slice(0, 77)}...` : value}"`;
}
