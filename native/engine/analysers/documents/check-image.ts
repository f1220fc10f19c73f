/**
 * One image through the document pipeline: find every document, straighten it, read its MRZ with the
 * OCR-B reader, parse and correct it with the MRZ engine, and apply the plausibility rules. Shared by the
 * `documents` analyser (cases) and `caselens check` (loose files). Pure computation: nothing is stored.
 */
import { performance } from 'node:perf_hooks';
import { checkPlausibility, readMrz, type MrzResult, type PlausibilityFinding, type PlausibilityTemplate } from '../../domain/mrz';
import type { ReadLine } from '../../domain/mrz/types';
import { rgbToGray } from '../../imaging/decode';
import type { Quad, RgbImage } from '../../imaging/raster';
import { findDocuments, type FoundDocument } from '../document-finder';
import { readMrzFromImage, type MrzReading } from '../mrz-reader';
import { measureTextPresence } from '../text-ocr/text-presence';
import { BandRereader, type BandReading } from './band-reread';
import type { DocumentSide, SizeClass } from '../../contract';

export interface CheckedDocument {
  /** Outline in the coordinates of the image given to {@link checkImage}. */
  readonly quad: Quad;
  readonly sizeClass: SizeClass;
  readonly side: DocumentSide;
  readonly method: string;
  readonly confidence: number;
  readonly confidenceParts: Readonly<Record<string, number>>;
  /** The document straightened to its canonical 300-dpi size, MRZ (when read) at the bottom. */
  readonly rectified: RgbImage;
  /** The OCR-B reader's output (cells in rectified coordinates), or null when no MRZ was located. */
  readonly reading: { readonly lines: readonly ReadLine[]; readonly confidence: number } | null;
  readonly mrz: MrzResult | null;
  readonly plausibility: readonly PlausibilityFinding[];
}

export interface CheckTimings {
  findMs: number;
  readMs: number;
  parseMs: number;
}

export interface CheckOptions {
  /** The day plausibility is judged against (expiry), `YYYY-MM-DD`. */
  readonly today: string;
  readonly template?: PlausibilityTemplate;
}

function rotateRgb180(image: RgbImage): RgbImage {
  const out = new Uint8Array(image.data.length);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    const j = n - 1 - i;
    out[i * 3] = image.data[j * 3]!;
    out[i * 3 + 1] = image.data[j * 3 + 1]!;
    out[i * 3 + 2] = image.data[j * 3 + 2]!;
  }
  return { width: image.width, height: image.height, data: out };
}

/** Reader cells of an image, re-expressed for the same image turned by 180 degrees. */
function turnLines(lines: readonly ReadLine[], width: number, height: number): ReadLine[] {
  const turn = <B extends { x: number; y: number; width: number; height: number }>(b: B) => ({ x: width - b.x - b.width, y: height - b.y - b.height, width: b.width, height: b.height });
  return lines.map((line) => ({ chars: line.chars.map((c) => ({ candidates: c.candidates, ...(c.box ? { box: turn(c.box) } : {}) })), ...(line.box ? { box: turn(line.box) } : {}) }));
}

const turnQuad = (q: Quad): Quad => [q[2], q[3], q[0], q[1]];

function sideOf(sizeClass: SizeClass, reading: MrzReading | null): DocumentSide {
  if (!reading) return sizeClass === 'ID1' ? 'front' : 'unknown';
  return sizeClass === 'ID1' ? 'back' : 'data-page';
}

/** Read one found document: MRZ (either way up), parse, plausibility. */
function readDocument(found: FoundDocument, options: CheckOptions, timings: CheckTimings): CheckedDocument {
  const t0 = performance.now();
  const gray = rgbToGray(found.rectified);
  const reading = readMrzFromImage(gray);
  const t1 = performance.now();
  timings.readMs += t1 - t0;
  let rectified = found.rectified;
  let quad = found.quad;
  let lines = reading?.lines ?? null;
  if (reading && reading.orientation === 180) {
    // Store the document upright: the MRZ belongs at the bottom.
    rectified = rotateRgb180(rectified);
    quad = turnQuad(quad);
    lines = turnLines(reading.lines, rectified.width, rectified.height);
  }
  const mrz = lines ? readMrz(lines) : null;
  const plausibility = mrz?.format ? checkPlausibility(mrz, { today: options.today, ...(options.template ? { template: options.template } : {}) }) : [];
  timings.parseMs += performance.now() - t1;
  return {
    quad,
    sizeClass: found.sizeClass,
    side: sideOf(found.sizeClass, reading),
    method: found.method,
    confidence: found.confidence,
    confidenceParts: { ...found.confidenceParts },
    rectified,
    reading: lines && reading ? { lines, confidence: reading.confidence } : null,
    mrz,
    plausibility,
  };
}

/**
 * A found outline without a readable MRZ, and without an MRZ band where its size class has one, is kept only when
 * its rectified image is covered by printed text the way a document side is: at least 8 % of its area in at least 10 text-line candidates. Measured on
 * 2026-12-02: generated TD1 fronts 16.6-20.2 % in 23-27 lines; the 77 false outlines the finder returned on
 * the demo case's synthetic photos (drawn rectangles, whole 4:3 frames) at most 1.9 % in 21 lines.
 */
export const NO_MRZ_MIN_TEXT_COVERAGE = 0.08;
export const NO_MRZ_MIN_TEXT_LINES = 10;

/**
 * A reading from the rectified image at or above this mean confidence, with every check digit holding, is
 * not read again from the photograph: clean captures read at 0.95-0.99, and a second read costs the band
 * detection (~70 ms) for nothing.
 */
export const REREAD_BELOW_CONFIDENCE = 0.9;

/** Rank of a reading: all checks holding first, then the share of checks holding, then reader confidence. */
function rank(mrz: MrzResult | null, confidence: number): number {
  if (!mrz || !mrz.format) return -1;
  const held = mrz.checks.length ? mrz.checks.filter((c) => c.valid).length / mrz.checks.length : 0;
  return (mrz.valid ? 2 : 0) + held + confidence / 10;
}

/** Replace a document's reading by a better one taken from the photograph along its MRZ band. */
function withBandReading(doc: CheckedDocument, band: BandReading, options: CheckOptions): CheckedDocument {
  const mrz = readMrz(band.lines);
  if (rank(mrz, band.confidence) <= rank(doc.mrz, doc.reading?.confidence ?? 0)) return doc;
  const plausibility = mrz.format ? checkPlausibility(mrz, { today: options.today, ...(options.template ? { template: options.template } : {}) }) : [];
  return { ...doc, side: doc.sizeClass === 'ID1' ? 'back' : 'data-page', reading: { lines: band.lines, confidence: band.confidence }, mrz, plausibility, method: `${doc.method}+band-reread` };
}

/** Every document in an upright decoded image, read and checked; stage timings added to `timings`. */
export async function checkImage(image: RgbImage, options: CheckOptions, timings: CheckTimings): Promise<CheckedDocument[]> {
  const t0 = performance.now();
  const found = await findDocuments(image);
  timings.findMs += performance.now() - t0;
  const documents: CheckedDocument[] = [];
  let rereader: BandRereader | null = null;
  for (const doc of found) {
    let checked = readDocument(doc, options, timings);
    if (!checked.mrz?.valid || (checked.reading?.confidence ?? 0) < REREAD_BELOW_CONFIDENCE) {
      const t1 = performance.now();
      rereader ??= new BandRereader(rgbToGray(image));
      for (const band of await rereader.readInside(checked.quad, checked.rectified.width, checked.rectified.height)) checked = withBandReading(checked, band, options);
      timings.readMs += performance.now() - t1;
    }
    // An outline whose MRZ band the finder saw where the size class puts it is a document even when no reader
    // makes sense of the band (an MRZ set in a font that is not OCR-B): only outlines without one must show text.
    if (!checked.mrz && doc.sizeClassFrom !== 'mrz') {
      const t1 = performance.now();
      const text = await measureTextPresence(checked.rectified);
      timings.findMs += performance.now() - t1;
      if (text.coverage < NO_MRZ_MIN_TEXT_COVERAGE || text.lines < NO_MRZ_MIN_TEXT_LINES) continue;
    }
    documents.push(checked);
  }
  return documents;
}
