/**
 * Per-zone forensics (the `forensics.zones` analyser: compression and noise history of each zone against like
 * zones of the same document) as template indicators: each finding is placed on the template zone its centre
 * falls in after alignment, so a portrait pasted from another image shows on the template's portrait zone.
 */
import type { BoxView, Severity } from '../../contract';
import { project } from '../align/geometry';
import type { TemplateZone } from '../template';
import type { TemplateIndicator } from './indicators';

/** A stored per-zone forensic finding of the document (region in rectified-document pixels). */
export interface DocumentForensicFinding {
  readonly kind: string;
  readonly severity: Severity;
  readonly region: BoxView | null;
  readonly explanation: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * The zones analyser's severity says how many maps separated the zone (docs/FORENSICS.md, "Per-zone"):
 * `medium` two or more maps, `low` one map on a portrait, `info` one map on printed text (print alone does
 * that on genuine cards, measured on the synthetic set), so they map to 0.8, 0.5 and 0.2.
 */
const DEVIATION: Readonly<Record<Severity, number>> = { high: 1, medium: 0.8, low: 0.5, info: 0.2 };

/** The smallest template zone containing point (x, y) of the reference frame, or null. */
function zoneAt(zones: readonly TemplateZone[], x: number, y: number, width: number, height: number): TemplateZone | null {
  let best: TemplateZone | null = null;
  let bestArea = Infinity;
  for (const zone of zones) {
    const [fx, fy, fw, fh] = zone.box;
    if (x < fx * width || x > (fx + fw) * width || y < fy * height || y > (fy + fh) * height) continue;
    if (fw * fh < bestArea) {
      best = zone;
      bestArea = fw * fh;
    }
  }
  return best;
}

/** Indicators from the document's per-zone forensic findings, placed on template zones through `toReference`. */
export function forensicIndicators(findings: readonly DocumentForensicFinding[], toReference: readonly number[], zones: readonly TemplateZone[], width: number, height: number): TemplateIndicator[] {
  const out: TemplateIndicator[] = [];
  for (const f of findings) {
    if (f.kind !== 'forensics.zone-outlier' || !f.region) continue;
    const [cx, cy] = project(toReference, f.region.x + f.region.width / 2, f.region.y + f.region.height / 2);
    const zone = zoneAt(zones, cx, cy, width, height);
    const portrait = zone?.kind === 'portrait' || f.attributes.zoneKind === 'portrait';
    const flaggedBy = Array.isArray(f.attributes.flaggedBy) ? f.attributes.flaggedBy.join(', ') : '';
    out.push({
      code: portrait ? 'forensics.portrait' : 'forensics.zone',
      zoneId: zone?.id ?? null,
      deviation: DEVIATION[f.severity],
      source: 'forensics',
      summary: f.explanation,
      measured: { flaggedBy, forensicZone: typeof f.attributes.zone === 'string' ? f.attributes.zone : null },
      expected: {},
      region: null,
    });
  }
  return out;
}
