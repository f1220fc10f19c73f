/**
 * The zones of a found document that per-zone forensics compares: each MRZ line (as the MRZ reader found
 * it), each printed field (from the printed-field OCR, when it ran) and the portrait area.
 *
 * Without a template (document templates come with their own zones) the portrait and personal-data areas
 * follow the generic ICAO Doc 9303 layouts: on TD1 cards (Part 5, zone V) and TD2/TD3 data pages (Parts 6
 * and 4) the portrait sits at the left edge, below the header, above the MRZ; the personal data zone is
 * to its right. The boxes below cover that area on the specimens of Doc 9303 with a margin; a card with
 * another layout gets a portrait zone in the wrong place, which is why a zone's source is always stated.
 */
import type { BoxView } from '../../contract/documents';
import type { StoredDocument } from '../../pipeline/analyser';

export interface DocumentZone {
  readonly id: string;
  readonly kind: 'portrait' | 'text' | 'mrz';
  /** Printed field name for text zones read by the VIZ OCR. */
  readonly field: string | null;
  /** In rectified document pixels. */
  readonly box: BoxView;
  readonly source: 'mrz-lines' | 'viz-field' | 'generic-layout';
}

/** Generic portrait area as fractions [x, y, width, height] of the rectified document, by size class. */
const GENERIC_PORTRAIT: Readonly<Record<StoredDocument['sizeClass'], readonly [number, number, number, number]>> = {
  ID1: [0.02, 0.15, 0.3, 0.5],
  ID2: [0.02, 0.15, 0.28, 0.5],
  ID3: [0.03, 0.18, 0.3, 0.5],
};
/** Generic personal-data area (right of the portrait, above the MRZ). */
const GENERIC_TEXT: Readonly<Record<StoredDocument['sizeClass'], readonly [number, number, number, number]>> = {
  ID1: [0.33, 0.15, 0.65, 0.5],
  ID2: [0.31, 0.15, 0.67, 0.5],
  ID3: [0.34, 0.18, 0.64, 0.5],
};

const box = (doc: StoredDocument, [x, y, w, h]: readonly [number, number, number, number]): BoxView => ({
  x: Math.round(x * doc.rectifiedWidth),
  y: Math.round(y * doc.rectifiedHeight),
  width: Math.round(w * doc.rectifiedWidth),
  height: Math.round(h * doc.rectifiedHeight),
});

function union(boxes: readonly BoxView[]): BoxView {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const overlaps = (a: BoxView, b: BoxView) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Zones of one document; `vizFields` are the printed fields read from it (box in document pixels). */
export function documentZones(doc: StoredDocument, vizFields: readonly { readonly field: string; readonly box: BoxView }[]): DocumentZone[] {
  const zones: DocumentZone[] = [];
  const mrzBoxes = doc.lines.filter((l) => l.source === 'mrz').map((l) => l.box);
  const mrz = mrzBoxes.length ? union(mrzBoxes) : null;
  // One zone per MRZ line: lines are compared with each other (a re-typed line stands out against the
  // others, printed with the same font on the same background); the MRZ as a whole has no like reference.
  mrzBoxes.forEach((b, i) => zones.push({ id: `mrz-line-${i + 1}`, kind: 'mrz', field: null, box: b, source: 'mrz-lines' }));
  // Generic areas end above the MRZ where one was read (TD1 cards printed with data and MRZ on one side).
  const aboveMrz = (b: BoxView): BoxView => (mrz && overlaps(b, mrz) ? { ...b, height: Math.max(0, mrz.y - b.y) } : b);
  zones.push({ id: 'portrait', kind: 'portrait', field: null, box: aboveMrz(box(doc, GENERIC_PORTRAIT[doc.sizeClass])), source: 'generic-layout' });
  if (vizFields.length) {
    for (const f of vizFields) zones.push({ id: `field:${f.field}`, kind: 'text', field: f.field, box: f.box, source: 'viz-field' });
  } else {
    zones.push({ id: 'personal-data', kind: 'text', field: null, box: aboveMrz(box(doc, GENERIC_TEXT[doc.sizeClass])), source: 'generic-layout' });
  }
  return zones.filter((z) => z.box.width > 0 && z.box.height > 0);
}
