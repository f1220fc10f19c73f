/**
 * Turning kernel results into what the runner stores: findings in upright item coordinates, maps as
 * PNG artifacts, scores for filtering.
 */
import type { Severity } from '../../contract/documents';
import type { ForensicInput } from '../../forensics/input';
import { uprightBox } from '../../forensics/orientation';
import { encodeMapPng, mapMeta, type QuantizedMap } from '../../forensics/stored-map';
import type { ForensicIndicator } from '../../forensics/types';
import type { ArtifactDraft, FindingDraft } from '../../pipeline/analyser';

/** Kernel severities onto the case's scale: a notice is a low-severity finding, a warning medium; `high` stays for findings that combine evidence. */
export function caseSeverity(severity: ForensicIndicator['severity']): Severity {
  return severity === 'warning' ? 'medium' : severity === 'notice' ? 'low' : 'info';
}

export function findingOf(indicator: ForensicIndicator, input: ForensicInput, extra: Readonly<Record<string, unknown>> = {}): FindingDraft {
  const { width, height } = input.rgb;
  const region = indicator.region ? uprightBox(indicator.region, width, height, input.orientation) : null;
  return {
    kind: indicator.kind,
    severity: caseSeverity(indicator.severity),
    confidence: indicator.score,
    region: region ? { x: Math.round(region.x), y: Math.round(region.y), width: Math.round(region.width), height: Math.round(region.height) } : null,
    space: 'item',
    attributes: { ...indicator.attributes, ...extra, ...(indicator.region && input.orientation !== 1 ? { storedRegion: indicator.region } : {}) },
    explanation: indicator.summary,
  };
}

export async function artifactOf(name: string, map: QuantizedMap, input: ForensicInput, documentId?: number): Promise<ArtifactDraft> {
  return {
    name,
    kind: 'map',
    png: await encodeMapPng(map),
    width: map.width,
    height: map.height,
    ...(documentId !== undefined ? { documentId } : {}),
    meta: { ...mapMeta(map, input.rgb.width, input.rgb.height), orientation: input.orientation },
  };
}
