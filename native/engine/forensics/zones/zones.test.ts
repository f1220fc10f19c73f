import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../pipeline/analyser';
import type { QuantizedMap } from '../stored-map';
import { documentZones } from './document-zones';
import { applyHomography, documentToItem } from './homography';
import { insidePolygon, zoneStats } from './zone-stats';

describe('document homography', () => {
  it('maps the rectified corners onto the quad and interior points projectively', () => {
    const quad = [[100, 50], [500, 80], [480, 330], [90, 300]] as const;
    const h = documentToItem(quad, 856, 540);
    expect(applyHomography(h, [0, 0])).toEqual([expect.closeTo(100, 6), expect.closeTo(50, 6)]);
    expect(applyHomography(h, [856, 540])).toEqual([expect.closeTo(480, 6), expect.closeTo(330, 6)]);
    // A rectangle seen straight on maps its centre to the centre.
    const flat = documentToItem([[10, 20], [210, 20], [210, 120], [10, 120]], 400, 200);
    expect(applyHomography(flat, [200, 100])).toEqual([expect.closeTo(110, 6), expect.closeTo(70, 6)]);
    expect(() => documentToItem([[0, 0], [1, 1], [2, 2], [3, 3]], 10, 10)).toThrow(/degenerate/);
  });
});

/** A 100 x 60 cell map over a 800 x 480 px image (8 px cells): level 60 with a texture, `hot` inside `box`. */
function map(hot: number, box: { x0: number; y0: number; x1: number; y1: number }, higherIsSuspicious = true): QuantizedMap {
  const levels = new Uint8Array(100 * 60);
  for (let y = 0; y < 60; y++) for (let x = 0; x < 100; x++) levels[y * 100 + x] = x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1 ? hot : 50 + ((x * 7 + y * 13) % 21);
  return { width: 100, height: 60, cellSize: 8, levels, scale: { unit: 't', range: [0, 1], higherIsSuspicious } };
}

describe('zone statistics on stored maps', () => {
  const card = [[40, 40], [760, 40], [760, 440], [40, 440]] as const;
  const portrait = [[80, 80], [240, 80], [240, 280], [80, 280]] as const;

  it('separates a zone whose cells stand out (AUC near 1), and reads a like zone as 0.5', () => {
    const hot = zoneStats(map(240, { x0: 10, y0: 10, x1: 30, y1: 35 }), 800, 480, 1, { zone: portrait, reference: [card], card });
    expect(hot!.auc).toBeGreaterThan(0.95);
    expect(hot!.fractionAbove).toBeGreaterThan(0.9);
    expect(hot!.zoneCells).toBe(20 * 25);
    const like = zoneStats(map(60, { x0: 0, y0: 0, x1: 0, y1: 0 }), 800, 480, 1, { zone: portrait, reference: [card], card });
    expect(like!.auc).toBeGreaterThan(0.4);
    expect(like!.auc).toBeLessThan(0.6);
  });

  it('reads lower-is-suspicious maps the right way round, and follows EXIF orientation', () => {
    // Low levels are suspicious: a zone of level 0 is more suspicious than the rest.
    const low = zoneStats(map(0, { x0: 10, y0: 10, x1: 30, y1: 35 }, false), 800, 480, 1, { zone: portrait, reference: [card], card });
    expect(low!.auc).toBeGreaterThan(0.95);
    // Orientation 3 (turned 180°): the upright zone at the top-left is the stored bottom-right.
    const turned = zoneStats(map(240, { x0: 70, y0: 25, x1: 90, y1: 50 }), 800, 480, 3, { zone: portrait, reference: [card], card });
    expect(turned!.auc).toBeGreaterThan(0.95);
  });

  it('returns null when the zone covers no cell of the card', () => {
    expect(zoneStats(map(240, { x0: 0, y0: 0, x1: 1, y1: 1 }), 800, 480, 1, { zone: [[0, 0], [4, 0], [4, 4], [0, 4]], reference: [card], card })).toBeNull();
    expect(insidePolygon(5, 5, [[0, 0], [10, 0], [10, 10], [0, 10]])).toBe(true);
    expect(insidePolygon(15, 5, [[0, 0], [10, 0], [10, 10], [0, 10]])).toBe(false);
  });
});

describe('document zones', () => {
  const doc = (lines: StoredDocument['lines']): StoredDocument => ({
    id: 7, sizeClass: 'ID1', side: 'back', rectifiedSha256: 'x', mrz: null, quad: [[0, 0], [1, 0], [1, 1], [0, 1]], rectifiedWidth: 1000, rectifiedHeight: 630, lines,
  });
  const mrzLines = [0, 1, 2].map((i) => ({ source: 'mrz' as const, text: 'X', box: { x: 30, y: 440 + i * 55, width: 940, height: 45 } }));

  it('makes one zone per MRZ line, a portrait area ending above the MRZ, and printed fields when read', () => {
    const zones = documentZones(doc(mrzLines), [{ field: 'surname', box: { x: 310, y: 130, width: 300, height: 30 } }]);
    expect(zones.map((z) => z.id)).toEqual(['mrz-line-1', 'mrz-line-2', 'mrz-line-3', 'portrait', 'field:surname']);
    const portrait = zones.find((z) => z.id === 'portrait')!;
    expect(portrait.source).toBe('generic-layout');
    expect(portrait.box.y + portrait.box.height).toBeLessThanOrEqual(440);
  });

  it('falls back to a generic personal-data area without printed-field OCR', () => {
    expect(documentZones(doc([]), []).map((z) => z.id)).toEqual(['portrait', 'personal-data']);
  });
});
