/**
 * How a map reads inside one zone of a document compared with a reference area of the same document
 * (the rest of the card, or the other zones of the same kind), measured on the original pixels: the
 * item-level map cells whose centres fall inside the zone's outline in the photo.
 */
import { storedPoint, uprightPoint } from '../orientation';
import { suspicion, type QuantizedMap } from '../stored-map';
import type { Point } from './homography';

export interface ZoneStats {
  readonly zoneCells: number;
  readonly referenceCells: number;
  readonly zoneMean: number;
  readonly referenceMean: number;
  readonly referenceP95: number;
  /** Share of zone cells above the reference's 95th percentile (0.05 expected when the zone is like the reference). */
  readonly fractionAbove: number;
  /**
   * Probability that a zone cell is more suspicious than a reference cell, ties counting half (the
   * Mann-Whitney U statistic over the product of the counts, i.e. the area under the ROC curve separating
   * zone from reference). 0.5 when the zone reads like its reference; robust to maps that saturate on
   * flat areas, where a percentile threshold cannot be exceeded.
   */
  readonly auc: number;
}

/** AUC of zone over reference values in [0, 1], by 256-level histograms (the stored maps' precision). */
function rankAuc(zone: readonly number[], reference: readonly number[]): number {
  const hz = new Float64Array(256);
  const hr = new Float64Array(256);
  for (const v of zone) hz[Math.round(v * 255)]!++;
  for (const v of reference) hr[Math.round(v * 255)]!++;
  let below = 0;
  let wins = 0;
  for (let level = 0; level < 256; level++) {
    wins += hz[level]! * (below + hr[level]! / 2);
    below += hr[level]!;
  }
  return wins / (zone.length * reference.length);
}

/** Even-odd rule point-in-polygon test. */
export function insidePolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function quantile(sorted: Float32Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export interface ZoneGeometry {
  /** Outline of the zone in upright item pixels. */
  readonly zone: readonly Point[];
  /** Outlines of the reference area (cells inside any of them and not in the zone). */
  readonly reference: readonly (readonly Point[])[];
  /** Outline of the whole document: cells outside it are never used. */
  readonly card: readonly Point[];
}

/**
 * Zone statistics of a stored map. `imageWidth`/`imageHeight` are the stored image size the map was
 * measured on and `orientation` its EXIF orientation (zones are upright). Null when the zone or the
 * reference covers no map cell.
 */
export function zoneStats(map: QuantizedMap, imageWidth: number, imageHeight: number, orientation: number, geometry: ZoneGeometry): ZoneStats | null {
  const values = suspicion(map);
  // Only cells inside the card's bounding box (in stored coordinates) can belong to either area.
  const stored = geometry.card.map(([u, v]) => storedPoint(u, v, imageWidth, imageHeight, orientation));
  const cs = map.cellSize;
  const x0 = Math.max(0, Math.floor(Math.min(...stored.map((p) => p[0])) / cs));
  const x1 = Math.min(map.width - 1, Math.ceil(Math.max(...stored.map((p) => p[0])) / cs));
  const y0 = Math.max(0, Math.floor(Math.min(...stored.map((p) => p[1])) / cs));
  const y1 = Math.min(map.height - 1, Math.ceil(Math.max(...stored.map((p) => p[1])) / cs));
  const zone: number[] = [];
  const reference: number[] = [];
  for (let my = y0; my <= y1; my++) {
    for (let mx = x0; mx <= x1; mx++) {
      const [u, v] = uprightPoint((mx + 0.5) * cs, (my + 0.5) * cs, imageWidth, imageHeight, orientation);
      if (!insidePolygon(u, v, geometry.card)) continue;
      const value = values[my * map.width + mx]!;
      if (insidePolygon(u, v, geometry.zone)) zone.push(value);
      else if (geometry.reference.some((area) => insidePolygon(u, v, area))) reference.push(value);
    }
  }
  if (!zone.length || !reference.length) return null;
  const sortedReference = Float32Array.from(reference).sort();
  const p95 = quantile(sortedReference, 0.95);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    zoneCells: zone.length,
    referenceCells: reference.length,
    zoneMean: mean(zone),
    referenceMean: mean(reference),
    referenceP95: p95,
    fractionAbove: zone.filter((v) => v > p95).length / zone.length,
    auc: rankAuc(zone, reference),
  };
}
