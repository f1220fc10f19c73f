/** Shaping `items.forensics` answers for display: map order and labels, fusion reasons, finding order. */
import type { FindingView, ForensicMapView, ItemForensics, Severity } from '../../../../native/engine/contract';

/**
 * From this fused score on, it is drawn warm (grid badge, panel): 0.5 is where the calibrated logistic model
 * says "as likely manipulated as not" on the synthetic set, the fusion analyser's own notice level.
 */
export const WARM_SCORE = 0.5;

/** The fusion analyser: its map is the fused one and its finding carries the reasons. */
export const FUSION_ANALYSER = 'forensics.fusion';

/** One kernel's share of the fused score, as `forensics.fusion` stores it in its finding's attributes. */
export interface FusionReasonView {
  readonly kernelId: string;
  readonly score: number;
  readonly weight: number;
  /** weight x score: the kernel's share of the logistic model's logit. */
  readonly contribution: number;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The fusion reasons (largest contribution first) from the fusion finding's `attributes.reasons`; entries
 * that are not well formed are left out rather than shown half.
 */
export function fusionReasons(findings: readonly FindingView[]): FusionReasonView[] {
  const fusion = findings.find((f) => f.provenance.analyserId === FUSION_ANALYSER && Array.isArray(f.attributes['reasons']));
  const raw = (fusion?.attributes['reasons'] ?? []) as readonly unknown[];
  const out: FusionReasonView[] = [];
  for (const entry of raw) {
    if (!entry || typeof entry !== 'object') continue;
    const r = entry as Record<string, unknown>;
    if (typeof r['kernelId'] === 'string' && isNumber(r['score']) && isNumber(r['weight']) && isNumber(r['contribution'])) {
      out.push({ kernelId: r['kernelId'], score: r['score'], weight: r['weight'], contribution: r['contribution'] });
    }
  }
  return out.sort((a, b) => b.contribution - a.contribution);
}

/** Titles of the item's forensic analysers by id, from its runs. */
export function analyserTitles(forensics: Pick<ItemForensics, 'runs'>): ReadonlyMap<string, string> {
  return new Map(forensics.runs.map((run) => [run.analyserId, run.title]));
}

/** Title of the analyser that produced something, falling back to its id. */
export function titleOf(titles: ReadonlyMap<string, string>, analyserId: string): string {
  return titles.get(analyserId) ?? analyserId;
}

/** Maps for the selector: the fused map first, then the others in the order the engine stored them. */
export function orderMaps(maps: readonly ForensicMapView[]): ForensicMapView[] {
  const fused = maps.filter((m) => m.analyserId === FUSION_ANALYSER);
  return [...fused, ...maps.filter((m) => m.analyserId !== FUSION_ANALYSER)];
}

/** The selector's label of a map: "analyser — map name". */
export function mapLabel(map: ForensicMapView, titles: ReadonlyMap<string, string>): string {
  return `${titleOf(titles, map.analyserId)} — ${map.name}`;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2, info: 3 };

/** Findings most severe first, then by score (highest first), then as stored. */
export function orderFindings(findings: readonly FindingView[]): FindingView[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || (b.finding.confidence ?? -1) - (a.finding.confidence ?? -1) || a.index - b.index)
    .map(({ finding }) => finding);
}

/** A score in [0, 1] with two decimals, or a dash when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(2);
}

/** A map value with a precision that suits its range: more decimals for narrow ranges. */
export function formatValue(value: number, range: readonly [number, number]): string {
  const span = Math.abs(range[1] - range[0]);
  // About 3 significant digits at the top of the span: 0..1 -> 0.00, 0..50 -> 0.0, 0..500 -> 0.
  const decimals = span === 0 ? 2 : Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(span))));
  return value.toFixed(decimals);
}
