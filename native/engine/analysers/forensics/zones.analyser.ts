/**
 * `forensics.zones`: per-zone forensics of every document found in an item. For the MRZ, each printed
 * field and the portrait area (forensics/zones/document-zones.ts), the maps every forensic kernel stored
 * for the item are read inside the zone's outline on the original pixels (the rectified card is resampled,
 * which erases compression traces) and compared with a reference area of the same card: the other printed
 * fields for a field (text against text, so glyph edges do not count as evidence), the rest of the card
 * for the portrait and the MRZ. A pasted portrait or a re-typed field stands out in the maps that see its
 * other history; the finding names the zone, the maps and the measured shares.
 */
import type { BoxView } from '../../contract/documents';
import { decodeMapPng, type QuantizedMap } from '../../forensics/stored-map';
import type { KernelSpec } from '../../forensics/kernel-spec';
import { applyHomography, documentToItem, type Point } from '../../forensics/zones/homography';
import { documentZones, type DocumentZone } from '../../forensics/zones/document-zones';
import { zoneStats, type ZoneStats } from '../../forensics/zones/zone-stats';
import type { Analyser, AnalyserContext, AnalyserOutcome, FindingDraft, StoredDocument } from '../../pipeline/analyser';
import { analyserIdOf, FORENSIC_KINDS } from './kernel.analyser';

/**
 * A map flags a zone when its cells are separated from the reference's: |2·AUC − 1| ≥ 0.5, i.e. a zone
 * cell reads more suspicious than a reference cell 3 times out of 4 (or less suspicious 3 times out of 4:
 * a pasted region can be cleaner than the rest, e.g. less noisy after its own compression). Clean cards of
 * the synthetic set stayed below 0.46 (docs/BENCHMARKS.md, "Per-zone forensics").
 */
export const ZONE_FLAG_SEPARATION = 0.5;

/** |2·AUC − 1|: 0 when the zone reads like its reference, 1 when every zone cell is on one side of every reference cell. */
export const separation = (stats: ZoneStats) => Math.abs(2 * stats.auc - 1);
/** Zones covering fewer map cells than this (a 28 x 28 px field at 8 px cells) are not judged: too few to compare. */
export const MIN_ZONE_CELLS = 12;
/**
 * A map judges a zone only if the zone's short side spans at least two of its cells: a coarser map (the
 * 32 px noise blocks against a 33 px printed line) mixes the zone with its surroundings in every cell, and
 * on the clean synthetic cards such maps separated MRZ lines by print alone.
 */
export const MIN_CELLS_ACROSS = 2;
/**
 * Maps read one-sided: only "more suspicious than the reference" is evidence. A copy-move map marks both
 * ends of a copied pair, and text repeats glyphs, so a field with fewer marks than its neighbours says
 * nothing. Every other map is read both ways: pasted content can also be cleaner (less noise, no ghost).
 */
const ONE_SIDED = new Set(['forensics.copy-move']);

interface LoadedMap {
  readonly analyserId: string;
  readonly map: QuantizedMap;
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly orientation: number;
}

async function storedMaps(ctx: AnalyserContext, kernels: readonly KernelSpec[]): Promise<LoadedMap[]> {
  const maps: LoadedMap[] = [];
  for (const kernel of kernels) {
    const stored = ctx.stored(analyserIdOf(kernel));
    const primary = stored?.status === 'ok' ? stored.artifacts.find((a) => a.documentId === null) : undefined;
    if (!primary) continue;
    const map = await decodeMapPng(await ctx.blob(primary.blobSha256), primary.meta);
    maps.push({
      analyserId: analyserIdOf(kernel),
      map,
      imageWidth: Number(primary.meta.imageWidth),
      imageHeight: Number(primary.meta.imageHeight),
      orientation: Number(primary.meta.orientation ?? 1),
    });
  }
  return maps;
}

function vizFieldsOf(ctx: AnalyserContext, documentId: number, withViz: boolean): { field: string; box: BoxView }[] {
  if (!withViz) return [];
  const viz = ctx.stored('viz-ocr');
  return (viz?.findings ?? []).flatMap((f) =>
    f.kind === 'viz.field' && f.documentId === documentId && f.region && typeof f.attributes.field === 'string' ? [{ field: f.attributes.field, box: f.region }] : [],
  );
}

const corners = (b: BoxView): Point[] => [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]];

function zoneFinding(doc: StoredDocument, zone: DocumentZone, referenceName: string, flagged: { analyserId: string; stats: ZoneStats }[], all: Record<string, ZoneStats>): FindingDraft {
  const strongest = Math.max(...flagged.map((f) => separation(f.stats)));
  // Two maps that see another history agree far more rarely by chance than one: on the clean synthetic cards
  // single maps flagged printed fields and MRZ lines by print alone (docs/BENCHMARKS.md, "Per-zone forensics"),
  // so a single-map text or MRZ flag is recorded as information, a single-map portrait flag as low.
  const severity = flagged.length >= 2 ? 'medium' : zone.kind === 'portrait' ? 'low' : 'info';
  const where = zone.kind === 'text' ? (zone.field ? `printed field ${zone.field}` : 'personal-data area') : zone.kind === 'mrz' ? `MRZ line ${zone.id.slice('mrz-line-'.length)}` : 'portrait area';
  const shares = flagged
    .map((f) => `${f.analyserId.replace('forensics.', '')} ${f.stats.auc >= 0.5 ? 'more' : 'less'} suspicious than ${Math.round(Math.max(f.stats.auc, 1 - f.stats.auc) * 100)} % of reference cells`)
    .join(', ');
  return {
    kind: 'forensics.zone-outlier',
    severity,
    confidence: strongest,
    field: zone.field,
    region: zone.box,
    space: 'document',
    documentId: doc.id,
    attributes: { zone: zone.id, zoneKind: zone.kind, zoneSource: zone.source, reference: referenceName, flaggedBy: flagged.map((f) => f.analyserId), stats: all, flagSeparation: ZONE_FLAG_SEPARATION },
    explanation: `In the ${where}${zone.source === 'generic-layout' ? ' (generic layout, no template)' : ''}, compared with ${referenceName}, map cells read ${shares} (50 % for a zone like its reference): its pixels have another compression or noise history, as a pasted or re-typed zone has; strong local differences of texture or print can do the same.`,
  };
}

export function createZonesAnalyser(kernels: readonly KernelSpec[], options: { readonly withViz: boolean }): Analyser {
  return {
    id: 'forensics.zones',
    version: '1.1.0',
    title: 'Per-zone forensics of found documents',
    requires: ['documents', ...kernels.map(analyserIdOf), ...(options.withViz ? ['viz-ocr'] : [])],
    parameters: {
      flagSeparation: ZONE_FLAG_SEPARATION,
      minZoneCells: MIN_ZONE_CELLS,
      minCellsAcross: MIN_CELLS_ACROSS,
      oneSided: [...ONE_SIDED],
      statistic: 'Mann-Whitney AUC of zone vs reference cells',
    },
    resources: async () => ({}),
    accepts: (item) => FORENSIC_KINDS.has(item.kind) && !!item.width && !!item.height,
    async run(_item, ctx): Promise<AnalyserOutcome> {
      const documents = ctx.documents();
      if (!documents.length) return { status: 'skipped', reason: 'no document was found in the item' };
      const maps = await storedMaps(ctx, kernels);
      if (!maps.length) return { status: 'skipped', reason: 'no forensic map was stored for the item' };
      const findings: FindingDraft[] = [];
      const measured: Record<string, unknown>[] = [];
      for (const doc of documents) {
        const h = documentToItem(doc.quad as Point[], doc.rectifiedWidth, doc.rectifiedHeight);
        const toItem = (b: BoxView) => corners(b).map((p) => applyHomography(h, p));
        const card = doc.quad as Point[];
        // Item pixels per document pixel (the rectified card is at 300 dpi, the photo at whatever it is).
        const scale = Math.hypot(card[1]![0] - card[0]![0], card[1]![1] - card[0]![1]) / doc.rectifiedWidth;
        const zones = documentZones(doc, vizFieldsOf(ctx, doc.id, options.withViz));
        for (const zone of zones) {
          // Like is compared with like (glyph edges raise most maps whatever the history): a printed field
          // with the other printed fields, an MRZ line with the other MRZ lines; the portrait with the rest
          // of the card. A text zone without at least one like neighbour is not judged.
          const others = zone.kind === 'portrait' ? [] : zones.filter((z) => z !== zone && z.kind === zone.kind);
          if (zone.kind !== 'portrait' && others.length === 0) continue;
          const reference = zone.kind === 'portrait' ? [card] : others.map((z) => toItem(z.box));
          const referenceName = zone.kind === 'portrait' ? 'the rest of the document' : zone.kind === 'mrz' ? 'the other MRZ lines' : 'the other printed fields';
          const all: Record<string, ZoneStats> = {};
          const flagged: { analyserId: string; stats: ZoneStats }[] = [];
          for (const m of maps) {
            const stats = zoneStats(m.map, m.imageWidth, m.imageHeight, m.orientation, { zone: toItem(zone.box), reference, card });
            if (Math.min(zone.box.width, zone.box.height) * scale < MIN_CELLS_ACROSS * m.map.cellSize) continue;
            if (!stats || stats.zoneCells < MIN_ZONE_CELLS) continue;
            all[m.analyserId] = stats;
            const flags = ONE_SIDED.has(m.analyserId) ? 2 * stats.auc - 1 >= ZONE_FLAG_SEPARATION : separation(stats) >= ZONE_FLAG_SEPARATION;
            if (flags) flagged.push({ analyserId: m.analyserId, stats });
          }
          measured.push({ documentId: doc.id, zone: zone.id, source: zone.source, auc: Object.fromEntries(Object.entries(all).map(([id, st]) => [id, Math.round(st.auc * 1000) / 1000])) });
          if (flagged.length) findings.push(zoneFinding(doc, zone, referenceName, flagged, all));
        }
      }
      return { status: 'ok', output: { findings, metrics: { zones: measured } } };
    },
  };
}
