/** What the forensic viewer reads: per item, every forensic analyser's run, maps and findings, and the fused score. */
import type { FindingView, ProvenanceView } from './documents';
import type { ItemId } from './ids';

/** The name of the fused score in filters and sort keys. */
export const MANIPULATION_SCORE_NAME = 'forensics.manipulation';

/** One stored map; its pixels are served as the item's asset `artifact-<artifactId>` (8-bit greyscale PNG). */
export interface ForensicMapView {
  readonly artifactId: number;
  readonly analyserId: string;
  readonly name: string;
  /** Map size in cells; one cell covers `cellSize` x `cellSize` stored image pixels. */
  readonly width: number;
  readonly height: number;
  readonly cellSize: number;
  /** What grey level 0 and 255 mean: `range` in `unit`, and which end points at manipulation. */
  readonly unit: string;
  readonly range: readonly [number, number];
  readonly higherIsSuspicious: boolean;
  /** EXIF orientation of the item: maps are in stored pixel order and must be turned like the image. */
  readonly orientation: number;
  /** Stored (not upright) size of the image the map was measured on. */
  readonly imageWidth: number;
  readonly imageHeight: number;
}

export interface ForensicRunView {
  readonly analyserId: string;
  readonly title: string;
  readonly status: 'ok' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  readonly reason: string | null;
  /** The analyser's image-level score in [0, 1], when it gives one. */
  readonly score: number | null;
  readonly provenance: ProvenanceView;
}

export interface ItemForensics {
  readonly itemId: ItemId;
  /** Fused manipulation-indicators score in [0, 1], or null before analysis. */
  readonly score: number | null;
  readonly runs: readonly ForensicRunView[];
  readonly maps: readonly ForensicMapView[];
  /** Findings of the forensic analysers, with regions in upright item pixels. */
  readonly findings: readonly FindingView[];
}
